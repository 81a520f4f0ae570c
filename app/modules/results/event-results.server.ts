import { db } from "~/utils/db.server";
import { sqliteReader } from "~/utils/sqlite-read.server";
import { notFound } from "~/utils/errors";
import { theoryJoinsCodes } from "~/modules/draws/blind-rules";
import {
  IncrementalScoring,
  ScoringInputError,
  parseEntrantSheets,
  parseMarkingScheme,
  parseScoringSettings,
  scoreEvent,
  type EntrantSheet,
  type EntrantSheetInput,
  type EventScores,
  type MarkingScheme,
  type ScoringSettings,
} from "~/modules/scoring";
import {
  readDeductions,
  toSheetInputs,
  valueAsOf,
  type BoardState,
  type Entrant,
  type RecordedChange,
  type StoredMark,
  type StoredPerformance,
  type StoredTheory,
} from "./board";

// An event's results, loaded from the database: blind codes (the entrants), the marks, the
// theory scores and the performance records, turned into the scoring engine's input
// (mapping in board.ts). `computeEventResults` is the full recompute, used for a frozen board
// (state as of the freeze), for publication and exports; leaderboard.server.ts keeps a
// MAINTAINED ranking per event and only applies changes to it.

export type EventMeta = {
  id: string;
  name: string;
  mode: string;
  drawnAt: Date | null;
  decryptedAt: Date | null;
  updatedAt: Date;
  markingScheme: string;
  scoringSettings: string;
  contest: { id: string; name: string; orgId: string; status: string; visibility: string; updatedAt: Date; org: { path: string } };
};

export type ServerEntrant = Entrant & { registrationId: string; memberId: string };
export type TeamInfo = { name: string; unit: string };

export type EventData = {
  event: EventMeta;
  board: BoardState;
  scheme: MarkingScheme | null;
  settings: ScoringSettings | null;
  /** why the scheme cannot be scored, when it cannot */
  problem: string | null;
  entrants: Map<string, ServerEntrant>;
  teams: Map<string, TeamInfo>;
  /** mark id → mark (only what scoring needs: no timestamps) */
  marks: Map<string, StoredMark>;
  theory: Map<string, StoredTheory>;
  performance: Map<string, StoredPerformance>;
};

const eventSelect = {
  id: true, name: true, mode: true, drawnAt: true, decryptedAt: true, updatedAt: true, markingScheme: true, scoringSettings: true,
  contest: { select: { id: true, name: true, orgId: true, status: true, visibility: true, updatedAt: true, org: { select: { path: true } } } },
} as const;

/**
 * Concurrent reads of the same event share one query while it is in flight (nothing is kept after
 * it settles, so a read that starts after a change sees it). When a venue's big screens and a
 * thousand phones open a board at once, each would otherwise run the same three queries.
 */
const inFlight = new Map<string, Promise<EventMeta>>();

export function loadEventMeta(eventId: string): Promise<EventMeta> {
  let pending = inFlight.get(eventId);
  if (!pending) {
    pending = db.contestEvent.findUnique({ where: { id: eventId }, select: eventSelect }).then((event) => {
      if (!event) throw notFound("找不到该赛项 / event not found");
      return event;
    });
    inFlight.set(eventId, pending);
    const done = () => void (inFlight.get(eventId) === pending && inFlight.delete(eventId));
    pending.then(done, done);
  }
  return pending;
}

const readJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

function schemeOf(event: EventMeta): { scheme: MarkingScheme | null; settings: ScoringSettings | null; problem: string | null } {
  try {
    const settings = parseScoringSettings(readJson(event.scoringSettings) ?? {});
    const { scheme } = parseMarkingScheme(readJson(event.markingScheme), settings);
    if (scheme.aspects.length === 0) return { scheme: null, settings, problem: "评分标准为空 / the marking scheme is empty" };
    return { scheme, settings, problem: null };
  } catch (error) {
    if (error instanceof ScoringInputError) return { scheme: null, settings: null, problem: `评分标准有误 / invalid marking scheme: ${error.message}` };
    throw error;
  }
}

