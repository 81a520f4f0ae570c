// Periodic assessment (rule L-3), ranking, 流动红旗 and rewards by place (rule L-5). Pure.
import {
  eventsScore, quantityScore, rubricScore, safeDaysScore, weightedContribution,
  type Indicator, type IndicatorSet,
} from "./indicators";
import { emptyVetoes, type UnitVetoes } from "./vetoes";

// ------------------------------------------------------------------ periods (rule L-3)

export type Frequency = "half-month" | "month" | "quarter";
export type PeriodSpan = { label: string; from: string; to: string };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const lastDay = (y: number, m: number) => utc(y, m + 1, 0).getUTCDate();

/** rule L-3: the assessment periods between two dates (inclusive, YYYY-MM-DD), cut at calendar boundaries. */
export function periodsBetween(from: string, to: string, frequency: Frequency): PeriodSpan[] {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  const spans: PeriodSpan[] = [];
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  if (frequency === "quarter") m -= m % 3;
  while (utc(y, m, 1) <= end) {
    const pieces: { label: string; a: Date; b: Date }[] = [];
    if (frequency === "month") pieces.push({ label: `${y}年${m + 1}月`, a: utc(y, m, 1), b: utc(y, m, lastDay(y, m)) });
    if (frequency === "half-month") {
      pieces.push({ label: `${y}年${m + 1}月上半月`, a: utc(y, m, 1), b: utc(y, m, 15) });
      pieces.push({ label: `${y}年${m + 1}月下半月`, a: utc(y, m, 16), b: utc(y, m, lastDay(y, m)) });
    }
    if (frequency === "quarter") pieces.push({ label: `${y}年第${m / 3 + 1}季度`, a: utc(y, m, 1), b: utc(y, m + 2, lastDay(y, m + 2)) });
    for (const p of pieces) {
      const a = p.a < start ? start : p.a;
      const b = p.b > end ? end : p.b;
      if (a <= b) spans.push({ label: p.label, from: iso(a), to: iso(b) });
    }
    m += frequency === "quarter" ? 3 : 1;
    if (m > 11) { y += Math.floor(m / 12); m %= 12; }
  }
  return spans;
}

export function daysIn(span: { from: string; to: string }): number {
  return Math.round((Date.parse(`${span.to}T00:00:00Z`) - Date.parse(`${span.from}T00:00:00Z`)) / 86_400_000) + 1;
}

// ------------------------------------------------------------------ one period's scores

/** What was recorded for one unit and one indicator in the period. */
export type IndicatorInput =
  | { method: "rubric"; memberScores: number[] }
  | { method: "quantity"; plan: number; actual: number }
  | { method: "safe-days"; safeDays: number }
  | { method: "events"; points: number[] };

/**
 * `adjustments`: the sum of bonus/deduction event points per indicator key (rule L-4), added to
 * the indicator's score whatever its method and kept within 0 … max.
 */
export type UnitInput = { unitId: string; group: string; inputs: Record<string, IndicatorInput | undefined>; adjustments?: Record<string, number> };

export type UnitPeriodScore = {
  unitId: string;
  group: string;
  /** per indicator key, the indicator's own score in hundredths (after vetoes) */
  scores: Record<string, number>;
  /** per indicator key, the weighted share of the 100-point total, in hundredths */
  contributions: Record<string, number>;
  total: number;
  disqualified: boolean;
  reasons: string[];
  /** rule L-8 progress: actual ÷ plan in basis points, when the set has a progress quantity */
  progressRatio: number | null;
};

function indicatorScore(indicator: Indicator, input: IndicatorInput | undefined, periodDays: number): number {
  if (!input) return indicator.method === "events" ? eventsScore(indicator, []) : 0;
  switch (input.method) {
    case "rubric": return rubricScore(indicator, input.memberScores);
    case "quantity": return quantityScore(indicator, input.plan, input.actual);
    case "safe-days": return safeDaysScore(indicator, input.safeDays, periodDays);
    case "events": return eventsScore(indicator, input.points);
  }
}

/**
 * rule L-3, L-4, L-7: each unit's indicator scores, vetoes applied, and the weighted total out of 100.
 * A fatal accident sets every safety indicator to 0 (rule L-7); an accident's deduction comes off
 * the indicator of its role (the first one in the set with that role).
 */
