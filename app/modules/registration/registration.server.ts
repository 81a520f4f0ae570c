import crypto from "node:crypto";
import { db, type Tx } from "~/utils/db.server";
import type { Prisma } from "~/generated/sqlite/client";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound, type FieldIssue } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { isBlinded } from "~/modules/draws/blind.server";
import { EligibilitySchema, parseJsonColumn, type Eligibility } from "~/modules/contests/event-rules";
import {
  ageOn, checkEligibility, checkUnitQuota, QUOTA_FREE_STATUSES, formatAdmissionNo, hasApprovedThisRound, nextStatus, quotaMessage, SAME_APPROVER_MESSAGE,
  STATUS_LABELS, TRANSITION_MESSAGES, waitingStep, windowProblem, type ApprovalStep, type Decision, type Status,
} from "./eligibility";
import type { RegistrationFields } from "./schemas";

// 报名 service: the only code that reads or writes Registration, Team and
// RegistrationApproval rows. Every change writes a trail row (who, which step, what
// decision, why) and an event, in the same transaction.
//
// Who may do what (rule S-7, issue 4):
//  - register: a worker for themself (account linked to a member, self:profile), or a
//    unit contact for members of a unit in their registration:unit scope; only while the
//    window is open by the server's clock (opensAt <= now < closesAt, contest open).
//  - unit step: registration:unit or contest:manage over the entrant's unit.
//  - host step: contest:manage over the contest's organisation.
//  - office step: a 组委会办公室 member of the contest (CommitteeMember group "office"
//    with a userId), or an admin over the contest's organisation.
//  - one person signs only one step of a registration per round (rule S-7: three levels
//    means three people), even if they hold the authority for several.
//  - withdraw / correct and resubmit: the entrant, or a unit contact over their unit,
//    while the window is open. Withdrawal is allowed in any state, even after final
//    approval (the admission number is kept for the record, the check-in token is
//    cleared so the ticket no longer admits anyone).
// The entrant's unit is the member's nearest ancestor-or-self organisation of type
// grassroots (基层工会): a member of a 班组 registers under its enterprise union.

export const MESSAGES = {
  eventNotFound: "找不到该赛项 / event not found",
  registrationNotFound: "找不到该报名 / registration not found",
  notLinked: "您的账号尚未关联会员记录，请先在「我的账号 → 关联会员信息」(/account/member) 完成关联 / your account is not linked to a member record: link it at /account/member",
  noUnit: "该会员不属于任何基层工会，无法报名 / the member belongs to no grass-roots union",
  memberNotInUnit: "该会员不属于所选单位 / the member does not belong to this unit",
  duplicate: "已报名该赛项，不能重复报名 / already registered for this event",
  duplicateInBatch: (row: number | string) => `与第 ${row} 行是同一人 / the same person as row ${row}`,
  teamRequired: "团体赛项请填写团队名称 / a team event needs a team name",
  teamOtherUnit: (name: string) => `团队名称「${name}」已被其他单位使用 / the team name "${name}" is taken by another unit`,
  teamFull: (name: string, size: number) => `团队「${name}」最多 ${size} 人，已满 / team "${name}" is full (at most ${size})`,
  notEntrant: "只有报名人本人或其单位联络员可以操作 / only the entrant or their unit contact may do this",
  notApprover: (step: string) => `您无权审核「${step}」环节 / you may not act at this step`,
  stepMoved: "该报名已进入其他环节，请刷新后再操作 / the registration has moved on: reload and try again",
  changedMeanwhile: "该报名刚被他人处理，请刷新后再操作 / someone else acted on this registration meanwhile: reload",
  badRules: "赛项的报名条件设置有误，请联系组织者 / the event's eligibility settings are invalid: contact the organiser",
  samePersonTwice: (admissionNo: string | null) =>
    `该选手与本赛项已批准的另一条报名${admissionNo ? `（准考证号 ${admissionNo}）` : ""}是同一人（身份证号相同），同一人在一个赛项只能有一条报名；请先合并重复的会员记录或撤回其中一条 / this entrant is the same person (same ID number) as another approved registration of this event${admissionNo ? ` (${admissionNo})` : ""}: merge the duplicate member records or withdraw one`,
} as const;

// ------------------------------------------------------------------ loading

const eventInclude = { contest: { include: { org: { select: { id: true, path: true, name: true } } } } } as const;

async function loadEvent(client: Tx | typeof db, eventId: string) {
  const event = await client.contestEvent.findUnique({ where: { id: eventId }, include: eventInclude });
  if (!event) throw notFound(MESSAGES.eventNotFound);
  return event;
}
type EventRow = Awaited<ReturnType<typeof loadEvent>>;

function eligibilityOf(event: { eligibility: string }): Eligibility {
  try {
    return parseJsonColumn(EligibilitySchema, event.eligibility);
  } catch {
    throw new AppError(500, "bad_event_rules", MESSAGES.badRules);
  }
}

/** Age counts on the contest's first day; before it is set, on the closing day of registration. */
const contestDay = (event: { contest: { startsAt: Date | null; registrationClosesAt: Date | null } }, now: Date) => event.contest.startsAt ?? event.contest.registrationClosesAt ?? now;

