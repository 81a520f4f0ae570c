/**
 * Exact arithmetic for marks (see docs/scoring.md and docs/decisions/003-exact-scoring-arithmetic.md).
 *
 * - A mark is an integer number of hundredths (8.75 → 875). Every mark has at most 2 decimals.
 * - A mean of marks is a rational number of hundredths, `{ num, den }`, both safe integers.
 * - Binary floating point is never used for a score: JS numbers here only ever hold integers,
 *   and every product or sum is checked with Number.isSafeInteger. If a step would leave the safe
 *   range it is redone with BigInt and reduced; if even the reduced result is too big, we throw
 *   rather than lose a hundredth.
 * - Rounding happens only where the rules say (component and final totals), with a chosen mode.
 */
import { ScoringInputError, describeIssue, type ScoringIssue } from "./errors";

/** An integer count of hundredths of a point: 87.35 points → 8735. */
export type Hundredths = number;

/** An exact fraction; for marks, in hundredths of a point. `den` is always a positive integer. */
export type Rational = { num: number; den: number };

/**
 * - `half-up`: 四舍五入, halves go away from zero (2.345 → 2.35). The default.
 * - `half-even`: banker's rounding, halves go to the even hundredth (2.345 → 2.34, 2.355 → 2.36).
 * - `down`: 去尾, drop the extra digits (toward zero: 2.349 → 2.34).
 */
export type RoundingMode = "half-up" | "half-even" | "down";

export const ZERO: Rational = Object.freeze({ num: 0, den: 1 });

// ---------------------------------------------------------------------------------------------
// Parsing user input into scaled integers.

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d*))?$/;

export type DecimalParse =
  | { ok: true; scaled: number }
  | { ok: false; reason: "not-a-number" | "too-many-decimals" | "too-large" };

/**
 * Reads "8.75", "8.7", "8", 8.75 as an integer scaled by 10^decimals (875 for decimals = 2).
 * A JS number is read through its shortest decimal text, so 8.75 is "8.75" and 0.1 + 0.2 is
 * "0.30000000000000004", which is refused for having too many decimals rather than silently rounded.
 */
export function parseScaledDecimal(input: unknown, decimals: number): DecimalParse {
  let text: string;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { ok: false, reason: "not-a-number" };
    text = String(input);
    if (/e/i.test(text)) {
      // 1e-7 has more decimals than any setting allows; 1e21 is far above any maximum mark.
      return { ok: false, reason: Math.abs(input) < 1 ? "too-many-decimals" : "too-large" };
    }
  } else if (typeof input === "string") {
    text = input.trim();
  } else {
    return { ok: false, reason: "not-a-number" };
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) return { ok: false, reason: "not-a-number" };
  const [, sign, whole, rawFraction = ""] = match;
  const fraction = rawFraction.replace(/0+$/, "");
  if (fraction.length > decimals) return { ok: false, reason: "too-many-decimals" };
  const digits = whole + fraction.padEnd(decimals, "0");
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) return { ok: false, reason: "too-large" };
  return { ok: true, scaled: sign === "-" && magnitude !== 0 ? -magnitude : magnitude };
}

/** Explains a failed parse, Chinese first. */
export function describeDecimalProblem(
  path: string,
  reason: "not-a-number" | "too-many-decimals" | "too-large",
  decimals: number,
): ScoringIssue {
  switch (reason) {
    case "not-a-number":
      return describeIssue(path, "必须是数字", "must be a number");
    case "too-many-decimals":
      return describeIssue(
        path,
        `最多保留 ${decimals} 位小数`,
        `at most ${decimals} decimal places are allowed`,
      );
    case "too-large":
      return describeIssue(path, "数值过大", "number is too large");
  }
}

/**
 * Turns a mark typed by a person ("8.75" or 8.75) into hundredths (875).
 * Refuses anything with more than 2 decimals, and anything that is not a plain decimal.
 */
export function parseMark(input: unknown, path = "mark"): Hundredths {
  const parsed = parseScaledDecimal(input, 2);
  if (!parsed.ok) throw new ScoringInputError([describeDecimalProblem(path, parsed.reason, 2)]);
  return parsed.scaled;
}

/** 8735 → "87.35", 50 → "0.50", -5 → "-0.05". */
export function formatHundredths(value: Hundredths): string {
  assertSafeInteger(value);
  const sign = value < 0 ? "-" : "";
  const magnitude = Math.abs(value);
  const whole = Math.floor(magnitude / 100);
  const fraction = magnitude % 100;
  return `${sign}${whole}.${fraction < 10 ? "0" : ""}${fraction}`;
}

