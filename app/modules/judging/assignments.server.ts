import { db } from "~/utils/db.server";
import { hashPassword, hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { checkRecusal, type EntrantForRecusal, type RecusalCheck, type UnitRef } from "./recusal";
import { AssignJudgeSchema, DeclareConflictSchema, JudgeProfileSchema, type AssignJudgeInput, type DeclareConflictInput, type JudgeProfileInput } from "./schemas";
import { forgetEvent, forgetJudge, grassrootsUnitOf, loadEventMarking, readAspectIds } from "./judge-context.server";
import { queueRecusalRequests } from "./recusal-requests.server";

// 裁判库与选派: the judge pool of an event, assignments to the event, a session and
// aspects, refused with the reason when recusal rules apply (rules S-30, S-31), and the
// judges' own declarations of conflicts. Organisers (contest:manage) and the chief judge
// (judging:chief) over the contest's organisation assign; judges declare for themselves.

/**
 * A unit named by a person (full or short name of a grassroots unit or team). Forms ask
 * for the name instead of offering a list of units: a list would include the entrants'
 * units, which are hidden after the draw (rule S-33).
 */
async function unitIdByName(name: string, path: string) {
  const org = await db.organisation.findFirst({ where: { OR: [{ name }, { shortName: name }], type: { in: ["grassroots", "team"] } }, select: { id: true } });
  if (!org) throw badRequest(`找不到单位「${name}」，请填写完整名称 / no unit named ${name}`, [{ path, message: "找不到该单位，请填写完整名称 / no such unit: give its full name" }]);
  return org.id;
}

async function loadManagedEvent(user: SessionUser, eventId: string) {
  const event = await db.contestEvent.findUnique({
    where: { id: eventId },
    select: { id: true, name: true, contest: { select: { id: true, name: true, orgId: true, org: { select: { path: true } } } }, sessions: { select: { id: true, name: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] } },
  });
  if (!event) throw notFound("找不到该赛项 / event not found");
  const path = event.contest.org.path;
  if (!hasPermission(user, "contest:manage", path) && !hasPermission(user, "judging:chief", path)) {
    throw new Response("forbidden", { status: 403 });
  }
  return event;
}

/** Units normalised to the grassroots unit (基层工会), with their display names, for many org ids at once. */
async function unitsOf(orgIds: string[]): Promise<Map<string, UnitRef>> {
  const ids = [...new Set(orgIds)];
  const orgs = await db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, shortName: true, type: true, path: true } });
  const map = new Map<string, UnitRef>();
  const teams = orgs.filter((o) => o.type === "team");
  const ancestorIds = [...new Set(teams.flatMap((t) => t.path.split("/").filter(Boolean).slice(0, -1)))];
  const ancestors = ancestorIds.length
    ? await db.organisation.findMany({ where: { id: { in: ancestorIds }, type: "grassroots" }, select: { id: true, name: true, shortName: true, path: true } })
    : [];
  for (const o of orgs) {
    const grassroots = o.type === "team" ? ancestors.filter((a) => o.path.startsWith(a.path)).sort((a, b) => b.path.length - a.path.length)[0] : undefined;
    const unit = grassroots ?? o;
    map.set(o.id, { id: unit.id, name: unit.shortName ?? unit.name });
  }
  return map;
}

async function entrantsOf(eventId: string): Promise<EntrantForRecusal[]> {
  const registrations = await db.registration.findMany({ where: { eventId, status: { not: "withdrawn" } }, select: { memberId: true, unitId: true } });
  const units = await unitsOf(registrations.map((r) => r.unitId));
  return registrations.map((r) => ({ memberId: r.memberId, unit: units.get(r.unitId) ?? { id: r.unitId, name: r.unitId } }));
}

type PoolJudge = {
  userId: string;
  username: string;
  displayName: string;
  unit: UnitRef | null;
  assessorCertNo: string | null;
  skillLevel: string | null;
  title: string | null;
  hasPin: boolean;
  assignments: { id: string; role: string; sessionId: string | null; sessionName: string | null; aspectIds: string[] }[];
  check: RecusalCheck;
};