export function scorePeriod(set: IndicatorSet, units: readonly UnitInput[], periodDays: number, vetoes: ReadonlyMap<string, UnitVetoes> = new Map()): UnitPeriodScore[] {
  // the first indicator of each role takes that role's accident deductions (looked up once, not per unit)
  const byRole = new Map<string, Indicator>();
  for (const i of set.indicators) if (i.role && !byRole.has(i.role)) byRole.set(i.role, i);
  const out: UnitPeriodScore[] = new Array(units.length);
  for (let n = 0; n < units.length; n++) {
    const u = units[n];
    const v = vetoes.get(u.unitId) ?? NO_VETOES;
    const scores: Record<string, number> = {};
    const contributions: Record<string, number> = {};
    let progressRatio: number | null = null;
    let total = 0;
    for (const indicator of set.indicators) {
      const input = u.inputs[indicator.key];
      if (indicator.method !== input?.method && input) throw new RangeError(`indicator ${indicator.key} is scored by ${indicator.method}, not ${input.method}`);
      let score = indicatorScore(indicator, input, periodDays);
      const adjustment = u.adjustments?.[indicator.key];
      if (adjustment) score = Math.min(indicator.max, Math.max(0, score + adjustment));
      if (indicator.role === "progress" && input?.method === "quantity" && progressRatio === null) progressRatio = Math.round((Math.max(0, input.actual) * 10_000) / input.plan);
      for (const d of v.deductions) if (byRole.get(d.role) === indicator) score = Math.max(0, score - d.points);
      if (indicator.role === "safety" && v.safetyZeroedForYear) score = 0;
      const contribution = weightedContribution(indicator, score);
      scores[indicator.key] = score;
      contributions[indicator.key] = contribution;
      total += contribution;
    }
    out[n] = { unitId: u.unitId, group: u.group, scores, contributions, total, disqualified: v.disqualifiedForPeriod, reasons: v.reasons, progressRatio };
  }
  return out;
}

/** A unit without vetoes (shared and frozen: its empty lists are read, never written). */
const NO_VETOES: UnitVetoes = Object.freeze({ ...emptyVetoes(), deductions: Object.freeze([]) as never, reasons: Object.freeze([]) as never });

// ------------------------------------------------------------------ ranking with ties

export type RankedUnit = UnitPeriodScore & { rank: number | null; tiedWith: string[] };

/**
 * Ranks one group: total first, then the tie-break indicators in order (their own scores);
 * units the chain cannot separate share a rank (1, 1, 3). Disqualified units are not ranked.
 */
export function rankGroup(scores: readonly UnitPeriodScore[], tieBreaks: readonly string[] = []): RankedUnit[] {
  const cmp = compareScores(tieBreaks);
  const eligible = scores.filter((s) => !s.disqualified).sort((a, b) => cmp(a, b) || byUnitId(a, b));
  const ranked: RankedUnit[] = [];
  let start = 0;
  while (start < eligible.length) {
    let end = start + 1;
    while (end < eligible.length && cmp(eligible[start], eligible[end]) === 0) end++;
    if (end - start === 1) ranked.push(rankedRow(eligible[start], start + 1, NO_TIES));
    else {
      const ids = eligible.slice(start, end).map((e) => e.unitId);
      for (let i = start; i < end; i++) ranked.push(rankedRow(eligible[i], start + 1, ids.filter((id) => id !== eligible[i].unitId)));
    }
    start = end;
  }
  for (const s of scores) if (s.disqualified) ranked.push(rankedRow(s, null, NO_TIES));
  return ranked;
}

