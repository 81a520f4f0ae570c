import { describe, expect, it } from "vitest";
import { settingsWith } from "./test-fixtures";
import { integerSquareRoot, standardiseScores } from "./standardise";

const totals = (...points: number[]) => points.map((p, i) => ({ entrantId: `E${i + 1}`, total: Math.round(p * 100) }));
const settings = settingsWith({ standardisation: { enabled: true } }).standardisation;

describe("standardised score: median → 700, one standard deviation → 100", () => {
  it("60, 70, 80: median 70, σ = √(200/3) = 8.16 → 577.53, 700.00, 822.47", () => {
    const result = standardiseScores(totals(60, 70, 80), settings);
    expect(result.medianText).toBe("70.00");
    expect(result.standardDeviationText).toBe("8.16");
    // 700 + 100 × 10 / 8.16497 = 700 + 122.474…
    expect(result.entries.map((e) => e.standardisedText)).toEqual(["577.53", "700.00", "822.47"]);
  });

  it("an even field uses the mean of the two middle totals: 60, 70, 80, 90 → median 75, σ = √125 = 11.18", () => {
    const result = standardiseScores(totals(60, 70, 80, 90), settings);
    expect(result.medianText).toBe("75.00");
    expect(result.standardDeviationText).toBe("11.18");
    // 700 ± 100 × 15 / 11.1803 = 700 ± 134.164; 700 ± 100 × 5 / 11.1803 = 700 ± 44.721
    expect(result.entries.map((e) => e.standardisedText)).toEqual(["565.84", "655.28", "744.72", "834.16"]);
  });

  it("a skewed field: the median, not the mean, sits at 700", () => {
    const result = standardiseScores(totals(50, 80, 81, 82), settings);
    expect(result.medianText).toBe("80.50");
    expect(result.entries[1].standardised).toBeLessThan(70000);
    expect(result.entries[2].standardised).toBeGreaterThan(70000);
  });

  it("everyone equal → 700.00 for all", () => {
    expect(standardiseScores(totals(75, 75), settings).entries.map((e) => e.standardisedText)).toEqual(["700.00", "700.00"]);
  });

  it("centre and spread are settings (500 / 100 like older WorldSkills results)", () => {
    const result = standardiseScores(totals(60, 70, 80), settingsWith({ standardisation: { centre: 500 } }).standardisation);
    expect(result.entries.map((e) => e.standardisedText)).toEqual(["377.53", "500.00", "622.47"]);
  });
});

describe("integerSquareRoot", () => {
  it("is exact for large numbers", () => {
    expect(integerSquareRoot(10n ** 40n)).toBe(10n ** 20n);
    expect(integerSquareRoot(10n ** 40n - 1n)).toBe(10n ** 20n - 1n);
    expect(integerSquareRoot(2n)).toBe(1n);
  });
});
