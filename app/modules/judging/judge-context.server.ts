import { db } from "~/utils/db.server";
import { AppError, notFound } from "~/utils/errors";
import { ScoringInputError } from "~/modules/scoring/errors";
import { sheetAspects, type SheetAspect } from "./sheet";

// What the marks path needs to know about an event and a judge, read once and kept for a
// few seconds. Mark submissions arrive in bursts (every judge of an event, every few
// seconds) and this data changes rarely: the scheme is fixed once marking starts, blind
// codes once drawn, assignments and declarations seldom. Keeping it 5 s saves four to six
// queries per mark (docs/performance.md, "Marks API").
//
// What is NOT cached, because it must hold the moment it changes: the sign-off lock and
// the sheet's status (both read inside the mark's transaction) and the idempotency key.
// Assignment changes made in this process drop the cache at once (forgetEvent); another
// process (PostgreSQL deployments) sees them within CONTEXT_TTL_MS plus one re-read (an
// entry past its time answers while it is re-read in the background).

export const CONTEXT_TTL_MS = 5_000;

export type EventCode = { id: string; stationCode: string; sessionId: string | null; stationNo: number; memberId: string; unitId: string };

export type EventMarking = {
  id: string;
  name: string;
  contestId: string;
  contestName: string;
  orgId: string;
  orgPath: string;
  drawnAt: Date | null;
  decryptedAt: Date | null;
  /** aspects judges mark on the tablet (theory comes from the exam system) */
  aspects: SheetAspect[];
  aspectById: Map<string, SheetAspect>;
  codes: Map<string, EventCode>;
  sessions: { id: string; name: string; sortOrder: number }[];
};

export type JudgeOnEvent = {
  userId: string;
  assignments: { id: string; role: string; sessionId: string | null; aspectIds: string[] }[];
  /** the judge's grassroots unit, for rule S-31 at mark time */
  unitId: string | null;
  conflicts: { memberId: string | null; unitId: string | null; eventId: string | null }[];
};

type Cached<T> = { at: number; value: Promise<T>; settled?: boolean; refreshing?: boolean };
const events = new Map<string, Cached<EventMarking>>();
const judges = new Map<string, Cached<JudgeOnEvent>>();

const fresh = <T>(entry: Cached<T> | undefined) => entry && Date.now() - entry.at < CONTEXT_TTL_MS;

export const parseJson = (text: string | null | undefined, fallback: unknown = {}) => {
  try {
    return text ? (JSON.parse(text) as unknown) : fallback;
  } catch {
    return fallback;
  }
};

export const readAspectIds = (text: string) => {
  const value = parseJson(text, []);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

async function readEventMarking(eventId: string): Promise<EventMarking> {
  const event = await db.contestEvent.findUnique({
    where: { id: eventId },
    select: {
      id: true, name: true, contestId: true, markingScheme: true, scoringSettings: true, drawnAt: true, decryptedAt: true,
      contest: { select: { name: true, orgId: true, org: { select: { path: true } } } },
      sessions: { select: { id: true, name: true, sortOrder: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] },
      codes: { select: { id: true, stationCode: true, sessionId: true, stationNo: true, registration: { select: { memberId: true, unitId: true } } } },
    },
  });
  if (!event) throw notFound("找不到该赛项 / event not found");
  let aspects: SheetAspect[];
  try {
    aspects = sheetAspects(parseJson(event.markingScheme), parseJson(event.scoringSettings)).filter((a) => a.componentKind !== "theory");
  } catch (error) {
    if (error instanceof ScoringInputError) {
      throw new AppError(422, "invalid_scheme", `赛项评分标准有误，暂不能评分：${error.message} / the event's marking scheme is invalid`);
    }
    throw error;
  }
  return {
    id: event.id,
    name: event.name,
    contestId: event.contestId,
    contestName: event.contest.name,
    orgId: event.contest.orgId,
    orgPath: event.contest.org.path,
    drawnAt: event.drawnAt,
    decryptedAt: event.decryptedAt,
    aspects,
    aspectById: new Map(aspects.map((a) => [a.id, a])),
    codes: new Map(event.codes.map((c) => [c.id, {
      id: c.id, stationCode: c.stationCode, sessionId: c.sessionId, stationNo: c.stationNo,
      memberId: c.registration.memberId, unitId: c.registration.unitId,
    }])),
    sessions: event.sessions,
  };
}

/** The grassroots unit (基层工会) an organisation belongs to: itself, or its nearest grassroots ancestor. */
export async function grassrootsUnitOf(orgId: string | null): Promise<{ id: string; name: string } | null> {
  if (!orgId) return null;
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, shortName: true, type: true, path: true } });
  if (!org) return null;
  if (org.type !== "team") return { id: org.id, name: org.shortName ?? org.name };
  const ancestorIds = org.path.split("/").filter(Boolean).slice(0, -1);
  const ancestors = await db.organisation.findMany({ where: { id: { in: ancestorIds }, type: "grassroots" }, select: { id: true, name: true, shortName: true, depth: true } });
  const nearest = ancestors.sort((a, b) => b.depth - a.depth)[0];
  return nearest ? { id: nearest.id, name: nearest.shortName ?? nearest.name } : { id: org.id, name: org.shortName ?? org.name };
}