async function judgesWithContext(eventId: string, userIds: string[] | null) {
  // The pool: every account holding a role with judging:score, plus anyone with a judge profile.
  const users = await db.user.findMany({
    where: {
      disabledAt: null,
      ...(userIds ? { id: { in: userIds } } : {}),
      OR: [{ grants: { some: { role: { permissions: { some: { permissionKey: "judging:score" } } } } } }, { id: { in: (await db.judgeProfile.findMany({ select: { userId: true } })).map((p) => p.userId) } }],
    },
    select: { id: true, username: true, displayName: true },
    orderBy: { username: "asc" },
    take: 500,
  });
  const ids = users.map((u) => u.id);
  const [profiles, conflicts, assignments] = await Promise.all([
    db.judgeProfile.findMany({ where: { userId: { in: ids } } }),
    db.conflictDeclaration.findMany({ where: { userId: { in: ids } } }),
    db.judgeAssignment.findMany({ where: { eventId }, orderBy: { createdAt: "asc" } }),
  ]);
  const assignedIds = [...new Set(assignments.map((a) => a.userId))];
  const assignedUsers = await db.user.findMany({ where: { id: { in: assignedIds } }, select: { id: true, displayName: true } });
  const assignedProfiles = await db.judgeProfile.findMany({ where: { userId: { in: assignedIds } }, select: { userId: true, unitId: true } });
  const units = await unitsOf([...profiles, ...assignedProfiles].map((p) => p.unitId).filter((v): v is string => !!v));
  const conflictUnits = await unitsOf(conflicts.map((c) => c.unitId).filter((v): v is string => !!v));
  const assigned = assignedUsers.map((u) => {
    const unitId = assignedProfiles.find((p) => p.userId === u.id)?.unitId;
    return { userId: u.id, displayName: u.displayName, unit: unitId ? units.get(unitId) ?? null : null };
  });
  return { users, profiles, conflicts, assignments, assigned, units, conflictUnits };
}

/** The event's judge pool with each judge's recusal check and assignments (organiser or chief judge). */
export async function listJudgePool(user: SessionUser, eventId: string) {
  const event = await loadManagedEvent(user, eventId);
  const [entrants, ctx, marking] = await Promise.all([entrantsOf(event.id), judgesWithContext(event.id, null), loadEventMarking(event.id).catch(() => null)]);
  const sessionName = new Map(event.sessions.map((s) => [s.id, s.name]));
  const judges: PoolJudge[] = ctx.users.map((u) => {
    const profile = ctx.profiles.find((p) => p.userId === u.id);
    const unit = profile?.unitId ? ctx.units.get(profile.unitId) ?? null : null;
    const conflicts = ctx.conflicts.filter((c) => c.userId === u.id).map((c) => ({ ...c, unitId: c.unitId ? ctx.conflictUnits.get(c.unitId)?.id ?? c.unitId : null, unitName: c.unitId ? ctx.conflictUnits.get(c.unitId)?.name ?? null : null }));
    return {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      unit,
      assessorCertNo: profile?.assessorCertNo ?? null,
      skillLevel: profile?.skillLevel ?? null,
      title: profile?.title ?? null,
      hasPin: !!profile?.pinHash,
      assignments: ctx.assignments.filter((a) => a.userId === u.id).map((a) => ({ id: a.id, role: a.role, sessionId: a.sessionId, sessionName: a.sessionId ? sessionName.get(a.sessionId) ?? null : null, aspectIds: readAspectIds(a.aspectIds) })),
      check: checkRecusal({ eventId: event.id, judge: { userId: u.id, displayName: u.displayName, unit, conflicts, assessorCertNo: profile?.assessorCertNo, skillLevel: profile?.skillLevel, title: profile?.title }, entrants, assigned: ctx.assigned }),
    };
  });
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name, sessions: event.sessions },
    aspects: (marking?.aspects ?? []).map((a) => ({ id: a.id, name: a.name, group: a.group })),
    judges,
    entrantCount: entrants.length,
    canManageProfiles: hasPermission(user, "contest:manage", (await db.organisation.findUnique({ where: { id: event.contest.orgId }, select: { path: true } }))!.path),
  };
}

/**
 * Assigns a judge to the event (one session or all; some aspects or all). Refused with
 * every reason when the judge must recuse (rules S-30, S-31); qualification gaps (S-20)
 * come back as warnings.
 */
