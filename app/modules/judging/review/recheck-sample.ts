// 复核 (re-check), rule S-40, pure: which entrants the supervision group re-checks,
// and what the result means.
//
//   - every entrant ranked in the top N is re-checked in full (ties with the N-th
//     place included: cutting a tied group in two would be arbitrary);
//   - of all the others a random sample of at least 15 % (a setting, in basis points,
//     never below 1500) is drawn with a seeded stream, so anyone holding the recorded
//     seed can redraw it and check;
//   - if MORE than 5 % of the re-checked marks were wrong, the judge group re-checks
//     every score before results may be published.
import { seededRandom, shuffle } from "~/modules/draws/draw";

export const MINIMUM_SAMPLE_BP = 1500; // rule S-40: at least 15 % of the others
export const FULL_RECHECK_THRESHOLD_BP = 500; // rule S-40: an error rate above 5 % → full re-check
export const RECHECK_ALGORITHM = "sha256-ctr/fisher-yates/recheck-v1";

export type RecheckCandidate = { blindCodeId: string; rank: number | null };
export type RecheckPick = { blindCodeId: string; reason: "top" | "sample" };
export type RecheckDraw = { items: RecheckPick[]; topCount: number; sampleCount: number; othersCount: number };

export class RecheckRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecheckRuleError";
  }
}

/** How many of `others` the sample needs: ⌈others × bp / 10 000⌉ (at least 15 %, rounded up). */
export function sampleSize(others: number, sampleBp: number): number {
  return Math.ceil((others * sampleBp) / 10_000);
}

/**
 * The re-check list (rule S-40). `candidates` are every entrant of the event with their
 * rank (null when unranked, e.g. incomplete). The input order does not matter: the
 * others are put in code order before the seeded shuffle.
 */
export function drawRecheckSample(candidates: readonly RecheckCandidate[], options: { topN: number; sampleBp: number; seed: string }): RecheckDraw {
  const { topN, sampleBp, seed } = options;
  if (!Number.isInteger(topN) || topN < 0) throw new RecheckRuleError("前 N 名必须是非负整数 / top N must be a whole number ≥ 0");
  if (!Number.isInteger(sampleBp) || sampleBp < MINIMUM_SAMPLE_BP || sampleBp > 10_000) {
    throw new RecheckRuleError("抽查比例不得低于 15% / the sample must be at least 15 % (rule S-40)");
  }
  const top = candidates.filter((c) => c.rank !== null && c.rank <= topN);
  const topIds = new Set(top.map((c) => c.blindCodeId));
  const others = candidates.filter((c) => !topIds.has(c.blindCodeId)).map((c) => c.blindCodeId).sort();
  const k = sampleSize(others.length, sampleBp);
  const sample = shuffle(others, seededRandom(seed, RECHECK_ALGORITHM)).slice(0, k).sort();
  const items: RecheckPick[] = [
    ...top.map((c) => c.blindCodeId).sort().map((blindCodeId) => ({ blindCodeId, reason: "top" as const })),
    ...sample.map((blindCodeId) => ({ blindCodeId, reason: "sample" as const })),
  ];
  return { items, topCount: top.length, sampleCount: sample.length, othersCount: others.length };
}

/** rule S-40: more than 5 % of the re-checked marks wrong → every score is re-checked. */
export function needsFullRecheck(checkedMarks: number, wrongMarks: number, thresholdBp = FULL_RECHECK_THRESHOLD_BP): boolean {
  if (checkedMarks <= 0) return false;
  // wrong / checked > threshold, compared in integers
  return wrongMarks * 10_000 > checkedMarks * thresholdBp;
}

export type RecheckStatus = "open" | "passed" | "full_required" | "completed";

/**
 * The re-check's status from its items: open while a drawn item is unchecked; then
 * passed or full_required by the error rate of the drawn items; once a full re-check
 * was required, completed when every entrant ("full" items too) has been checked.
 */
export function recheckStatus(items: readonly { reason: string; checked: boolean; marks: number; wrongMarks: number }[]): {
  status: RecheckStatus; checkedMarks: number; wrongMarks: number;
} {
  const drawn = items.filter((i) => i.reason !== "full");
  const checkedMarks = drawn.filter((i) => i.checked).reduce((s, i) => s + i.marks, 0);
  const wrongMarks = drawn.filter((i) => i.checked).reduce((s, i) => s + i.wrongMarks, 0);
  if (drawn.some((i) => !i.checked)) return { status: "open", checkedMarks, wrongMarks };
  if (!needsFullRecheck(checkedMarks, wrongMarks)) return { status: "passed", checkedMarks, wrongMarks };
  const full = items.filter((i) => i.reason === "full");
  if (full.length > 0 && full.every((i) => i.checked)) return { status: "completed", checkedMarks, wrongMarks };
  return { status: "full_required", checkedMarks, wrongMarks };
}
