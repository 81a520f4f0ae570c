import type { PeriodBoard, ProjectFacts, RescoreBasis } from "./labour.server";

// The in-memory state of the board cache (board-cache.server.ts), kept apart so the service can
// drop or update an entry after a write without importing the cache (no import cycle).
//
// An entry holds a project's facts as of its stamp (LabourProject.updatedAt, moved by every write
// in the writing transaction: touchProject), the boards computed from them per period, and each
// board's encoded bytes. A reader compares the stamp it just read with the entry's; a write in
// this process updates the entry (a new score: the delta, one period recomputed) or drops it.

export type CacheEntry = {
  stamp: number;
  facts: ProjectFacts;
  boards: Map<string, PeriodBoard>;
  bytes: Map<string, Uint8Array>;
  /** per period, each row's JSON around its rank, kept while the row's scores object is the same (a new score re-encodes its unit only) */
  rows: Map<string, Map<string, RowJson>>;
  /** per period, its score rows by unit: built on the first new score, so a later one reads its unit's rows only */
  unitRows?: Map<string, Map<string, Score[]>>;
  /** what re-scoring a unit after a new score needs besides its scores (labour.server.ts rescoreCachedUnits): built on the first new score */
  rescore?: RescoreBasis;
};
/** a row's UTF-8 JSON before and after its rank, and what it was encoded from */
export type RowJson = { scores: object; total: number; banner: boolean; head: Uint8Array; tail: Uint8Array };

export const boardCache = new Map<string, CacheEntry>();
export const BOARD_CACHE_PROJECTS = 8;

export function forgetProject(projectId: string) {
  boardCache.delete(projectId);
}

type Score = ProjectFacts["scoresByPeriod"] extends Map<string, (infer S)[]> ? S : never;

/**
 * After scores of one period were saved: if the cached facts were current just before the write,
 * apply the saved rows and return the entry (the caller re-scores the changed units of the
 * period's board, labour.server.ts: rescoreCachedUnits); otherwise drop the entry.
 */
export function scoresSaved(projectId: string, stampBefore: number, stampAfter: number, periodId: string, rows: readonly Score[]): CacheEntry | null {
  const entry = boardCache.get(projectId);
  if (!entry) return null;
  if (entry.stamp !== stampBefore) {
    boardCache.delete(projectId);
    return null;
  }
  const list = entry.facts.scoresByPeriod.get(periodId) ?? [];
  const byUnit = unitRowsOf(entry, periodId);
  for (const row of rows) {
    const own = byUnit.get(row.unitId) ?? [];
    const k = own.findIndex((s) => s.indicatorKey === row.indicatorKey && s.byId === row.byId);
    if (k < 0) {
      own.push(row);
      byUnit.set(row.unitId, own);
      list.push(row);
    } else {
      // the same row object sits in the period's list: replace it there too (one scan, only for a changed score)
      const old = own[k];
      own[k] = row;
      const i = list.indexOf(old);
      if (i >= 0) list[i] = row;
      else list.push(row);
    }
  }
  entry.facts.scoresByPeriod.set(periodId, list);
  entry.stamp = stampAfter;
  entry.bytes.delete(periodId);
  return entry;
}

/** The period's score rows by unit (built once per cached entry and period, kept up to date by scoresSaved). */
export function unitRowsOf(entry: CacheEntry, periodId: string): Map<string, Score[]> {
  entry.unitRows ??= new Map();
  let byUnit = entry.unitRows.get(periodId);
  if (!byUnit) {
    byUnit = new Map();
    for (const s of entry.facts.scoresByPeriod.get(periodId) ?? []) {
      const own = byUnit.get(s.unitId);
      if (own) own.push(s);
      else byUnit.set(s.unitId, [s]);
    }
    entry.unitRows.set(periodId, byUnit);
  }
  return byUnit;
}
