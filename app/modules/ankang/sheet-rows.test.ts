import { describe, expect, it } from "vitest";
import { rowsToSheet, sheetToRows } from "./sheet-rows";
import { CITY_SHEET_A10 } from "./standard-sheets";

describe("the score sheet as worksheet rows (Excel import and export)", () => {
  it("round-trips the city sheet of A-10", () => {
    const rows = sheetToRows(CITY_SHEET_A10).map((cells, i) => ({ row: i + 2, cells }));
    const back = rowsToSheet(rows);
    expect(back.problems).toEqual([]);
    expect(back.sheet!.sections.map((s) => s.items.length)).toEqual(CITY_SHEET_A10.sections.map((s) => s.items.length));
    expect(back.sheet!.sections[0]!.items[0]!.deduction).toEqual(CITY_SHEET_A10.sections[0]!.items[0]!.deduction);
    expect(back.sheet!.bonusItems).toEqual(CITY_SHEET_A10.bonusItems);
    expect(back.sheet!.vetoItems).toEqual(CITY_SHEET_A10.vetoItems);
  });
  it("reports every bad row and imports nothing", () => {
    const r = rowsToSheet([
      { row: 2, cells: ["评分项", "1.1", "无部分", 3, null, null] },
      { row: 3, cells: ["部分", "1", "组织领导", null, null, null] },
      { row: 4, cells: ["评分项", "1.2", "负分", -1, null, null] },
      { row: 5, cells: ["其他", "x", "y", null, null, null] },
    ]);
    expect(r.sheet).toBeNull();
    expect(r.problems.map((p) => p.row)).toEqual([2, 4, 5]);
  });
});