/** Total first, then the tie-break indicators in order (their own scores); 0 = the chain cannot separate them. */
function compareScores(tieBreaks: readonly string[]) {
  return (a: UnitPeriodScore, b: UnitPeriodScore) => {
    if (a.total !== b.total) return b.total - a.total;
    for (const key of tieBreaks) {
      const d = (b.scores[key] ?? 0) - (a.scores[key] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
}
const byUnitId = (a: { unitId: string }, b: { unitId: string }) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0);

/** No tied units (shared and frozen: most rows have none). */
const NO_TIES: string[] = Object.freeze([]) as never;

/** A ranked row: the score's fields listed (a spread copy of each of 50,000 rows was the recompute's main garbage). */
function rankedRow(s: UnitPeriodScore, rank: number | null, tiedWith: string[]): RankedUnit {
  return { unitId: s.unitId, group: s.group, scores: s.scores, contributions: s.contributions, total: s.total, disqualified: s.disqualified, reasons: s.reasons, progressRatio: s.progressRatio, rank, tiedWith };
}

/** Ranks every group (标段 and 工区 separately, rule L-3) on its own. */
export function rankByGroup(scores: readonly UnitPeriodScore[], tieBreaks: readonly string[] = []): RankedUnit[] {
  const groups = new Map<string, UnitPeriodScore[]>();
  for (const s of scores) {
    const list = groups.get(s.group);
    if (list) list.push(s);
    else groups.set(s.group, [s]);
  }
  const out: RankedUnit[] = [];
  for (const g of groups.values()) for (const r of rankGroup(g, tieBreaks)) out.push(r);
  return out;
}

/**
 * The incremental update of a ranked board (issue 14 bench: one new score → the board in ≤ 10 ms):
 * the units in `changed` take their new scores and every other row stays as it was. A board is
 * its groups one after the other, each ranked (rankGroup: by rank, ties by unit id, disqualified
 * units last). A changed unit is taken out of its group and put back at its new place (a binary
 * search), and only the rows between its old and its new place, with their tie groups, get new
 * ranks: O(changes × moved rows), not a sort of the group. Gives the same ranks, totals and ties
 * as rankByGroup over the full set of scores (rerank.test.ts compares them on random data).
 */
export function rerankChanged(ranked: readonly RankedUnit[], changed: readonly UnitPeriodScore[], tieBreaks: readonly string[] = []): RankedUnit[] {
  const out = [...ranked];
  if (changed.length === 0) return out;
  const cmp = compareScores(tieBreaks);
  const order = (a: UnitPeriodScore, b: UnitPeriodScore) => cmp(a, b) || byUnitId(a, b);
  for (const c of changed) {
    // the group's slice of the board: [from, to), its eligible rows first
    const at = out.findIndex((r) => r.unitId === c.unitId);
    const oldGroup = at >= 0 ? out[at].group : c.group;
    if (at >= 0) out.splice(at, 1);
    if (oldGroup !== c.group) renumber(out, oldGroup, cmp);
    let from = out.findIndex((r) => r.group === c.group);
    if (from < 0) from = out.length;
    let to = from;
    while (to < out.length && out[to].group === c.group) to++;
    let eligibleEnd = from;
    while (eligibleEnd < to && !out[eligibleEnd].disqualified) eligibleEnd++;
    let place: number;
    if (c.disqualified) place = to;
    else {
      let lo = from;
      let hi = eligibleEnd;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(out[mid], c) < 0) lo = mid + 1;
        else hi = mid;
      }
      place = lo;
    }
    out.splice(place, 0, rankedRow(c, null, NO_TIES));
    renumber(out, c.group, cmp);
  }
  return out;
}

/**
 * Gives the rows of one group of the board their ranks and ties again (rankGroup's rule) where
 * they changed: a row whose rank and ties are the same keeps its object.
 */
function renumber(out: RankedUnit[], group: string, cmp: (a: UnitPeriodScore, b: UnitPeriodScore) => number) {
  const from = out.findIndex((r) => r.group === group);
  if (from < 0) return;
  let to = from;
  while (to < out.length && out[to].group === group) to++;
  let start = from;
  while (start < to && !out[start].disqualified) {
    let end = start + 1;
    while (end < to && !out[end].disqualified && cmp(out[start], out[end]) === 0) end++;
    const rank = start - from + 1;
    if (end - start === 1) {
      const r = out[start];
      if (r.rank !== rank || r.tiedWith.length) out[start] = rankedRow(r, rank, NO_TIES);
    } else {
      const ids = out.slice(start, end).map((e) => e.unitId);
      for (let i = start; i < end; i++) {
        const r = out[i];
        const tiedWith = ids.filter((id) => id !== r.unitId);
        if (r.rank !== rank || r.tiedWith.length !== tiedWith.length || r.tiedWith.some((id, k) => id !== tiedWith[k])) out[i] = rankedRow(r, rank, tiedWith);
      }
    }
    start = end;
  }
  for (let i = start; i < to; i++) if (out[i].rank !== null || out[i].tiedWith.length) out[i] = rankedRow(out[i], null, NO_TIES);
}

