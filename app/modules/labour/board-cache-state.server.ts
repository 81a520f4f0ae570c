import type { PeriodBoard, ProjectFacts } from "./labour.server";

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
};

export const boardCache = new Map<string, CacheEntry>();
export const BOARD_CACHE_PROJECTS = 8;

export function forgetProject(projectId: string) {
  boardCache.delete(projectId);
}

type Score = ProjectFacts["scoresByPeriod"] extends Map<string, (infer S)[]> ? S : never;

/**
 * After scores of one period were saved: if the cached facts were current just before the write,
 * apply the saved rows and recompute only that period; otherwise drop the entry.
 */
export function scoresSaved(projectId: string, stampBefore: number, stampAfter: number, periodId: string, rows: readonly Score[]) {
  const entry = boardCache.get(projectId);
  if (!entry) return;
  if (entry.stamp !== stampBefore) return void boardCache.delete(projectId);
  const list = entry.facts.scoresByPeriod.get(periodId) ?? [];
  const at = new Map(list.map((s, i) => [`${s.unitId}|${s.indicatorKey}|${s.byId}`, i]));
  for (const row of rows) {
    const i = at.get(`${row.unitId}|${row.indicatorKey}|${row.byId}`);
    if (i === undefined) list.push(row);
    else list[i] = row;
  }
  entry.facts.scoresByPeriod.set(periodId, list);
  entry.stamp = stampAfter;
  entry.boards.delete(periodId);
  entry.bytes.delete(periodId);
}