export async function boardStateOf(eventId: string): Promise<BoardState> {
  const row = await db.resultBoard.findUnique({ where: { eventId }, select: { frozenAt: true, publishedAt: true } });
  return { frozenAt: row?.frozenAt ?? null, publishedAt: row?.publishedAt ?? null };
}

/**
 * Loads everything an event's board needs. With `asOf`, the data as it stood at that moment
 * (a frozen board): marks entered later are left out and marks changed later take the value
 * they had then (MarkChange `before`, or the event log's `before` for a judge's own change on an
 * open sheet); theory scores come from the import events up to that moment. Performance
 * records keep no history: one changed after `asOf` is left out of the frozen board.
 */
export async function loadEventData(eventId: string, options: { asOf?: Date } = {}): Promise<EventData> {
  const event = await loadEventMeta(eventId);
  const { scheme, settings, problem } = schemeOf(event);
  const asOf = options.asOf;
  // Timestamps are read only for a board as of a moment: 80,000 marks with two Dates each cost
  // twice the time and memory of the values alone.
  const [board, codes, marks, theoryRows, perfRows] = await Promise.all([
    boardStateOf(eventId),
    entrantRows(eventId),
    asOf ? marksAsOf(eventId, asOf) : currentMarks(eventId),
    // Theory scores are keyed by admission number, which the organisers who import them know:
    // beside a station code they would join people to codes, so they join the board only at
    // decryption (issue 10 item 1, rule S-34; decisions/004-blind-marking.md).
    theoryJoinsCodes(event) ? db.theoryScore.findMany({ where: { eventId }, select: { registrationId: true, value: true, voided: true, voidReason: true, updatedAt: !!asOf } }) : Promise.resolve([]),
    db.performanceRecord.findMany({ where: { eventId }, select: { blindCodeId: true, completionSeconds: true, deductions: true, disqualifiedReason: true, updatedAt: !!asOf } }),
  ]);
  const entrants = new Map<string, ServerEntrant>();
  const byRegistration = new Map<string, string>();
  const teamIds = new Set<string>();
  for (const r of codes) {
    entrants.set(r.id, { id: r.id, code: r.stationCode, name: r.memberName, unit: r.unitName, teamId: r.teamId, registrationId: r.registrationId, memberId: r.memberId });
    byRegistration.set(r.registrationId, r.id);
    if (r.teamId) teamIds.add(r.teamId);
  }
  const teams = new Map<string, TeamInfo>();
  if (teamIds.size) {
    const rows = await db.team.findMany({ where: { id: { in: [...teamIds] } }, select: { id: true, name: true, unit: { select: { name: true } } } });
    for (const t of rows) teams.set(t.id, { name: t.name, unit: t.unit.name });
  }


  const theory = new Map<string, StoredTheory>();
  const theoryAsOf = asOf ? await theoryImportsUpTo(eventId, asOf, codes) : null;
  for (const t of theoryRows) {
    const blindCodeId = byRegistration.get(t.registrationId);
    if (!blindCodeId) continue;
    if (asOf && t.updatedAt!.getTime() > asOf.getTime()) {
      const then = theoryAsOf?.get(blindCodeId);
      if (then) theory.set(blindCodeId, then);
      continue;
    }
    theory.set(blindCodeId, { value: t.value, voided: t.voided, voidReason: t.voidReason });
  }

  const performance = new Map<string, StoredPerformance>();
  for (const p of perfRows) {
    if (asOf && p.updatedAt!.getTime() > asOf.getTime()) continue;
    performance.set(p.blindCodeId, { completionSeconds: p.completionSeconds, deductions: readDeductions(p.deductions), disqualifiedReason: p.disqualifiedReason });
  }
  return { event, board, scheme, settings, problem, entrants, teams, marks, theory, performance };
}

