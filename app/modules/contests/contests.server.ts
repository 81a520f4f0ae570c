import { lifecycleOf } from "./lifecycle.server";
import { lifecycleRefusal } from "./lifecycle";
import { db, type Tx } from "~/utils/db.server";
import { assertPermission, hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, notFound } from "~/utils/errors";
import { localiseMessage } from "~/utils/messages";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { scopeWhere } from "~/modules/orgs/orgs.server";
import { readFile, saveUpload } from "~/modules/files/files.server";
import { contestDateProblems, copyFromTemplate, registrationReadiness, type EventWarning } from "./contest-rules";
import { readEligibility, readSettings, readStages } from "./event-settings";
import type { CommitteeMemberInput, ContestInput, ContestUpdate } from "./schemas";
import type { CONTEST_STATUSES } from "./event-rules";

// Contests (技能大赛 / 技术比武) owned by an organising union. Reads: a contest is visible
// to a user when it lies inside their contest:read scope, or — once it is no longer a
// draft — when its union is above (or is) a unit the user belongs to, so a worker sees
// the open contests of the unions over their enterprise. Writes need contest:manage
// over the contest's union; each change and its event are one transaction.

export type ContestStatus = (typeof CONTEST_STATUSES)[number];

const contestInclude = { org: { select: { id: true, name: true, path: true } } } as const;
type ContestRow = NonNullable<Awaited<ReturnType<typeof findContest>>>;

function findContest(id: string) {
  return db.contest.findUnique({ where: { id }, include: contestInclude });
}

