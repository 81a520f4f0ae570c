/**
 * Incremental recompute: while judges enter marks, one changed mark updates that entrant's totals
 * and the maintained ranking without recomputing the event. The entrant is rescored from their own
 * sheet (one entrant's marks: microseconds), then moved in a sorted list by binary search, and only the
 * ranks between their old and new place (and the tied groups at both ends) are recomputed.
 * The full recompute (`scoreEvent`) and this class always agree (see incremental.test.ts).
 */
import { IssueCollector, ScoringInputError, describeIssue } from "./errors";
import { readJudgeValue, type EntrantSheet } from "./marks";
import {
  compileTieBreaks,
  groupEnd,
  groupStart,
  listingComparator,
  rankEntrants,
  rankGroups,
  type Comparator,
  type Rankable,
  type Ranking,
  type TieDecision,
  visitRanks,
} from "./ranking";
import type { MarkingScheme } from "./scheme";
import type { ScoringSettings } from "./settings";
import { computeEntrantResult, type EntrantResult } from "./totals";

export type MarkChange = {
  entrantId: string;
  aspectId: string;
  judgeId: string;
  /** The new entry ("8.75", 8.75, or 0–3 points), or null to withdraw this judge's entry. */
  value: unknown;
};

export type RankChange = { entrantId: string; previousRank: number | null; rank: number | null };

export type MarkChangeResult = {
  entrant: EntrantResult;
  previousTotal: number;
  /** Every entrant whose rank changed (including the one marked). */
  changedRanks: RankChange[];
};

export class IncrementalScoring {
  private readonly sheets = new Map<string, EntrantSheet>();
  private readonly results = new Map<string, EntrantResult>();
  private readonly ranks = new Map<string, number>();
  /** Ranked (not disqualified) entrants in listing order. */
  private readonly sorted: EntrantResult[];
  private readonly chain: Comparator<Rankable>;
  private readonly order: Comparator<Rankable>;

  /**
   * `options.adopt`: the caller hands the sheets over and will not use them again, so they are
   * kept as they are instead of copied (a 10,000-entrant board saves a second copy of every mark).
   */
  constructor(
    private readonly scheme: MarkingScheme,
    private readonly settings: ScoringSettings,
    sheets: readonly EntrantSheet[],
    private readonly decisions: readonly TieDecision[] = [],
    options: { adopt?: boolean } = {},
  ) {
    for (const sheet of sheets) {
      // Copy the mark lists unless adopted: this class edits them in place.
      const own = options.adopt ? sheet : { ...sheet, marks: sheet.marks.map((list) => list.map((m) => ({ ...m }))) };
      this.sheets.set(sheet.entrantId, own);
      this.results.set(sheet.entrantId, computeEntrantResult(scheme, settings, own));
    }
    const all = [...this.results.values()];
    this.chain = compileTieBreaks(settings.ranking.tieBreaks, all[0]);
    this.order = listingComparator(this.chain);
    this.sorted = all.filter((r) => !r.disqualified).sort(this.order);
    const { entries } = rankGroups(this.sorted, 0, this.sorted.length, this.chain, settings.ranking.ties, decisions);
    for (const e of entries) this.ranks.set(e.entrantId, e.rank);
  }

  result(entrantId: string): EntrantResult | undefined {
    return this.results.get(entrantId);
  }

  rank(entrantId: string): number | null {
    return this.ranks.get(entrantId) ?? null;
  }

  allResults(): EntrantResult[] {
    return [...this.results.values()];
  }

  /** The full ranking in its current state (O(n), for display; applyMark does not need it). */
  ranking(): Ranking {
    return rankEntrants([...this.results.values()], this.settings.ranking, this.decisions);
  }

  applyMark(change: MarkChange): MarkChangeResult {
    const sheet = this.sheets.get(change.entrantId);
    const aspectIndex = this.scheme.aspectIndexById.get(change.aspectId);
    if (!sheet) throw new ScoringInputError([describeIssue("mark.entrantId", `没有选手 ${change.entrantId}`, "no such entrant")]);
    if (aspectIndex === undefined) {
      throw new ScoringInputError([describeIssue("mark.aspectId", `评分标准中没有评分点 ${change.aspectId}`, "no such aspect")]);
    }
    const marks = sheet.marks[aspectIndex];
    const existing = marks.findIndex((m) => m.judgeId === change.judgeId);
    if (change.value === null) {
      if (existing >= 0) marks.splice(existing, 1);
    } else {
      const collector = new IssueCollector();
      const value = readJudgeValue(collector, "mark.value", this.scheme.aspects[aspectIndex], this.settings, change.value);
      collector.throwIfAny();
      if (existing >= 0) marks[existing] = { judgeId: change.judgeId, value: value as number };
      else marks.push({ judgeId: change.judgeId, value: value as number });
    }

    const before = this.results.get(change.entrantId) as EntrantResult;
    const after = computeEntrantResult(this.scheme, this.settings, sheet);
    this.results.set(change.entrantId, after);
    if (after.disqualified) return { entrant: after, previousTotal: before.total, changedRanks: [] };

    const from = this.indexOf(before);
    // The tied group the entrant leaves may split (and, without shared ranks, be re-decided).
    const leftGroupStart = groupStart(this.sorted, from, this.chain);
    const leftGroupEnd = groupEnd(this.sorted, leftGroupStart, this.chain);
    this.sorted.splice(from, 1);
    const to = this.insertionPoint(after);
    this.sorted.splice(to, 0, after);

    // Only positions between the old and new place move, and the members of the group left behind stay
    // inside [leftGroupStart, leftGroupEnd); widen that window to whole tied groups at both ends.
    const low = Math.min(leftGroupStart, to);
    const high = Math.min(Math.max(leftGroupEnd, to + 1), this.sorted.length) - 1;
    const start = groupStart(this.sorted, low, this.chain);
    const end = groupEnd(this.sorted, groupStart(this.sorted, high, this.chain), this.chain);
    const changedRanks: RankChange[] = [];
    visitRanks(this.sorted, start, end, this.chain, this.settings.ranking.ties, this.decisions, (entrantId, rank) => {
      const previous = this.ranks.get(entrantId) ?? null;
      if (previous !== rank) {
        changedRanks.push({ entrantId, previousRank: previous, rank });
        this.ranks.set(entrantId, rank);
      }
    });
    return { entrant: after, previousTotal: before.total, changedRanks };
  }

  /** Binary search for an entrant already in the list (the listing order is a strict total order). */
  private indexOf(result: EntrantResult): number {
    let low = 0;
    let high = this.sorted.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const order = this.order(this.sorted[mid], result);
      if (order === 0) return mid;
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    throw new Error(`entrant ${result.entrantId} missing from the maintained ranking`);
  }

  private insertionPoint(result: EntrantResult): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.order(this.sorted[mid], result) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
