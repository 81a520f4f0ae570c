import { describe, expect, it } from "vitest";
import { parseMarkingScheme } from "~/modules/scoring";
import { rowsToScheme, schemeToRows, type SchemeRow } from "./scheme-rows";
import { EXAMPLE_WELDING_SCHEME } from "./test-schemes";

const asRows = (scheme = EXAMPLE_WELDING_SCHEME): SchemeRow[] => schemeToRows(scheme).map((cells, i) => ({ row: i + 2, cells }));

describe("a marking scheme as spreadsheet rows", () => {
  it("writes one row per aspect, repeating component, module and criterion", () => {
    const rows = schemeToRows(EXAMPLE_WELDING_SCHEME);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ componentId: "T", componentKind: "理论", weight: "0.3", aspectKind: "测量", measurementMode: "一致确认" });
    expect(rows[1]).toMatchObject({ componentId: "P", weight: "0.7", moduleId: "P1", aspectId: "P1-1", measurementMode: "按步扣分", tolerance: "0.5", step: "0.5", deductionPerStep: "2" });
    expect(rows[3]).toMatchObject({ aspectKind: "评价", measurementMode: null });
  });

  it("reads its own rows back to the same scheme (round trip)", () => {
    const result = rowsToScheme(asRows());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(parseMarkingScheme(result.scheme).scheme.aspects.map((a) => [a.id, a.max])).toEqual(
      parseMarkingScheme(EXAMPLE_WELDING_SCHEME).scheme.aspects.map((a) => [a.id, a.max]),
    );
    expect(schemeToRows(result.scheme)).toEqual(schemeToRows(EXAMPLE_WELDING_SCHEME));
  });

  it("accepts English keys, synonyms and percentages", () => {
    const rows = asRows();
    rows[0].cells = { ...rows[0].cells, componentKind: "theory", weight: "30%", aspectKind: "measurement" };
    rows[3].cells = { ...rows[3].cells, aspectKind: "主观" };
    const result = rowsToScheme(rows);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scheme.components[0]).toMatchObject({ kind: "theory", weight: "0.3" });
  });

  it("reports every bad row at once, by row number and column (maximum above 100, unknown kind)", () => {
    const rows = asRows();
    rows[1].cells = { ...rows[1].cells, max: 150 };
    rows[3].cells = { ...rows[3].cells, aspectKind: "打分" };
    const result = rowsToScheme(rows);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([[3, "满分"], [5, "评分方式"]]);
    expect(result.problems[0].message).toContain("超过 100");
    expect(result.problems[1].message).toContain("「打分」");
  });

  it("names the rows of each component when weights do not add up to 1", () => {
    const rows = asRows().map((r) => (r.cells.componentId === "P" ? { ...r, cells: { ...r.cells, weight: "0.6" } } : r));
    const result = rowsToScheme(rows);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.row)).toEqual([2, 3]);
    expect(result.problems[0].message).toContain("0.9");
    expect(result.problems[0].message).toContain("第 2、3 行");
  });

  it("refuses a component whose rows disagree on its weight", () => {
    const rows = asRows();
    rows[2].cells = { ...rows[2].cells, weight: "0.5" };
    const result = rowsToScheme(rows);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ row: 4, column: "权重" });
  });

  it("maps the engine's refusals back to rows (duplicate aspect id)", () => {
    const rows = asRows();
    rows[4].cells = { ...rows[4].cells, aspectId: "P1-1" };
    const result = rowsToScheme(rows);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ row: 6, column: "评分点编号" })]);
  });

  it("asks for the step and deduction of a step rule, and for required cells", () => {
    const rows = asRows();
    rows[1].cells = { ...rows[1].cells, step: null, deductionPerStep: null };
    rows[2].cells = { ...rows[2].cells, moduleId: null };
    const result = rowsToScheme(rows);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => [p.row, p.column])).toEqual([[3, "步长"], [3, "每步扣分"], [4, "模块编号"]]);
  });

  it("passes on the engine's warning when theory is above 30% (rule S-10)", () => {
    const rows = asRows().map((r) => ({ ...r, cells: { ...r.cells, weight: r.cells.componentId === "T" ? "0.4" : "0.6" } }));
    const result = rowsToScheme(rows);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings[0]).toContain("S-10");
  });
});