const parseNames = (json: string): string[] => {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

/** A contest as pages and the API show it: JSON columns parsed, dates kept as Dates (isoDates for JSON). */
export function toContestView(row: ContestRow) {
  const { org, hosts, coHosts, createdById: _createdBy, ...rest } = row;
  return { ...rest, status: rest.status as ContestStatus, orgName: org.name, hosts: parseNames(hosts), coHosts: parseNames(coHosts) };
}
export type ContestView = ReturnType<typeof toContestView>;

type EventRow = {
  id: string; contestId: string; name: string; trade: string; groupName: string; mode: string; teamSize: number | null;
  minFieldSize: number; unitQuota: number | null; sortOrder: number; stages: string; eligibility: string; scoringSettings: string;
  createdAt: Date; updatedAt: Date;
};

export function toEventView(row: EventRow) {
  return {
    id: row.id, contestId: row.contestId, name: row.name, trade: row.trade, groupName: row.groupName, mode: row.mode,
    teamSize: row.teamSize, minFieldSize: row.minFieldSize, unitQuota: row.unitQuota, sortOrder: row.sortOrder,
    stages: readStages(row.stages), eligibility: readEligibility(row.eligibility), scoringSettings: readSettings(row.scoringSettings),
    createdAt: row.createdAt, updatedAt: row.updatedAt,
  };
}

/** Ids of the organisations a path runs through: "/a/b/c/" → a, b, c. */
const idsOnPath = (path: string) => path.split("/").filter(Boolean);

/** Organisations the user belongs to: their member unit and the units of their contest:read grants. */
async function ownUnitPaths(user: SessionUser): Promise<string[]> {
  const paths = user.grants.filter((g) => g.permissions.includes("contest:read")).map((g) => g.orgPath);
  if (user.memberId) {
    const member = await db.member.findUnique({ where: { id: user.memberId }, select: { org: { select: { path: true } } } });
    if (member) paths.push(member.org.path);
  }
  return paths;
}

async function visibleWhere(user: SessionUser) {
  const scope = userScope(user, "contest:read");
  const aboveOwnUnits = [...new Set((await ownUnitPaths(user)).flatMap(idsOnPath))];
  return {
    OR: [
      ...scope.map((p) => ({ org: { path: { startsWith: p } } })),
      ...(aboveOwnUnits.length ? [{ orgId: { in: aboveOwnUnits }, status: { not: "draft" } }] : []),
      { id: "__none__" },
    ],
  };
}

async function isVisible(user: SessionUser, contest: { status: string; org: { id: string; path: string } }) {
  if (hasPermission(user, "contest:read", contest.org.path)) return true;
  if (contest.status === "draft") return false;
  return (await ownUnitPaths(user)).some((p) => p.startsWith(contest.org.path));
}

const forbidden = () => new Response("没有权限访问此内容 / You do not have permission to do this", { status: 403, statusText: "Forbidden" });

export async function listContests(user: SessionUser, filter: { status?: string; q?: string } = {}) {
  assertPermission(user, "contest:read");
  const rows = await db.contest.findMany({
    where: {
      AND: [await visibleWhere(user), filter.status ? { status: filter.status } : {}, filter.q ? { name: { contains: filter.q } } : {}],
    },
    include: { ...contestInclude, _count: { select: { events: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    ...toContestView(r),
    eventCount: r._count.events,
    canManage: hasPermission(user, "contest:manage", r.org.path),
  }));
}

/** One contest the user may see, with its committee and events. 404 when missing, 403 when out of sight. */
export async function getContest(user: SessionUser, id: string) {
  const row = await db.contest.findUnique({
    where: { id },
    include: {
      ...contestInclude,
      committee: { orderBy: [{ group: "asc" }, { sortOrder: "asc" }, { name: "asc" }] },
      events: { orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] },
    },
  });
  if (!row) throw notFound("找不到该竞赛 / contest not found");
  if (!(await isVisible(user, row))) throw forbidden();
  const { committee, events, ...contest } = row;
  return {
    contest: toContestView(contest),
    orgPath: row.org.path,
    committee: committee.map(({ contestId: _c, ...m }) => m),
    events: events.map(toEventView),
    rawEvents: events,
    canManage: hasPermission(user, "contest:manage", row.org.path),
  };
}

/** The contest, checked for contest:manage over its union. */
export async function requireManagedContest(user: SessionUser, id: string) {
  const row = await findContest(id);
  if (!row) throw notFound("找不到该竞赛 / contest not found");
  assertPermission(user, "contest:manage", row.org.path);
  return row;
}

/** Unions the user may organise contests for (teams cannot host one). */
export async function organisingUnits(user: SessionUser) {
  if (!hasPermission(user, "contest:manage")) return [];
  return db.organisation.findMany({
    where: { AND: [scopeWhere(user, "contest:manage"), { type: { not: "team" } }] },
    select: { id: true, name: true, depth: true, type: true },
    orderBy: [{ depth: "asc" }, { name: "asc" }],
  });
}

/** Earlier contests the user can see, to start a new one from. */
export async function templateOptions(user: SessionUser) {
  const rows = await db.contest.findMany({
    where: await visibleWhere(user),
    select: { id: true, name: true, status: true, _count: { select: { events: true } } },
    orderBy: [{ createdAt: "desc" }],
    take: 100,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, eventCount: r._count.events }));
}

async function loadTemplate(user: SessionUser, templateId: string) {
  const template = await db.contest.findUnique({
    where: { id: templateId },
    include: { ...contestInclude, committee: true, events: { orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] } },
  });
  const message = "模板竞赛不存在或无权查看 / the template contest was not found";
  if (!template || !(await isVisible(user, template))) throw badRequest(message, [{ path: "templateId", message }]);
  return template;
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * Creates a contest in the user's contest:manage scope. With a template, the fields
 * left out come from the template, and its committee and events (schemes, settings,
 * eligibility, stages) are copied; dates start blank unless given.
 */
export async function createContest(user: SessionUser, input: ContestInput, actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, path: true, type: true } });
  if (!org) {
    const message = "主办工会不存在 / organising union not found";
    throw badRequest(message, [{ path: "orgId", message }]);
  }
  assertPermission(user, "contest:manage", org.path);
  const copy = input.templateId ? copyFromTemplate(await loadTemplate(user, input.templateId)) : null;
  const level = input.level ?? copy?.contest.level;
  const contestClass = input.contestClass ?? copy?.contest.contestClass;
  const problems = [
    ...(level ? [] : [{ path: "level", message: "请选择竞赛级别 / choose a level" }]),
    ...(contestClass ? [] : [{ path: "contestClass", message: "请选择竞赛类别（一类/二类）/ choose the class" }]),
    ...contestDateProblems(input),
  ];
  if (problems.length) throw badRequest(`输入有误：${problems.map((p) => p.message).join("；")}`, problems);

  return db.$transaction(async (tx) => {
    const created = await tx.contest.create({
      data: {
        orgId: org.id,
        name: input.name,
        kind: input.kind ?? copy?.contest.kind ?? "skills",
        level: level!,
        contestClass: contestClass!,
        hosts: input.hosts ? json(input.hosts) : copy?.contest.hosts ?? "[]",
        coHosts: input.coHosts ? json(input.coHosts) : copy?.contest.coHosts ?? "[]",
        registrationOpensAt: input.registrationOpensAt ?? null,
        registrationClosesAt: input.registrationClosesAt ?? null,
        startsAt: input.startsAt ?? null,
        endsAt: input.endsAt ?? null,
        appealWindowMinutes: input.appealWindowMinutes ?? copy?.contest.appealWindowMinutes ?? 120,
        noticeText: input.noticeText ?? copy?.contest.noticeText ?? "",
        rulesFileId: copy?.contest.rulesFileId ?? null,
        visibility: input.visibility ?? copy?.contest.visibility ?? "public",
        templateId: copy?.contest.templateId ?? null,
        status: "draft",
        createdById: user.id,
      },
      include: contestInclude,
    });
    if (copy) {
      for (const member of copy.committee) await tx.committeeMember.create({ data: { ...member, contestId: created.id } });
      for (const event of copy.events) await tx.contestEvent.create({ data: { ...event, contestId: created.id } });
    }
    const view = toContestView(created);
    await recordEvent(tx, actor, {
      action: "contest.created", entityType: "Contest", entityId: created.id, orgId: org.id,
      after: { ...view, copiedEvents: copy?.events.length ?? 0, copiedCommittee: copy?.committee.length ?? 0 },
    });
    return view;
  });
}