export async function assignJudge(user: SessionUser, eventId: string, input: AssignJudgeInput, actor: Actor) {
  const event = await loadManagedEvent(user, eventId);
  const data = AssignJudgeSchema.parse(input);
  if (data.sessionId && !event.sessions.some((s) => s.id === data.sessionId)) {
    throw badRequest("本赛项没有该场次 / no such session in this event", [{ path: "sessionId", message: "本赛项没有该场次 / no such session" }]);
  }
  const marking = await loadEventMarking(event.id).catch(() => null);
  const unknown = data.aspectIds.filter((id) => marking && !marking.aspectById.has(id));
  if (unknown.length) throw badRequest(`评分标准中没有评分点：${unknown.join("、")} / unknown aspects`, [{ path: "aspectIds", message: "评分标准中没有该评分点 / unknown aspect" }]);
  const [entrants, ctx] = await Promise.all([entrantsOf(event.id), judgesWithContext(event.id, [data.userId])]);
  const target = ctx.users[0];
  if (!target) throw badRequest("该账号不是裁判（无评分权限）/ that account is not a judge", [{ path: "userId", message: "该账号不是裁判 / not a judge" }]);
  const profile = ctx.profiles[0];
  const unit = profile?.unitId ? ctx.units.get(profile.unitId) ?? null : null;
  const conflicts = ctx.conflicts.map((c) => ({ ...c, unitId: c.unitId ? ctx.conflictUnits.get(c.unitId)?.id ?? c.unitId : null, unitName: c.unitId ? ctx.conflictUnits.get(c.unitId)?.name ?? null : null }));
  const check = checkRecusal({ eventId: event.id, judge: { userId: target.id, displayName: target.displayName, unit, conflicts, assessorCertNo: profile?.assessorCertNo, skillLevel: profile?.skillLevel, title: profile?.title }, entrants, assigned: ctx.assigned });
  if (check.refusals.length > 0) {
    await recordEvent(db, actor, { action: "judge.assignment-refused", entityType: "JudgeAssignment", orgId: event.contest.orgId, after: { eventId: event.id, userId: target.id, reasons: check.refusals.map((r) => r.code) } });
    throw new AppError(409, "recusal_required", check.refusals.map((r) => r.message).join("；"), check.refusals.map((r) => ({ path: "userId", message: r.message })));
  }
  const duplicate = ctx.assignments.find((a) => a.userId === target.id && a.sessionId === data.sessionId);
  if (duplicate) throw new AppError(409, "already_assigned", "该裁判已分配到此场次 / already assigned to this session", [{ path: "sessionId", message: "已分配 / already assigned" }]);
  const created = await db.$transaction(async (tx) => {
    const row = await tx.judgeAssignment.create({ data: { eventId: event.id, userId: target.id, role: data.role, sessionId: data.sessionId, aspectIds: JSON.stringify(data.aspectIds), assignedById: user.id } });
    await recordEvent(tx, actor, { action: "judge.assigned", entityType: "JudgeAssignment", entityId: row.id, orgId: event.contest.orgId, after: { eventId: event.id, userId: target.id, role: data.role, sessionId: data.sessionId, aspectIds: data.aspectIds, warnings: check.warnings.map((w) => w.code) } });
    return row;
  });
  forgetEvent(event.id);
  return { id: created.id, eventId: event.id, userId: target.id, displayName: target.displayName, role: created.role, sessionId: created.sessionId, aspectIds: data.aspectIds, warnings: check.warnings.map((w) => w.message) };
}

export async function removeAssignment(user: SessionUser, eventId: string, assignmentId: string, actor: Actor) {
  const event = await loadManagedEvent(user, eventId);
  const row = await db.judgeAssignment.findFirst({ where: { id: assignmentId, eventId: event.id } });
  if (!row) throw notFound("找不到该分配 / assignment not found");
  await db.$transaction(async (tx) => {
    await tx.judgeAssignment.delete({ where: { id: row.id } });
    await recordEvent(tx, actor, { action: "judge.unassigned", entityType: "JudgeAssignment", entityId: row.id, orgId: event.contest.orgId, before: { eventId: event.id, userId: row.userId, role: row.role, sessionId: row.sessionId } });
  });
  forgetEvent(event.id);
}

// ------------------------------------------------------------------ declarations (rule S-30)

/**
 * A judge declares a relationship (rule S-30): with the entrant at a station code, with a
 * unit, or with a whole event. From then on the judge cannot be assigned where it applies,
 * and marking such an entrant is refused.
 */