type EntrantRow = { id: string; stationCode: string; registrationId: string; memberId: string; teamId: string | null; admissionNo: string | null; memberName: string; unitName: string };

/**
 * The event's blind codes with their registration, member and unit, as one joined query: Prisma's
 * nested select would read each relation with an IN-list of every id (10,000 for a big event) and
 * join them in memory, about 30 MB of transient memory for a 10,000-entrant event.
 */
function entrantRows(eventId: string): Promise<EntrantRow[]> {
  return db.$queryRaw<EntrantRow[]>`
    SELECT b."id", b."stationCode", r."id" AS "registrationId", r."memberId", r."teamId", r."admissionNo", m."name" AS "memberName", u."name" AS "unitName"
    FROM "BlindCode" b
    JOIN "Registration" r ON r."id" = b."registrationId"
    JOIN "Member" m ON m."id" = r."memberId"
    JOIN "Organisation" u ON u."id" = r."unitId"
    WHERE b."eventId" = ${eventId}`;
}

/** Rows per query when reading an event's marks through Prisma: bounds the memory a big event's first load takes. */
const MARK_PAGE = 2_000;

/**
 * The event's marks as they are now. On SQLite, read row by row on a read-only connection; on
 * PostgreSQL, through Prisma in keyset pages by id. Either way the entrant, aspect and judge ids
 * are shared strings (a 10,000-entrant event repeats each of them on thousands of marks).
 */
async function currentMarks(eventId: string): Promise<Map<string, StoredMark>> {
  const marks = new Map<string, StoredMark>();
  const shared = new Map<string, string>();
  const intern = (text: string) => {
    const known = shared.get(text);
    if (known !== undefined) return known;
    shared.set(text, text);
    return text;
  };
  const add = (m: StoredMark & { id: string }) =>
    marks.set(m.id, { blindCodeId: intern(m.blindCodeId), aspectId: intern(m.aspectId), judgeId: intern(m.judgeId), value: m.value });
  const sqlite = sqliteReader();
  if (sqlite) {
    const rows = sqlite.prepare(`SELECT "id", "blindCodeId", "aspectId", "judgeId", "value" FROM "Mark" WHERE "eventId" = ?`).iterate(eventId);
    for (const row of rows as Iterable<StoredMark & { id: string }>) add(row);
    return marks;
  }
  let after: string | null = null;
  for (;;) {
    const page: (StoredMark & { id: string })[] = await db.mark.findMany({
      where: { eventId, ...(after === null ? {} : { id: { gt: after } }) },
      select: { id: true, blindCodeId: true, aspectId: true, judgeId: true, value: true },
      orderBy: { id: "asc" },
      take: MARK_PAGE,
    });
    for (const m of page) add(m);
    if (page.length < MARK_PAGE) return marks;
    after = page[page.length - 1].id;
  }
}

/** The event's marks with the values they had at `asOf` (marks entered later are left out). */
async function marksAsOf(eventId: string, asOf: Date): Promise<Map<string, StoredMark>> {
  const rows = await db.mark.findMany({ where: { eventId }, select: { id: true, blindCodeId: true, aspectId: true, judgeId: true, value: true, enteredAt: true, updatedAt: true } });
  const later = rows.filter((m) => m.updatedAt.getTime() > asOf.getTime() && m.enteredAt.getTime() <= asOf.getTime());
  const history = await markHistorySince(later.map((m) => m.id), asOf);
  const marks = new Map<string, StoredMark>();
  for (const m of rows) {
    const value = valueAsOf(m, history.get(m.id) ?? [], asOf);
    if (value === null) continue;
    marks.set(m.id, { blindCodeId: m.blindCodeId, aspectId: m.aspectId, judgeId: m.judgeId, value });
  }
  return marks;
}

