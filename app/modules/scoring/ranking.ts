/**
 * Ranking with an ordered tie-break chain (rules S-50, S-51, S-52) and either shared ranks (1, 1, 3;
 * rule S-51 (4)) or no shared ranks (rule S-53), where ties the chain cannot separate are reported and
 * ordered only by a recorded decision (e.g. the chief judge's ruling, rule S-24).
 *
 * Ranks are competition ranks: an entrant's rank is 1 + the number of entrants strictly ahead.
 * The result never depends on the order of the input: entrants the chain cannot separate are listed by
 * entrant id, which is only a listing order, never a rank difference.
 */
import { compareRational, formatHundredths, type Hundredths } from "./exact";
import type { RankingSettings, TieBreak } from "./settings";
import type { EntrantResult } from "./totals";

export type Rankable = Pick<EntrantResult, "entrantId" | "total" | "completionTime" | "components" | "disqualified">;

/** An order for entrants the tie-break chain leaves tied, first = ranked higher (rule S-53). */
export type TieDecision = { id: string; order: string[]; note?: string };

export type RankedEntry = {
  entrantId: string;
  rank: number;
  total: Hundredths;
  totalText: string;
  /** Entrants equal to this one on the whole tie-break chain. */
  tiedWith: string[];
  /** The recorded decision that separated this entrant from `tiedWith`, if any. */
  decidedBy: string | null;
};

export type UnresolvedTie = { rank: number; entrantIds: string[]; message: string };

export type Ranking = {
  entries: RankedEntry[];
  /** rule S-53: ties left when shared ranks are not allowed; they need a recorded decision. */
  unresolvedTies: UnresolvedTie[];
  /** rule S-44: disqualified entrants are not ranked. */
  excluded: { entrantId: string; reason: string }[];
};

export type Comparator<T> = (a: T, b: T) => number;