function assertWindowOpen(event: EventRow, now: Date) {
  const problem = windowProblem(event.contest, now);
  if (problem) throw badRequest(problem, [{ path: "eventId", message: problem }], "registration_closed");
}

/** The nearest ancestor-or-self 基层工会 of an organisation path. */
export async function unitOfPath(client: Tx | typeof db, path: string) {
  const ids = path.split("/").filter(Boolean);
  const units = await client.organisation.findMany({ where: { id: { in: ids }, type: "grassroots" }, select: { id: true, name: true, path: true, depth: true } });
  return units.sort((a, b) => b.depth - a.depth)[0] ?? null;
}

const isAdminOver = (user: SessionUser, path: string) => user.grants.some((g) => g.roleKey === "admin" && path.startsWith(g.orgPath));
const canActForUnit = (user: SessionUser, unitPath: string) => hasPermission(user, "registration:unit", unitPath);

// ------------------------------------------------------------------ registering

type MemberForEntry = { id: string; name: string; orgId: string; employmentStatus: string; birthDate: Date; sex: string; skillLevel: string | null; isFrontline: boolean; idNumberMasked: string };
export type Entry = { member: MemberForEntry; fields: RegistrationFields; row?: number };
export type EntryProblem = { row: number | null; memberId: string; field: string; message: string };
type Via = "self" | "unit" | "excel" | "api";

const memberSelect = { id: true, name: true, orgId: true, employmentStatus: true, birthDate: true, sex: true, skillLevel: true, isFrontline: true, idNumberMasked: true } as const;

/** The places a unit holds in an event's quota: its registrations neither withdrawn nor returned. */
const countQuotaPlaces = (tx: Tx, eventId: string, unitId: string) =>
  tx.registration.count({ where: { eventId, unitId, status: { notIn: [...QUOTA_FREE_STATUSES] } } });

/**
 * Validates a batch of entrants of one unit for one event, and writes them all or
 * none: eligibility, duplicates (in the batch and in the database), teams and the
 * unit quota over the whole batch. Runs inside the caller's transaction, after a
 * no-op update of the event row: that write lock serialises concurrent registrations
 * for the same event, so two batches cannot both squeeze under the quota.
 */
