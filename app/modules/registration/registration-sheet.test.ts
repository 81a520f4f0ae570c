import { describe, expect, it } from "vitest";
import { makeIdNumber } from "~/modules/members/id-number";
import { locateSheetColumns, parseSheetRows, REGISTRATION_SHEET_COLUMNS } from "./registration-sheet";

const id = makeIdNumber("330106", { y: 1990, m: 5, d: 17 }, 123);

describe("the unit contact's registration sheet", () => {
  it("finds every column by its header, whatever the brackets; names the missing required ones", () => {
    const headers = [undefined, ...REGISTRATION_SHEET_COLUMNS.map((c) => c.header.replace("(是/否)", "（是/否）"))];
    const { columns, problems } = locateSheetColumns(headers);
    expect(problems).toEqual([]);
    expect(columns.get("declaredNoAccident")).toBe(9);
    expect(locateSheetColumns([undefined, "姓名"]).problems.map((p) => p.column)).toEqual(["身份证号"]);
  });

  it("reads a good row: skill level short names, 是/否, numbers as text", () => {
    const { parsed, problems } = parseSheetRows([{ row: 2, cells: { name: "张三", idNumber: id.toLowerCase(), skillLevel: "技师", yearsOfService: "7", declaredNoAccident: "是", teamName: "焊花队" } }]);
    expect(problems).toEqual([]);
    expect(parsed[0]).toMatchObject({ row: 2, name: "张三", idNumber: id, fields: { skillLevel: "二级/技师", yearsOfService: 7, declaredNoAccident: true, teamName: "焊花队" } });
  });

  it("reports every problem of a row with its row number and column, Chinese first", () => {
    const { parsed, problems } = parseSheetRows([
      { row: 3, cells: { name: "", idNumber: 330106199005171230, skillLevel: "特级", yearsOfService: -1, declaredNoAccident: "也许", employmentStatus: "退休" } },
    ]);
    expect(parsed).toEqual([]);
    expect(problems.map((p) => p.column)).toEqual(["姓名", "身份证号", "人员身份", "技能等级", "从业年限", "本年度无重大事故声明(是/否)"]);
    expect(problems.every((p) => p.row === 3)).toBe(true);
    expect(problems[1].message).toContain("文本格式");
  });
});
