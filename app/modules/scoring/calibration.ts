/**
 * Judge calibration: how each judge marks compared with the panel, for the chief judge and for
 * judge training (S-5 技术专家组: score analysis). Judgement aspects only — measurement entries must
 * agree anyway.
 *
 * For every aspect of every entrant marked by at least two judges, a judge's deviation is
 *   (their entry − the mean of all the panel's entries) ÷ the aspect's full scale × 100
 * i.e. percentage points of the maximum (of 3 points on the 0–3 scale), so aspects of different sizes
 * count alike. The mean deviation over all their entries says whether a judge is lenient (above
 * +threshold), severe (below −threshold) or in line. With the trimmed mean the judge whose mark was the
 * one highest or lowest dropped is counted too (rule S-21).
 */
import { combineJudgeMarks } from "./combine-judges";
import { formatHundredths } from "./exact";
import { usesZeroToThreeScale, type EntrantSheet } from "./marks";
import type { MarkingScheme } from "./scheme";
import type { ScoringSettings } from "./settings";

export type JudgeCalibration = {
  judgeId: string;
  /** Entries compared with a panel of at least two judges. */
  entries: number;
  /** Mean signed deviation from the panel mean, in hundredths of a percentage point of the maximum. */
  meanDeviation: number;
  /** e.g. "+3.25" (percentage points of the maximum). */
  meanDeviationText: string;
  /** Mean absolute deviation, same unit: how far from the panel regardless of direction. */
  meanAbsoluteDeviation: number;
  meanAbsoluteDeviationText: string;
  tendency: "lenient" | "severe" | "in-line";
  /** rule S-21: how often this judge's mark was the highest / lowest one dropped. */
  droppedHigh: number;
  droppedLow: number;
  /** Aspects marked where trimming applied, for the rates above. */
  trimmedAspects: number;
};

/** An exact sum of fractions kept per denominator, so adding a million terms needs no gcd. */
class FractionSum {
  private readonly byDenominator = new Map<number, bigint>();

  add(numerator: number, denominator: number): void {
    this.byDenominator.set(denominator, (this.byDenominator.get(denominator) ?? 0n) + BigInt(numerator));
  }

  /** The sum divided by `count`, rounded half away from zero to an integer. */
  meanRounded(count: number): number {
    let num = 0n;
    let den = 1n;
    for (const [d, n] of this.byDenominator) {
      const bd = BigInt(d);
      num = num * bd + n * den;
      den = den * bd;
      const g = gcd(num < 0n ? -num : num, den);
      if (g > 1n) {
        num /= g;
        den /= g;
      }
    }
    den *= BigInt(count);
    const negative = num < 0n;
    const magnitude = negative ? -num : num;
    const rounded = (2n * magnitude + den) / (2n * den);
    return Number(negative ? -rounded : rounded);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function signed(value: number): string {
  return value > 0 ? `+${formatHundredths(value)}` : formatHundredths(value);
}

export function calibrateJudges(scheme: MarkingScheme, settings: ScoringSettings, sheets: readonly EntrantSheet[]): JudgeCalibration[] {
  type Tally = { entries: number; signed: FractionSum; absolute: FractionSum; droppedHigh: number; droppedLow: number; trimmedAspects: number };
  const tallies = new Map<string, Tally>();
  const tallyOf = (judgeId: string): Tally => {
    let tally = tallies.get(judgeId);
    if (!tally) {
      tally = { entries: 0, signed: new FractionSum(), absolute: new FractionSum(), droppedHigh: 0, droppedLow: 0, trimmedAspects: 0 };
      tallies.set(judgeId, tally);
    }
    return tally;
  };
  for (const sheet of sheets) {
    for (const aspect of scheme.aspects) {
      const marks = sheet.marks[aspect.index];
      if (aspect.kind !== "judgement" || marks.length < 2) continue;
      const n = marks.length;
      let sum = 0;
      for (const m of marks) sum += m.value;
      const fullScale = usesZeroToThreeScale(aspect, settings) ? 3 : aspect.max;
      // deviation in hundredths of a percentage point: (v − sum/n) / fullScale × 100 × 100
      const denominator = n * fullScale;
      for (const m of marks) {
        const tally = tallyOf(m.judgeId);
        const numerator = (n * m.value - sum) * 10_000;
        tally.entries += 1;
        tally.signed.add(numerator, denominator);
        tally.absolute.add(Math.abs(numerator), denominator);
      }
      const combined = combineJudgeMarks(aspect, marks, settings);
      if (combined?.method === "trimmed-mean") {
        for (const m of marks) tallyOf(m.judgeId).trimmedAspects += 1;
        if (combined.droppedHigh) tallyOf(combined.droppedHigh).droppedHigh += 1;
        if (combined.droppedLow) tallyOf(combined.droppedLow).droppedLow += 1;
      }
    }
  }
  const threshold = settings.calibration.tendencyThresholdPercent * 100;
  return [...tallies.entries()]
    .map(([judgeId, tally]) => {
      const meanDeviation = tally.signed.meanRounded(tally.entries);
      const meanAbsoluteDeviation = tally.absolute.meanRounded(tally.entries);
      return {
        judgeId,
        entries: tally.entries,
        meanDeviation,
        meanDeviationText: signed(meanDeviation),
        meanAbsoluteDeviation,
        meanAbsoluteDeviationText: formatHundredths(meanAbsoluteDeviation),
        tendency: meanDeviation > threshold ? "lenient" : meanDeviation < -threshold ? "severe" : "in-line",
        droppedHigh: tally.droppedHigh,
        droppedLow: tally.droppedLow,
        trimmedAspects: tally.trimmedAspects,
      } satisfies JudgeCalibration;
    })
    .sort((a, b) => (a.judgeId < b.judgeId ? -1 : a.judgeId > b.judgeId ? 1 : 0));
}
