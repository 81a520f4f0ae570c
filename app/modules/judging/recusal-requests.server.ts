import { db, type Tx } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { canSeeMapping, isBlinded, loadBlindEvent } from "~/modules/draws/blind.server";
import { forgetEvent, forgetJudge, grassrootsUnitOf, readAspectIds } from "./judge-context.server";
import type { ResolveRecusalInput } from "./schemas";

// 回避 after the draw (issue 10 item 2, rules S-30, S-31, S-33). A judge who declares a conflict
// with a unit while an event they judge is blinded must not see that unit's stations vanish from
// their board: the vanishing would tell them which codes the unit holds. So the declaration does
// not filter their board or refuse their marks on that event; it becomes a request queued for the
// encryption officer, who alone knows which stations are the unit's, and who reassigns the judge
// as a whole: swaps their assignment with another judge's (session and aspects), moves it to
// another session, or removes them from the event. The judge's board then changes entirely or not
// at all, never by exactly the unit's stations. A reassignment that would leave one of the unit's
// entrants in the judge's scope is refused, so the conflict is honoured.

type Assignment = { id: string; userId: string; role: string; sessionId: string | null; aspectIds: string };

/** Blinded events the declaration reaches: the named one, or every blinded event the judge is assigned to. */
export async function queueRecusalRequests(tx: Tx, judgeId: string, conflict: { id: string; eventId: string | null; unitId: string | null; memberId: string | null }, actor: Actor) {
  if (!conflict.unitId || conflict.memberId) return [];
  const assigned = await tx.judgeAssignment.findMany({ where: { userId: judgeId, ...(conflict.eventId ? { eventId: conflict.eventId } : {}) }, select: { eventId: true } });
  const eventIds = [...new Set([...(conflict.eventId ? [conflict.eventId] : []), ...assigned.map((a) => a.eventId)])];
  const events = await tx.contestEvent.findMany({ where: { id: { in: eventIds }, drawnAt: { not: null }, decryptedAt: null }, select: { id: true, contest: { select: { orgId: true } } } });
  const created = [];
  for (const event of events) {
    const row = await tx.recusalRequest.create({ data: { eventId: event.id, userId: judgeId, conflictId: conflict.id } });
    // sealed in the event log until decryption (event-log.server.ts sealBlindedEntries)
    await recordEvent(tx, actor, { action: "judge.recusal-requested", entityType: "RecusalRequest", entityId: row.id, orgId: event.contest.orgId, after: { eventId: event.id } });
    created.push(row);
  }
  return created;
}

async function loadOfficerEvent(user: SessionUser, eventId: string) {
  const event = await loadBlindEvent(eventId);
  if (!canSeeMapping(user, event)) throw forbidden("只有加密裁判（保密员）处理盲评期间的回避申请 / only the encryption officer handles recusal requests");
  return event;
}

/** Station codes of entrants of `unitId` (its subtree) that the assignments cover. */
async function affectedStations(eventId: string, unitId: string, assignments: Pick<Assignment, "sessionId">[]) {
  const unit = await db.organisation.findUnique({ where: { id: unitId }, select: { path: true } });
  if (!unit || assignments.length === 0) return [];
  const codes = await db.blindCode.findMany({
    where: { eventId, registration: { unit: { path: { startsWith: unit.path } } } },
    select: { stationCode: true, sessionId: true },
    orderBy: { stationCode: "asc" },
  });
  return codes.filter((c) => assignments.some((a) => a.sessionId === null || a.sessionId === c.sessionId)).map((c) => c.stationCode);
}

/** The unit the declaration names, normalised to its grassroots unit (as the recusal rules compare). */
async function declaredUnit(conflictId: string) {
  const declaration = await db.conflictDeclaration.findUnique({ where: { id: conflictId }, select: { unitId: true, reason: true, createdAt: true } });
  const unit = await grassrootsUnitOf(declaration?.unitId ?? null);
  return { unit, reason: declaration?.reason ?? "", declaredAt: declaration?.createdAt ?? null };
}

/** The encryption officer's queue for an event: each request with the stations it concerns, and every assignment to swap with. */
export async function listRecusalRequests(user: SessionUser, eventId: string) {
  const event = await loadOfficerEvent(user, eventId);
  const [requests, assignments, sessions] = await Promise.all([
    db.recusalRequest.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" } }),
    db.judgeAssignment.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "asc" }, select: { id: true, userId: true, role: true, sessionId: true, aspectIds: true } }),
    db.contestSession.findMany({ where: { eventId: event.id }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
  ]);
  const users = await db.user.findMany({ where: { id: { in: [...requests.map((r) => r.userId), ...assignments.map((a) => a.userId)] } }, select: { id: true, displayName: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  const sessionName = new Map(sessions.map((s) => [s.id, s.name]));
  const describe = (a: Assignment) => ({ id: a.id, userId: a.userId, judgeName: nameOf.get(a.userId) ?? a.userId, role: a.role, sessionId: a.sessionId, sessionName: a.sessionId ? sessionName.get(a.sessionId) ?? null : null, aspectIds: readAspectIds(a.aspectIds) });
  const rows = [];
  for (const r of requests) {
    const { unit, reason, declaredAt } = await declaredUnit(r.conflictId);
    const own = assignments.filter((a) => a.userId === r.userId);
    rows.push({
      id: r.id, status: r.status, createdAt: r.createdAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null, resolution: r.resolution,
      judgeId: r.userId, judgeName: nameOf.get(r.userId) ?? r.userId, unitName: unit?.name ?? null, reason, declaredAt: declaredAt?.toISOString() ?? null,
      assignments: own.map(describe),
      affectedStations: unit ? await affectedStations(event.id, unit.id, own) : [],
    });
  }
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name, blinded: isBlinded(event) },
    requests: rows,
    assignments: assignments.map(describe),
    sessions,
  };
}