/** Recorded value changes of these marks after `since`: MarkChange rows and `mark.changed` events. */
async function markHistorySince(markIds: string[], since: Date): Promise<Map<string, RecordedChange[]>> {
  const out = new Map<string, RecordedChange[]>();
  const add = (markId: string, change: RecordedChange) => out.set(markId, [...(out.get(markId) ?? []), change]);
  for (let i = 0; i < markIds.length; i += 500) {
    const chunk = markIds.slice(i, i + 500);
    const [changes, events] = await Promise.all([
      db.markChange.findMany({ where: { markId: { in: chunk }, at: { gt: since } }, select: { markId: true, at: true, before: true } }),
      db.event.findMany({ where: { entityType: "Mark", entityId: { in: chunk }, at: { gt: since } }, select: { entityId: true, at: true, before: true } }),
    ]);
    for (const c of changes) add(c.markId, { at: c.at, before: c.before });
    for (const e of events) {
      const before = readJson(e.before ?? "null") as { value?: unknown } | null;
      if (e.entityId && before && typeof before.value === "number") add(e.entityId, { at: e.at, before: before.value });
    }
  }
  return out;
}

/** Theory scores as the import/entry events recorded them up to `asOf` (latest row per admission number). */
async function theoryImportsUpTo(
  eventId: string,
  asOf: Date,
  codes: { id: string; admissionNo: string | null }[],
): Promise<Map<string, StoredTheory>> {
  const byAdmission = new Map(codes.filter((c) => c.admissionNo).map((c) => [c.admissionNo!, c.id]));
  const events = await db.event.findMany({
    where: { entityType: "ContestEvent", entityId: eventId, action: { startsWith: "theory." }, at: { lte: asOf } },
    orderBy: { id: "asc" },
    select: { after: true },
  });
  const out = new Map<string, StoredTheory>();
  for (const e of events) {
    const after = readJson(e.after ?? "null") as { rows?: { admissionNo?: unknown; value?: unknown; voided?: unknown; voidReason?: unknown }[] } | null;
    for (const row of after?.rows ?? []) {
      const id = typeof row.admissionNo === "string" ? byAdmission.get(row.admissionNo) : undefined;
      if (!id || typeof row.value !== "number") continue;
      out.set(id, { value: row.value, voided: row.voided === true, voidReason: typeof row.voidReason === "string" ? row.voidReason : null });
    }
  }
  return out;
}

/**
 * Validated sheets. A stored mark the scheme no longer accepts (the scheme was edited after
 * marking) must not take the whole board down: such marks are dropped, entrant by entrant.
 */
export function parseSheetsLeniently(scheme: MarkingScheme, settings: ScoringSettings, inputs: EntrantSheetInput[]): EntrantSheet[] {
  try {
    return parseEntrantSheets(scheme, settings, inputs);
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
  }
  return inputs.map((input) => {
    try {
      return parseEntrantSheets(scheme, settings, [input])[0];
    } catch {
      const marks = (input.marks ?? []).filter((m) => {
        try {
          parseEntrantSheets(scheme, settings, [{ entrantId: input.entrantId, marks: [m] }]);
          return true;
        } catch {
          return false;
        }
      });
      try {
        return parseEntrantSheets(scheme, settings, [{ ...input, marks }])[0];
      } catch {
        return parseEntrantSheets(scheme, settings, [{ entrantId: input.entrantId, marks }])[0];
      }
    }
  });
}

/** Entrants per validation pass: the engine's input (values as text) for 100 entrants at a time, so the pass's garbage dies young instead of being promoted (a 10,000-entrant board peaked about 15 MB higher with 1,000). */
const SHEET_CHUNK = 100;

