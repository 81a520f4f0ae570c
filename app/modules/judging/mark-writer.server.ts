import crypto from "node:crypto";
import { db, type Tx } from "~/utils/db.server";
import { isPostgresUrl, getEnv } from "~/utils/env.server";
import { asStorageError, isStorageFull, noteWriteSuccess } from "~/utils/db-faults.server";
import { publishChange } from "~/modules/results/live.server";
import { AppError } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { displayValue, type SheetAspect } from "./sheet";
import type { EventCode, EventMarking } from "./judge-context.server";
import { directSqlite, sqliteTime, type DirectSqlite } from "./sqlite-direct.server";
import { groupQueue, newId, retryWhileBusy } from "~/utils/group-commit.server";
import { staleOver, type CurrentMark } from "./device-checks";

// Group commit for marks. During a contest every judge's tablet sends marks at once; on
// the embedded SQLite database each transaction is a round of the one writer, so marks
// that arrive while a transaction is running are written together in the next one: the
// same checks and writes as one mark alone (key, lock, sheet status, mark, key record,
// event), in ONE transaction for the whole group, with a handful of queries instead of
// six per mark. Every mark still gets its own answer; a failure of the group (e.g. a
// unique-index race with another server process on PostgreSQL) falls back to writing
// each mark alone, where those races are handled. Measured in docs/performance.md.

export type PendingMark = {
  event: EventMarking;
  code: EventCode;
  aspect: SheetAspect;
  judgeId: string;
  value: number;
  key: string;
  /** the version the device typed over (issue 11); undefined: no check */
  baseVersion?: number;
  actor: Actor;
};

export type SavedMarkResponse = {
  key: string;
  status: "saved";
  markId: string;
  sheetId: string;
  blindCodeId: string;
  stationCode: string;
  aspectId: string;
  value: number;
  valueText: string;
  version: number;
  savedAt: string;
  replayed: boolean;
};

type Queued = PendingMark & { resolve: (r: SavedMarkResponse) => void; reject: (e: unknown) => void };

export type WriterHooks = {
  /** writes one mark in its own transaction (submitted sheets with a re-mark request, and the fallback) */
  writeAlone: (mark: PendingMark) => Promise<SavedMarkResponse>;
  locked: () => AppError;
  keyReused: () => AppError;
  /** the key was used before by this judge for another mark or value: 409 with what was stored */
  keyConflict: (stored: SavedMarkResponse) => AppError;
  /** a stale entry (issue 11): the current mark it would have overwritten */
  conflict: (aspect: SheetAspect, current: CurrentMark) => AppError;
};

/**
 * A replay of an idempotency key (issue 11, item 6): the same judge and the same mark (entrant,
 * aspect, value) answer what was stored; another judge's key is refused without showing their
 * mark (rule S-21); the judge's own key with another entrant, aspect or value is a conflict
 * that answers the stored mark, never a silent 200.
 */
export function replayOutcome(previous: { judgeId: string; response: string }, mark: Pick<PendingMark, "judgeId" | "value" | "code" | "aspect">, writerHooks: WriterHooks) {
  if (previous.judgeId !== mark.judgeId) return { error: writerHooks.keyReused() };
  const stored = { ...(JSON.parse(previous.response) as SavedMarkResponse), replayed: true };
  if (stored.blindCodeId !== mark.code.id || stored.aspectId !== mark.aspect.id || stored.value !== mark.value) return { error: writerHooks.keyConflict(stored) };
  return { replay: stored };
}

/** (event, judge, entrant): one score sheet, the unit that concurrent writers of a slot queue on */
export type SheetTriple = [eventId: string, judgeId: string, blindCodeId: string];

const lockKey = (triple: SheetTriple) => BigInt.asIntN(64, BigInt(`0x${crypto.createHash("sha1").update(triple.join("\u0000")).digest("hex").slice(0, 16)}`)).toString();

/**
 * Makes a Prisma transaction the only writer of these sheets until it ends (issue 11, item 5).
 * PostgreSQL: transaction-level advisory locks, one per sheet, taken in one order (no deadlock),
 * so two processes writing the same slot queue: the second creates no second sheet and numbers
 * its version after the first's. SQLite: the transaction takes the database's write lock before
 * it reads (a no-op write), so what it read cannot change before it writes.
 */
