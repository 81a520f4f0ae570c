/**
 * rule S-14: from the heats (初赛/选拔赛) to the final — the top N go through, and everyone tied with
 * the N-th place also goes through (并列均进入). Use a shared-rank ranking of the heats for this.
 */
import type { RankedEntry, Ranking } from "./ranking";

export type Qualification = {
  finalists: RankedEntry[];
  /** Places asked for (N). */
  places: number;
  /** The rank of the last finalist, or null when nobody qualifies. */
  cutoffRank: number | null;
  /** rule S-14: finalists beyond N because they tie with the N-th place. */
  extraBecauseOfTies: string[];
};

export function selectFinalists(ranking: Ranking, places: number): Qualification {
  if (!Number.isInteger(places) || places < 0) throw new RangeError("places must be a whole number ≥ 0");
  // With competition ranks the N-th entrant's rank is ≤ N and everyone tied with them shares it,
  // while anyone after a tie that reaches past N has a rank > N. So "rank ≤ N" is exactly S-14.
  const finalists = ranking.entries.filter((e) => e.rank <= places);
  return {
    finalists,
    places,
    cutoffRank: finalists.length > 0 ? finalists[finalists.length - 1].rank : null,
    extraBecauseOfTies: finalists.slice(places).map((e) => e.entrantId),
  };
}
