import crypto from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import { getEnv, isPostgresUrl } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { formatHundredths, type EntrantResult, type IncrementalScoring } from "~/modules/scoring";
import {
  PATCH_ROW_LIMIT,
  boardRow,
  compareRows,
  diffRows,
  identityShown,
  isFrozen,
  sseMessage,
  teamRows,
  type BoardView,
  type Identity,
} from "./board";
import {
  boardStateOf,
  computeEventResults,
  fingerprintOf,
  incrementalScoringOf,
  loadEventData,
  marksChangedSince,
  type EventData,
  type Fingerprint,
} from "./event-results.server";
import { onReset, subscribe, type ChangeKind } from "./live.server";
import { onShutdown } from "./shutdown.server";

// MAINTAINED leaderboards, one per event per process (a cache: everything is rebuilt from
// the database, so any number of processes can serve the same boards).
//
// Each board holds the scoring engine's IncrementalScoring (one changed mark re-ranks in
// microseconds) and the board JSON already serialised, per view: a leaderboard request
// writes out a prebuilt string; nothing is recomputed per request or per subscriber.
//
// A board refreshes when told (live.server.ts: publishChange → subscribe, from any process)
// and, as a safety net for writers that do not announce their changes, when a cheap
// fingerprint of the event's rows (counts and latest update times) moves: checked every
// RESULTS_WATCH_MS (default 1000; 0 switches the watch off) for boards in use, and on SQLite
// also as soon as the database file changes (PRAGMA data_version, polled every 100 ms). A refresh reads only the marks updated
// since the last one and applies them incrementally; theory scores, performance records,
// blind codes and scheme changes rebuild the board. Each refresh is diffed row by row and
// the changed rows are pushed to every open page of that view as ONE prebuilt message.

export type RenderedBoard = {
  view: BoardView;
  identity: Identity;
  frozen: boolean;
  version: string;
  /** the board JSON as served, UTF-8 encoded once per version (the API writes these bytes as they are) */
  bytes: Buffer;
  /** the board JSON as text (decoded from `bytes` on each call: for pages and small boards) */
  readonly json: string;
  rowJson: Map<string, string>;
  /** results behind the rows (for the team board) */
  results: () => EntrantResult[];
  teamsJson?: string;
};

export type BoardSubscriber = { send: (chunk: Uint8Array) => void };

const WATCH_MS = Number(process.env.RESULTS_WATCH_MS ?? 1000);
/** How far back to re-read marks on each refresh: covers clocks of other processes and slow commits. */
const SKEW_MS = 2_000;
const IDLE_EVICT_MS = 5 * 60_000;
const SQLITE_POLL_MS = 100;
const encoder = new TextEncoder();
const hash = (text: string) => crypto.createHash("sha1").update(text).digest("base64url").slice(0, 16);

/** What a board keeps of the event's data: the marks, theory scores and records live on in the scorer only. */
type BoardData = Omit<EventData, "marks" | "theory" | "performance">;

class LiveBoard {
  data: BoardData | null = null;
  scoring: IncrementalScoring | null = null;
  fingerprint: Fingerprint | null = null;
  /** mark id → value, to skip marks re-read unchanged and to notice removed marks */
  markValues = new Map<string, number>();
  markWatermark = 0;
  order: string[] = [];
  rowCache = new Map<Identity, Map<string, string>>();
  rendered = new Map<BoardView, RenderedBoard>();
  frozen: { key: string; board: RenderedBoard } | null = null;
  subscribers = new Map<BoardView, Set<BoardSubscriber>>([["live", new Set()], ["public", new Set()]]);
  lastUsed = Date.now();
  private running: Promise<void> | null = null;
  private dirty = false;
  private wantFull = true;
  private wantMarks = false;
  /** a change other than marks was announced (board, sign-off) or the watch fired: read the fingerprint */
  private wantCheck = false;
  private freezeTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;

  constructor(readonly eventId: string) {
    this.unsubscribe = subscribe(eventId, (change) => void this.refresh(change.kind).catch(() => {}));
  }

