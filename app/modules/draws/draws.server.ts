import crypto from "node:crypto";
import { publishChange } from "~/modules/results/live.server";
import { forgetEvent } from "~/modules/judging/judge-context.server";
import { eventLifecycle } from "~/modules/contests/lifecycle.server";
import { lifecycleRefusal } from "~/modules/contests/lifecycle";
import { db } from "~/utils/db.server";
import { assertPermission, hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { DRAW_ALGORITHM, DrawError, drawEntryNumbers, drawSessionsAndStations, type DrawEntrant, type DrawSession, type EntryNumber, type StationAssignment } from "./draw";
import { canSeeMapping, identityVisibleTo, loadBlindEvent, redactEntrant, type BlindEvent } from "./blind.server";
import type { CheckInInput, RunDrawInput, SessionInput } from "./schemas";

// Sessions, draws, blind codes and check-in of a contest event.
//
// Who may do what (decision):
//   - sessions (场次: name, time, place, station count): contest:manage over the
//     contest's organisation; changes that would break drawn codes are refused;
//   - running the draw and re-drawing: judging:encrypt only (the 加密裁判 / 保密员,
//     rules S-33, S-34). The draw creates the person ↔ code mapping, and whoever runs
//     it sees it, so an organiser does not run it;
//   - the audit of draws (who, when, algorithm) is open to contest:read; the seeds and
//     outcomes follow the blind rule (blind.server.ts) because they reveal the mapping;
//   - codes per session (what judges see): contest:read, codes only;
//   - the mapping: judging:encrypt only;
//   - check-in: judging:encrypt or contest:manage over the contest's organisation.

const SEED_BYTES = 32;
const newSeed = () => crypto.randomBytes(SEED_BYTES).toString("hex");

async function eventFor(user: SessionUser, eventId: string, permission: "contest:read" | "contest:manage" | "judging:encrypt") {
  const event = await loadBlindEvent(eventId);
  assertPermission(user, permission, event.contest.org.path);
  return event;
}

// ---------------------------------------------------------------- sessions

export async function listSessions(user: SessionUser, eventId: string) {
  const event = await eventFor(user, eventId, "contest:read");
  const sessions = await db.contestSession.findMany({
    where: { eventId },
    orderBy: [{ sortOrder: "asc" }, { startsAt: "asc" }, { id: "asc" }],
    include: { _count: { select: { codes: true } } },
  });
  return { event, sessions: sessions.map(({ _count, ...s }) => ({ ...s, assigned: _count.codes })) };
}

export async function createSession(user: SessionUser, eventId: string, input: SessionInput, actor: Actor) {
  const event = await eventFor(user, eventId, "contest:manage");
  return db.$transaction(async (tx) => {
    const session = await tx.contestSession.create({ data: { eventId, ...input } });
    await recordEvent(tx, actor, { action: "session.created", entityType: "ContestSession", entityId: session.id, orgId: event.contest.orgId, after: session });
    return session;
  });
}

async function sessionOf(eventId: string, sessionId: string) {
  const session = await db.contestSession.findUnique({ where: { id: sessionId }, include: { codes: { select: { stationNo: true } } } });
  if (!session || session.eventId !== eventId) throw notFound("找不到该场次 / session not found");
  return session;
}

export async function updateSession(user: SessionUser, eventId: string, sessionId: string, input: SessionInput, actor: Actor) {
  const event = await eventFor(user, eventId, "contest:manage");
  const { codes, ...before } = await sessionOf(eventId, sessionId);
  const highest = Math.max(0, ...codes.map((c) => c.stationNo));
  if (input.stationCount < highest) {
    const message = `已抽签的赛位号最大为 ${highest}，赛位数不能小于它 / stations up to ${highest} are drawn; the count cannot go below that`;
    throw badRequest(message, [{ path: "stationCount", message }]);
  }
  return db.$transaction(async (tx) => {
    const after = await tx.contestSession.update({ where: { id: sessionId }, data: input });
    await recordEvent(tx, actor, { action: "session.updated", entityType: "ContestSession", entityId: sessionId, orgId: event.contest.orgId, before, after });
    return after;
  });
}

export async function deleteSession(user: SessionUser, eventId: string, sessionId: string, actor: Actor) {
  const event = await eventFor(user, eventId, "contest:manage");
  const { codes, ...before } = await sessionOf(eventId, sessionId);
  if (codes.length > 0) throw conflict("该场次已抽签分配选手，不能删除 / entrants are drawn into this session; it cannot be deleted", "session_in_use");
  await db.$transaction(async (tx) => {
    await tx.contestSession.delete({ where: { id: sessionId } });
    await recordEvent(tx, actor, { action: "session.deleted", entityType: "ContestSession", entityId: sessionId, orgId: event.contest.orgId, before });
  });
}

// ---------------------------------------------------------------- draws

type Round1Record = { batch: string; redraw: boolean; input: DrawEntrant[]; output: EntryNumber[] };
type Round2Record = { batch: string; redraw: boolean; input: { entries: { registrationId: string; entryNo: string }[]; sessions: DrawSession[] }; output: StationAssignment[] };

const KIND = { 1: "entry-numbers", 2: "sessions-stations" } as const;

/** The approved, not withdrawn entrants of the event that hold an admission number. */
async function drawableEntrants(eventId: string): Promise<DrawEntrant[]> {
  const rows = await db.registration.findMany({
    where: { eventId, status: "approved", withdrawnAt: null, admissionNo: { not: null } },
    select: { id: true, admissionNo: true },
  });
  return rows.map((r) => ({ registrationId: r.id, admissionNo: r.admissionNo! }));
}

function contestHasStarted(event: BlindEvent, now: Date) {
  return ["running", "finished"].includes(event.contest.status) || (event.contest.startsAt !== null && event.contest.startsAt <= now);
}

/**
 * Runs both rounds for an event (rules S-33, S-34, S-36) with fresh crypto-random seeds,
 * records each round (seed, algorithm, input, outcome, who, when) and writes the blind
 * codes, in one transaction. A second draw needs `redraw` and is allowed only before
 * the contest starts and before decryption; the earlier Draw rows stay for the audit.
 */
export async function runEventDraw(user: SessionUser, eventId: string, input: Pick<RunDrawInput, "redraw">, actor: Actor, now = new Date()) {
  const event = await eventFor(user, eventId, "judging:encrypt");
  if (event.decryptedAt) throw conflict("该赛项已解密，不能再抽签 / the event is decrypted; no further draws", "decrypted");
  // issue 12 lifecycle: no draw while registration is open (close it first)
  const life = await eventLifecycle(eventId, now);
  if (life && (life.event.stage === "preparing" || life.event.stage === "registration")) throw conflict(lifecycleRefusal("draw", life.event.stage)!, "registration_open");
  if (event.drawnAt && !input.redraw) throw conflict("该赛项已抽签；如确需重抽，请选择“重新抽签”（仅限比赛开始前）/ already drawn; choose re-draw (only before the contest starts)", "already_drawn");
  if (event.drawnAt && contestHasStarted(event, now)) throw conflict("比赛已开始，不能重新抽签 / the contest has started; no re-draw", "contest_started");

  const entrants = await drawableEntrants(eventId);
  const sessions = await db.contestSession.findMany({ where: { eventId }, select: { id: true, name: true, stationCount: true, sortOrder: true } });
  const seeds = { round1: newSeed(), round2: newSeed() };
  let round1: EntryNumber[];
  let round2: StationAssignment[];
  try {
    round1 = drawEntryNumbers(entrants, seeds.round1);
    round2 = drawSessionsAndStations(round1, sessions, seeds.round2);
  } catch (error) {
    if (error instanceof DrawError) throw new AppError(error.code === "capacity" || error.code === "no_sessions" ? 409 : 400, `draw_${error.code}`, error.message);
    throw error;
  }
  const batch = crypto.randomUUID();
  const redraw = Boolean(event.drawnAt);
  const entryOf = new Map(round1.map((e) => [e.registrationId, e]));
  const record1: Round1Record = { batch, redraw, input: [...entrants].sort((a, b) => (a.admissionNo < b.admissionNo ? -1 : 1)), output: round1 };
  const record2: Round2Record = {
    batch, redraw,
    input: { entries: round1.map((e) => ({ registrationId: e.registrationId, entryNo: e.entryNo })), sessions: [...sessions].sort((a, b) => a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : 1)) },
    output: round2,
  };

  const result = await db.$transaction(async (tx) => {
    const previous = await tx.blindCode.count({ where: { eventId } });
    await tx.blindCode.deleteMany({ where: { eventId } });
    const draw1 = await tx.draw.create({ data: { eventId, round: 1, kind: KIND[1], seed: seeds.round1, algorithm: DRAW_ALGORITHM, result: JSON.stringify(record1), ranById: user.id, ranAt: now } });
    const draw2 = await tx.draw.create({ data: { eventId, round: 2, kind: KIND[2], seed: seeds.round2, algorithm: DRAW_ALGORITHM, result: JSON.stringify(record2), ranById: user.id, ranAt: now } });
    await tx.blindCode.createMany({
      data: round2.map((a) => ({
        eventId, registrationId: a.registrationId, entryNo: entryOf.get(a.registrationId)!.entryNo, orderNo: a.orderNo,
        sessionId: a.sessionId, stationNo: a.stationNo, stationCode: a.stationCode,
      })),
    });
    await tx.contestEvent.update({ where: { id: eventId }, data: { drawnAt: now } });
    // The event log is read by organisers: it names the draws, never the mapping or the seeds.
    await recordEvent(tx, actor, {
      action: redraw ? "draw.redrawn" : "draw.run", entityType: "ContestEvent", entityId: eventId, orgId: event.contest.orgId,
      after: { drawIds: [draw1.id, draw2.id], batch, entrants: round1.length, sessions: sessions.length, replacedCodes: previous, algorithm: DRAW_ALGORITHM },
    });
    return { drawIds: [draw1.id, draw2.id], batch, entrants: round1.length, redraw, drawnAt: now };
  });
  // The judges' boards show the new stations at once (this process's marking cache).
  forgetEvent(eventId);
  await publishChange(eventId, "codes");
  return result;
}

