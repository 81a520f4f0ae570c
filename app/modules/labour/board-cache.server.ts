import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/errors";
import { computePeriodBoards, LABOUR_MESSAGES, loadProjectFacts, requireProject, setOf, type PeriodBoard } from "./labour.server";
import { boardCache, BOARD_CACHE_PROJECTS, type CacheEntry, type RowJson } from "./board-cache-state.server";
import { scoreWriter, timeOf } from "./score-writer.server";

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
 * The project's stamp after the scope check (labour:read over its organisation), as requireProject
 * would answer: on SQLite one prepared statement on the labour writer's connection
 * (score-writer.server.ts), not two queries compiled by Prisma for every board read.
 */
async function readableStamp(user: SessionUser, projectId: string): Promise<{ id: string; updatedAt: Date }> {
  const direct = scoreWriter();
  if (!direct) return (await requireProject(user, projectId)).project;
  const row = direct.read((q) => q.project.get(projectId)) as { id: string; updatedAt: unknown; orgPath: string | null } | undefined;
  if (!row) throw notFound(LABOUR_MESSAGES.projectNotFound);
  if (row.orgPath === null) throw notFound(LABOUR_MESSAGES.orgNotFound);
  if (!hasPermission(user, "labour:read", row.orgPath)) throw forbidden();
  return { id: row.id, updatedAt: timeOf(row.updatedAt) };
}

const utf8 = new TextEncoder();
const COMMA = 0x2c;

/**
 * The ranking of one period as JSON bytes (GET /api/v1/labour/projects/{id}/periods/{id}/board):
 * the same for every reader allowed to see the project, so encoded once per version. Each row is
 * kept as its UTF-8 bytes before and after its rank while its scores are the same, so after one
 * new score only that unit is encoded again: the board is copied together from the kept pieces
 * with the new ranks written in between (no string of the whole 0.6 MB board, no re-encoding).
 */
export async function periodBoardBytes(user: SessionUser, projectId: string, periodId: string): Promise<Uint8Array> {
  const project = await readableStamp(user, projectId);
  const entry = await cachedFacts(project);
  const ready = entry.bytes.get(periodId);
  if (ready) return ready;
  const board = boardOf(entry, periodId);
  const period = entry.facts.periods.find((p) => p.id === periodId)!;
  const set = setOf(entry.facts.project);
  const banners = new Set(entry.facts.banners.filter((b) => b.periodId === periodId).map((b) => b.unitId));
  const name = (id: string) => entry.facts.roster.get(id)?.name ?? id;
  const head = {
    project: { id: entry.facts.project.id, name: entry.facts.project.name },
    period: { id: period.id, seq: period.seq, label: period.label, from: period.fromDate, to: period.toDate, status: period.status },
    indicators: set.indicators.map((i) => ({ key: i.key, name: i.name, weight: i.weight, max: i.max })),
    signatures: board.signatures,
    missing: board.missing.length,
  };
  let kept = entry.rows.get(periodId);
  if (!kept) entry.rows.set(periodId, (kept = new Map<string, RowJson>()));
  const rows: RowJson[] = new Array(board.ranked.length);
  const start = utf8.encode(`${JSON.stringify(head).slice(0, -1)},"rows":[`);
  let length = start.length + 2 + Math.max(0, board.ranked.length - 1);
  for (let i = 0; i < board.ranked.length; i++) {
    const r = board.ranked[i];
    let row = kept.get(r.unitId);
    const banner = banners.has(r.unitId);
    if (!row || row.scores !== r.scores || row.total !== r.total || row.banner !== banner) {
      const full = JSON.stringify({ unitId: r.unitId, name: name(r.unitId), group: r.group, rank: 0, total: r.total, scores: r.scores, disqualified: r.disqualified, reasons: r.reasons, banner });
      const at = full.indexOf(',"total":');
      row = { scores: r.scores, total: r.total, banner, head: utf8.encode(full.slice(0, full.lastIndexOf('"rank":', at) + 7)), tail: utf8.encode(full.slice(at)) };
      kept.set(r.unitId, row);
    }
    rows[i] = row;
    length += row.head.length + row.tail.length + rankDigits(r.rank);
  }
  const bytes = new Uint8Array(length);
  bytes.set(start, 0);
  let at = start.length;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) bytes[at++] = COMMA;
    bytes.set(rows[i].head, at);
    at += rows[i].head.length;
    at = writeRank(bytes, at, board.ranked[i].rank);
    bytes.set(rows[i].tail, at);
    at += rows[i].tail.length;
  }
  bytes[at++] = 0x5d; // ]
  bytes[at++] = 0x7d; // }
  entry.bytes.set(periodId, bytes);
  return bytes;
}

/** A rank written digit by digit: a whole number from 0 up to 2^31 − 1 (any other goes through String). */
const plainRank = (rank: number) => (rank | 0) === rank && rank >= 0;

/** The length of a rank as JSON: its decimal digits, or `null` (4); no string made for a plain rank. */
export function rankDigits(rank: number | null): number {
  if (rank === null) return 4;
  if (!plainRank(rank)) return JSON.stringify(rank).length;
  let n = 1;
  for (let r = rank; r >= 10; r = (r / 10) | 0) n++;
  return n;
}

/** Writes a rank as JSON (ASCII digits, or `null`, exactly as JSON.stringify) at `at`; returns the position after it. */
export function writeRank(bytes: Uint8Array, at: number, rank: number | null): number {
  if (rank !== null && plainRank(rank)) {
    const end = at + rankDigits(rank);
    let r = rank;
    for (let k = end - 1; k >= at; k--) {
      bytes[k] = 0x30 + (r % 10);
      r = (r / 10) | 0;
    }
    return end;
  }
  const text = JSON.stringify(rank);
  for (let k = 0; k < text.length; k++) bytes[at++] = text.charCodeAt(k);
  return at;
}
