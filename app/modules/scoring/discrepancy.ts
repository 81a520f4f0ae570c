/**
 * Flags that block sign-off: judges who disagree too much on an aspect, measurement entries that
 * differ, aspects nobody has marked yet. The chief judge settles a disagreement (rule S-24) either by
 * having a mark corrected (the flag disappears on recompute) or by recording a resolution.
 */
import { rational, ZERO, type Rational } from "./exact";
import type { JudgeMark } from "./marks";
import { usesZeroToThreeScale } from "./marks";
import type { Aspect } from "./scheme";
import type { ScoringSettings } from "./settings";

export type ScoringFlag = {
  kind: "judge-spread" | "measurement-mismatch" | "missing-marks";
  entrantId: string;
  aspectId: string;
  /** Stable identity of the flag: `${entrantId}/${aspectId}`. */
  key: string;
  /** The marks the flag is about (`judge=value;…`, sorted); a resolution only covers these exact marks. */
  signature: string;
  /** Highest minus lowest entry, in the unit judges enter (hundredths, or points on the 0–3 scale). */
  spread: number;
  /** The largest spread still accepted, exact (20% of a maximum of 10.01 is 200.2 hundredths). */
  threshold: Rational;
  judgeIds: string[];
  message: string;
};

/** The chief judge's recorded ruling that the marks stand as entered (rule S-24). */
export type FlagResolution = { key: string; signature: string; resolvedBy: string; note?: string };

function signatureOf(marks: readonly JudgeMark[]): string {
  return marks
    .map((m) => `${m.judgeId}=${m.value}`)
    .sort()
    .join(";");
}

/** The largest spread between judges that is not flagged, in the unit the judges enter. */
export function discrepancyThreshold(aspect: Aspect, settings: ScoringSettings): Rational {
  if (aspect.kind === "measurement") return ZERO; // one agreed value: any difference is a discrepancy
  if (usesZeroToThreeScale(aspect, settings)) return rational(settings.discrepancy.scalePoints);
  return rational(aspect.max * settings.discrepancy.percentOfMaximum, 100);
}

/** The discrepancy flag for one aspect of one entrant, or null when the judges are close enough. */
export function findDiscrepancy(
  entrantId: string,
  aspect: Aspect,
  marks: readonly JudgeMark[],
  settings: ScoringSettings,
): ScoringFlag | null {
  const key = `${entrantId}/${aspect.id}`;
  if (marks.length === 0) {
    return {
      kind: "missing-marks",
      entrantId,
      aspectId: aspect.id,
      key,
      signature: "",
      spread: 0,
      threshold: ZERO,
      judgeIds: [],
      message: `评分点 ${aspect.id} 尚无裁判评分 / aspect ${aspect.id} has no marks yet`,
    };
  }
  let min = marks[0].value;
  let max = marks[0].value;
  for (const m of marks) {
    if (m.value < min) min = m.value;
    if (m.value > max) max = m.value;
  }
  const spread = max - min;
  let flagged: boolean;
  let kind: ScoringFlag["kind"];
  if (aspect.kind === "measurement") {
    kind = "measurement-mismatch";
    flagged = spread > 0;
  } else if (usesZeroToThreeScale(aspect, settings)) {
    kind = "judge-spread";
    flagged = spread > settings.discrepancy.scalePoints;
  } else {
    kind = "judge-spread";
    // More than 20% of the maximum, compared exactly: spread > max × p / 100  ⇔  spread × 100 > max × p.
    flagged = spread * 100 > aspect.max * settings.discrepancy.percentOfMaximum;
  }
  if (!flagged) return null;
  const judgeIds = marks.filter((m) => m.value === min || m.value === max).map((m) => m.judgeId).sort();
  const message =
    kind === "measurement-mismatch"
      ? `测量项 ${aspect.id} 的裁判录入不一致 / measurement entries for ${aspect.id} differ`
      : `评分点 ${aspect.id} 裁判评分差异超过阈值 / judges differ on ${aspect.id} by more than the threshold`;
  return {
    kind,
    entrantId,
    aspectId: aspect.id,
    key,
    signature: signatureOf(marks),
    spread,
    threshold: discrepancyThreshold(aspect, settings),
    judgeIds,
    message,
  };
}

/**
 * Sign-off is allowed only when no flag is left open. Missing marks can never be resolved by a note;
 * a resolution covers a spread only while the marks are exactly those it was recorded for.
 */
export function canSignOff(
  flags: readonly ScoringFlag[],
  resolutions: readonly FlagResolution[] = [],
): { allowed: boolean; blocking: ScoringFlag[] } {
  const resolved = new Set(resolutions.map((r) => `${r.key}#${r.signature}`));
  const blocking = flags.filter((f) => f.kind === "missing-marks" || !resolved.has(`${f.key}#${f.signature}`));
  return { allowed: blocking.length === 0, blocking };
}
