import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineJudgeMarks, meanMark, trimmedMean, zeroToThreeMark } from "./combine-judges";
import { compareRational, formatRational, rational } from "./exact";
import type { JudgeMark } from "./marks";
import { settingsWith, workedScheme } from "./test-fixtures";

const judges = (...values: number[]): JudgeMark[] => values.map((value, i) => ({ judgeId: `J${i + 1}`, value }));
const h = (...points: number[]) => points.map((p) => Math.round(p * 100));

describe("rule S-21: five judges, drop one highest and one lowest, average the other three", () => {
  it("8, 7, 9, 6, 8 → drop 9 and 6 → (8 + 7 + 8) ÷ 3 = 7.67", () => {
    const mark = trimmedMean(h(8, 7, 9, 6, 8), 5);
    expect(mark).toEqual(rational(2300, 3)); // exactly 7⅔, not 7.666666…
    expect(formatRational(mark)).toBe("7.67");
  });

  it("names the judges whose marks were dropped", () => {
    const scheme = workedScheme();
    const fit = scheme.aspects[1];
    const combined = combineJudgeMarks(fit, judges(...h(8, 7, 9, 6, 8)), settingsWith());
    expect(combined).toMatchObject({ method: "trimmed-mean", droppedHigh: "J3", droppedLow: "J4" });
  });
});

describe("rule S-22: shared extremes and small panels", () => {
  it("9, 9, 7, 6, 6 → only ONE 9 and ONE 6 are dropped → (9 + 7 + 6) ÷ 3 = 7.33", () => {
    const mark = trimmedMean(h(9, 9, 7, 6, 6), 5);
    expect(mark).toEqual(rational(2200, 3));
    expect(formatRational(mark)).toBe("7.33");
  });

  it("with 4 judges (fewer than the default 5) the plain mean is used: (9 + 8 + 7 + 4) ÷ 4 = 7.00", () => {
    expect(trimmedMean(h(9, 8, 7, 4), 5)).toEqual(rational(700));
    const combined = combineJudgeMarks(workedScheme().aspects[1], judges(...h(9, 8, 7, 4)), settingsWith());
    expect(combined?.method).toBe("mean");
  });

  it("the minimum panel is a setting: with 4 allowed, 9, 8, 7, 4 → (8 + 7) ÷ 2 = 7.50", () => {
    expect(trimmedMean(h(9, 8, 7, 4), 4)).toEqual(rational(750));
    const combined = combineJudgeMarks(workedScheme().aspects[1], judges(...h(9, 8, 7, 4)), settingsWith({ trimmedMeanMinimumJudges: 4 }));
    expect(combined?.mark).toEqual(rational(750));
  });

  it("plain mean of all judges (rule S-22, one enterprise contest): 9, 8, 7, 4, 6 → 6.80", () => {
    expect(meanMark(h(9, 8, 7, 4, 6))).toEqual(rational(680));
  });
});

describe("0–3 judgement scale (WorldSkills style): mark = mean ÷ 3 × maximum", () => {
  it("2, 3, 2 on an aspect worth 5 → 7/3 ÷ 3 × 5 = 35/9 = 3.89", () => {
    const mark = zeroToThreeMark([2, 3, 2], 500);
    expect(mark).toEqual(rational(3500, 9));
    expect(formatRational(mark)).toBe("3.89");
  });

  it("all judges at 3 give the full maximum, all at 0 give nothing", () => {
    expect(zeroToThreeMark([3, 3, 3], 500)).toEqual(rational(500));
    expect(zeroToThreeMark([0, 0, 0], 500)).toEqual(rational(0));
  });
});

describe("measurement aspects take the agreed value", () => {
  it("two judges entering 20 → 20", () => {
    const gauge = workedScheme().aspects[2];
    expect(combineJudgeMarks(gauge, judges(2000, 2000), settingsWith())).toMatchObject({ mark: rational(2000), method: "agreed" });
  });
});

describe("properties", () => {
  const panel = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 9 });

  it("a trimmed mean lies between the lowest and the highest mark", () => {
    fc.assert(
      fc.property(panel, fc.integer({ min: 3, max: 7 }), (values, minimum) => {
        const mark = trimmedMean(values, minimum);
        expect(compareRational(mark, rational(Math.min(...values)))).toBeGreaterThanOrEqual(0);
        expect(compareRational(mark, rational(Math.max(...values)))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("the order the judges' marks arrive in never changes the result (nor who was dropped)", () => {
    const fit = workedScheme().aspects[1];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("mean", "trimmed-mean") as fc.Arbitrary<"mean" | "trimmed-mean">,
        fc.infiniteStream(fc.nat()),
        (values, method, randomness) => {
          const settings = settingsWith({ judgeAggregation: method });
          const marks = judges(...values);
          const shuffled = [...marks];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = randomness.next().value % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
          }
          expect(combineJudgeMarks(fit, shuffled, settings)).toEqual(combineJudgeMarks(fit, marks, settings));
        },
      ),
    );
  });
});