async function readJudgeOnEvent(userId: string, eventId: string): Promise<JudgeOnEvent> {
  const [assignments, profile, conflicts, event, queued] = await Promise.all([
    db.judgeAssignment.findMany({ where: { eventId, userId }, select: { id: true, role: true, sessionId: true, aspectIds: true } }),
    db.judgeProfile.findUnique({ where: { userId }, select: { unitId: true } }),
    db.conflictDeclaration.findMany({ where: { userId }, select: { id: true, memberId: true, unitId: true, eventId: true } }),
    db.contestEvent.findUnique({ where: { id: eventId }, select: { drawnAt: true, decryptedAt: true } }),
    db.recusalRequest.findMany({ where: { userId, eventId }, select: { conflictId: true } }),
  ]);
  const unit = await grassrootsUnitOf(profile?.unitId ?? null);
  // Declarations that went to the encryption officer do not act on a blinded event's board: the
  // stations that would vanish are exactly the unit's (issue 10 item 2); the officer's
  // reassignment honours them instead.
  const sealed = event && event.drawnAt && !event.decryptedAt ? new Set(queued.map((q) => q.conflictId)) : new Set<string>();
  return {
    userId,
    assignments: assignments.map((a) => ({ id: a.id, role: a.role, sessionId: a.sessionId, aspectIds: readAspectIds(a.aspectIds) })),
    unitId: unit?.id ?? null,
    conflicts: conflicts.filter((c) => (!c.eventId || c.eventId === eventId) && !sealed.has(c.id)).map(({ memberId, unitId, eventId: on }) => ({ memberId, unitId, eventId: on })),
  };
}

function cached<T>(map: Map<string, Cached<T>>, key: string, read: () => Promise<T>): Promise<T> {
  const entry = map.get(key);
  if (fresh(entry)) return entry!.value;
  if (entry?.settled) {
    // Stale while revalidating: answer from the entry and re-read once in the background,
    // so a judge's request never waits for the re-read (docs/performance.md, "Marks API").
    if (!entry.refreshing) {
      entry.refreshing = true;
      read().then(
        (value) => { if (map.get(key) === entry) map.set(key, { at: Date.now(), value: Promise.resolve(value), settled: true }); },
        () => { if (map.get(key) === entry) map.delete(key); },
      );
    }
    return entry.value;
  }
  const value = read();
  const created: Cached<T> = { at: Date.now(), value };
  map.set(key, created);
  value.then(
    () => { created.settled = true; },
    // A failed read is not kept.
    () => map.get(key) === created && map.delete(key),
  );
  return value;
}

export const loadEventMarking = (eventId: string) => cached(events, eventId, () => readEventMarking(eventId));

/**
 * The event read now (and kept for the marks that follow). For the judges' board page: it must
 * show the stations right after a draw or a scheme change, even one made in another process,
 * where the cache above would answer once more from before (issue 12 item 5).
 */
export async function refreshEventMarking(eventId: string): Promise<EventMarking> {
  const value = await readEventMarking(eventId);
  events.set(eventId, { at: Date.now(), value: Promise.resolve(value), settled: true });
  return value;
}
export const loadJudgeOnEvent = (userId: string, eventId: string) => cached(judges, `${userId}\u0000${eventId}`, () => readJudgeOnEvent(userId, eventId));

/** Drop what this process keeps about an event (after an assignment, a declaration, a scheme change). */
export function forgetEvent(eventId?: string) {
  if (!eventId) {
    events.clear();
    judges.clear();
    return;
  }
  events.delete(eventId);
  for (const key of judges.keys()) if (key.endsWith(`\u0000${eventId}`)) judges.delete(key);
}

/** Drop what this process keeps about one judge (after a declaration or a profile change). */
export function forgetJudge(userId: string) {
  for (const key of judges.keys()) if (key.startsWith(`${userId}\u0000`)) judges.delete(key);
}

/** The assignment that lets the judge mark this aspect of this entrant, if any. */
export function assignmentFor(judge: JudgeOnEvent, code: Pick<EventCode, "sessionId">, aspectId: string | null) {
  return judge.assignments.find(
    (a) => (a.sessionId === null || a.sessionId === code.sessionId) && (aspectId === null || a.aspectIds.length === 0 || a.aspectIds.includes(aspectId)),
  );
}

/** Whether the judge must recuse from this entrant (rules S-30, S-31), checked again at mark time. */
export function recusedFrom(judge: JudgeOnEvent, code: Pick<EventCode, "memberId" | "unitId">) {
  if (judge.unitId && judge.unitId === code.unitId) return true;
  return judge.conflicts.some(
    (c) => (c.memberId && c.memberId === code.memberId) || (c.unitId && c.unitId === code.unitId) || (c.eventId && !c.memberId && !c.unitId),
  );
}

/** The aspects this judge marks for this entrant, in scheme order. */
export function aspectsFor(event: EventMarking, judge: JudgeOnEvent, code: Pick<EventCode, "sessionId">) {
  return event.aspects.filter((a) => assignmentFor(judge, code, a.id));
}
