/**
 * Standardised scores (optional per contest), for comparing events of different difficulty — the
 * WorldSkills approach: the event's median maps to 700 and one standard deviation to 100 points.
 *
 * Exactly what is computed (all values in hundredths; N = number of ranked totals x₁ … x_N):
 *   median m  = the middle total, or the mean of the two middle totals when N is even
 *   σ         = population standard deviation of the totals about their mean:
 *               σ² = Σ(xᵢ − x̄)² ÷ N = (N·Σxᵢ² − (Σxᵢ)²) ÷ N²
 *   s(x)      = 700 + 100 × (x − m) ÷ σ, given to 0.01, rounded half away from zero
 *   σ = 0 (everyone equal) → every entrant gets 700.00.
 * The square root is taken exactly with BigInt integer square roots, so the result is the true value
 * correctly rounded, with no floating point. `centre` and `spread` are settings (700 / 100).
 */
import { formatHundredths, type Hundredths } from "./exact";
import type { ScoringSettings } from "./settings";

export type StandardisedScore = { entrantId: string; total: Hundredths; standardised: Hundredths; standardisedText: string };

export type Standardisation = {
  /** Median of the totals in hundredths, as text to 0.01 (half hundredths round up). */
  medianText: string;
  /** Population standard deviation, as text to 0.01 (correctly rounded). */
  standardDeviationText: string;
  entries: StandardisedScore[];
};

/** ⌊√n⌋ for a non-negative BigInt (Newton's method). */
export function integerSquareRoot(n: bigint): bigint {
  if (n < 0n) throw new RangeError("square root of a negative number");
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n)))); // a start value only; Newton corrects it exactly
  if (x === 0n) x = 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/** round(√(p / q)) with halves rounded up: ⌊(⌊√(4p/q)⌋ + 1) / 2⌋, exact. */
function roundedSquareRoot(p: bigint, q: bigint): bigint {
  return (integerSquareRoot((4n * p) / q) + 1n) / 2n;
}

export function standardiseScores(
  totals: readonly { entrantId: string; total: Hundredths }[],
  settings: ScoringSettings["standardisation"],
): Standardisation {
  const n = BigInt(totals.length);
  const centre = BigInt(settings.centre) * 100n;
  if (totals.length === 0) return { medianText: "0.00", standardDeviationText: "0.00", entries: [] };
  const sorted = totals.map((t) => t.total).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  // twiceMedian = 2m, an integer (hundredths), so that an even-sized field stays exact.
  const twiceMedian = sorted.length % 2 === 1 ? 2n * BigInt(sorted[middle]) : BigInt(sorted[middle - 1]) + BigInt(sorted[middle]);
  let sum = 0n;
  let sumOfSquares = 0n;
  for (const x of sorted) {
    sum += BigInt(x);
    sumOfSquares += BigInt(x) * BigInt(x);
  }
  const varianceTimesN2 = n * sumOfSquares - sum * sum; // σ² · N²
  const spread = BigInt(settings.spread);
  const entries = totals.map(({ entrantId, total }) => {
    let standardised = centre;
    if (varianceTimesN2 > 0n) {
      // 100·spread·(x − m)/σ in hundredths; d = 2(x − m), so (x − m)² = d²/4.
      const d = 2n * BigInt(total) - twiceMedian;
      const numerator = 100n * 100n * spread * spread * d * d * n * n; // (100·spread)² · d² · N²; ÷ (4σ²N²) below
      const offset = roundedSquareRoot(numerator, 4n * varianceTimesN2);
      standardised = d < 0n ? centre - offset : centre + offset;
    }
    const value = Number(standardised);
    return { entrantId, total, standardised: value, standardisedText: formatHundredths(value) };
  });
  return {
    medianText: formatHundredths(Number((twiceMedian + 1n) / 2n)),
    standardDeviationText: formatHundredths(Number(roundedSquareRoot(varianceTimesN2, n * n))),
    entries,
  };
}