/** The draws of an event for the audit: who, when, which algorithm; seeds and outcomes only where identities are visible. */
export async function listDraws(user: SessionUser, eventId: string) {
  const event = await eventFor(user, eventId, "contest:read");
  const visible = identityVisibleTo(user, event) && event.drawnAt !== null;
  const rows = await db.draw.findMany({ where: { eventId }, orderBy: [{ ranAt: "desc" }, { round: "asc" }] });
  const users = await db.user.findMany({ where: { id: { in: rows.map((r) => r.ranById).filter((v): v is string => Boolean(v)) } }, select: { id: true, displayName: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  const current = rows[0] ? (JSON.parse(rows[0].result) as { batch: string }).batch : null;
  const draws = rows.map((r) => {
    const record = JSON.parse(r.result) as { batch: string; redraw: boolean; output: unknown[] };
    return {
      id: r.id, round: r.round, kind: r.kind, algorithm: r.algorithm, ranAt: r.ranAt, ranById: r.ranById, ranByName: r.ranById ? nameOf.get(r.ranById) ?? null : null,
      batch: record.batch, redraw: record.redraw, current: record.batch === current, size: record.output.length,
      seed: visible ? r.seed : null,
    };
  });
  return { event, draws, seedsVisible: visible };
}

export type VerifyResult = { drawId: string; round: number; matchesRecord: boolean; matchesCodes: boolean | null };

/**
 * Recomputes recorded draws from their seeds and recorded inputs and compares them
 * with the recorded outcomes and (for the current draw) with the blind codes in use.
 * Open to whoever may see the seeds: the encryption officer, or anyone with
 * contest:read after decryption (e.g. supervisors).
 */
export async function verifyDraws(user: SessionUser, eventId: string): Promise<VerifyResult[]> {
  const event = await eventFor(user, eventId, "contest:read");
  if (!identityVisibleTo(user, event)) throw forbidden("解密前只有加密裁判可以复核抽签 / before decryption only the encryption officer may verify draws");
  const rows = await db.draw.findMany({ where: { eventId }, orderBy: [{ ranAt: "desc" }, { round: "asc" }] });
  if (rows.length === 0) throw notFound("该赛项还没有抽签 / no draws yet");
  const codes = await db.blindCode.findMany({ where: { eventId } });
  const current = (JSON.parse(rows[0].result) as { batch: string }).batch;
  return rows.map((r) => {
    const isCurrent = (JSON.parse(r.result) as { batch: string }).batch === current;
    if (r.round === 1) {
      const record = JSON.parse(r.result) as Round1Record;
      const again = safely(() => drawEntryNumbers(record.input, r.seed));
      const matchesCodes = isCurrent ? sameSet(codes.map((c) => `${c.registrationId}:${c.entryNo}`), record.output.map((e) => `${e.registrationId}:${e.entryNo}`)) : null;
      return { drawId: r.id, round: 1, matchesRecord: r.algorithm === DRAW_ALGORITHM && same(again, record.output), matchesCodes };
    }
    const record = JSON.parse(r.result) as Round2Record;
    const again = safely(() => drawSessionsAndStations(record.input.entries, record.input.sessions, r.seed));
    const key = (c: { registrationId: string; sessionId: string | null; stationNo: number; orderNo: number; stationCode: string }) => `${c.registrationId}:${c.sessionId}:${c.stationNo}:${c.orderNo}:${c.stationCode}`;
    const matchesCodes = isCurrent ? sameSet(codes.map(key), record.output.map(key)) : null;
    return { drawId: r.id, round: 2, matchesRecord: r.algorithm === DRAW_ALGORITHM && same(again, record.output), matchesCodes };
  });
}

function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
const same = (a: unknown, b: unknown) => a !== null && JSON.stringify(a) === JSON.stringify(b);
const sameSet = (a: string[], b: string[]) => a.length === b.length && JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

// ---------------------------------------------------------------- what people see

const sessionOrder = [{ sortOrder: "asc" as const }, { startsAt: "asc" as const }, { id: "asc" as const }];

/** Codes per session: what judges see (rule S-34). Never any identity. */
export async function eventCodes(user: SessionUser, eventId: string) {
  const event = await eventFor(user, eventId, "contest:read");
  const sessions = await db.contestSession.findMany({
    where: { eventId }, orderBy: sessionOrder,
    select: { id: true, name: true, startsAt: true, place: true, stationCount: true, codes: { select: { stationCode: true, stationNo: true, orderNo: true }, orderBy: { orderNo: "asc" } } },
  });
  return { event: publicEvent(event), drawn: event.drawnAt !== null, sessions };
}

/** The mapping person ↔ admission number ↔ entry number ↔ session/station/code: the encryption officer only. */
export async function eventMapping(user: SessionUser, eventId: string) {
  const event = await loadBlindEvent(eventId);
  if (!canSeeMapping(user, event)) throw forbidden("只有加密裁判可以查看对应关系 / only the encryption officer may see the mapping");
  const codes = await db.blindCode.findMany({
    where: { eventId },
    orderBy: { entryNo: "asc" },
    include: {
      session: { select: { id: true, name: true } },
      registration: { select: { id: true, admissionNo: true, member: { select: { name: true, sex: true, idNumberMasked: true } }, unit: { select: { name: true } } } },
    },
  });
  return {
    event: publicEvent(event),
    rows: codes.map((c) => ({
      registrationId: c.registrationId, name: c.registration.member.name, sex: c.registration.member.sex, unitName: c.registration.unit.name,
      idNumberMasked: c.registration.member.idNumberMasked, admissionNo: c.registration.admissionNo, entryNo: c.entryNo,
      sessionId: c.sessionId, sessionName: c.session?.name ?? null, stationNo: c.stationNo, orderNo: c.orderNo, stationCode: c.stationCode,
    })),
  };
}

const publicEvent = (event: BlindEvent) => ({
  id: event.id, name: event.name, contestId: event.contestId, contestName: event.contest.name, drawnAt: event.drawnAt, decryptedAt: event.decryptedAt,
});

export type StartListRow = {
  orderNo: number | null; stationNo: number | null; stationCode: string | null; sessionId: string | null; sessionName?: string | null;
  admissionNo?: string | null; entryNo?: string | null; name?: string; unitName?: string;
};

/**
 * Start lists (S-36), one per session. Before the draw: the approved entrants by
 * admission number (names only for organisers and the encryption officer). After the
 * draw: by order of appearance, with codes only for everyone but the encryption officer.
 */
export async function startList(user: SessionUser, eventId: string, sessionId?: string) {
  const event = await eventFor(user, eventId, "contest:read");
  const path = event.contest.org.path;
  const sessions = await db.contestSession.findMany({ where: { eventId, ...(sessionId ? { id: sessionId } : {}) }, orderBy: sessionOrder, select: { id: true, name: true, startsAt: true, place: true, stationCount: true } });
  if (sessionId && sessions.length === 0) throw notFound("找不到该场次 / session not found");

  if (!event.drawnAt) {
    const showNames = hasPermission(user, "contest:manage", path) || hasPermission(user, "judging:encrypt", path);
    const registrations = await db.registration.findMany({
      where: { eventId, status: "approved", withdrawnAt: null, admissionNo: { not: null } },
      orderBy: { admissionNo: "asc" },
      select: { admissionNo: true, member: { select: { name: true } }, unit: { select: { name: true } } },
    });
    const rows: StartListRow[] = registrations.map((r, i) => ({
      orderNo: i + 1, stationNo: null, stationCode: null, sessionId: null, admissionNo: r.admissionNo,
      ...(showNames ? { name: r.member.name, unitName: r.unit.name } : {}),
    }));
    return { event: publicEvent(event), drawn: false as const, identityVisible: showNames, sessions, rows };
  }

  const visible = identityVisibleTo(user, event);
  const codes = await db.blindCode.findMany({
    where: { eventId, ...(sessionId ? { sessionId } : {}) },
    orderBy: [{ orderNo: "asc" }, { stationNo: "asc" }],
    include: visible
      ? { registration: { select: { admissionNo: true, member: { select: { name: true } }, unit: { select: { name: true } } } } }
      : undefined,
  });
  const nameOfSession = new Map(sessions.map((s) => [s.id, s.name]));
  const rows = codes.map((c) => {
    const registration = (c as typeof c & { registration?: { admissionNo: string | null; member: { name: string }; unit: { name: string } } }).registration;
    const full = {
      orderNo: c.orderNo, stationNo: c.stationNo, stationCode: c.stationCode, sessionId: c.sessionId, sessionName: c.sessionId ? nameOfSession.get(c.sessionId) ?? null : null,
      entryNo: c.entryNo, admissionNo: registration?.admissionNo ?? null, name: registration?.member.name, unitName: registration?.unit.name,
    };
    return redactEntrant(full, visible) as StartListRow;
  });
  return { event: publicEvent(event), drawn: true as const, identityVisible: visible, sessions, rows };
}

// ---------------------------------------------------------------- check-in

export type CheckInOutcome = "checked_in" | "already_checked_in";

/**
 * Marks an entrant present on the day, found by the token in the ticket's QR code or by
 * the typed admission number. Refuses unknown numbers, withdrawn and unapproved
 * entrants. Shows name, unit and photo only where identities are visible.
 */
export async function checkIn(user: SessionUser, input: CheckInInput, actor: Actor, now = new Date()) {
  const where = input.token ? { checkInToken: input.token } : { admissionNo: input.admissionNo! };
  const registration = await db.registration.findUnique({
    where,
    include: {
      member: { select: { name: true, sex: true } },
      unit: { select: { name: true } },
      code: { include: { session: true } },
      event: { select: { id: true, name: true } },
    },
  });
  if (!registration) {
    throw new AppError(404, "unknown_ticket", input.token ? "二维码无效：找不到对应的准考证 / unknown QR code" : `找不到准考证号 ${input.admissionNo} / unknown admission number`);
  }
  const event = await loadBlindEvent(registration.eventId);
  const path = event.contest.org.path;
  if (!hasPermission(user, "judging:encrypt", path) && !hasPermission(user, "contest:manage", path)) {
    throw new Response(forbidden().message, { status: 403 });
  }
  if (registration.status === "withdrawn" || registration.withdrawnAt) throw new AppError(409, "withdrawn", "该选手已退赛，不能签到 / the entrant has withdrawn");
  if (registration.status !== "approved" || !registration.admissionNo) throw new AppError(409, "not_approved", "该报名尚未通过审核，不能签到 / the registration is not approved");

  let outcome: CheckInOutcome = "already_checked_in";
  let checkedInAt = registration.checkedInAt;
  if (!checkedInAt) {
    // Conditional update: two tablets scanning the same ticket at once check it in once.
    const updated = await db.$transaction(async (tx) => {
      const result = await tx.registration.updateMany({ where: { id: registration.id, checkedInAt: null }, data: { checkedInAt: now, checkedInById: user.id } });
      if (result.count === 1) {
        await recordEvent(tx, actor, { action: "registration.checked-in", entityType: "Registration", entityId: registration.id, orgId: event.contest.orgId, after: { checkedInAt: now, via: input.token ? "qr" : "number" } });
      }
      return result.count === 1;
    });
    if (updated) {
      outcome = "checked_in";
      checkedInAt = now;
    } else {
      checkedInAt = (await db.registration.findUniqueOrThrow({ where: { id: registration.id }, select: { checkedInAt: true } })).checkedInAt;
    }
  }

  const visible = identityVisibleTo(user, event);
  const session = registration.code?.session ?? null;
  return {
    outcome,
    message: outcome === "checked_in" ? "签到成功 / checked in" : "已签到，请勿重复签到 / already checked in",
    checkedInAt,
    // The admission number is printed on the ticket in hand; the registration id links to
    // registration records, so it is given only where identities are visible.
    registrationId: visible ? registration.id : null,
    admissionNo: registration.admissionNo,
    event: { id: event.id, name: event.name, contestName: event.contest.name },
    // The session beside an admission number would narrow which station codes the number can
    // hold (the start list gives each code's session): only where identities are visible
    // (issue 10 item 1). The entrant reads it on their own ticket.
    session: session && visible ? { id: session.id, name: session.name, place: session.place, startsAt: session.startsAt } : null,
    identity: visible
      ? { name: registration.member.name, sex: registration.member.sex, unitName: registration.unit.name, photoFileId: registration.photoFileId }
      : null,
  };
}
export type CheckInResult = Awaited<ReturnType<typeof checkIn>>;

/** Registrations the check-in page lists for the day: counts only, no identity. */
export async function checkInSummary(user: SessionUser, eventId: string) {
  const event = await loadBlindEvent(eventId);
  const path = event.contest.org.path;
  if (!hasPermission(user, "judging:encrypt", path) && !hasPermission(user, "contest:manage", path)) throw new Response(forbidden().message, { status: 403 });
  const [approved, checkedIn] = await Promise.all([
    db.registration.count({ where: { eventId, status: "approved", withdrawnAt: null } }),
    db.registration.count({ where: { eventId, status: "approved", withdrawnAt: null, checkedInAt: { not: null } } }),
  ]);
  return { approved, checkedIn };
}

/** How many entrants a draw would take now. */
export const drawableCount = (eventId: string) =>
  db.registration.count({ where: { eventId, status: "approved", withdrawnAt: null, admissionNo: { not: null } } });