async function submitEntries(
  tx: Tx, user: SessionUser, actor: Actor, event: EventRow, unit: { id: string; path: string }, entries: readonly Entry[], via: Via, now: Date, dryRun = false,
): Promise<{ ok: true; ids: string[] } | { ok: false; problems: EntryProblem[] }> {
  await tx.$executeRaw`UPDATE "ContestEvent" SET "sortOrder" = "sortOrder" WHERE "id" = ${event.id}`;
  const eligibility = eligibilityOf(event);
  const day = contestDay(event, now);
  const problems: EntryProblem[] = [];
  const failed = new Set<Entry>();
  const add = (entry: Entry, field: string, message: string) => {
    failed.add(entry);
    problems.push({ row: entry.row ?? null, memberId: entry.member.id, field, message });
  };

  const existing = await tx.registration.findMany({
    where: { eventId: event.id, memberId: { in: entries.map((e) => e.member.id) } },
    select: { id: true, memberId: true, status: true },
  });
  const existingOf = new Map(existing.map((r) => [r.memberId, r]));
  const firstRow = new Map<string, number | string>();
  const teamAdds = new Map<string, number>();

  for (const [i, entry] of entries.entries()) {
    const { member, fields } = entry;
    const reasons = checkEligibility({
      employmentStatus: member.employmentStatus, birthDate: member.birthDate, sex: member.sex,
      skillLevel: fields.skillLevel ?? member.skillLevel, yearsOfService: fields.yearsOfService,
      declaredNoAccident: fields.declaredNoAccident, isFrontline: member.isFrontline,
    }, eligibility, day);
    for (const reason of reasons) add(entry, "eligibility", reason);
    const earlier = firstRow.get(member.id);
    if (earlier !== undefined) add(entry, "idNumber", MESSAGES.duplicateInBatch(earlier));
    else firstRow.set(member.id, entry.row ?? i + 1);
    const previous = existingOf.get(member.id);
    if (previous && previous.status !== "withdrawn") add(entry, "memberId", MESSAGES.duplicate);
    if (event.mode === "team") {
      if (!fields.teamName) add(entry, "teamName", MESSAGES.teamRequired);
      else teamAdds.set(fields.teamName, (teamAdds.get(fields.teamName) ?? 0) + 1);
    }
  }

  // Teams: a name belongs to one unit in an event, and holds at most teamSize entrants.
  const teams = new Map<string, { id: string | null }>();
  for (const [name, adding] of teamAdds) {
    const team = await tx.team.findUnique({ where: { eventId_name: { eventId: event.id, name } }, select: { id: true, unitId: true } });
    const inTeam = (e: Entry) => e.fields.teamName === name;
    if (team && team.unitId !== unit.id) {
      entries.filter(inTeam).forEach((e) => add(e, "teamName", MESSAGES.teamOtherUnit(name)));
      continue;
    }
    const current = team ? await tx.registration.count({ where: { teamId: team.id, status: { not: "withdrawn" } } }) : 0;
    if (event.teamSize && current + adding > event.teamSize) {
      entries.filter(inTeam).slice(Math.max(0, event.teamSize - current)).forEach((e) => add(e, "teamName", MESSAGES.teamFull(name, event.teamSize!)));
    }
    teams.set(name, { id: team?.id ?? null });
  }

  // Quota over the whole batch: the entries past the unit's remaining places are refused.
  const countSoFar = await countQuotaPlaces(tx, event.id, unit.id);
  const candidates = entries.filter((e) => !failed.has(e));
  if (checkUnitQuota(countSoFar, candidates.length, event.unitQuota)) {
    const remaining = Math.max(0, event.unitQuota! - countSoFar);
    for (const entry of candidates.slice(remaining)) add(entry, "quota", quotaMessage(event.unitQuota!, countSoFar));
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
  if (dryRun) return { ok: true, ids: [] };

  const ids: string[] = [];
  for (const { member, fields, row } of entries) {
    let teamId: string | null = null;
    if (event.mode === "team" && fields.teamName) {
      const known = teams.get(fields.teamName)!;
      if (!known.id) {
        const team = await tx.team.create({ data: { eventId: event.id, unitId: unit.id, name: fields.teamName, leaderName: fields.leaderName, coachName: fields.coachName } });
        known.id = team.id;
        await recordEvent(tx, actor, { action: "team.created", entityType: "Team", entityId: team.id, orgId: unit.id, after: { eventId: event.id, name: team.name, leaderName: team.leaderName, coachName: team.coachName } });
      }
      teamId = known.id;
    }
    const data = {
      unitId: unit.id, teamId, status: "pending_unit", returnedStep: null, returnReason: null,
      skillLevel: fields.skillLevel ?? member.skillLevel, certificateNo: fields.certificateNo, coachName: fields.coachName, leaderName: fields.leaderName,
      yearsOfService: fields.yearsOfService, declaredNoAccident: fields.declaredNoAccident, submittedById: user.id,
      withdrawnAt: null, admissionNo: null, checkInToken: null,
    };
    const previous = existingOf.get(member.id);
    // Registering again after a withdrawal reopens the same row (one per member and event).
    const registration = previous
      ? await tx.registration.update({ where: { id: previous.id }, data })
      : await tx.registration.create({ data: { ...data, eventId: event.id, memberId: member.id } });
    await tx.registrationApproval.create({ data: { registrationId: registration.id, step: "entrant", decision: "submitted", byId: user.id } });
    await recordEvent(tx, actor, {
      action: "registration.submitted", entityType: "Registration", entityId: registration.id, orgId: unit.id,
      before: previous ? { status: previous.status } : undefined,
      after: { eventId: event.id, memberId: member.id, name: member.name, idNumberMasked: member.idNumberMasked, status: "pending_unit", via, ...(row ? { row } : {}), teamId },
    });
    ids.push(registration.id);
  }
  return { ok: true, ids };
}

function throwProblems(problems: EntryProblem[]): never {
  const issues: FieldIssue[] = problems.map((p) => ({ path: p.field, message: p.message }));
  throw badRequest(problems.map((p) => p.message).join("；"), issues, problems.some((p) => p.field === "quota") ? "over_quota" : problems.some((p) => p.field === "eligibility") ? "not_eligible" : "invalid_registration");
}

/** A worker registers themself for an event. */
export async function registerSelf(user: SessionUser, eventId: string, fields: RegistrationFields, actor: Actor, now = new Date()) {
  if (!hasPermission(user, "self:profile")) throw forbidden();
  if (!user.memberId) throw new AppError(400, "account_not_linked", MESSAGES.notLinked, [{ path: "memberId", message: MESSAGES.notLinked }]);
  const event = await loadEvent(db, eventId);
  assertWindowOpen(event, now);
  const member = await db.member.findUniqueOrThrow({ where: { id: user.memberId }, select: { ...memberSelect, org: { select: { path: true } } } });
  const unit = await unitOfPath(db, member.org.path);
  if (!unit) throw badRequest(MESSAGES.noUnit);
  const result = await db.$transaction((tx) => submitEntries(tx, user, actor, event, unit, [{ member, fields }], "self", now));
  if (!result.ok) throwProblems(result.problems);
  return result.ids[0];
}

/** Grass-roots units the user may register entrants for (registration:unit scope). */
export async function contactUnits(user: SessionUser) {
  const paths = userScope(user, "registration:unit");
  if (!paths.length) return [];
  return db.organisation.findMany({
    where: { type: "grassroots", OR: paths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true, name: true, path: true }, orderBy: { name: "asc" }, take: 500,
  });
}

/** The unit, if the user may register for it. */
export async function requireContactUnit(user: SessionUser, unitId: string) {
  const unit = await db.organisation.findUnique({ where: { id: unitId }, select: { id: true, name: true, path: true, type: true } });
  if (!unit || unit.type !== "grassroots") throw badRequest("请选择一个基层工会 / choose a grass-roots union", [{ path: "unitId", message: "请选择一个基层工会 / choose a grass-roots union" }]);
  if (!canActForUnit(user, unit.path)) throw forbidden();
  return unit;
}

/** Members of a unit (its 班组 included) that a contact may pick, ID numbers masked. */
export async function unitMembers(user: SessionUser, unitId: string) {
  const unit = await requireContactUnit(user, unitId);
  return db.member.findMany({
    // a record merged into another (decision 009) is registered through the kept one
    where: { org: { path: { startsWith: unit.path } }, supersededById: null },
    select: { id: true, name: true, sex: true, idNumberMasked: true, employmentStatus: true, skillLevel: true, org: { select: { name: true } } },
    orderBy: { name: "asc" }, take: 2000,
  });
}

/** Members of `unit` by id, refusing any outside it. */
async function membersOfUnit(unit: { path: string }, memberIds: readonly string[]) {
  const members = await db.member.findMany({ where: { id: { in: [...memberIds] }, supersededById: null }, select: { ...memberSelect, org: { select: { path: true } } } });
  if (members.length !== new Set(memberIds).size || members.some((m) => !m.org.path.startsWith(unit.path))) {
    throw badRequest(MESSAGES.memberNotInUnit, [{ path: "memberIds", message: MESSAGES.memberNotInUnit }]);
  }
  const byId = new Map(members.map((m) => [m.id, m]));
  return memberIds.map((id) => byId.get(id)!);
}

/** A unit contact registers members of their unit, all or none. */
export async function registerMembers(user: SessionUser, input: { eventId: string; unitId: string; memberIds: string[] } & RegistrationFields, actor: Actor, now = new Date()) {
  const unit = await requireContactUnit(user, input.unitId);
  const event = await loadEvent(db, input.eventId);
  assertWindowOpen(event, now);
  const members = await membersOfUnit(unit, input.memberIds);
  const { eventId: _e, unitId: _u, memberIds: _m, ...fields } = input;
  const result = await db.$transaction((tx) => submitEntries(tx, user, actor, event, unit, members.map((member) => ({ member, fields })), "unit", now), { timeout: 60_000 });
  if (!result.ok) {
    const names = new Map(members.map((m) => [m.id, m.name]));
    throwProblems(result.problems.map((p) => ({ ...p, message: `${names.get(p.memberId)}：${p.message}` })));
  }
  return result.ids;
}

/** API: a unit contact registers one member (memberId), or the caller registers themself. */
export async function registerViaApi(user: SessionUser, eventId: string, input: RegistrationFields & { memberId?: string }, actor: Actor, now = new Date()) {
  const { memberId, ...fields } = input;
  if (!memberId || memberId === user.memberId) return registerSelf(user, eventId, fields, actor, now);
  const member = await db.member.findUnique({ where: { id: memberId }, select: { org: { select: { path: true } } } });
  if (!member) throw notFound("找不到该会员 / member not found");
  const unit = await unitOfPath(db, member.org.path);
  if (!unit) throw badRequest(MESSAGES.noUnit);
  const [id] = await registerMembers(user, { eventId, unitId: unit.id, memberIds: [memberId], ...fields }, actor, now);
  return id;
}

/**
 * The batch behind the Excel import: entries already matched to members of `unit`.
 * Problems come back with their row numbers; nothing is written unless there are none
 * (and never with `dryRun`, used to report every problem of a file that has others).
 */
export async function submitBatch(user: SessionUser, eventId: string, unit: { id: string; path: string }, entries: Entry[], actor: Actor, now = new Date(), dryRun = false) {
  const event = await loadEvent(db, eventId);
  assertWindowOpen(event, now);
  return db.$transaction((tx) => submitEntries(tx, user, actor, event, unit, entries, "excel", now, dryRun), { timeout: 120_000, maxWait: 10_000 });
}

export { loadEvent, memberSelect };

// ------------------------------------------------------------------ approval chain

const registrationInclude = {
  event: { include: { contest: { include: { org: { select: { id: true, name: true, path: true } }, committee: { where: { group: "office" }, select: { userId: true, name: true } } } } } },
  unit: { select: { id: true, name: true, path: true } },
  member: { select: { id: true, name: true, sex: true, birthDate: true, idNumberMasked: true, employmentStatus: true, orgId: true } },
  team: { select: { id: true, name: true, leaderName: true, coachName: true } },
  approvals: { orderBy: [{ at: "asc" }, { id: "asc" }] },
} satisfies Prisma.RegistrationInclude;

async function loadRegistration(client: Tx | typeof db, id: string) {
  const reg = await client.registration.findUnique({ where: { id }, include: registrationInclude });
  if (!reg) throw notFound(MESSAGES.registrationNotFound);
  return reg;
}
type RegistrationRow = Awaited<ReturnType<typeof loadRegistration>>;

/** May this user act at `step` of this registration (authority only; not the same-person rule)? */
export function canActAt(user: SessionUser, step: ApprovalStep, reg: Pick<RegistrationRow, "unit" | "event">): boolean {
  switch (step) {
    case "unit": return canActForUnit(user, reg.unit.path) || hasPermission(user, "contest:manage", reg.unit.path);
    case "host": return hasPermission(user, "contest:manage", reg.event.contest.org.path);
    case "office": return reg.event.contest.committee.some((c) => c.userId === user.id) || isAdminOver(user, reg.event.contest.org.path);
  }
}

const isEntrant = (user: SessionUser, reg: Pick<RegistrationRow, "memberId">) => !!user.memberId && user.memberId === reg.memberId;
const canActForEntrant = (user: SessionUser, reg: Pick<RegistrationRow, "memberId" | "unit">) => isEntrant(user, reg) || canActForUnit(user, reg.unit.path);

// Rule S-34 (see app/modules/draws/blind.server.ts): after the draw and until decryption
// only the encryption officer, and the entrant themselves, may see who entered an event.
const IDENTITIES_SEALED = "该赛项已抽签加密，解密前只有加密裁判（保密员）能查看选手信息 / entrants are sealed until decryption (S-34)";

function identitiesSealedFor(user: SessionUser, event: { drawnAt: Date | null; decryptedAt: Date | null; contest: { org: { path: string } } }) {
  return isBlinded(event) && !hasPermission(user, "judging:encrypt", event.contest.org.path);
}

/** Whether the blind-marking rule hides this event's entrants from the user. */
export async function areEntrantsSealedFor(user: SessionUser, eventId: string) {
  return identitiesSealedFor(user, await loadEvent(db, eventId));
}

function canView(user: SessionUser, reg: RegistrationRow) {
  if (identitiesSealedFor(user, reg.event) && !isEntrant(user, reg)) return false;
  return canActForEntrant(user, reg) || hasPermission(user, "contest:manage", reg.unit.path) || (["unit", "host", "office"] as const).some((s) => canActAt(user, s, reg));
}

const STEP_NAMES: Record<ApprovalStep, string> = { unit: "所在单位", host: "承办单位", office: "组委会办公室" };

/** Writes one transition: guarded by the status it was read in, with its trail row and event. */
async function transition(
  tx: Tx, reg: RegistrationRow, actor: Actor, step: ApprovalStep | "entrant", decision: Decision, data: Record<string, unknown>, reason: string | null = null,
) {
  const updated = await tx.registration.updateMany({ where: { id: reg.id, status: reg.status }, data });
  if (updated.count !== 1) throw conflict(MESSAGES.changedMeanwhile, "changed_meanwhile");
  await tx.registrationApproval.create({ data: { registrationId: reg.id, step, decision, reason, byId: actor.userId } });
  await recordEvent(tx, actor, {
    action: `registration.${decision}`, entityType: "Registration", entityId: reg.id, orgId: reg.unitId,
    before: { status: reg.status }, after: { status: data.status, step, ...(reason ? { reason } : {}), ...(data.admissionNo ? { admissionNo: data.admissionNo } : {}) },
  });
}

function checkApprover(user: SessionUser, reg: RegistrationRow, expectedStep: ApprovalStep | undefined): ApprovalStep {
  const step = waitingStep(reg.status);
  if (!step) throw badRequest(TRANSITION_MESSAGES.notAtStep(reg.status, expectedStep ?? "unit"), [], "not_waiting");
  if (expectedStep && expectedStep !== step) throw conflict(MESSAGES.stepMoved, "step_moved");
  if (!canActAt(user, step, reg)) throw forbidden(MESSAGES.notApprover(STEP_NAMES[step]));
  if (hasApprovedThisRound(reg.approvals, user.id)) throw new AppError(403, "same_approver", SAME_APPROVER_MESSAGE);
  return step;
}

/**
 * Issue 10 item 5, decision 009: two member records of one person (same 身份证号 hash, e.g.
 * recorded by two unrelated subtrees) must not both be approved in one event. Checked at the
 * final approval, in its transaction.
 */
async function assertNotSamePersonTwice(tx: Tx, reg: RegistrationRow) {
  const member = await tx.member.findUniqueOrThrow({ where: { id: reg.memberId }, select: { idNumberHash: true } });
  const twin = await tx.registration.findFirst({
    where: { eventId: reg.eventId, status: "approved", id: { not: reg.id }, memberId: { not: reg.memberId }, member: { idNumberHash: member.idNumberHash } },
    select: { admissionNo: true },
  });
  if (twin) throw new AppError(409, "same_person_twice", MESSAGES.samePersonTwice(twin.admissionNo));
}

/** The next free 准考证号 of this event: year + event sequence + serial, unique across the table. */
async function nextAdmissionNo(tx: Tx, reg: RegistrationRow, now: Date) {
  const events = await tx.contestEvent.findMany({ where: { contestId: reg.event.contestId }, select: { id: true }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  const year = (reg.event.contest.startsAt ?? now).getUTCFullYear();
  const prefix = formatAdmissionNo(year, events.findIndex((e) => e.id === reg.eventId) + 1, 0).slice(0, -4);
  const taken = await tx.registration.findMany({ where: { admissionNo: { startsWith: prefix } }, select: { admissionNo: true } });
  const serial = taken.reduce((max, r) => Math.max(max, Number(r.admissionNo!.slice(prefix.length)) || 0), 0) + 1;
  return `${prefix}${String(serial).padStart(4, "0")}`;
}

export async function approveRegistration(user: SessionUser, id: string, input: { step?: ApprovalStep }, actor: Actor, now = new Date()) {
  const run = () => db.$transaction(async (tx) => {
    const reg = await loadRegistration(tx, id);
    const step = checkApprover(user, reg, input.step);
    const next = nextStatus(reg.status, step, "approved");
    if (!next.ok) throw badRequest(next.reason);
    const data: Record<string, unknown> = { status: next.status };
    if (next.status === "approved") {
      await assertNotSamePersonTwice(tx, reg);
      data.admissionNo = await nextAdmissionNo(tx, reg, now);
      data.checkInToken = crypto.randomBytes(24).toString("base64url");
    }
    await transition(tx, reg, actor, step, "approved", data);
    return { status: next.status as Status, admissionNo: (data.admissionNo as string | undefined) ?? null };
  });
  try {
    return await run();
  } catch (error) {
    // Two final approvals at once in the same event can pick the same serial: once more.
    if ((error as { code?: string } | null)?.code === "P2002") return run();
    throw error;
  }
}

export type BulkApprovalOutcome = { id: string; ok: boolean; status?: Status; admissionNo?: string | null; message?: string };

/**
 * 批量审核 (issue 12): approves each registration at the step the user may act on, one by one;
 * each is its own transaction with its trail row and event, exactly as a single approval, so one
 * refusal (moved on, same approver, no authority) leaves the others approved and is reported.
 */
export async function approveRegistrations(user: SessionUser, ids: readonly string[], actor: Actor, now = new Date()): Promise<BulkApprovalOutcome[]> {
  const outcomes: BulkApprovalOutcome[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const done = await approveRegistration(user, id, {}, actor, now);
      outcomes.push({ id, ok: true, status: done.status, admissionNo: done.admissionNo });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ id, ok: false, message: error.message });
    }
  }
  return outcomes;
}