// ------------------------------------------------------------------ 流动红旗 (rule L-3)

/**
 * `share`: every unit tied inside the top k gets a banner, even if that makes more than k;
 * `none`: a tie that straddles place k gives none of the tied units a banner (fewer than k).
 */
export type BannerTies = "share" | "none";
export type BannerRule = { group: string; topK: number; ties: BannerTies; minTotal?: number; amount: number };

/** The documented defaults (rule L-3, Fuzhou): one banner per month to the first 标段 (¥20,000) and the first 工区 (¥10,000). */
export const DEFAULT_BANNER_RULES: BannerRule[] = [
  { group: "section", topK: 1, ties: "share", amount: 20_000 },
  { group: "area", topK: 1, ties: "share", amount: 10_000 },
];

export function awardBanners(ranked: readonly RankedUnit[], rule: BannerRule): string[] {
  const inGroup = ranked.filter((r) => r.group === rule.group && r.rank !== null && (rule.minTotal === undefined || r.total >= rule.minTotal));
  const within = inGroup.filter((r) => r.rank! <= rule.topK);
  if (rule.ties === "share") return within.map((r) => r.unitId);
  // "none": drop the tie group whose members run past place k
  return within.filter((r) => r.rank! + r.tiedWith.length <= rule.topK).map((r) => r.unitId);
}

// ------------------------------------------------------------------ rewards and penalties by place (rule L-5)

/** Amounts in yuan by rank (index 0 = 1st); `last` applies to the last-ranked unit(s) of the group if set. */
export type PlaceRewards = { group: string; byPlace: number[]; last?: number };

/** rule L-5 example: 1st +¥5000, 2nd +¥3000, 3rd nothing, 4th −¥2000. */
export const DEFAULT_PLACE_REWARDS: PlaceRewards[] = [
  { group: "section", byPlace: [5000, 3000], last: -2000 },
];

export type LedgerLine = { unitId: string; kind: "banner" | "place" | "event"; amount: number; note: string };

/** Rewards (positive) and penalties (negative) by place; tied units each get their shared rank's amount. */
export function rewardsByPlace(ranked: readonly RankedUnit[], table: PlaceRewards): LedgerLine[] {
  const inGroup = ranked.filter((r) => r.group === table.group && r.rank !== null);
  if (inGroup.length === 0) return [];
  const worst = Math.max(...inGroup.map((r) => r.rank!));
  const lines: LedgerLine[] = [];
  for (const r of inGroup) {
    const isLast = table.last !== undefined && r.rank === worst && inGroup.length > 1;
    const amount = isLast ? table.last! : table.byPlace[r.rank! - 1] ?? 0;
    if (amount !== 0) lines.push({ unitId: r.unitId, kind: "place", amount, note: isLast ? `第${r.rank}名（末位）` : `第${r.rank}名` });
  }
  return lines;
}

export type LedgerTotals = { reward: number; penalty: number; net: number };

/** 奖金 and 罚金 per unit (rule L-5): rewards are the positive lines, penalties the negative ones. */
export function ledgerTotals(lines: readonly { unitId: string; amount: number }[]): Map<string, LedgerTotals> {
  const totals = new Map<string, LedgerTotals>();
  for (const l of lines) {
    const t = totals.get(l.unitId) ?? { reward: 0, penalty: 0, net: 0 };
    if (l.amount >= 0) t.reward += l.amount;
    else t.penalty += -l.amount;
    t.net += l.amount;
    totals.set(l.unitId, t);
  }
  return totals;
}

/**
 * A period may hand out banners only when every competing unit has a score for every rubric item
 * from at least `minSigners` signed members (rule L-11). Returns what is missing.
 */
export function missingScores(set: IndicatorSet, units: readonly UnitInput[], minSigners: number): { unitId: string; indicator: string; have: number }[] {
  const missing: { unitId: string; indicator: string; have: number }[] = [];
  for (const u of units) {
    for (const i of set.indicators) {
      const input = u.inputs[i.key];
      if (i.method === "rubric") {
        const have = input?.method === "rubric" ? input.memberScores.length : 0;
        if (have < minSigners) missing.push({ unitId: u.unitId, indicator: i.key, have });
      } else if (i.method === "quantity" && !input) missing.push({ unitId: u.unitId, indicator: i.key, have: 0 });
    }
  }
  return missing;
}
