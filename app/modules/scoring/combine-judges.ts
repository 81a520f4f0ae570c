/**
 * Combining the judges' marks for one aspect into one exact mark (rational hundredths).
 * The method is chosen per event (settings.judgeAggregation); measurement aspects always need one
 * agreed value whatever the method.
 */
import { rational, type Rational } from "./exact";
import type { JudgeMark } from "./marks";
import type { Aspect } from "./scheme";
import type { ScoringSettings } from "./settings";

export type CombinationMethod = "mean" | "trimmed-mean" | "scale-0-3" | "agreed";

export type CombinedMark = {
  /** Exact mark in hundredths of a point. */
  mark: Rational;
  method: CombinationMethod;
  /** rule S-21: the judge whose highest / lowest mark was dropped (null when nothing was dropped). */
  droppedHigh: string | null;
  droppedLow: string | null;
};

function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** Plain mean of all judges (rule S-22: "one enterprise contest simply averages all judges"). */
export function meanMark(values: readonly number[]): Rational {
  if (values.length === 0) throw new RangeError("a mean needs at least one mark");
  return rational(sumOf(values), values.length);
}

/**
 * rule S-21: drop one highest and one lowest mark and average the rest.
 * rule S-22: when several judges share the highest (or lowest) mark, only ONE of them is dropped;
 * with fewer than `minimumJudges` judges nothing is dropped and the plain mean is used.
 */
export function trimmedMean(values: readonly number[], minimumJudges: number): Rational {
  if (values.length < Math.max(3, minimumJudges)) return meanMark(values);
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return rational(sumOf(values) - max - min, values.length - 2);
}

/** WorldSkills-style judgement: each judge gives 0–3 points; mark = mean ÷ 3 × maximum. */
export function zeroToThreeMark(points: readonly number[], max: number): Rational {
  if (points.length === 0) throw new RangeError("a mean needs at least one mark");
  return rational(sumOf(points) * max, 3 * points.length);
}

/**
 * The judges dropped by the trimmed mean, for judge calibration. Choosing among judges who share the
 * extreme mark is arbitrary for the result (it is the same either way), so it is made deterministic and
 * independent of entry order: the highest mark goes to the first judge id in sort order that holds it,
 * the lowest to the last — so with all marks equal two different judges are named.
 */
function droppedJudges(marks: readonly JudgeMark[]): { high: string; low: string } {
  let high = marks[0];
  let low = marks[0];
  for (const m of marks) {
    if (m.value > high.value || (m.value === high.value && m.judgeId < high.judgeId)) high = m;
    if (m.value < low.value || (m.value === low.value && m.judgeId > low.judgeId)) low = m;
  }
  return { high: high.judgeId, low: low.judgeId };
}

/**
 * The aspect's mark from its judges' entries, or null when no judge has marked it yet.
 * A measurement aspect takes the agreed value; if entries differ, the mean stands in provisionally and
 * the discrepancy flag (see discrepancy.ts) blocks sign-off until the judges agree.
 */
export function combineJudgeMarks(aspect: Aspect, marks: readonly JudgeMark[], settings: ScoringSettings): CombinedMark | null {
  const n = marks.length;
  if (n === 0) return null;
  const values = marks.map((m) => m.value);
  if (aspect.kind === "measurement") {
    return { mark: meanMark(values), method: "agreed", droppedHigh: null, droppedLow: null };
  }
  switch (settings.judgeAggregation) {
    case "mean":
      return { mark: meanMark(values), method: "mean", droppedHigh: null, droppedLow: null };
    case "scale-0-3":
      return { mark: zeroToThreeMark(values, aspect.max), method: "scale-0-3", droppedHigh: null, droppedLow: null };
    case "trimmed-mean": {
      if (n < Math.max(3, settings.trimmedMeanMinimumJudges)) {
        return { mark: meanMark(values), method: "mean", droppedHigh: null, droppedLow: null };
      }
      const dropped = droppedJudges(marks);
      return {
        mark: trimmedMean(values, settings.trimmedMeanMinimumJudges),
        method: "trimmed-mean",
        droppedHigh: dropped.high,
        droppedLow: dropped.low,
      };
    }
  }
}

/**
 * The same result as `combineJudgeMarks(...).mark` without allocating, for the full recompute.
 * Returns the numerator; the denominator is written to `out[0]`. Returns NaN when there are no marks.
 */
export function combineJudgeMarksFast(aspect: Aspect, marks: readonly JudgeMark[], settings: ScoringSettings, out: number[]): number {
  const n = marks.length;
  if (n === 0) return NaN;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = marks[i].value;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (aspect.kind === "judgement") {
    if (settings.judgeAggregation === "scale-0-3") {
      out[0] = 3 * n;
      return sum * aspect.max;
    }
    if (settings.judgeAggregation === "trimmed-mean" && n >= Math.max(3, settings.trimmedMeanMinimumJudges)) {
      out[0] = n - 2;
      return sum - max - min;
    }
  }
  out[0] = n;
  return sum;
}