export async function returnRegistration(user: SessionUser, id: string, input: { step?: ApprovalStep; reason: string }, actor: Actor) {
  return db.$transaction(async (tx) => {
    const reg = await loadRegistration(tx, id);
    const step = checkApprover(user, reg, input.step);
    const next = nextStatus(reg.status, step, "returned");
    if (!next.ok) throw badRequest(next.reason);
    await transition(tx, reg, actor, step, "returned", { status: next.status, returnedStep: step, returnReason: input.reason }, input.reason);
    return { status: next.status as Status };
  });
}

export async function withdrawRegistration(user: SessionUser, id: string, actor: Actor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const reg = await loadRegistration(tx, id);
    if (!canActForEntrant(user, reg)) throw canView(user, reg) ? forbidden(MESSAGES.notEntrant) : notFound(MESSAGES.registrationNotFound);
    const problem = windowProblem(reg.event.contest, now);
    if (problem) throw badRequest(problem, [], "registration_closed");
    const next = nextStatus(reg.status, "entrant", "withdrawn");
    if (!next.ok) throw badRequest(next.reason);
    await transition(tx, reg, actor, "entrant", "withdrawn", { status: next.status, withdrawnAt: now, checkInToken: null });
    return { status: next.status as Status };
  });
}

/** The entrant (or unit contact) corrects a returned registration and sends it to the unit again. */
export async function resubmitRegistration(user: SessionUser, id: string, fields: RegistrationFields, actor: Actor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const reg = await loadRegistration(tx, id);
    if (!canActForEntrant(user, reg)) throw canView(user, reg) ? forbidden(MESSAGES.notEntrant) : notFound(MESSAGES.registrationNotFound);
    const problem = windowProblem(reg.event.contest, now);
    if (problem) throw badRequest(problem, [], "registration_closed");
    const next = nextStatus(reg.status, "entrant", "resubmitted");
    if (!next.ok) throw badRequest(next.reason);
    const member = await tx.member.findUniqueOrThrow({ where: { id: reg.memberId }, select: memberSelect });
    const reasons = checkEligibility({
      employmentStatus: member.employmentStatus, birthDate: member.birthDate, sex: member.sex, skillLevel: fields.skillLevel ?? member.skillLevel,
      yearsOfService: fields.yearsOfService, declaredNoAccident: fields.declaredNoAccident, isFrontline: member.isFrontline,
    }, eligibilityOf(reg.event), contestDay(reg.event, now));
    if (reasons.length) throw badRequest(reasons.join("；"), reasons.map((message) => ({ path: "eligibility", message })), "not_eligible");
    // A returned registration gave its quota place back: it needs a free one again (the no-op
    // update serialises this with concurrent registrations, as in submitEntries).
    await tx.$executeRaw`UPDATE "ContestEvent" SET "sortOrder" = "sortOrder" WHERE "id" = ${reg.eventId}`;
    const placesHeld = await countQuotaPlaces(tx, reg.eventId, reg.unitId);
    const overQuota = checkUnitQuota(placesHeld, 1, reg.event.unitQuota);
    if (overQuota) throw badRequest(overQuota, [{ path: "quota", message: overQuota }], "over_quota");
    // The team is kept; leader and coach may be corrected (on the team too, for team events).
    if (reg.teamId && (fields.leaderName || fields.coachName)) {
      await tx.team.update({ where: { id: reg.teamId }, data: { leaderName: fields.leaderName, coachName: fields.coachName } });
    }
    await transition(tx, reg, actor, "entrant", "resubmitted", {
      status: next.status, returnedStep: null, returnReason: null,
      skillLevel: fields.skillLevel ?? member.skillLevel, certificateNo: fields.certificateNo, yearsOfService: fields.yearsOfService,
      declaredNoAccident: fields.declaredNoAccident, leaderName: fields.leaderName, coachName: fields.coachName,
    });
    return { status: next.status as Status };
  });
}

