import { describe, expect, it } from "vitest";
import { TEMPLATE_QIBI_YICHUANG } from "./indicators";
import { HEAT_COLOURS, heatLevel, heatMap } from "./heat-map";

describe("the indicator heat map of a period (issue 14 item 8)", () => {
  it("colours by score rate in five steps: under 60 %, 60, 75, 85, 95 % and over", () => {
    expect(heatLevel(5_999, 10_000)).toEqual({ rate: 5_999, level: 0 });
    expect(heatLevel(6_000, 10_000)).toEqual({ rate: 6_000, level: 1 });
    expect(heatLevel(7_500, 10_000).level).toBe(2);
    expect(heatLevel(8_499, 10_000).level).toBe(2);
    expect(heatLevel(8_500, 10_000).level).toBe(3);
    expect(heatLevel(9_500, 10_000).level).toBe(4);
    // a quantity item out of 20 points scored 19 is 95 %
    expect(heatLevel(1_900, 2_000)).toEqual({ rate: 9_500, level: 4 });
    expect(heatLevel(0, 0)).toEqual({ rate: 0, level: 0 });
  });

  it("gives one row per unit in the board's order and one cell per indicator; a missing score counts 0", () => {
    const set = TEMPLATE_QIBI_YICHUANG;
    const safety = set.indicators.find((i) => i.role === "safety")!;
    const rows = heatMap(set, [
      { unitId: "S1", group: "section", scores: Object.fromEntries(set.indicators.map((i) => [i.key, i.max])) },
      { unitId: "S2", group: "section", scores: { [safety.key]: 0 } },
    ]);
    expect(rows.map((r) => r.unitId)).toEqual(["S1", "S2"]);
    expect(rows[0].cells.map((c) => c.key)).toEqual(set.indicators.map((i) => i.key));
    expect(rows[0].cells.every((c) => c.rate === 10_000 && c.level === 4)).toBe(true);
    // the vetoed unit's safety (zeroed, rule L-7) shows at the bottom of the scale, like its unscored items
    expect(rows[1].cells.find((c) => c.key === safety.key)).toMatchObject({ score: 0, rate: 0, level: 0 });
    expect(rows[1].cells.every((c) => c.level === 0)).toBe(true);
  });

  it("every step has its own colour", () => {
    expect(new Set(Object.values(HEAT_COLOURS).map((c) => c.background)).size).toBe(5);
  });
});