  /** Queue a refresh; resolves when the board reflects everything requested so far. */
  refresh(kind: ChangeKind | "watch"): Promise<void> {
    if (kind === "mark") this.wantMarks = true;
    else if (kind === "theory" || kind === "performance" || kind === "scheme" || kind === "codes" || kind === "reset") this.wantFull = true;
    else this.wantCheck = true;
    this.dirty = true;
    this.running ??= this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The current board, after any refresh in progress. */
  async ready(): Promise<void> {
    this.lastUsed = Date.now();
    if (!this.data) await this.refresh("reset");
    else if (this.running) await this.running;
  }

  private async loop() {
    while (this.dirty) {
      this.dirty = false;
      const full = this.wantFull;
      const marks = this.wantMarks;
      const check = this.wantCheck;
      this.wantFull = false;
      this.wantMarks = false;
      this.wantCheck = false;
      try {
        // Only marks were announced (while judges mark, one announcement per group from every
        // process): apply them without the fingerprint's six queries, so that a freeze or a
        // sign-off announced meanwhile waits for a short round only (issue 11, item 9).
        if (marks && !full && !check && this.data && this.scoring && (await this.syncAnnouncedMarks())) continue;
        await this.sync(full, marks);
      } catch (error) {
        this.wantFull = true;
        logger.error("leaderboard refresh failed", { eventId: this.eventId, error: String(error) });
        if (!this.data) throw error;
      }
    }
  }

  private async sync(full: boolean, marksAnnounced: boolean) {
    const fingerprint = await fingerprintOf(this.eventId);
    if (!fingerprint) {
      this.dispose();
      throw new Error("event not found");
    }
    const before = this.fingerprint;
    const structural =
      full || !this.data || !before ||
      before.event !== fingerprint.event || before.codes !== fingerprint.codes ||
      before.theory !== fingerprint.theory || before.performance !== fingerprint.performance;
    let affected: Set<string> | "all";
    let boardChanged = false;
    if (structural) {
      await this.reload(fingerprint);
      affected = "all";
    } else {
      affected = new Set();
      if (before.board !== fingerprint.board) {
        this.data!.board = await boardStateOf(this.eventId);
        boardChanged = true;
      }
      if (marksAnnounced || before.markCount !== fingerprint.markCount || before.markMax !== fingerprint.markMax) {
        const delta = await this.applyMarkDelta();
        if (delta === "reload") {
          await this.reload(fingerprint);
          affected = "all";
        } else {
          for (const id of delta) affected.add(id);
        }
      }
      if (affected !== "all" && this.markValues.size !== fingerprint.markCount) {
        await this.reload(fingerprint); // a mark was removed: rebuild
        affected = "all";
      }
    }
    this.fingerprint = fingerprint;
    // Nothing the boards show changed (the periodic check, a sign-off, a mark re-read unchanged):
    // keep the rendered boards rather than re-sorting, re-joining and re-hashing 10,000 rows.
    if (affected === "all" || affected.size > 0 || boardChanged || this.freezeSwitched()) await this.render(affected);
    this.scheduleFreezeSwitch();
  }

  /** Applies announced marks; false when only a full sync can (a mark the scheme refuses). */
  private async syncAnnouncedMarks(): Promise<boolean> {
    const delta = await this.applyMarkDelta();
    if (delta === "reload") return false;
    if (delta.size > 0 || this.freezeSwitched()) await this.render(delta);
    return true;
  }

  /** Whether the public view must change between live and frozen (the freeze time passed) since the last render. */
  private freezeSwitched(): boolean {
    const pub = this.rendered.get("public");
    return !pub || !this.data || pub.frozen !== isFrozen(this.data.board, new Date());
  }

  /**
   * Reads the event and builds the scorer. The marks are kept only as id → value; the watermark for
   * the next delta is the fingerprint read BEFORE loading, so a mark committed meanwhile is re-read.
   */
  private async reload(fingerprint: Fingerprint) {
    const loaded = await loadEventData(this.eventId);
    const scoring = incrementalScoringOf(loaded);
    const markValues = new Map<string, number>();
    for (const [id, mark] of loaded.marks) markValues.set(id, mark.value);
    const { marks: _marks, theory: _theory, performance: _performance, ...data } = loaded;
    this.data = data;
    this.scoring = scoring;
    this.markValues = markValues;
    this.markWatermark = fingerprint.markMax;
    this.rowCache.clear();
  }

  /** Applies marks updated since the watermark; returns the entrants whose row may have changed. */
  private async applyMarkDelta(): Promise<Set<string> | "reload"> {
    const data = this.data!;
    const changed = await marksChangedSince(this.eventId, new Date(this.markWatermark - SKEW_MS));
    const affected = new Set<string>();
    for (const m of changed) {
      this.markWatermark = Math.max(this.markWatermark, m.updatedAt.getTime());
      if (this.markValues.get(m.id) === m.value) continue;
      this.markValues.set(m.id, m.value);
      if (!this.scoring || !data.entrants.has(m.blindCodeId) || !data.scheme?.aspectIndexById.has(m.aspectId)) continue;
      try {
        const result = this.scoring.applyMark({ entrantId: m.blindCodeId, aspectId: m.aspectId, judgeId: m.judgeId, value: formatHundredths(m.value) });
        affected.add(m.blindCodeId);
        for (const r of result.changedRanks) affected.add(r.entrantId);
      } catch {
        return "reload"; // a mark the scheme refuses: the lenient full parse decides what counts
      }
    }
    return affected;
  }

  private rowsFor(identity: Identity, affected: Set<string> | "all"): Map<string, string> {
    const data = this.data!;
    let rows = this.rowCache.get(identity);
    if (!rows || affected === "all") {
      rows = new Map();
      this.rowCache.set(identity, rows);
      for (const entrant of data.entrants.values()) {
        rows.set(entrant.id, JSON.stringify(boardRow(entrant, this.scoring?.result(entrant.id), this.scoring?.rank(entrant.id) ?? null, identity)));
      }
      return rows;
    }
    // Copy on write: the previous rendering keeps its own rows, so pushes can be diffed against it.
    rows = new Map(rows);
    this.rowCache.set(identity, rows);
    for (const id of affected) {
      const entrant = data.entrants.get(id);
      if (entrant) rows.set(id, JSON.stringify(boardRow(entrant, this.scoring?.result(id), this.scoring?.rank(id) ?? null, identity)));
    }
    return rows;
  }

  private sortOrder() {
    const data = this.data!;
    const key = (id: string) => ({ rank: this.scoring?.result(id)?.disqualified ? null : this.scoring?.rank(id) ?? null, code: data.entrants.get(id)!.code });
    if (this.order.length !== data.entrants.size || this.order.some((id) => !data.entrants.has(id))) this.order = [...data.entrants.keys()];
    const keys = new Map(this.order.map((id) => [id, key(id)]));
    this.order.sort((a, b) => compareRows(keys.get(a)!, keys.get(b)!));
  }

  private async render(affected: Set<string> | "all") {
    const data = this.data!;
    this.sortOrder();
    const now = new Date();
    const used = new Set<Identity>();
    const joined = new Map<Identity, JoinedRows>();
    for (const view of ["live", "public"] as const) {
      const identity = identityShown(view, data.event, data.board);
      const frozen = view === "public" && isFrozen(data.board, now);
      const previous = this.rendered.get(view);
      let next: RenderedBoard;
      if (frozen) {
        next = await this.frozenBoard(identity);
      } else {
        // The live and public views often show the same rows: join and hash them once.
        let rows = joined.get(identity);
        if (!rows) {
          const rowJson = this.rowsFor(identity, affected);
          rows = { rowJson, ...joinRows(this.order, rowJson) };
          joined.set(identity, rows);
          used.add(identity);
        }
        const scoring = this.scoring;
        next = assemble(data, view, identity, false, rows, () => scoring?.allResults() ?? []);
      }
      this.rendered.set(view, next);
      if (previous && previous.version !== next.version) this.broadcast(view, previous, next);
    }
    // A row cache not refreshed in this render would go stale: drop it.
    for (const identity of [...this.rowCache.keys()]) if (!used.has(identity)) this.rowCache.delete(identity);
  }

  /** The public board as it stood at the freeze, rebuilt from the database (the same in every process). */
  private async frozenBoard(identity: Identity): Promise<RenderedBoard> {
    const data = this.data!;
    const frozenAt = data.board.frozenAt!;
    const key = [frozenAt.getTime(), identity, this.fingerprint?.event, this.fingerprint?.codes].join("|");
    if (this.frozen?.key === key) return this.frozen.board;
    const then = await computeEventResults(this.eventId, { asOf: frozenAt });
    const results = then.scores?.results ?? [];
    const byId = new Map(results.map((r) => [r.entrantId, r]));
    const ranks = new Map(then.scores?.ranking.entries.map((e) => [e.entrantId, e.rank]) ?? []);
    const rowJson = new Map<string, string>();
    const order = [...then.entrants.keys()];
    const rowKeys = new Map(order.map((id) => [id, { rank: byId.get(id)?.disqualified ? null : ranks.get(id) ?? null, code: then.entrants.get(id)!.code }]));
    order.sort((a, b) => compareRows(rowKeys.get(a)!, rowKeys.get(b)!));
    for (const id of order) rowJson.set(id, JSON.stringify(boardRow(then.entrants.get(id)!, byId.get(id), ranks.get(id) ?? null, identity)));
    const board = assemble(data, "public", identity, true, { rowJson, ...joinRows(order, rowJson) }, () => results);
    this.frozen = { key, board };
    return board;
  }

  private broadcast(view: BoardView, previous: RenderedBoard, next: RenderedBoard) {
    const subscribers = this.subscribers.get(view)!;
    if (subscribers.size === 0) return;
    let message: string;
    const sameShape = previous.identity === next.identity && previous.frozen === next.frozen && !next.frozen;
    const { changed, removed } = sameShape ? diffRows(previous.rowJson, next.rowJson) : { changed: [], removed: [] };
    if (sameShape && changed.length + removed.length <= PATCH_ROW_LIMIT) {
      const rows = changed.map((id) => next.rowJson.get(id)!).join(",");
      message = sseMessage("patch", `{"base":"${previous.version}","version":"${next.version}","at":${Date.now()},"rows":[${rows}],"removed":${JSON.stringify(removed)}}`, next.version);
    } else if (next.rowJson.size <= PATCH_ROW_LIMIT) {
      message = sseMessage("board", next.json, next.version); // small: the whole board
    } else {
      message = sseMessage("reload", `{"version":"${next.version}","at":${Date.now()},"frozen":${next.frozen}}`, next.version);
    }
    const bytes = encoder.encode(message);
    for (const subscriber of subscribers) {
      try {
        subscriber.send(bytes);
      } catch {
        subscribers.delete(subscriber);
      }
    }
  }

  private scheduleFreezeSwitch() {
    if (this.freezeTimer) clearTimeout(this.freezeTimer);
    this.freezeTimer = null;
    const frozenAt = this.data?.board.frozenAt;
    if (!frozenAt) return;
    const wait = frozenAt.getTime() - Date.now();
    if (wait <= 0 || wait > 2 ** 31 - 1) return;
    this.freezeTimer = setTimeout(() => void this.refresh("watch").catch(() => {}), wait + 5);
    this.freezeTimer.unref();
  }

  get watched() {
    return this.subscribers.get("live")!.size + this.subscribers.get("public")!.size > 0;
  }

  dispose() {
    this.unsubscribe();
    if (this.freezeTimer) clearTimeout(this.freezeTimer);
    boards.delete(this.eventId);
  }
}

type JoinedRows = { rowJson: Map<string, string>; rows: Buffer; rowsHash: string; count: number };

/**
 * The rows in board order, comma-separated, as UTF-8 bytes written straight into one buffer (no
 * joined string: a 10,000-row board with Chinese text would be a 3 MB two-byte string, then
 * encoded again), and their hash for the version.
 */
const joinRows = (order: string[], rowJson: Map<string, string>) => {
  let size = Math.max(0, order.length - 1);
  for (const id of order) size += Buffer.byteLength(rowJson.get(id)!);
  const rows = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < order.length; i++) {
    if (i > 0) rows[at++] = 0x2c; // ","
    at += rows.write(rowJson.get(order[i])!, at);
  }
  return { rows, rowsHash: crypto.createHash("sha1").update(rows).digest("base64url").slice(0, 16), count: order.length };
};