// ------------------------------------------------------------------ reading

export type RegistrationView = ReturnType<typeof toView>;

function toView(reg: RegistrationRow, names: Map<string, string>) {
  const step = waitingStep(reg.status);
  return {
    id: reg.id,
    status: reg.status as Status,
    statusLabel: STATUS_LABELS[reg.status as Status]?.zh ?? reg.status,
    waitingStep: step,
    returnedStep: reg.returnedStep,
    returnReason: reg.returnReason,
    event: { id: reg.event.id, name: reg.event.name, trade: reg.event.trade, groupName: reg.event.groupName, mode: reg.event.mode },
    contest: { id: reg.event.contest.id, name: reg.event.contest.name, orgName: reg.event.contest.org.name },
    unit: { id: reg.unit.id, name: reg.unit.name },
    member: { id: reg.member.id, name: reg.member.name, sex: reg.member.sex, idNumberMasked: reg.member.idNumberMasked, employmentStatus: reg.member.employmentStatus },
    team: reg.team ? { id: reg.team.id, name: reg.team.name } : null,
    skillLevel: reg.skillLevel, certificateNo: reg.certificateNo, yearsOfService: reg.yearsOfService, declaredNoAccident: reg.declaredNoAccident,
    leaderName: reg.leaderName, coachName: reg.coachName, hasPhoto: !!reg.photoFileId,
    admissionNo: reg.admissionNo,
    /** whether the registration window is open now (withdrawal and resubmission need it) */
    windowOpen: windowProblem(reg.event.contest, new Date()) === null,
    createdAt: reg.createdAt.toISOString(), updatedAt: reg.updatedAt.toISOString(),
    trail: reg.approvals.map((a) => ({ step: a.step, decision: a.decision, reason: a.reason, by: a.byId ? names.get(a.byId) ?? null : null, at: a.at.toISOString() })),
  };
}

