import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScoringInputError } from "./errors";
import {
  addRational,
  compareRational,
  equalRational,
  formatHundredths,
  parseMark,
  parseScaledDecimal,
  rational,
  roundRational,
  scaleRational,
} from "./exact";

describe("parseMark: user input to hundredths", () => {
  it("reads strings and numbers with up to 2 decimals", () => {
    expect(parseMark("8.75")).toBe(875);
    expect(parseMark(8.75)).toBe(875);
    expect(parseMark("8.7")).toBe(870);
    expect(parseMark("8")).toBe(800);
    expect(parseMark(" 8.50 ")).toBe(850);
    expect(parseMark("8.750")).toBe(875); // a trailing zero is not a third decimal
  });

  it("refuses more than 2 decimals, naming the field, Chinese first", () => {
    expect(() => parseMark("8.755", "marks[3].value")).toThrow(ScoringInputError);
    try {
      parseMark("8.755", "marks[3].value");
    } catch (error) {
      const issues = (error as ScoringInputError).issues;
      expect(issues).toEqual([
        { path: "marks[3].value", message: "最多保留 2 位小数 / at most 2 decimal places are allowed" },
      ]);
    }
  });

  it("refuses binary-float noise instead of rounding it away (0.1 + 0.2)", () => {
    expect(() => parseMark(0.1 + 0.2)).toThrow(/最多保留 2 位小数/);
  });

  it("refuses things that are not plain decimals", () => {
    for (const bad of ["abc", "", "1,5", "1e2", Number.NaN, Number.POSITIVE_INFINITY, null, {}]) {
      expect(() => parseMark(bad)).toThrow(ScoringInputError);
    }
  });

  it("keeps the sign (negative marks are refused later, by the sheet validation)", () => {
    expect(parseMark("-1.5")).toBe(-150);
    expect(parseScaledDecimal("0.0125", 4)).toEqual({ ok: true, scaled: 125 });
  });
});

describe("formatHundredths", () => {
  it("always shows 2 decimals", () => {
    expect(formatHundredths(8735)).toBe("87.35");
    expect(formatHundredths(50)).toBe("0.50");
    expect(formatHundredths(5)).toBe("0.05");
    expect(formatHundredths(-5)).toBe("-0.05");
    expect(formatHundredths(10000)).toBe("100.00");
  });
});

describe("roundRational: rounding only at the rounding points", () => {
  // 234.5 hundredths = 2.345 points
  const half = rational(469, 2);
  it("half-up (四舍五入) sends halves up: 2.345 → 2.35", () => expect(roundRational(half, "half-up")).toBe(235));
  it("half-even sends halves to the even hundredth: 2.345 → 2.34, 2.355 → 2.36", () => {
    expect(roundRational(half, "half-even")).toBe(234);
    expect(roundRational(rational(471, 2), "half-even")).toBe(236);
  });
  it("down (去尾) drops the rest: 2.349… → 2.34", () => expect(roundRational(rational(2349, 10), "down")).toBe(234));
  it("a third of a point stays exact until rounded: 1/3 + 1/3 + 1/3 = 1", () => {
    const third = rational(100, 3);
    const sum = addRational(addRational(third, third), third);
    expect(equalRational(sum, rational(100))).toBe(true);
    expect(roundRational(sum, "down")).toBe(100); // no 99.99 drift
  });
  it("rounds negatives symmetrically (half away from zero)", () => {
    expect(roundRational(rational(-469, 2), "half-up")).toBe(-235);
    expect(roundRational(rational(-2349, 10), "down")).toBe(-234);
  });
});

describe("overflow guard", () => {
  it("falls back to BigInt and reduces instead of losing precision", () => {
    const a = rational(1, 2 ** 30);
    const b = rational(1, 3 * 2 ** 29);
    // 1/2^30 + 1/(3·2^29) = (3 + 2)/(3·2^30)
    expect(addRational(a, b)).toEqual({ num: 5, den: 3 * 2 ** 30 });
    const big = rational(Number.MAX_SAFE_INTEGER, 7);
    expect(scaleRational(big, 7, 7)).toEqual(big);
  });

  it("throws rather than rounding when a result cannot be represented exactly", () => {
    expect(() => scaleRational(rational(Number.MAX_SAFE_INTEGER, 1), 3)).toThrow(RangeError);
  });
});

describe("properties against a BigInt reference", () => {
  const smallRational = fc
    .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 }))
    .map(([n, d]) => rational(n, d));

  it("addition and comparison match exact BigInt cross-multiplication", () => {
    fc.assert(
      fc.property(smallRational, smallRational, (a, b) => {
        const sum = addRational(a, b);
        expect(BigInt(sum.num) * BigInt(a.den) * BigInt(b.den)).toBe(
          (BigInt(a.num) * BigInt(b.den) + BigInt(b.num) * BigInt(a.den)) * BigInt(sum.den),
        );
        const expected = BigInt(a.num) * BigInt(b.den) - BigInt(b.num) * BigInt(a.den);
        expect(compareRational(a, b)).toBe(expected > 0n ? 1 : expected < 0n ? -1 : 0);
      }),
    );
  });

  it("half-up rounding matches floor((2n + d) / 2d) for non-negative values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        const expected = (2n * BigInt(n) + BigInt(d)) / (2n * BigInt(d));
        expect(roundRational({ num: n, den: d }, "half-up")).toBe(Number(expected));
        expect(roundRational({ num: n, den: d }, "down")).toBe(Number(BigInt(n) / BigInt(d)));
      }),
    );
  });

  it("parse then format is the identity on 2-decimal strings", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (h) => {
        expect(parseMark(formatHundredths(h))).toBe(h);
      }),
    );
  });
});