/** The board JSON with its version: the version is a hash of what the board shows. */
function assemble(
  data: Pick<EventData, "event" | "board" | "problem" | "scheme">,
  view: BoardView,
  identity: Identity,
  frozen: boolean,
  joined: JoinedRows,
  results: () => EntrantResult[],
): RenderedBoard {
  const head = {
    eventId: data.event.id,
    eventName: data.event.name,
    contestId: data.event.contest.id,
    contestName: data.event.contest.name,
    mode: data.event.mode,
    view,
    identity,
    frozen,
    frozenAt: data.board.frozenAt?.toISOString() ?? null,
    publishedAt: data.board.publishedAt?.toISOString() ?? null,
    decrypted: data.event.decryptedAt !== null,
    problem: data.problem,
    components: (data.scheme?.components ?? []).map((c) => ({ id: c.id, name: c.name, kind: c.kind, weightPercent: c.weight / 100 })),
  };
  const headJson = JSON.stringify(head);
  // The view is left out of the version: the public and live boards are the same when they show the same.
  const version = hash(JSON.stringify({ ...head, view: null, frozenAt: frozen ? head.frozenAt : null }) + joined.rowsHash);
  const bytes = Buffer.concat([Buffer.from(`${headJson.slice(0, -1)},"version":"${version}","rowCount":${joined.count},"rows":[`), joined.rows, Buffer.from("]}")]);
  return {
    view, identity, frozen, version, bytes, rowJson: joined.rowJson, results,
    get json() {
      return bytes.toString("utf8");
    },
  };
}

