import { describe, expect, it } from "vitest";
import { makeIdNumber } from "./id-number";
import { commonPath, IMPORT_MESSAGES, locateColumns, resolveUnit, rowRanges, validateSheetRows, type SheetRow } from "./member-import";
import { findUploadProblem, MAX_IMPORT_BYTES, SHEET_COLUMNS } from "./member-fields";

const units = [
  { id: "u1", name: "焊接班组" },
  { id: "u2", name: "装配车间" },
  { id: "u3", name: "装配车间" },
];
const idA = makeIdNumber("330105", { y: 1985, m: 1, d: 2 }, 11);
const idB = makeIdNumber("330105", { y: 1992, m: 7, d: 9 }, 22);
const good = (row: number, idNumber: string): SheetRow => ({ row, cells: { name: `工人${row}`, ethnicity: "汉族", idNumber, unit: "焊接班组" } });

describe("locateColumns", () => {
  it("finds the export's headers in any order, ignoring required-marks", () => {
    const { columns, problems } = locateColumns([undefined, "身份证号*", "姓名", "民族", "所在单位"]);
    expect(problems).toEqual([]);
    expect(columns.get("idNumber")).toBe(1);
    expect(columns.get("unit")).toBe(4);
  });
  it("reports every missing required column on row 1", () => {
    const { problems } = locateColumns(["姓名"]);
    expect(problems.map((p) => p.column)).toEqual(["民族", "身份证号", "所在单位"]);
    expect(problems.every((p) => p.row === 1)).toBe(true);
  });
  it("the export layout is complete", () => {
    expect(locateColumns(SHEET_COLUMNS.map((c) => c.header)).problems).toEqual([]);
  });
});

describe("resolveUnit", () => {
  it("by unique name, by id, and never outside the given units", () => {
    expect(resolveUnit({ unit: "焊接班组" }, units)).toEqual({ orgId: "u1" });
    expect(resolveUnit({ unit: "装配车间", unitId: "u3" }, units)).toEqual({ orgId: "u3" });
    expect(resolveUnit({ unit: "装配车间" }, units)).toEqual({ message: IMPORT_MESSAGES.unitAmbiguous("装配车间") });
    expect(resolveUnit({ unit: "乙市某厂" }, units)).toEqual({ message: IMPORT_MESSAGES.unitUnknown("乙市某厂") });
    expect(resolveUnit({ unit: "焊接班组", unitId: "u2" }, units)).toEqual({ message: IMPORT_MESSAGES.unitMismatch("焊接班组", "u2") });
    expect(resolveUnit({}, units)).toEqual({ message: IMPORT_MESSAGES.unitRequired });
  });
});

describe("validateSheetRows", () => {
  it("accepts good rows and keeps their Excel row numbers", () => {
    const { valid, problems } = validateSheetRows([good(2, idA), good(4, idB)], units);
    expect(problems).toEqual([]);
    expect(valid.map((v) => v.row)).toEqual([2, 4]);
    expect(valid[0].input.orgId).toBe("u1");
  });
  it("reports every bad row with its field and reason", () => {
    const bad = idA.slice(0, 17) + (idA[17] === "1" ? "2" : "1");
    const { valid, problems } = validateSheetRows([
      good(2, idB),
      { row: 3, cells: { ...good(3, bad).cells } },
      { row: 5, cells: { ...good(5, idA).cells, unit: "乙市某厂", phone: "123" } },
    ], units);
    expect(valid.map((v) => v.row)).toEqual([2]);
    expect(problems.map((p) => [p.row, p.field])).toEqual([[3, "idNumber"], [5, "unit"], [5, "phone"]]);
    expect(problems[0].column).toBe("身份证号");
  });
  it("finds a duplicate ID number inside the file and names the first row", () => {
    const { problems } = validateSheetRows([good(2, idA), good(3, idA.toLowerCase())], units);
    expect(problems).toEqual([{ row: 3, field: "idNumber", column: "身份证号", message: IMPORT_MESSAGES.duplicateInFile(2) }]);
  });
  it("explains an ID number that Excel turned into a number", () => {
    const { problems } = validateSheetRows([{ row: 2, cells: { ...good(2, idA).cells, idNumber: 3.30105198501e17 } }], units);
    expect(problems).toEqual([{ row: 2, field: "idNumber", column: "身份证号", message: IMPORT_MESSAGES.idNumberAsNumber }]);
  });
});

describe("helpers", () => {
  it("rowRanges compresses row numbers", () => {
    expect(rowRanges([2, 3, 4, 7, 9, 10])).toBe("2-4,7,9-10");
    expect(rowRanges([])).toBe("");
  });
  it("commonPath finds the deepest shared organisation", () => {
    expect(commonPath(["/a/b/c/", "/a/b/d/e/"])).toBe("/a/b/");
    expect(commonPath(["/a/b/c/"])).toBe("/a/b/c/");
    expect(commonPath(["/a/", "/x/"])).toBeNull();
  });
  it("findUploadProblem refuses non-xlsx names and contents and big files", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    expect(findUploadProblem({ name: "会员.xlsx", size: 1000, head: zip })).toBeNull();
    expect(findUploadProblem({ name: "会员.xls", size: 1000, head: zip })).toBe("notXlsx");
    expect(findUploadProblem({ name: "会员.xlsx", size: 1000, head: new Uint8Array([0x3c, 0x68, 0x74, 0x6d]) })).toBe("notXlsx");
    expect(findUploadProblem({ name: "会员.xlsx", size: MAX_IMPORT_BYTES + 1, head: zip })).toBe("tooLarge");
    expect(findUploadProblem({ name: "", size: 0, head: new Uint8Array() })).toBe("missing");
  });
});