// ---------------------------------------------------------------------------------------------
// Integers and rationals.

export function assertSafeInteger(value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`exact scoring arithmetic left the safe integer range (${value})`);
  }
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Reduces a BigInt fraction and brings it back to safe numbers, or throws (never rounds). */
function fromBig(num: bigint, den: bigint): Rational {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcdBig(num, den) || 1n;
  num /= g;
  den /= g;
  const n = Number(num);
  const d = Number(den);
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) {
    throw new RangeError(`exact scoring arithmetic left the safe integer range (${num}/${den})`);
  }
  return { num: n, den: d };
}

export function rational(num: number, den = 1): Rational {
  assertSafeInteger(num);
  assertSafeInteger(den);
  if (den === 0) throw new RangeError("division by zero in scoring arithmetic");
  if (den < 0) return reduce({ num: -num, den: -den });
  return reduce({ num, den });
}

export function reduce(r: Rational): Rational {
  const g = gcd(r.num, r.den);
  return g > 1 ? { num: r.num / g, den: r.den / g } : r;
}

export function addRational(a: Rational, b: Rational): Rational {
  if (a.den === b.den) {
    const num = a.num + b.num;
    if (Number.isSafeInteger(num)) return { num, den: a.den };
  } else {
    const g = gcd(a.den, b.den);
    const aFactor = b.den / g;
    const bFactor = a.den / g;
    const den = a.den * aFactor;
    const num = a.num * aFactor + b.num * bFactor;
    if (Number.isSafeInteger(den) && Number.isSafeInteger(num) && Number.isSafeInteger(a.num * aFactor) && Number.isSafeInteger(b.num * bFactor)) {
      return reduce({ num, den });
    }
  }
  return fromBig(
    BigInt(a.num) * BigInt(b.den) + BigInt(b.num) * BigInt(a.den),
    BigInt(a.den) * BigInt(b.den),
  );
}

export function negateRational(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}

export function subtractRational(a: Rational, b: Rational): Rational {
  return addRational(a, negateRational(b));
}

/** a × multiplier ÷ divisor, exactly. */
export function scaleRational(a: Rational, multiplier: number, divisor = 1): Rational {
  if (divisor === 0) throw new RangeError("division by zero in scoring arithmetic");
  const num = a.num * multiplier;
  const den = a.den * divisor;
  if (Number.isSafeInteger(num) && Number.isSafeInteger(den)) {
    return divisor < 0 ? reduce({ num: -num, den: -den }) : reduce({ num, den });
  }
  return fromBig(BigInt(a.num) * BigInt(multiplier), BigInt(a.den) * BigInt(divisor));
}

export function compareRational(a: Rational, b: Rational): number {
  if (a.den === b.den) return Math.sign(a.num - b.num);
  const left = a.num * b.den;
  const right = b.num * a.den;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return Math.sign(left - right);
  const l = BigInt(a.num) * BigInt(b.den);
  const r = BigInt(b.num) * BigInt(a.den);
  return l < r ? -1 : l > r ? 1 : 0;
}

export function equalRational(a: Rational, b: Rational): boolean {
  return compareRational(a, b) === 0;
}

/**
 * Rounds a rational to an integer (of whatever unit it is in, usually hundredths) with the chosen
 * mode. Halves are decided exactly, not by a float comparison.
 */
export function roundRational(value: Rational, mode: RoundingMode): number {
  const negative = value.num < 0;
  const magnitude = Math.abs(value.num);
  const { den } = value;
  let quotient = Math.trunc(magnitude / den);
  let remainder = magnitude - quotient * den;
  // Float division of large integers may be one off; correct it with exact integer steps.
  if (remainder < 0) {
    quotient -= 1;
    remainder += den;
  } else if (remainder >= den) {
    quotient += 1;
    remainder -= den;
  }
  let rounded = quotient;
  if (mode === "half-up") {
    if (remainder * 2 >= den) rounded += 1;
  } else if (mode === "half-even") {
    if (remainder * 2 > den || (remainder * 2 === den && quotient % 2 === 1)) rounded += 1;
  }
  return negative ? -rounded : rounded;
}

/** Shows a rational of hundredths rounded to 2 decimals, for reports only (never for sums). */
export function formatRational(value: Rational, mode: RoundingMode = "half-up"): string {
  return formatHundredths(roundRational(value, mode));
}
