import { describe, expect, it } from "vitest";
import { checkTheoryRows, parseCsv, readTheoryScore, tableToTheoryRows } from "./theory-import";

const admissions = new Map([["A001", "reg-1"], ["A002", "reg-2"], ["A003", "reg-3"]]);

describe("theory score import (rule S-35)", () => {
  it("reads scores 0–100 with at most 2 decimals, in hundredths", () => {
    expect(readTheoryScore("87.5")).toEqual({ value: 8750 });
    expect(readTheoryScore("100")).toEqual({ value: 10000 });
    expect(readTheoryScore("100.01")).toHaveProperty("message");
    expect(readTheoryScore("87.555")).toHaveProperty("message");
    expect(readTheoryScore("-1")).toHaveProperty("message");
  });

  it("rule S-35 worked example: a voided row needs its reason; one bad row imports nothing and every row is reported", () => {
    const result = checkTheoryRows(
      [
        { row: 2, admissionNo: "A001", score: "88", voided: "否" },
        { row: 3, admissionNo: "A009", score: "70" },
        { row: 4, admissionNo: "A002", score: "91.25", voided: "是", voidReason: "" },
        { row: 5, admissionNo: "A001", score: "60" },
      ],
      admissions,
    );
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([]);
    expect(result.report.map((r) => r.ok)).toEqual([true, false, false, false]);
    expect(result.report[1].messages.join()).toMatch(/不属于本赛项/);
    expect(result.report[2].messages.join()).toMatch(/S-35/);
    expect(result.report[3].messages.join()).toMatch(/重复/);
  });

  it("rule S-35: good rows import, a voided one with its reason", () => {
    const result = checkTheoryRows(
      [
        { row: 2, admissionNo: "A001", score: "88" },
        { row: 3, admissionNo: "A002", score: "91.25", voided: "是", voidReason: "答卷写有姓名" },
      ],
      admissions,
    );
    expect(result.ok).toBe(true);
    expect(result.rows).toEqual([
      { row: 2, admissionNo: "A001", registrationId: "reg-1", value: 8800, voided: false, voidReason: null },
      { row: 3, admissionNo: "A002", registrationId: "reg-2", value: 9125, voided: true, voidReason: "答卷写有姓名" },
    ]);
  });

  it("reads a CSV export with a BOM, quotes and Chinese headers", () => {
    const table = parseCsv('\uFEFF准考证号,成绩,作废,作废原因\r\nA001,88,,\r\n"A002","91.25",是,"写有姓名, 单位"\r\n');
    const rows = tableToTheoryRows(table);
    expect(rows).toEqual({
      rows: [
        { row: 2, admissionNo: "A001", score: "88", voided: "", voidReason: "" },
        { row: 3, admissionNo: "A002", score: "91.25", voided: "是", voidReason: "写有姓名, 单位" },
      ],
    });
  });

  it("names the missing columns", () => {
    expect(tableToTheoryRows([["姓名", "分数"]])).toHaveProperty("message");
  });
});