async function actorNames(regs: RegistrationRow[]) {
  const ids = [...new Set(regs.flatMap((r) => r.approvals.map((a) => a.byId)).filter((x): x is string => !!x))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }) : [];
  return new Map(users.map((u) => [u.id, u.displayName]));
}

const listInclude = registrationInclude;

async function views(regs: RegistrationRow[]) {
  const names = await actorNames(regs);
  return regs.map((r) => toView(r, names));
}

/** One registration with what the caller may do to it; 404 for anyone who may not see it. */
export async function getRegistration(user: SessionUser, id: string, now = new Date()) {
  const reg = await loadRegistration(db, id);
  if (!canView(user, reg)) throw notFound(MESSAGES.registrationNotFound);
  const [view] = await views([reg]);
  const step = waitingStep(reg.status);
  const windowOpen = windowProblem(reg.event.contest, now) === null;
  return {
    registration: view,
    can: {
      approveStep: step && canActAt(user, step, reg) ? step : null,
      sameApprover: step ? hasApprovedThisRound(reg.approvals, user.id) : false,
      withdraw: canActForEntrant(user, reg) && windowOpen && reg.status !== "withdrawn",
      resubmit: canActForEntrant(user, reg) && windowOpen && reg.status === "returned",
    },
  };
}

/** The signed-in worker's own registrations. */
export async function listMyRegistrations(user: SessionUser) {
  if (!user.memberId) return [];
  const regs = await db.registration.findMany({ where: { memberId: user.memberId }, include: listInclude, orderBy: { createdAt: "desc" } });
  return views(regs);
}