// ------------------------------------------------------------------ the registry of boards in this process

const globalForBoards = globalThis as unknown as { __liveBoards?: Map<string, LiveBoard>; __liveBoardsTimer?: NodeJS.Timeout };
const boards: Map<string, LiveBoard> = (globalForBoards.__liveBoards ??= new Map());

/**
 * SQLite: a second, read-only connection asks `PRAGMA data_version` every 100 ms (it changes when
 * any other connection commits; it costs no I/O). On a change, boards check their fingerprint at
 * once, so even writers that do not call publishChange reach open pages within a fraction of a
 * second. PostgreSQL relies on NOTIFY plus the periodic check.
 */
function startSqliteChangeDetector(): (() => void) | null {
  const url = getEnv().DATABASE_URL;
  if (isPostgresUrl(url)) return null;
  let connection: BetterSqlite3.Database;
  try {
    connection = new BetterSqlite3(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    connection.pragma("cache_size = -100"); // it reads no pages: data_version only
  } catch {
    return null;
  }
  let last = connection.pragma("data_version", { simple: true });
  const timer = setInterval(() => {
    let now: unknown;
    try {
      now = connection.pragma("data_version", { simple: true });
    } catch {
      return;
    }
    if (now === last) return;
    last = now;
    for (const board of boards.values()) if (board.watched || Date.now() - board.lastUsed < 60_000) void board.refresh("watch").catch(() => {});
  }, SQLITE_POLL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    connection.close();
  };
}

function ensureWatcher() {
  if (globalForBoards.__liveBoardsTimer || WATCH_MS <= 0) return;
  const stopDetector = startSqliteChangeDetector();
  if (stopDetector) onShutdown("leaderboard SQLite change detector", stopDetector);
  const timer = setInterval(() => {
    const now = Date.now();
    for (const board of [...boards.values()]) {
      if (board.watched || now - board.lastUsed < 60_000) void board.refresh("watch").catch(() => {});
      else if (now - board.lastUsed > IDLE_EVICT_MS) board.dispose();
    }
  }, WATCH_MS);
  timer.unref();
  globalForBoards.__liveBoardsTimer = timer;
  onReset(() => {
    for (const board of boards.values()) void board.refresh("reset").catch(() => {});
  });
  onShutdown("leaderboard watcher", () => {
    clearInterval(timer);
    globalForBoards.__liveBoardsTimer = undefined;
  });
}

async function boardOf(eventId: string): Promise<LiveBoard> {
  ensureWatcher();
  let board = boards.get(eventId);
  if (!board) {
    board = new LiveBoard(eventId);
    boards.set(eventId, board);
  }
  try {
    await board.ready();
  } catch (error) {
    board.dispose();
    throw error;
  }
  return board;
}

/** The board's JSON as UTF-8 bytes, encoded once per board version. */
export const boardBytes = (board: RenderedBoard): Uint8Array => board.bytes;

/** The maintained board of a view, prebuilt (JSON bytes and version). */
export async function getBoard(eventId: string, view: BoardView): Promise<RenderedBoard> {
  const board = await boardOf(eventId);
  return board.rendered.get(view)!;
}

/** The team board of a view (rules S-55, S-56), cached per board version. */
export async function getTeamBoard(eventId: string, view: BoardView): Promise<string> {
  const board = await boardOf(eventId);
  const rendered = board.rendered.get(view)!;
  if (rendered.teamsJson) return rendered.teamsJson;
  const data = board.data!;
  const rows = data.settings ? teamRows(rendered.results(), data.entrants, data.teams, data.settings, rendered.identity) : [];
  rendered.teamsJson = JSON.stringify({
    eventId: data.event.id,
    eventName: data.event.name,
    view,
    identity: rendered.identity,
    frozen: rendered.frozen,
    version: rendered.version,
    teamMode: data.settings?.teams.mode ?? "sum-of-members",
    rows,
  });
  return rendered.teamsJson;
}

/**
 * Registers an open page (server-sent events) on a board view. Returns the board as it is now
 * and the function to call when the page goes away.
 */
export async function watchBoard(eventId: string, view: BoardView, subscriber: BoardSubscriber) {
  const board = await boardOf(eventId);
  board.subscribers.get(view)!.add(subscriber);
  return {
    board: board.rendered.get(view)!,
    unwatch: () => {
      board.subscribers.get(view)!.delete(subscriber);
      board.lastUsed = Date.now();
    },
  };
}

/** Brings a board up to date now (tests, and callers that just wrote and want to read back). */
export async function refreshBoard(eventId: string, kind: ChangeKind | "watch" = "watch") {
  const board = boards.get(eventId);
  if (board) await board.refresh(kind);
}

/** Drops every cached board (tests). */
export function forgetBoards() {
  for (const board of [...boards.values()]) board.dispose();
}

export const boardCount = () => boards.size;