export async function declareConflict(user: SessionUser, input: DeclareConflictInput, actor: Actor) {
  const data = DeclareConflictSchema.parse(input);
  if (!hasPermission(user, "judging:score")) throw forbidden();
  let memberId: string | null = null;
  let orgId: string | null = null;
  if (data.eventId) {
    const event = await db.contestEvent.findUnique({ where: { id: data.eventId }, select: { id: true, contest: { select: { orgId: true } } } });
    if (!event) throw badRequest("找不到该赛项 / no such event", [{ path: "eventId", message: "找不到该赛项 / no such event" }]);
    orgId = event.contest.orgId;
    if (data.stationCode) {
      const code = await db.blindCode.findUnique({ where: { eventId_stationCode: { eventId: data.eventId, stationCode: data.stationCode } }, select: { registration: { select: { memberId: true } } } });
      if (!code) throw badRequest("本赛项没有该工位号 / no such station code", [{ path: "stationCode", message: "本赛项没有该工位号 / no such station code" }]);
      memberId = code.registration.memberId;
    }
  }
  if (data.unitId && !(await db.organisation.findUnique({ where: { id: data.unitId }, select: { id: true } }))) {
    throw badRequest("找不到该单位 / no such unit", [{ path: "unitId", message: "找不到该单位 / no such unit" }]);
  }
  const unitId = data.unitId ?? (data.unitName ? await unitIdByName(data.unitName, "unitName") : null);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.conflictDeclaration.create({ data: { userId: user.id, eventId: data.eventId, memberId, unitId, reason: data.reason, declaredById: user.id } });
    // The member id stays out of the log text: the declaration itself is the record.
    await recordEvent(tx, actor, { action: "judge.conflict-declared", entityType: "ConflictDeclaration", entityId: created.id, orgId, after: { eventId: data.eventId, stationCode: data.stationCode, unitId, reason: data.reason } });
    // A unit named while an event the judge marks is blinded goes to its encryption officer
    // instead of filtering the board (issue 10 item 2, recusal-requests.server.ts).
    await queueRecusalRequests(tx, user.id, created, actor);
    return created;
  });
  forgetJudge(user.id);
  return { id: row.id, eventId: row.eventId, stationCode: data.stationCode, unitId: row.unitId, reason: row.reason, createdAt: row.createdAt.toISOString() };
}

/** The judge's own declarations (station codes, never names). */
export async function listMyConflicts(user: SessionUser) {
  const rows = await db.conflictDeclaration.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
  const codes = await db.blindCode.findMany({ where: { registration: { memberId: { in: rows.map((r) => r.memberId).filter((v): v is string => !!v) } }, eventId: { in: rows.map((r) => r.eventId).filter((v): v is string => !!v) } }, select: { eventId: true, stationCode: true, registration: { select: { memberId: true } } } });
  const events = await db.contestEvent.findMany({ where: { id: { in: rows.map((r) => r.eventId).filter((v): v is string => !!v) } }, select: { id: true, name: true } });
  const units = await unitsOf(rows.map((r) => r.unitId).filter((v): v is string => !!v));
  return rows.map((r) => ({
    id: r.id,
    eventName: events.find((e) => e.id === r.eventId)?.name ?? null,
    stationCode: codes.find((c) => c.eventId === r.eventId && c.registration.memberId === r.memberId)?.stationCode ?? null,
    unitName: r.unitId ? units.get(r.unitId)?.name ?? null : null,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
  }));
}

// ------------------------------------------------------------------ judge profiles

/**
 * A judge edits their own qualifications and signing PIN; the unit (which decides recusal,
 * rule S-31) is set by an organiser (contest:manage), so a judge cannot move themself out
 * of a recusal.
 */