/** What waits for this user: each registration at a step they may act on (and did not already sign). */
export async function listReviewQueue(user: SessionUser) {
  const unitPaths = [...userScope(user, "registration:unit"), ...userScope(user, "contest:manage")];
  const hostPaths = userScope(user, "contest:manage");
  const adminPaths = user.grants.filter((g) => g.roleKey === "admin").map((g) => g.orgPath);
  const or: object[] = [];
  if (unitPaths.length) or.push({ status: "pending_unit", OR: unitPaths.map((p) => ({ unit: { path: { startsWith: p } } })) });
  if (hostPaths.length) or.push({ status: "pending_host", OR: hostPaths.map((p) => ({ event: { contest: { org: { path: { startsWith: p } } } } })) });
  or.push({ status: "pending_office", OR: [
    { event: { contest: { committee: { some: { group: "office", userId: user.id } } } } },
    ...adminPaths.map((p) => ({ event: { contest: { org: { path: { startsWith: p } } } } })),
  ] });
  const regs = await db.registration.findMany({ where: { OR: or }, include: listInclude, orderBy: { createdAt: "asc" }, take: 500 });
  const mine = regs.filter((r) => !hasApprovedThisRound(r.approvals, user.id));
  return views(mine);
}

/** Registrations of an event: contest managers over the contest see all; unit contacts their units'. */
export async function listEventRegistrations(user: SessionUser, eventId: string, filter: { unitId?: string; status?: string } = {}) {
  const event = await loadEvent(db, eventId);
  const manager = hasPermission(user, "contest:manage", event.contest.org.path);
  const unitPaths = userScope(user, "registration:unit");
  if (!manager && !unitPaths.length) throw forbidden();
  if (identitiesSealedFor(user, event)) throw new AppError(403, "identities_sealed", IDENTITIES_SEALED);
  const regs = await db.registration.findMany({
    where: {
      eventId,
      ...(filter.unitId ? { unitId: filter.unitId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(manager ? {} : { OR: unitPaths.map((p) => ({ unit: { path: { startsWith: p } } })) }),
    },
    include: listInclude, orderBy: { createdAt: "asc" }, take: 5000,
  });
  return views(regs);
}

/** Events open for registration right now (by the server's clock), for the worker's list. */
export async function listOpenEvents(now = new Date()) {
  return db.contestEvent.findMany({
    where: { contest: { status: "open", registrationOpensAt: { lte: now }, registrationClosesAt: { gt: now } } },
    select: { id: true, name: true, trade: true, groupName: true, mode: true, teamSize: true, unitQuota: true, eligibility: true,
      contest: { select: { id: true, name: true, registrationClosesAt: true, startsAt: true } } },
    orderBy: [{ contest: { registrationClosesAt: "asc" } }, { sortOrder: "asc" }],
    take: 200,
  });
}

/** One event with its contest, for the registration form. */
export async function getEventForRegistration(eventId: string, now = new Date()) {
  const event = await loadEvent(db, eventId);
  return {
    id: event.id, name: event.name, trade: event.trade, groupName: event.groupName, mode: event.mode, teamSize: event.teamSize, unitQuota: event.unitQuota,
    eligibility: eligibilityOf(event),
    contest: { id: event.contest.id, name: event.contest.name, startsAt: event.contest.startsAt?.toISOString() ?? null, registrationClosesAt: event.contest.registrationClosesAt?.toISOString() ?? null },
    windowProblem: windowProblem(event.contest, now),
  };
}

/** The signed-in worker's member record as the form shows it (ID masked), with their unit. */
export async function entrantProfile(user: SessionUser, contestStart: Date | null) {
  if (!user.memberId) return null;
  const m = await db.member.findUnique({ where: { id: user.memberId }, select: { ...memberSelect, org: { select: { path: true, name: true } } } });
  if (!m) return null;
  const unit = await unitOfPath(db, m.org.path);
  const day = contestStart ?? new Date();
  return {
    name: m.name, sex: m.sex, idNumberMasked: m.idNumberMasked, employmentStatus: m.employmentStatus, skillLevel: m.skillLevel,
    age: ageOn(m.birthDate, day), unitName: unit?.name ?? m.org.name, orgName: m.org.name,
  };
}

/** Whether this user has any approval step to act on (the review page link mirrors it). */
export async function isReviewer(user: SessionUser) {
  if (hasPermission(user, "contest:manage") || hasPermission(user, "registration:unit")) return true;
  return (await db.committeeMember.count({ where: { group: "office", userId: user.id } })) > 0;
}

// ------------------------------------------------------------------ photo (§5: 1-inch photo)

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ["jpeg", "png"] as const;

/** Attaches a stored photo to a registration: the entrant or their unit contact, evented. */
export async function attachPhoto(user: SessionUser, id: string, fileId: string, actor: Actor) {
  return db.$transaction(async (tx) => {
    const reg = await loadRegistration(tx, id);
    if (!canActForEntrant(user, reg)) throw forbidden(MESSAGES.notEntrant);
    await tx.registration.update({ where: { id }, data: { photoFileId: fileId } });
    await recordEvent(tx, actor, {
      action: "registration.photo-attached", entityType: "Registration", entityId: id, orgId: reg.unitId,
      before: { photoFileId: reg.photoFileId }, after: { photoFileId: fileId },
    });
  });
}

/** The photo's file id, for anyone who may see the registration (approvers included). */
export async function photoOf(user: SessionUser, id: string) {
  const reg = await loadRegistration(db, id);
  if (!canView(user, reg) || !reg.photoFileId) throw notFound("没有照片 / no photo");
  return reg.photoFileId;
}
