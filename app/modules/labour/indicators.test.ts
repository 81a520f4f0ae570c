import { describe, expect, it } from "vitest";
import {
  checkIndicatorSet, completionRatio, eventsScore, quantityScore, rubricScore, safeDaysScore, weightedContribution,
  INDICATOR_TEMPLATES, TEMPLATE_QIBI_YICHUANG, type IndicatorSet,
} from "./indicators";

describe("indicator sets (rule L-1)", () => {
  it("every template sums to 100 % and is valid", () => {
    for (const set of Object.values(INDICATOR_TEMPLATES)) expect(checkIndicatorSet(set)).toEqual([]);
    expect(TEMPLATE_QIBI_YICHUANG.indicators.map((i) => i.name)).toEqual([
      "比党建引领", "比工程进度", "比工程质量", "比安全生产", "比科学管理", "比技术创新", "比文明施工", "创优质工程",
    ]);
  });
  it("refuses weights that do not sum to 100 %, naming the sum", () => {
    const set: IndicatorSet = { name: "x", indicators: [{ ...TEMPLATE_QIBI_YICHUANG.indicators[0], weight: 6000 }, { ...TEMPLATE_QIBI_YICHUANG.indicators[1], weight: 3950 }] };
    const issues = checkIndicatorSet(set);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain("99.50%");
    expect(issues[0].message).toMatch(/^指标权重合计须为 100%/);
  });
  it("refuses an empty set, duplicate keys, zero weights and zero maxima", () => {
    expect(checkIndicatorSet({ name: "x", indicators: [] })[0].path).toBe("indicators");
    const a = TEMPLATE_QIBI_YICHUANG.indicators[0];
    const paths = checkIndicatorSet({ name: "x", indicators: [{ ...a, weight: 10000 }, { ...a, weight: 0, max: 0 }] }).map((i) => i.path);
    expect(paths).toEqual(["indicators.1.key", "indicators.1.weight", "indicators.1.max"]);
  });
});

describe("indicator methods", () => {
  const item = { name: "比工程质量", max: 10000 };
  it("rubric: mean of the committee's scores, rounded half up (rule L-11)", () => {
    expect(rubricScore(item, [9000, 8500, 8000])).toBe(8500);
    expect(rubricScore(item, [9001, 9000, 9000])).toBe(9000); // 9000.33
    expect(rubricScore(item, [9001, 9001, 9000])).toBe(9001); // 9000.67
    expect(rubricScore(item, [])).toBe(0);
  });
  it("rubric: a score above the item's maximum or below zero is refused with the item named", () => {
    expect(() => rubricScore(item, [10001])).toThrow(/「比工程质量」得分不能超过满分 100.00/);
    expect(() => rubricScore(item, [-1])).toThrow(/不能为负/);
  });
  it("quantity: actual ÷ plan, capped at 100 % by default (rule L-8)", () => {
    expect(completionRatio(200, 230)).toBe(11500);
    expect(quantityScore({ max: 10000 }, 200, 150)).toBe(7500);
    expect(quantityScore({ max: 10000 }, 200, 230)).toBe(10000);
    expect(quantityScore({ max: 10000, capPercent: 120 }, 200, 230)).toBe(11500);
    expect(() => completionRatio(0, 5)).toThrow(/计划量须大于 0/);
  });
  it("safe days: days without an accident ÷ days in the period", () => {
    expect(safeDaysScore({ max: 10000 }, 30, 30)).toBe(10000);
    expect(safeDaysScore({ max: 10000 }, 20, 30)).toBe(6667);
    expect(safeDaysScore({ max: 10000 }, 40, 30)).toBe(10000);
  });
  it("events: base plus bonuses minus deductions, within 0 … max (rule L-4)", () => {
    expect(eventsScore({ max: 10000 }, [-300, 200])).toBe(9900);
    expect(eventsScore({ max: 10000 }, [500])).toBe(10000);
    expect(eventsScore({ max: 10000, base: 8000 }, [500])).toBe(8500);
    expect(eventsScore({ max: 10000 }, [-20000])).toBe(0);
  });
  it("weighted contribution: weight × score ÷ max in hundredths of a point", () => {
    expect(weightedContribution({ weight: 1250, max: 10000 }, 10000)).toBe(1250);
    expect(weightedContribution({ weight: 1250, max: 10000 }, 8533)).toBe(1067); // 1066.625
    expect(weightedContribution({ weight: 2500, max: 5000 }, 2500)).toBe(1250);
  });
});