/** Turns the settings' chain into one comparator: negative when `a` ranks ahead of `b`. */
export function compileTieBreaks(chain: readonly TieBreak[], sample: Rankable | undefined): Comparator<Rankable> {
  const componentInfo = sample?.components ?? [];
  const indexOfComponent = (reference: string): number => {
    const byId = componentInfo.findIndex((c) => c.componentId === reference);
    return byId >= 0 ? byId : componentInfo.findIndex((c) => c.kind === reference);
  };
  const steps: Comparator<Rankable>[] = [];
  for (const step of chain) {
    switch (step.by) {
      case "total":
        steps.push((a, b) => b.total - a.total);
        break;
      case "time":
        // rule S-51 (1): shorter completion time first; no recorded time ranks after any time.
        steps.push((a, b) => {
          if (a.completionTime === b.completionTime) return 0;
          if (a.completionTime === null) return 1;
          if (b.completionTime === null) return -1;
          return a.completionTime - b.completionTime;
        });
        break;
      case "component": {
        // rule S-50: equal totals → the higher practical score first (the same for theory, S-51 (3)).
        const c = indexOfComponent(step.component);
        if (c >= 0) steps.push((a, b) => b.components[c].score - a.components[c].score);
        break;
      }
      case "modules": {
        // rule S-52: module 1, then module 2, … the higher module score first (exact, not rounded).
        const indexes = step.component === undefined ? componentInfo.map((_, i) => i) : [indexOfComponent(step.component)].filter((i) => i >= 0);
        steps.push((a, b) => {
          for (const c of indexes) {
            const left = a.components[c].modules;
            const right = b.components[c].modules;
            for (let m = 0; m < left.length; m++) {
              const order = compareRational(right[m].score, left[m].score);
              if (order !== 0) return order;
            }
          }
          return 0;
        });
        break;
      }
    }
  }
  return (a, b) => {
    for (const step of steps) {
      const order = step(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The chain, then entrant id: a strict total order, so sorting is the same for any input order. */
export function listingComparator(chain: Comparator<Rankable>): Comparator<Rankable> {
  return (a, b) => chain(a, b) || compareIds(a.entrantId, b.entrantId);
}

/** The latest recorded decision that orders every member of a tied group. */
function findDecision(decisions: readonly TieDecision[], memberIds: readonly string[]): TieDecision | null {
  for (let d = decisions.length - 1; d >= 0; d--) {
    const order = decisions[d].order;
    if (memberIds.every((id) => order.includes(id))) return decisions[d];
  }
  return null;
}

/** End (exclusive) of the group of entrants tied on the chain that starts at `start`. */
export function groupEnd<T extends Rankable>(sorted: readonly T[], start: number, chain: Comparator<Rankable>): number {
  let end = start + 1;
  while (end < sorted.length && chain(sorted[start], sorted[end]) === 0) end++;
  return end;
}

/** Start of the group of entrants tied on the chain that contains `index`. */
export function groupStart<T extends Rankable>(sorted: readonly T[], index: number, chain: Comparator<Rankable>): number {
  let start = index;
  while (start > 0 && chain(sorted[start - 1], sorted[index]) === 0) start--;
  return start;
}

/**
 * Ranks the groups of `sorted` between `start` (a group start) and `end` (a group end, exclusive).
 * Positions are 0-based indexes into the full sorted list, so ranks are position + 1.
 */
export function rankGroups<T extends Rankable>(
  sorted: readonly T[],
  start: number,
  end: number,
  chain: Comparator<Rankable>,
  ties: RankingSettings["ties"],
  decisions: readonly TieDecision[],
): { entries: RankedEntry[]; unresolvedTies: UnresolvedTie[] } {
  const entries: RankedEntry[] = [];
  const unresolvedTies: UnresolvedTie[] = [];
  let i = start;
  while (i < end) {
    const j = groupEnd(sorted, i, chain);
    const group = sorted.slice(i, j);
    const ids = group.map((e) => e.entrantId);
    const entry = (e: T, rank: number, decidedBy: string | null): RankedEntry => ({
      entrantId: e.entrantId,
      rank,
      total: e.total,
      totalText: formatHundredths(e.total),
      tiedWith: ids.filter((id) => id !== e.entrantId),
      decidedBy,
    });
    const decision = ties === "no-ties" && group.length > 1 ? findDecision(decisions, ids) : null;
    if (decision) {
      // rule S-53: a recorded decision gives the tied entrants consecutive, distinct ranks.
      const ordered = [...group].sort((a, b) => decision.order.indexOf(a.entrantId) - decision.order.indexOf(b.entrantId));
      ordered.forEach((e, k) => entries.push(entry(e, i + 1 + k, decision.id)));
    } else {
      // rule S-51 (4): still equal → the same rank; the next rank skips (1, 1, 3).
      for (const e of group) entries.push(entry(e, i + 1, null));
      if (ties === "no-ties" && group.length > 1) {
        unresolvedTies.push({
          rank: i + 1,
          entrantIds: ids,
          message: `第 ${i + 1} 名并列（${ids.join("、")}），本赛不允许并列，需记录裁决 / tie at rank ${i + 1} needs a recorded decision (rule S-53)`,
        });
      }
    }
    i = j;
  }
  return { entries, unresolvedTies };
}

/**
 * The ranks of the groups between `start` and `end`, like `rankGroups` but without building report
 * objects: calls `visit` per entrant. Used by the incremental recompute, where a mark that moves an
 * entrant far re-ranks thousands of positions.
 */
export function visitRanks<T extends Rankable>(
  sorted: readonly T[],
  start: number,
  end: number,
  chain: Comparator<Rankable>,
  ties: RankingSettings["ties"],
  decisions: readonly TieDecision[],
  visit: (entrantId: string, rank: number) => void,
): void {
  let i = start;
  while (i < end) {
    const j = groupEnd(sorted, i, chain);
    if (j - i > 1 && ties === "no-ties") {
      for (const e of rankGroups(sorted, i, j, chain, ties, decisions).entries) visit(e.entrantId, e.rank);
    } else {
      for (let k = i; k < j; k++) visit(sorted[k].entrantId, i + 1);
    }
    i = j;
  }
}

/** Ranks entrants by the settings' tie-break chain; disqualified entrants are listed as excluded. */
export function rankEntrants(entrants: readonly Rankable[], settings: RankingSettings, decisions: readonly TieDecision[] = []): Ranking {
  const ranked = entrants.filter((e) => !e.disqualified);
  const excluded = entrants
    .filter((e) => e.disqualified)
    .map((e) => ({ entrantId: e.entrantId, reason: "取消资格 / disqualified (rule S-44)" }))
    .sort((a, b) => compareIds(a.entrantId, b.entrantId));
  const chain = compileTieBreaks(settings.tieBreaks, ranked[0]);
  const sorted = [...ranked].sort(listingComparator(chain));
  const { entries, unresolvedTies } = rankGroups(sorted, 0, sorted.length, chain, settings.ties, decisions);
  return { entries, unresolvedTies, excluded };
}