export async function updateContest(user: SessionUser, id: string, input: ContestUpdate, actor: Actor) {
  const before = await requireManagedContest(user, id);
  if (before.status === "finished") throw conflict("竞赛已结束，不能再修改 / the contest is finished and can no longer change");
  const merged = {
    registrationOpensAt: input.registrationOpensAt !== undefined ? input.registrationOpensAt : before.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt !== undefined ? input.registrationClosesAt : before.registrationClosesAt,
    startsAt: input.startsAt !== undefined ? input.startsAt : before.startsAt,
    endsAt: input.endsAt !== undefined ? input.endsAt : before.endsAt,
  };
  const problems = contestDateProblems(merged);
  if (before.status === "open") {
    for (const key of ["registrationOpensAt", "registrationClosesAt"] as const) {
      if (!merged[key]) problems.push({ path: key, message: "报名进行中，报名起止日期不能清空 / registration is open: its dates cannot be cleared" });
    }
  }
  if (problems.length) throw badRequest(`输入有误：${problems.map((p) => p.message).join("；")}`, problems);
  return db.$transaction(async (tx) => {
    const after = await tx.contest.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.level !== undefined ? { level: input.level } : {}),
        ...(input.contestClass !== undefined ? { contestClass: input.contestClass } : {}),
        ...(input.hosts !== undefined ? { hosts: json(input.hosts) } : {}),
        ...(input.coHosts !== undefined ? { coHosts: json(input.coHosts) } : {}),
        ...(input.appealWindowMinutes !== undefined ? { appealWindowMinutes: input.appealWindowMinutes } : {}),
        ...(input.noticeText !== undefined ? { noticeText: input.noticeText } : {}),
        ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
        ...merged,
      },
      include: contestInclude,
    });
    const view = toContestView(after);
    await recordEvent(tx, actor, { action: "contest.updated", entityType: "Contest", entityId: id, orgId: after.orgId, before: toContestView(before), after: view });
    return view;
  });
}

async function setStatus(tx: Tx, actor: Actor, before: ContestRow, status: ContestStatus, action: string, extra: Record<string, unknown> = {}) {
  const after = await tx.contest.update({ where: { id: before.id }, data: { status }, include: contestInclude });
  await recordEvent(tx, actor, {
    action, entityType: "Contest", entityId: before.id, orgId: before.orgId,
    before: { status: before.status }, after: { status, ...extra },
  });
  return toContestView(after);
}

/** What stands between a contest and open registration, and the soft warnings (rule S-10). */
export async function readinessOf(contestId: string) {
  const contest = await db.contest.findUniqueOrThrow({ where: { id: contestId } });
  const events = await db.contestEvent.findMany({ where: { contestId }, orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }] });
  return registrationReadiness(contest, events);
}

/**
 * draft (or closed) → open. Refused, naming each problem, without the registration
 * window, without events, or while any event's marking scheme is not valid.
 */
export async function openRegistration(user: SessionUser, id: string, actor: Actor): Promise<{ contest: ContestView; warnings: EventWarning[] }> {
  const before = await requireManagedContest(user, id);
  if (before.status !== "draft" && before.status !== "closed") {
    throw conflict(`当前状态（${before.status}）不能开放报名 / registration cannot open from status ${before.status}`, "invalid_status");
  }
  const { problems, warnings } = await readinessOf(id);
  if (problems.length) {
    // one message in both languages (issue 12 item 9): the reader gets the whole sentence in theirs
    const half = (locale: "zh" | "en") => problems.map((p) => localiseMessage(p.message, locale)).join(locale === "zh" ? "；" : "; ");
    throw badRequest(`还不能开放报名：${half("zh")} / Registration cannot open yet: ${half("en")}`, problems, "not_ready");
  }
  const contest = await db.$transaction((tx) =>
    setStatus(tx, actor, before, "open", "contest.registration-opened", { warnings: warnings.map((w) => w.message) }),
  );
  return { contest, warnings };
}