/**
 * The officer's decision on a request: `swap` exchanges the session and aspects of the judge's
 * assignment with another judge's, `move` puts it in another session, `remove` takes the judge
 * off the event, `dismiss` leaves everything as it is (allowed only when no entrant of the unit
 * is in the judge's scope). Refused, with nothing written, when the judge would still mark an
 * entrant of the declared unit.
 */
export async function resolveRecusalRequest(user: SessionUser, requestId: string, input: ResolveRecusalInput, actor: Actor) {
  const request = await db.recusalRequest.findUnique({ where: { id: requestId } });
  if (!request) throw notFound("找不到该回避申请 / recusal request not found");
  const event = await loadOfficerEvent(user, request.eventId);
  if (request.status !== "open") throw conflict("该回避申请已处理 / this request has been handled", "already_resolved");
  const { unit } = await declaredUnit(request.conflictId);
  const assignments = await db.judgeAssignment.findMany({ where: { eventId: event.id }, select: { id: true, userId: true, role: true, sessionId: true, aspectIds: true } });
  const own = assignments.filter((a) => a.userId === request.userId);
  const pick = (id: string | undefined, path: string, owner: "judge" | "other") => {
    const found = assignments.find((a) => a.id === id && (owner === "judge" ? a.userId === request.userId : a.userId !== request.userId));
    if (!found) throw badRequest("请选择本赛项的一项裁判分配 / choose an assignment of this event", [{ path, message: "请选择本赛项的一项裁判分配 / choose an assignment of this event" }]);
    return found;
  };
  // the judge's assignments as they would be afterwards
  let after: Pick<Assignment, "sessionId">[] = own;
  let writes: (tx: Tx) => Promise<void> = async () => {};
  if (input.action === "swap") {
    const mine = pick(input.assignmentId, "assignmentId", "judge");
    const theirs = pick(input.withAssignmentId, "withAssignmentId", "other");
    after = own.map((a) => (a.id === mine.id ? { sessionId: theirs.sessionId } : a));
    writes = async (tx) => {
      await tx.judgeAssignment.update({ where: { id: mine.id }, data: { sessionId: theirs.sessionId, aspectIds: theirs.aspectIds } });
      await tx.judgeAssignment.update({ where: { id: theirs.id }, data: { sessionId: mine.sessionId, aspectIds: mine.aspectIds } });
    };
  } else if (input.action === "move") {
    const mine = pick(input.assignmentId, "assignmentId", "judge");
    const session = await db.contestSession.findFirst({ where: { id: input.sessionId ?? "", eventId: event.id }, select: { id: true } });
    if (!session) throw badRequest("本赛项没有该场次 / no such session in this event", [{ path: "sessionId", message: "本赛项没有该场次 / no such session" }]);
    if (own.some((a) => a.id !== mine.id && a.sessionId === session.id)) throw conflict("该裁判已分配到此场次 / already assigned to this session", "already_assigned");
    after = own.map((a) => (a.id === mine.id ? { sessionId: session.id } : a));
    writes = async (tx) => { await tx.judgeAssignment.update({ where: { id: mine.id }, data: { sessionId: session.id } }); };
  } else if (input.action === "remove") {
    after = [];
    writes = async (tx) => { await tx.judgeAssignment.deleteMany({ where: { eventId: event.id, userId: request.userId } }); };
  }
  if (unit) {
    const still = await affectedStations(event.id, unit.id, after);
    if (still.length) {
      const message = `该处理后裁判仍会评到该单位的选手（工位号 ${still.join("、")}），请换一个场次或移出本赛项 / the judge would still mark entrants of that unit: ${still.join(", ")}`;
      throw new AppError(409, "still_conflicted", message, [{ path: "action", message }]);
    }
  }
  const resolution = { action: input.action, assignmentId: input.assignmentId ?? null, withAssignmentId: input.withAssignmentId ?? null, sessionId: input.sessionId ?? null, note: input.note ?? null };
  await db.$transaction(async (tx) => {
    const updated = await tx.recusalRequest.updateMany({
      where: { id: request.id, status: "open" },
      data: { status: input.action === "dismiss" ? "dismissed" : "reassigned", resolution: JSON.stringify(resolution), resolvedById: user.id, resolvedAt: new Date() },
    });
    if (updated.count !== 1) throw conflict("该回避申请已处理 / this request has been handled", "already_resolved");
    await writes(tx);
    await recordEvent(tx, actor, { action: "judge.recusal-resolved", entityType: "RecusalRequest", entityId: request.id, orgId: event.contest.orgId, after: { eventId: event.id, ...resolution } });
  });
  forgetEvent(event.id);
  forgetJudge(request.userId);
  return { id: request.id, status: input.action === "dismiss" ? "dismissed" : "reassigned", resolution };
}