export function sheetsOf(data: Pick<EventData, "scheme" | "settings" | "entrants" | "marks" | "theory" | "performance">): EntrantSheet[] {
  const { scheme, settings } = data;
  if (!scheme || !settings) return [];
  const byEntrant = new Map<string, StoredMark[]>();
  for (const mark of data.marks.values()) {
    const list = byEntrant.get(mark.blindCodeId);
    if (list) list.push(mark);
    else byEntrant.set(mark.blindCodeId, [mark]);
  }
  const ids = [...data.entrants.keys()];
  const sheets: EntrantSheet[] = [];
  for (let i = 0; i < ids.length; i += SHEET_CHUNK) {
    const entrantIds = ids.slice(i, i + SHEET_CHUNK);
    const inputs = toSheetInputs(scheme, settings, { entrantIds, marks: entrantIds.flatMap((id) => byEntrant.get(id) ?? []), theory: data.theory, performance: data.performance });
    for (const sheet of parseSheetsLeniently(scheme, settings, inputs)) sheets.push(sheet);
  }
  return sheets;
}

export type EventResults = EventData & { scores: EventScores | null };

/**
 * The full recompute of an event's results (all entrants, ranking, flags), optionally as the
 * data stood at `asOf`. For publication, certificates and exports: entrants carry their
 * registration and member ids; callers apply the identity rules (draws/blind.server.ts).
 */
export async function computeEventResults(eventId: string, options: { asOf?: Date } = {}): Promise<EventResults> {
  const data = await loadEventData(eventId, options);
  if (!data.scheme || !data.settings) return { ...data, scores: null };
  return { ...data, scores: scoreEvent(data.scheme, data.settings, sheetsOf(data)) };
}

/** A maintained ranking for live boards: the engine's incremental scorer over the event's sheets. */
export function incrementalScoringOf(data: Parameters<typeof sheetsOf>[0]): IncrementalScoring | null {
  if (!data.scheme || !data.settings) return null;
  // The sheets are built here for the scorer alone: it adopts them rather than copying.
  return new IncrementalScoring(data.scheme, data.settings, sheetsOf(data), [], { adopt: true });
}

/** A cheap look at what changed since the last load (one aggregate per table). */
export type Fingerprint = {
  event: string;
  board: string;
  codes: string;
  theory: string;
  performance: string;
  markCount: number;
  markMax: number;
};

export async function fingerprintOf(eventId: string): Promise<Fingerprint | null> {
  const [event, board, codes, theory, performance, marks] = await Promise.all([
    db.contestEvent.findUnique({ where: { id: eventId }, select: { updatedAt: true, drawnAt: true, decryptedAt: true, contest: { select: { updatedAt: true } } } }),
    db.resultBoard.findUnique({ where: { eventId }, select: { updatedAt: true, frozenAt: true, publishedAt: true } }),
    db.blindCode.aggregate({ where: { eventId }, _count: { _all: true }, _max: { createdAt: true } }),
    db.theoryScore.aggregate({ where: { eventId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.performanceRecord.aggregate({ where: { eventId }, _count: { _all: true }, _max: { updatedAt: true } }),
    db.mark.aggregate({ where: { eventId }, _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  if (!event) return null;
  const t = (d: Date | null | undefined) => d?.getTime() ?? 0;
  return {
    event: [t(event.updatedAt), t(event.drawnAt), t(event.decryptedAt), t(event.contest.updatedAt)].join("/"),
    board: [t(board?.updatedAt), t(board?.frozenAt), t(board?.publishedAt)].join("/"),
    codes: `${codes._count._all}/${t(codes._max.createdAt)}`,
    theory: `${theory._count._all}/${t(theory._max.updatedAt)}`,
    performance: `${performance._count._all}/${t(performance._max.updatedAt)}`,
    markCount: marks._count._all,
    markMax: t(marks._max.updatedAt),
  };
}

/** Marks of an event changed at or after `since` (the delta a maintained board applies). */
export function marksChangedSince(eventId: string, since: Date) {
  return db.mark.findMany({
    where: { eventId, updatedAt: { gte: since } },
    select: { id: true, blindCodeId: true, aspectId: true, judgeId: true, value: true, updatedAt: true },
  });
}