export async function lockSheetsForWriting(tx: Tx, triples: SheetTriple[]) {
  if (isPostgresUrl(getEnv().DATABASE_URL)) {
    const keys = unique(triples.map(lockKey)).sort();
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`, keys);
  } else {
    await tx.$executeRawUnsafe(`DELETE FROM "ScoreSheet" WHERE 0`);
  }
}

const MAX_GROUP = 250;
let hooks: WriterHooks | null = null;


export function enqueueMark(mark: PendingMark, writerHooks: WriterHooks): Promise<SavedMarkResponse> {
  hooks = writerHooks;
  // The marks that arrive in the same tick join one group (group-commit.server.ts).
  return new Promise((resolve, reject) => enqueue({ ...mark, resolve, reject }));
}

const enqueue = groupQueue<Queued>(MAX_GROUP, async (group) => {
  try {
    await writeGroup(group);
  } catch (error) {
    // The group's transaction rolled back as a whole: nothing of it was written.
    if (isStorageFull(error)) {
      // A full disk (issue 11, item 1): every mark of the group answers 503 at once and stays
      // on its device; the next mark tries again, so judging resumes when space returns.
      const refused = asStorageError(error);
      for (const item of group) item.reject(refused);
      return;
    }
    if (process.env.MARKS_DEBUG) console.error("mark group failed, writing one by one:", error);
    await Promise.all(group.map((item) => hooks!.writeAlone(item).then(item.resolve, item.reject)));
  }
});

const tripleKey = (eventId: string, judgeId: string, blindCodeId: string) => `${eventId}\u0000${judgeId}\u0000${blindCodeId}`;
const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

type Lookups = {
  stored: { key: string; judgeId: string; response: string }[];
  signOffs: { eventId: string; sessionId: string | null }[];
  sheets: { id: string; eventId: string; judgeId: string; blindCodeId: string; status: string }[];
  /** the marks already on those sheets for the group's aspects */
  marks: { id: string; sheetId: string; aspectId: string; value: number; version: number }[];
};

type Writes = {
  newSheets: { id: string; eventId: string; judgeId: string; blindCodeId: string; status: string; createdAt: Date; updatedAt: Date }[];
  newMarks: { id: string; sheetId: string; eventId: string; blindCodeId: string; judgeId: string; aspectId: string; value: number; version: number; enteredAt: Date; updatedAt: Date }[];
  updated: Map<string, { value: number; version: number; updatedAt: Date }>;
  submissions: { key: string; judgeId: string; markId: string; response: string; receivedAt: Date }[];
  events: { actorId: string | null; requestId: string | null; action: string; entityType: string; entityId: string | null; orgId: string | null; before: string | null; after: string | null; at: Date }[];
};

const unique = <T>(values: T[]) => [...new Set(values)];

/**
 * Decides every mark of the group from what the database holds, in arrival order: replays
 * answer their stored response, locked sheets refuse (and are logged for the chief judge),
 * submitted sheets go to the one-mark path, the rest enter or change a mark. Returns the
 * rows to write and, for after the commit, each mark's answer.
 */
function planGroup(group: Queued[], read: Lookups) {
  const settled: (() => void)[] = [];
  const alone: Queued[] = [];
  const storedByKey = new Map(read.stored.map((s) => [s.key, s]));
  const sheetByTriple = new Map(read.sheets.map((s) => [tripleKey(s.eventId, s.judgeId, s.blindCodeId), s]));
  const markBySlot = new Map(read.marks.map((m) => [`${m.sheetId}\u0000${m.aspectId}`, { ...m }]));
  const now = new Date();
  const savedAt = now.toISOString();
  const w: Writes = { newSheets: [], newMarks: [], updated: new Map(), submissions: [], events: [] };
  const newMarkById = new Map<string, Writes["newMarks"][number]>();
  const answered = new Map<string, { judgeId: string; response: string }>();
  /** events whose marks this group enters or changes (announced to live boards after the commit) */
  const changedEvents = new Set<string>();
  const event = (m: PendingMark, action: string, entityType: string, entityId: string | null, before: unknown, after: unknown) =>
    w.events.push({ actorId: m.actor.userId, requestId: m.actor.requestId, action, entityType, entityId, orgId: m.event.orgId, before: toJson(before), after: toJson(after), at: now });

  for (const m of group) {
    const previous = storedByKey.get(m.key) ?? answered.get(m.key);
    if (previous) {
      // A replay (stored earlier, or the same key twice in this group): answer what was stored.
      const outcome = replayOutcome(previous, m, hooks!);
      settled.push(() => ("replay" in outcome ? m.resolve(outcome.replay!) : m.reject(outcome.error)));
      continue;
    }
    const locked = read.signOffs.some((s) => s.eventId === m.event.id && (s.sessionId === null || s.sessionId === m.code.sessionId));
    let sheet = sheetByTriple.get(tripleKey(m.event.id, m.judgeId, m.code.id));
    if (locked || sheet?.status === "locked") {
      event(m, "mark.rejected-locked", "ScoreSheet", sheet?.id ?? null, undefined, {
        eventId: m.event.id, blindCodeId: m.code.id, stationCode: m.code.stationCode, sessionId: m.code.sessionId, aspectId: m.aspect.id, value: m.value, key: m.key,
      });
      settled.push(() => m.reject(hooks!.locked()));
      continue;
    }
    if (sheet?.status === "submitted") {
      alone.push(m); // only a requested re-mark may change it: the one-mark path decides
      continue;
    }
    if (!sheet) {
      sheet = { id: newId(), eventId: m.event.id, judgeId: m.judgeId, blindCodeId: m.code.id, status: "open" };
      w.newSheets.push({ ...sheet, createdAt: now, updatedAt: now });
      sheetByTriple.set(tripleKey(m.event.id, m.judgeId, m.code.id), sheet);
    }
    const slot = `${sheet.id}\u0000${m.aspect.id}`;
    const existing = markBySlot.get(slot);
    const stale = staleOver(existing, m.baseVersion, m.value);
    if (stale) {
      event(m, "mark.conflict", "ScoreSheet", null, undefined, {
        eventId: m.event.id, blindCodeId: m.code.id, stationCode: m.code.stationCode, aspectId: m.aspect.id, judgeId: m.judgeId, value: m.value, key: m.key, current: stale,
      });
      settled.push(() => m.reject(hooks!.conflict(m.aspect, stale)));
      continue;
    }
    let mark: { id: string; value: number; version: number };
    if (!existing) {
      mark = { id: newId(), value: m.value, version: 1 };
      const row = { id: mark.id, sheetId: sheet.id, eventId: m.event.id, blindCodeId: m.code.id, judgeId: m.judgeId, aspectId: m.aspect.id, value: m.value, version: 1, enteredAt: now, updatedAt: now };
      w.newMarks.push(row);
      newMarkById.set(mark.id, row);
      markBySlot.set(slot, { ...mark, sheetId: sheet.id, aspectId: m.aspect.id });
      changedEvents.add(m.event.id);
      event(m, "mark.entered", "Mark", mark.id, undefined, { eventId: m.event.id, stationCode: m.code.stationCode, aspectId: m.aspect.id, value: m.value, version: 1, key: m.key });
    } else if (existing.value !== m.value) {
      const before = { value: existing.value, version: existing.version };
      existing.value = m.value;
      existing.version += 1;
      const row = newMarkById.get(existing.id);
      if (row) {
        row.value = existing.value;
        row.version = existing.version;
      } else {
        w.updated.set(existing.id, { value: existing.value, version: existing.version, updatedAt: now });
      }
      mark = existing;
      changedEvents.add(m.event.id);
      event(m, "mark.changed", "Mark", mark.id, before, { eventId: m.event.id, stationCode: m.code.stationCode, aspectId: m.aspect.id, value: m.value, version: existing.version, key: m.key });
    } else {
      mark = existing;
    }
    const response: SavedMarkResponse = {
      key: m.key, status: "saved", markId: mark.id, sheetId: sheet.id, blindCodeId: m.code.id, stationCode: m.code.stationCode,
      aspectId: m.aspect.id, value: mark.value, valueText: displayValue(m.aspect, mark.value), version: mark.version, savedAt, replayed: false,
    };
    const text = JSON.stringify(response);
    answered.set(m.key, { judgeId: m.judgeId, response: text });
    w.submissions.push({ key: m.key, judgeId: m.judgeId, markId: mark.id, response: text, receivedAt: now });
    settled.push(() => m.resolve(response));
  }
  return { writes: w, settled, alone, changedEvents };
}

const groupKeys = (group: Queued[]) => ({
  keys: unique(group.map((m) => m.key)),
  eventIds: unique(group.map((m) => m.event.id)),
  judgeIds: unique(group.map((m) => m.judgeId)),
  codeIds: unique(group.map((m) => m.code.id)),
  aspectIds: unique(group.map((m) => m.aspect.id)),
});

/** The portable path (PostgreSQL): Prisma, one interactive transaction for the group. */
async function writeGroupPrisma(group: Queued[]) {
  const k = groupKeys(group);
  const plan = await db.$transaction(
    async (tx) => {
      await lockSheetsForWriting(tx, group.map((m) => [m.event.id, m.judgeId, m.code.id]));
      const [stored, signOffs, sheets] = await Promise.all([
        tx.markSubmission.findMany({ where: { key: { in: k.keys } }, select: { key: true, judgeId: true, response: true } }),
        tx.signOff.findMany({ where: { eventId: { in: k.eventIds } }, select: { eventId: true, sessionId: true } }),
        tx.scoreSheet.findMany({
          where: { eventId: { in: k.eventIds }, judgeId: { in: k.judgeIds }, blindCodeId: { in: k.codeIds } },
          select: { id: true, eventId: true, judgeId: true, blindCodeId: true, status: true },
        }),
      ]);
      const marks = sheets.length
        ? await tx.mark.findMany({ where: { sheetId: { in: sheets.map((s) => s.id) }, aspectId: { in: k.aspectIds } }, select: { id: true, sheetId: true, aspectId: true, value: true, version: true } })
        : [];
      const planned = planGroup(group, { stored, signOffs, sheets, marks });
      const w = planned.writes;
      if (w.newSheets.length) await tx.scoreSheet.createMany({ data: w.newSheets });
      if (w.newMarks.length) await tx.mark.createMany({ data: w.newMarks });
      for (const [id, change] of w.updated) await tx.mark.update({ where: { id }, data: change });
      if (w.submissions.length) await tx.markSubmission.createMany({ data: w.submissions });
      // The event log rows, as recordEvent writes them, in the same transaction.
      if (w.events.length) await tx.event.createMany({ data: w.events });
      return planned;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
  return plan;
}

async function writeGroup(group: Queued[]) {
  const sqlite = directSqlite();
  const plan = sqlite ? await writeGroupSqlite(sqlite, group) : await writeGroupPrisma(group);
  noteWriteSuccess();
  for (const settle of plan.settled) settle();
  // Live boards in every process follow the marks at once (issue 11, item 9), one
  // announcement per event per group, after the commit.
  for (const eventId of plan.changedEvents) void publishChange(eventId, "mark");
  await Promise.all(plan.alone.map((item) => hooks!.writeAlone(item).then(item.resolve, item.reject)));
}

/**
 * The embedded path (SQLite): the same plan, read and written through prepared statements
 * on a second connection to the same file, in one synchronous IMMEDIATE transaction. It
 * never waits on the lock inside the event loop: busy_timeout is 0 and a busy database
 * (Prisma's connection in the middle of its own transaction) is retried a moment later.
 */
async function writeGroupSqlite(sqlite: DirectSqlite, group: Queued[]) {
  const k = groupKeys(group);
  // Synchronous from BEGIN to COMMIT: nothing else runs in between.
  return retryWhileBusy(() =>
    sqlite.transaction((s) => {
      const triples = unique(group.map((m) => tripleKey(m.event.id, m.judgeId, m.code.id))).map((t) => t.split("\u0000"));
      const sheets = s.sheets.all(JSON.stringify(triples)) as Lookups["sheets"];
      const sheetIdOf = new Map(sheets.map((x) => [tripleKey(x.eventId, x.judgeId, x.blindCodeId), x.id]));
      const slots = unique(
        group.flatMap((m) => {
          const sheetId = sheetIdOf.get(tripleKey(m.event.id, m.judgeId, m.code.id));
          return sheetId ? [`${sheetId}\u0000${m.aspect.id}`] : [];
        }),
      ).map((slot) => slot.split("\u0000"));
      const planned = planGroup(group, {
        stored: s.stored.all(JSON.stringify(k.keys)) as Lookups["stored"],
        signOffs: s.signOffs.all(JSON.stringify(k.eventIds)) as Lookups["signOffs"],
        sheets,
        marks: slots.length ? (s.marks.all(JSON.stringify(slots)) as Lookups["marks"]) : [],
      });
      const w = planned.writes;
      const t = sqliteTime;
      for (const r of w.newSheets) s.insertSheet.run(r.id, r.eventId, r.judgeId, r.blindCodeId, r.status, t(r.createdAt), t(r.updatedAt));
      for (const r of w.newMarks) s.insertMark.run(r.id, r.sheetId, r.eventId, r.blindCodeId, r.judgeId, r.aspectId, r.value, r.version, t(r.enteredAt), t(r.updatedAt));
      for (const [id, c] of w.updated) s.updateMark.run(c.value, c.version, t(c.updatedAt), id);
      for (const r of w.submissions) s.insertSubmission.run(r.key, r.judgeId, r.markId, r.response, t(r.receivedAt));
      for (const r of w.events) s.insertEvent.run(t(r.at), r.actorId, r.action, r.entityType, r.entityId, r.orgId, r.before, r.after, r.requestId);
      return planned;
    }),
  );
}
