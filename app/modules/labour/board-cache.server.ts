import type { SessionUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { computePeriodBoards, LABOUR_MESSAGES, loadProjectFacts, requireProject, setOf, type PeriodBoard } from "./labour.server";
import { boardCache, BOARD_CACHE_PROJECTS, type CacheEntry, type RowJson } from "./board-cache-state.server";

// Period boards from memory (issue 14, bench:labour): a project's facts are loaded once per stamp
// (LabourProject.updatedAt, moved by every write: touchProject), each period's board is computed
// when first asked for, and its JSON is encoded once. A new committee score updates the cached
// facts and recomputes only its period (board-cache-state.server.ts: scoresSaved). A project
// of 2,000 units × 26 periods holds about a million score rows: reloading them for every read
// took seconds; the stamp check is the one query a cached read makes besides the scope check.

/** The project's cached facts, current as of `project.updatedAt` (the row the scope check just read). */
export async function cachedFacts(project: { id: string; updatedAt: Date }): Promise<CacheEntry> {
  const stamp = project.updatedAt.getTime();
  const hit = boardCache.get(project.id);
  if (hit && hit.stamp === stamp) {
    boardCache.delete(project.id);
    boardCache.set(project.id, hit);
    return hit;
  }
  const facts = await loadProjectFacts(project.id);
  const entry: CacheEntry = { stamp: facts.project.updatedAt.getTime(), facts, boards: new Map(), bytes: new Map(), rows: new Map() };
  boardCache.set(project.id, entry);
  while (boardCache.size > BOARD_CACHE_PROJECTS) boardCache.delete(boardCache.keys().next().value!);
  return entry;
}

/** One period's board from the entry (computed on first use). */
export function boardOf(entry: CacheEntry, periodId: string): PeriodBoard {
  const cached = entry.boards.get(periodId);
  if (cached) return cached;
  const period = entry.facts.periods.find((p) => p.id === periodId);
  if (!period) throw notFound(LABOUR_MESSAGES.periodNotFound);
  const [board] = computePeriodBoards(entry.facts, [period]);
  entry.boards.set(periodId, board);
  return board;
}

/** Every period's board from the entry (the ones not cached yet computed together). */
export function allBoards(entry: CacheEntry): PeriodBoard[] {
  const missing = entry.facts.periods.filter((p) => !entry.boards.has(p.id));
  if (missing.length) for (const b of computePeriodBoards(entry.facts, missing)) entry.boards.set(b.periodId, b);
  return entry.facts.periods.map((p) => entry.boards.get(p.id)!);
}

/**
 * The ranking of one period as JSON bytes (GET /api/v1/labour/projects/{id}/periods/{id}/board):
 * the same for every reader allowed to see the project, so encoded once per version.
 */
export async function periodBoardBytes(user: SessionUser, projectId: string, periodId: string): Promise<Uint8Array> {
  const { project } = await requireProject(user, projectId);
  const entry = await cachedFacts(project);
  const ready = entry.bytes.get(periodId);
  if (ready) return ready;
  const board = boardOf(entry, periodId);
  const period = entry.facts.periods.find((p) => p.id === periodId)!;
  const set = setOf(entry.facts.project);
  const banners = new Set(entry.facts.banners.filter((b) => b.periodId === periodId).map((b) => b.unitId));
  const name = (id: string) => entry.facts.roster.get(id)?.name ?? id;
  const head = {
    project: { id: project.id, name: project.name },
    period: { id: period.id, seq: period.seq, label: period.label, from: period.fromDate, to: period.toDate, status: period.status },
    indicators: set.indicators.map((i) => ({ key: i.key, name: i.name, weight: i.weight, max: i.max })),
    signatures: board.signatures,
    missing: board.missing.length,
  };
  // each row's JSON is kept between versions while its scores are unchanged: after one new score
  // only that unit is encoded again, the others take their new rank between the kept pieces
  let kept = entry.rows.get(periodId);
  if (!kept) entry.rows.set(periodId, (kept = new Map<string, RowJson>()));
  const parts: string[] = new Array(board.ranked.length);
  for (let i = 0; i < board.ranked.length; i++) {
    const r = board.ranked[i];
    let row = kept.get(r.unitId);
    if (!row || row.scores !== r.scores || row.total !== r.total) {
      const full = JSON.stringify({ unitId: r.unitId, name: name(r.unitId), group: r.group, rank: 0, total: r.total, scores: r.scores, disqualified: r.disqualified, reasons: r.reasons, banner: banners.has(r.unitId) });
      const at = full.indexOf(',"total":');
      row = { scores: r.scores, total: r.total, head: full.slice(0, full.lastIndexOf('"rank":', at) + 7), tail: full.slice(at) };
      kept.set(r.unitId, row);
    }
    parts[i] = row.head + (r.rank === null ? "null" : String(r.rank)) + row.tail;
  }
  const json = `${JSON.stringify(head).slice(0, -1)},"rows":[${parts.join(",")}]}`;
  const bytes = new TextEncoder().encode(json);
  entry.bytes.set(periodId, bytes);
  return bytes;
}