export async function closeRegistration(user: SessionUser, id: string, actor: Actor) {
  const before = await requireManagedContest(user, id);
  if (before.status !== "open") throw conflict("报名未开放，无需截止 / registration is not open", "invalid_status");
  return db.$transaction((tx) => setStatus(tx, actor, before, "closed", "contest.registration-closed"));
}

/** 归档 (issue 12 lifecycle): once every event's results are published and the notice periods are over. */
export async function archiveContest(user: SessionUser, id: string, actor: Actor, now = new Date()) {
  const before = await requireManagedContest(user, id);
  const life = (await lifecycleOf([id], now)).get(id)!;
  const refusal = lifecycleRefusal("archive", life.stage);
  if (refusal) throw conflict(refusal, "invalid_status");
  return db.$transaction((tx) => setStatus(tx, actor, before, "finished", "contest.archived"));
}

// ---------------------------------------------------------------- committee (组委会, rules S-1, S-5)

/** Accounts that may staff the contest's committee (issue 12): those with a role inside the contest's organisation. */
export async function committeeCandidates(user: SessionUser, contestId: string) {
  const contest = await requireManagedContest(user, contestId);
  const rows = await db.user.findMany({
    where: { disabledAt: null, grants: { some: { org: { path: { startsWith: contest.org.path } } } } },
    select: { id: true, username: true, displayName: true },
    orderBy: { username: "asc" },
    take: 500,
  });
  return rows;
}

export async function addCommitteeMember(user: SessionUser, contestId: string, input: CommitteeMemberInput, actor: Actor) {
  const contest = await requireManagedContest(user, contestId);
  if (input.userId) {
    // rule S-7: the 组委会办公室 approves registrations, so the person is an account inside the contest's organisation
    const ok = await db.user.count({ where: { id: input.userId, disabledAt: null, grants: { some: { org: { path: { startsWith: contest.org.path } } } } } });
    if (!ok) throw badRequest("所选账号不在本竞赛主办组织范围内 / the account is outside the contest's organisation", [{ path: "userId", message: "请选择本组织范围内的账号 / choose an account inside the organisation" }]);
  }
  return db.$transaction(async (tx) => {
    const count = await tx.committeeMember.count({ where: { contestId, group: input.group } });
    const member = await tx.committeeMember.create({
      data: { contestId, group: input.group, name: input.name, duty: input.duty ?? null, userId: input.userId ?? null, sortOrder: count },
    });
    await recordEvent(tx, actor, { action: "committee.added", entityType: "CommitteeMember", entityId: member.id, orgId: contest.orgId, after: member });
    return member;
  });
}

export async function removeCommitteeMember(user: SessionUser, contestId: string, memberId: string, actor: Actor) {
  const contest = await requireManagedContest(user, contestId);
  const member = await db.committeeMember.findFirst({ where: { id: memberId, contestId } });
  if (!member) throw notFound("找不到该组委会成员 / committee member not found");
  await db.$transaction(async (tx) => {
    await tx.committeeMember.delete({ where: { id: memberId } });
    await recordEvent(tx, actor, { action: "committee.removed", entityType: "CommitteeMember", entityId: memberId, orgId: contest.orgId, before: member });
  });
}

// ---------------------------------------------------------------- rules (竞赛规程, PDF)

export const RULES_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Attaches the contest's rules PDF. The bytes and their StoredFile row are written by
 * the files module (type checked from the content); the contest then points at it.
 */
export async function attachRules(user: SessionUser, contestId: string, file: unknown, actor: Actor) {
  const contest = await requireManagedContest(user, contestId);
  const stored = await saveUpload(file, { purpose: "contest-rules", allowedTypes: ["pdf"], maxBytes: RULES_MAX_BYTES, field: "rules", orgId: contest.orgId }, actor);
  return db.$transaction(async (tx) => {
    await tx.contest.update({ where: { id: contestId }, data: { rulesFileId: stored.id } });
    await recordEvent(tx, actor, {
      action: "contest.rules-attached", entityType: "Contest", entityId: contestId, orgId: contest.orgId,
      before: { rulesFileId: contest.rulesFileId }, after: { rulesFileId: stored.id, filename: stored.filename, size: stored.size },
    });
    return stored;
  });
}

/** The rules PDF of a contest the user can see. */
export async function readContestRules(user: SessionUser, contestId: string) {
  const { contest } = await getContest(user, contestId);
  if (!contest.rulesFileId) throw notFound("该竞赛尚未上传规程 / this contest has no rules document");
  return readFile(contest.rulesFileId);
}

/** Name and size of the rules document, for the overview page. */
export async function rulesFileInfo(fileId: string | null) {
  if (!fileId) return null;
  return db.storedFile.findUnique({ where: { id: fileId }, select: { filename: true, size: true } });
}