export async function updateJudgeProfile(user: SessionUser, targetUserId: string, input: JudgeProfileInput, actor: Actor) {
  const parsed = JudgeProfileSchema.parse(input);
  const self = targetUserId === user.id;
  // Issue 10 item 4: an organiser edits only the judges of their own subtree, checked before
  // anything is read from the input or written.
  const organiser = !self && (await managesJudge(user, targetUserId));
  if (!self && !organiser) throw forbidden();
  const data = { ...parsed, unitId: parsed.unitId ?? (parsed.unitName ? await unitIdByName(parsed.unitName, "unitName") : parsed.unitId) };
  const unitGiven = input.unitId !== undefined || !!parsed.unitName;
  if (!organiser && unitGiven) {
    const current = await db.judgeProfile.findUnique({ where: { userId: targetUserId }, select: { unitId: true } });
    if ((current?.unitId ?? null) !== data.unitId) throw new AppError(403, "forbidden", "裁判所在单位由组织者登记 / an organiser records the judge's unit", [{ path: "unitId", message: "裁判所在单位由组织者登记 / set by an organiser" }]);
  }
  if (data.unitId && !(await db.organisation.findUnique({ where: { id: data.unitId }, select: { id: true } }))) {
    throw badRequest("找不到该单位 / no such unit", [{ path: "unitId", message: "找不到该单位 / no such unit" }]);
  }
  if (data.pin && !self) throw new AppError(403, "forbidden", "签字 PIN 只能由裁判本人设置 / only the judge sets their own PIN", [{ path: "pin", message: "只能由本人设置 / only the judge" }]);
  const pinHash = data.pin ? await hashPassword(data.pin) : undefined;
  const fields = {
    ...(unitGiven ? { unitId: data.unitId } : {}),
    assessorCertNo: data.assessorCertNo, skillLevel: data.skillLevel, title: data.title,
    ...(pinHash ? { pinHash } : {}),
  };
  const row = await db.$transaction(async (tx) => {
    const before = await tx.judgeProfile.findUnique({ where: { userId: targetUserId } });
    const saved = await tx.judgeProfile.upsert({ where: { userId: targetUserId }, create: { userId: targetUserId, ...fields }, update: fields });
    await recordEvent(tx, actor, {
      action: "judge.profile-updated", entityType: "JudgeProfile", entityId: saved.id,
      before: before && { unitId: before.unitId, assessorCertNo: before.assessorCertNo, skillLevel: before.skillLevel, title: before.title },
      after: { unitId: saved.unitId, assessorCertNo: saved.assessorCertNo, skillLevel: saved.skillLevel, title: saved.title, pinChanged: !!pinHash },
    });
    return saved;
  });
  forgetJudge(targetUserId);
  return { userId: row.userId, unitId: row.unitId, assessorCertNo: row.assessorCertNo, skillLevel: row.skillLevel, title: row.title, hasPin: !!row.pinHash };
}

/**
 * Is the judge inside the user's subtree: a grant of theirs, or an assignment to an event of a
 * contest, in an organisation where the user holds contest:manage? (Holding contest:manage
 * somewhere is not enough: 宁波's organiser does not edit 杭州's judges.)
 */
export async function managesJudge(user: SessionUser, judgeUserId: string) {
  const [grants, assignments] = await Promise.all([
    db.roleGrant.findMany({ where: { userId: judgeUserId }, select: { org: { select: { path: true } } } }),
    db.judgeAssignment.findMany({ where: { userId: judgeUserId }, select: { eventId: true } }),
  ]);
  const events = await db.contestEvent.findMany({ where: { id: { in: assignments.map((a) => a.eventId) } }, select: { contest: { select: { org: { select: { path: true } } } } } });
  const paths = [...grants.map((g) => g.org.path), ...events.map((e) => e.contest.org.path)];
  return paths.some((path) => hasPermission(user, "contest:manage", path));
}

/** The organiser's form on an event's judge page: the event must be theirs too (rule: scope on every write). */
export async function updateJudgeProfileForEvent(user: SessionUser, eventId: string, targetUserId: string, input: JudgeProfileInput, actor: Actor) {
  const event = await loadManagedEvent(user, eventId);
  if (!hasPermission(user, "contest:manage", event.contest.org.path)) throw forbidden();
  return updateJudgeProfile(user, targetUserId, input, actor);
}

export async function getJudgeProfile(userId: string) {
  const row = await db.judgeProfile.findUnique({ where: { userId } });
  const unit = await grassrootsUnitOf(row?.unitId ?? null);
  return { unitId: row?.unitId ?? null, unitName: unit?.name ?? null, assessorCertNo: row?.assessorCertNo ?? null, skillLevel: row?.skillLevel ?? null, title: row?.title ?? null, hasPin: !!row?.pinHash };
}
