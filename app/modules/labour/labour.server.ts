import { db, type Tx } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { eventData, recordEvent } from "~/modules/events/event-log.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import { verifySigner } from "~/modules/judging/signing.server";
import { checkIndicatorSet, checkScore, INDICATOR_TEMPLATES, type IndicatorSet } from "./indicators";
import {
  awardBanners as pickBanners, daysIn, missingScores, periodsBetween, rankByGroup, rerankChanged, rewardsByPlace, scorePeriod,
  type Frequency, type RankedUnit, type UnitInput,
} from "./periods";
import { decideAccident, vetoesForPeriod, type Accident, type AccidentOutcome, type LinkedDeduction } from "./vetoes";
import { eventType, EVENT_TABLE_MESSAGES } from "./event-table";
import { ancestry, eligibleBuilders, yearEndAwards, type RosterEntry, type RosterKind, type YearFacts } from "./year-end";
import { countdown, campaignEnd, safeDayBoard, safeDaysInPeriod } from "./safe-days";
import { defaultSettings, readSettings, type LabourSettings } from "./settings";
import { loadAccidents } from "./accidents.server";
import { publishLabourChange } from "./live.server";
import { recordIncident } from "~/modules/incidents/incidents.server";
import { forgetProject, scoresSaved, unitRowsOf, type CacheEntry } from "./board-cache-state.server";
import { newId, scoreRow, scoreWriter, sqliteTime, timeOf, type RawScore, type ScoreStatements } from "./score-writer.server";
import { retryWhileBusy, type DirectConnection } from "~/utils/group-commit.server";
import type { AccidentInput, LabourEventInput, ProjectInput, RosterEntryInput, SafetyReportInput, ScoresInput, TeamMonthInput } from "./schemas";
import { teamAwards, teamVetoFacts } from "./team-award";

// The 劳动竞赛 service: the only code that writes the Labour* tables. Every read and write is
// scoped to the project's applying organisation: labour:read (and the action's permission) over
// its path, so a city union sees its subtree's projects and a 基层工会 its own. Every change
// writes an event in the same transaction.

export const LABOUR_SUBJECT = "competition.project";

export const LABOUR_MESSAGES = {
  projectNotFound: "找不到该劳动竞赛项目 / competition project not found",
  periodNotFound: "找不到该考评期 / period not found",
  orgNotFound: "找不到申报单位 / organisation not found",
  notOnRoster: "该单位不在本项目的参赛名录中 / the unit is not on the project's roster",
  notCompeting: "只有标段、工区和班组参加考评 / only 标段, 工区 and 班组 are assessed",
  unknownIndicator: (key: string) => `本项目没有指标「${key}」/ the project has no indicator ${key}`,
  notRubric: (name: string) => `「${name}」不是委员会评分指标 / ${name} is not scored by the committee`,
  notQuantity: (name: string) => `「${name}」应填写计划量和完成量 / ${name} needs the plan and the actual quantity`,
  quantityMissing: (name: string) => `请填写「${name}」的计划量和完成量 / give the plan and the actual quantity for ${name}`,
  signedNeedsReason: "该考评期已签字，修改分数须填写更正理由 / the period is signed: give a correction reason to change it",
  awarded: "该考评期的流动红旗已颁发，不能再修改 / the banners of this period are awarded: it cannot change",
  sheetIncomplete: (n: number) => `您还有 ${n} 项分数未填写，填完后才能签字 / ${n} of your scores are missing: complete the sheet before signing`,
  alreadySigned: "您已签过字 / you have already signed",
  notEnoughSigners: (have: number, need: number) => `考评表需至少 ${need} 名委员签字（L-11），现有 ${have} 名 / the sheet needs ${need} signatures (L-11), it has ${have}`,
  scoresIncomplete: (n: number) => `本期还有 ${n} 项分数不完整，不能颁发流动红旗 / ${n} scores of this period are incomplete: no banners yet`,
  alreadyAwarded: "本期流动红旗已颁发 / the banners of this period are already awarded",
  dateOutside: (from: string, to: string) => `日期须在项目期间 ${from} 至 ${to} 内 / the date must be within the project, ${from} to ${to}`,
  notAccepted: "项目尚未纳入管理（审核通过）/ the project has not been accepted yet",
  badRoster: (n: number, reason: string) => `名录第 ${n} 行：${reason} / roster line ${n}: ${reason}`,
  parentMissing: (name: string) => `找不到上级「${name}」/ no parent named ${name}`,
  orgUnknown: (name: string) => `申报单位及其下属组织中找不到「${name}」/ no organisation named ${name} in the applying union's tree`,
  orgAmbiguous: (name: string) => `有多个组织名为「${name}」/ several organisations are named ${name}`,
  notCampaign: "这不是百日安全竞赛 / this is not a 百日 campaign",
  wrongAccident: "该事故不是本单位的 / the accident is not this unit's",
  unitWithoutOrg: "该单位未关联组织，无法登记事故 / the unit is not linked to an organisation: link it to record an accident",
  notTeam: "出勤率只能为名录中的班组登记 / attendance is recorded for a 班组 on the roster only",
} as const;

type Client = Tx | typeof db;

export type ProjectStatus = "draft" | "submitted" | "returned" | "refused" | "accepted" | "withdrawn";
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: "草稿", submitted: "审核中", returned: "已退回", refused: "未通过", accepted: "已纳入管理", withdrawn: "已撤回",
};

// ------------------------------------------------------------------ loading and scope

async function loadProject(client: Client, projectId: string) {
  const project = await client.labourProject.findUnique({ where: { id: projectId } });
  if (!project) throw notFound(LABOUR_MESSAGES.projectNotFound);
  const org = await client.organisation.findUnique({ where: { id: project.orgId }, select: { id: true, name: true, path: true } });
  if (!org) throw notFound(LABOUR_MESSAGES.orgNotFound);
  return { project, org };
}

type Perm = "labour:read" | "labour:apply" | "labour:manage" | "labour:score" | "labour:review";

/** The project, if the user holds `permission` over its organisation (a reviewer up the chain may read it too). */
export async function requireProject(user: SessionUser, projectId: string, permission: Perm = "labour:read", client: Client = db) {
  const loaded = await loadProject(client, projectId);
  if (!hasPermission(user, permission, loaded.org.path)) throw forbidden();
  return loaded;
}

export const setOf = (project: { indicatorSet: string }) => JSON.parse(project.indicatorSet) as IndicatorSet;
export const settingsOf = (project: { settings: string; kind: string }) => readSettings(project.settings, project.kind as "project" | "campaign");

async function statusOf(project: { submissionId: string | null }): Promise<ProjectStatus> {
  if (!project.submissionId) return "draft";
  const s = await db.reviewSubmission.findUnique({ where: { id: project.submissionId }, select: { status: true } });
  if (!s) return "draft";
  return s.status === "approved" ? "accepted" : s.status === "pending" ? "submitted" : (s.status as ProjectStatus);
}

// ------------------------------------------------------------------ applying (rule L-2)

function buildRoster(lines: ProjectInput["roster"]) {
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const key = `${l.kind}:${l.name}`;
    if (seen.has(key)) issues.push({ path: `roster.${i}.name`, message: LABOUR_MESSAGES.badRoster(i + 1, `重复的名称 ${l.name} / duplicate name`) });
    seen.add(key);
    if (l.parent && !lines.some((p) => p.name === l.parent && p !== l)) issues.push({ path: `roster.${i}.parent`, message: LABOUR_MESSAGES.badRoster(i + 1, LABOUR_MESSAGES.parentMissing(l.parent)) });
  });
  return issues;
}

/**
 * The roster lines typed in the apply form name the organisation behind a 标段 / 工区 / 班组 (its
 * 项目部, where its accidents are recorded: rules L-7, A-12): each name becomes the organisation's
 * id, looked up within the applying organisation's subtree. An unknown or ambiguous name is refused
 * with its line.
 */
export async function linkRosterOrgs<L extends { orgName?: string; orgId?: string }>(user: SessionUser, applicantOrgId: string, lines: readonly L[]): Promise<(Omit<L, "orgName"> & { orgId?: string })[]> {
  const names = [...new Set(lines.map((l) => l.orgName).filter((n): n is string => !!n))];
  if (!names.length) return lines.map(({ orgName: _n, ...l }) => l);
  const applicant = await db.organisation.findUnique({ where: { id: applicantOrgId }, select: { path: true } });
  if (!applicant) throw badRequest(LABOUR_MESSAGES.orgNotFound, [{ path: "orgId", message: LABOUR_MESSAGES.orgNotFound }]);
  if (!hasPermission(user, "labour:apply", applicant.path)) throw forbidden();
  const found = await db.organisation.findMany({ where: { name: { in: names }, path: { startsWith: applicant.path } }, select: { id: true, name: true } });
  return lines.map(({ orgName, ...l }, i) => {
    if (!orgName) return l;
    const matches = found.filter((o) => o.name === orgName);
    if (matches.length !== 1) {
      const m = LABOUR_MESSAGES.badRoster(i + 1, matches.length ? LABOUR_MESSAGES.orgAmbiguous(orgName) : LABOUR_MESSAGES.orgUnknown(orgName));
      throw badRequest(m, [{ path: `roster.${i}.orgId`, message: m }]);
    }
    return { ...l, orgId: matches[0].id };
  });
}

/** A 基层工会 applies (rule L-2): the project, its roster and periods, and (with a round) its submission up the review chain. */
export async function applyProject(user: SessionUser, input: ProjectInput, actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, path: true, name: true } });
  if (!org) throw badRequest(LABOUR_MESSAGES.orgNotFound, [{ path: "orgId", message: LABOUR_MESSAGES.orgNotFound }]);
  if (!hasPermission(user, "labour:apply", org.path)) throw forbidden();
  const set: IndicatorSet = input.indicators?.length
    ? { name: input.template ? INDICATOR_TEMPLATES[input.template].name : "自定义", indicators: input.indicators }
    : INDICATOR_TEMPLATES[input.template ?? (input.kind === "campaign" ? "bairi-anquan" : "qibi-yichuang")];
  const setIssues = checkIndicatorSet(set);
  if (setIssues.length) throw badRequest(setIssues[0].message, setIssues, "invalid_indicator_set");
  const rosterIssues = buildRoster(input.roster);
  if (rosterIssues.length) throw badRequest(rosterIssues[0].message, rosterIssues);
  const defaults = defaultSettings(input.kind);
  const settings: LabourSettings = { ...defaults, minSigners: input.minSigners, banners: defaults.banners.map((b) => ({ ...b, topK: input.bannerTopK ?? b.topK, ties: input.bannerTies ?? b.ties })) };
  if (input.kind === "campaign") settings.campaign = { ...settings.campaign!, lengthDays: input.lengthDays ?? 100, onAccident: input.onAccident ?? "reset" };
  const endDate = input.kind === "campaign" ? campaignEnd({ start: input.startDate, lengthDays: settings.campaign!.lengthDays }) : input.endDate;
  const spans = input.kind === "campaign" ? [{ label: `${set.name}`, from: input.startDate, to: endDate }] : periodsBetween(input.startDate, endDate, input.frequency as Frequency);
  return db.$transaction(async (tx) => {
    const project = await tx.labourProject.create({
      data: {
        orgId: org.id, name: input.name, owner: input.owner, kind: input.kind, startDate: input.startDate, endDate, frequency: input.frequency,
        budget: input.budget, indicatorSet: JSON.stringify(set), settings: JSON.stringify(settings), createdById: user.id,
      },
    });
    await writeRoster(tx, project.id, input.roster);
    await tx.labourPeriod.createMany({ data: spans.map((s, i) => ({ projectId: project.id, seq: i + 1, label: s.label, fromDate: s.from, toDate: s.to })) });
    let submissionId: string | null = null;
    if (input.roundId) {
      const submission = await submitForReview(tx, user, { roundId: input.roundId, subjectType: LABOUR_SUBJECT, subjectId: project.id, title: `${input.name}（${org.name}）`, submitterOrgId: org.id }, actor);
      submissionId = submission.id;
      await tx.labourProject.update({ where: { id: project.id }, data: { submissionId } });
    }
    await recordEvent(tx, actor, { action: "labour.project.applied", entityType: "LabourProject", entityId: project.id, orgId: org.id, after: { name: input.name, kind: input.kind, indicatorSet: set.name, periods: spans.length, roster: input.roster.length, submissionId } });
    return { ...project, submissionId };
  });
}

async function writeRoster(tx: Tx, projectId: string, lines: readonly RosterEntryInput[]) {
  const existing = await tx.labourRosterEntry.findMany({ where: { projectId }, select: { id: true, name: true } });
  const ids = new Map(existing.map((e) => [e.name, e.id]));
  // parents first: a line's parent is created before it whatever the order
  const pending = [...lines];
  let guard = 0;
  while (pending.length && guard++ < 20) {
    for (const line of [...pending]) {
      if (line.parent && !ids.has(line.parent)) continue;
      const row = await tx.labourRosterEntry.create({
        data: { projectId, kind: line.kind, name: line.name, parentId: line.parent ? ids.get(line.parent)! : null, orgId: line.orgId || null, startOnSite: line.startOnSite ?? null },
      });
      ids.set(line.name, row.id);
      pending.splice(pending.indexOf(line), 1);
    }
  }
  if (pending.length) throw badRequest(LABOUR_MESSAGES.parentMissing(pending[0].parent ?? ""));
}

/** Send a draft project up the chain in a round. */
export async function submitProject(user: SessionUser, projectId: string, roundId: string, actor: Actor) {
  const { project, org } = await requireProject(user, projectId, "labour:apply");
  if (project.submissionId) throw conflict("该项目已申报 / the project has already been submitted");
  return db.$transaction(async (tx) => {
    const submission = await submitForReview(tx, user, { roundId, subjectType: LABOUR_SUBJECT, subjectId: project.id, title: `${project.name}（${org.name}）`, submitterOrgId: org.id }, actor);
    await tx.labourProject.update({ where: { id: project.id }, data: { submissionId: submission.id } });
    await recordEvent(tx, actor, { action: "labour.project.submitted", entityType: "LabourProject", entityId: project.id, orgId: org.id, after: { roundId, submissionId: submission.id } });
    return { id: project.id, submissionId: submission.id };
  });
}

export async function addRosterEntry(user: SessionUser, projectId: string, input: RosterEntryInput, actor: Actor) {
  const { project, org } = await requireProject(user, projectId, "labour:manage");
  return db.$transaction(async (tx) => {
    const dup = await tx.labourRosterEntry.findFirst({ where: { projectId, kind: input.kind, name: input.name } });
    if (dup) throw badRequest(LABOUR_MESSAGES.badRoster(1, `重复的名称 ${input.name} / duplicate name`), [{ path: "name", message: "重复的名称 / duplicate name" }]);
    let parentId: string | null = null;
    if (input.parent) {
      const parent = await tx.labourRosterEntry.findFirst({ where: { projectId, name: input.parent } });
      if (!parent) throw badRequest(LABOUR_MESSAGES.parentMissing(input.parent), [{ path: "parent", message: LABOUR_MESSAGES.parentMissing(input.parent) }]);
      parentId = parent.id;
    }
    const row = await tx.labourRosterEntry.create({ data: { projectId: project.id, kind: input.kind, name: input.name, parentId, orgId: input.orgId || null, startOnSite: input.startOnSite ?? null } });
    await touchProject(tx, project.id);
    await recordEvent(tx, actor, { action: "labour.roster.added", entityType: "LabourRosterEntry", entityId: row.id, orgId: org.id, after: input });
    return row;
  });
}

// ------------------------------------------------------------------ lists

export async function listProjects(user: SessionUser) {
  const scopes = userScope(user, "labour:read");
  if (scopes.length === 0) throw forbidden();
  const orgs = await db.organisation.findMany({ where: { OR: scopes.map((p) => ({ path: { startsWith: p } })) }, select: { id: true, name: true } });
  const rows = await db.labourProject.findMany({ where: { orgId: { in: orgs.map((o) => o.id) } }, orderBy: { createdAt: "desc" }, take: 500 });
  const subs = await db.reviewSubmission.findMany({ where: { id: { in: rows.map((r) => r.submissionId).filter((x): x is string => !!x) } }, select: { id: true, status: true } });
  return rows.map((r) => {
    const s = subs.find((x) => x.id === r.submissionId);
    const status: ProjectStatus = !s ? "draft" : s.status === "approved" ? "accepted" : s.status === "pending" ? "submitted" : (s.status as ProjectStatus);
    return {
      id: r.id, name: r.name, owner: r.owner, kind: r.kind, startDate: r.startDate, endDate: r.endDate, frequency: r.frequency, budget: r.budget,
      org: { id: r.orgId, name: orgs.find((o) => o.id === r.orgId)?.name ?? r.orgId }, status, statusLabel: PROJECT_STATUS_LABELS[status], indicatorSet: setOf(r).name,
    };
  });
}

/** Organisations where the user may apply, and the open rounds for project applications. */
export async function applyOptions(user: SessionUser) {
  const scopes = userScope(user, "labour:apply");
  const orgs = scopes.length
    ? await db.organisation.findMany({ where: { OR: scopes.map((p) => ({ path: { startsWith: p } })), type: { not: "team" } }, select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 500 })
    : [];
  const rounds = await db.reviewRound.findMany({ where: { subjectType: LABOUR_SUBJECT, status: "open" }, select: { id: true, title: true }, orderBy: { createdAt: "desc" } });
  return { orgs, rounds };
}

// ------------------------------------------------------------------ the facts of a project, and its computed boards

export type RosterView = RosterEntry & { orgId: string | null };

/** Every stored fact of a project that its boards are computed from (full recompute). */
export async function loadProjectFacts(projectId: string) {
  const [project, roster, periods, scores, events, signatures, banners] = await Promise.all([
    db.labourProject.findUniqueOrThrow({ where: { id: projectId } }),
    db.labourRosterEntry.findMany({ where: { projectId }, orderBy: [{ createdAt: "asc" }, { name: "asc" }] }),
    db.labourPeriod.findMany({ where: { projectId }, orderBy: { seq: "asc" } }),
    db.labourScore.findMany({ where: { period: { projectId } } }),
    db.labourEvent.findMany({ where: { projectId }, orderBy: { date: "asc" } }),
    db.labourSignature.findMany({ where: { period: { projectId } }, orderBy: { signedAt: "asc" } }),
    db.labourBanner.findMany({ where: { period: { projectId } } }),
  ]);
  const rosterMap = new Map<string, RosterView>(roster.map((r) => [r.id, { id: r.id, kind: r.kind as RosterKind, name: r.name, parentId: r.parentId, startOnSite: r.startOnSite, orgId: r.orgId }]));
  const accidents = await loadAccidents(project, [...rosterMap.values()]);
  return { project, roster: rosterMap, periods, scoresByPeriod: indexScores(scores), events, signatures, banners, accidents };
}
export type ProjectFacts = Awaited<ReturnType<typeof loadProjectFacts>>;
export type StoredScore = Awaited<ReturnType<typeof db.labourScore.findMany>>[number];

/** The scores per period (a period's board reads only its own: 26 periods × 2,000 units stay linear). */
export function indexScores(scores: readonly StoredScore[]) {
  const byPeriod = new Map<string, StoredScore[]>();
  for (const s of scores) {
    const list = byPeriod.get(s.periodId);
    if (list) list.push(s);
    else byPeriod.set(s.periodId, [s]);
  }
  return byPeriod;
}

/**
 * Marks the project's facts as changed, inside the writing transaction: the board cache
 * (board-cache.server.ts) compares this stamp before it answers from memory.
 */
export async function touchProject(tx: Tx, projectId: string, keepCache = false) {
  const before = await tx.labourProject.findUnique({ where: { id: projectId }, select: { updatedAt: true } });
  const prior = before?.updatedAt.getTime() ?? 0;
  // a strictly later stamp, even within the same millisecond
  const after = await tx.labourProject.update({ where: { id: projectId }, data: { updatedAt: new Date(Math.max(Date.now(), prior + 1)) }, select: { updatedAt: true } });
  if (!keepCache) forgetProject(projectId);
  return { before: prior, after: after.updatedAt.getTime() };
}

const COMPETING: RosterKind[] = ["section", "area", "team"];

/**
 * rule L-7: an accident counts against the roster entry where it happened and the entries above
 * it up to its 标段 (a 班组's accident is its 工区's and its 标段's), not against the other 标段 of
 * the same 参建单位.
 */
export function upToSection(roster: ReadonlyMap<string, RosterEntry>, unitId: string): string[] {
  const chain = ancestry(roster, unitId);
  const at = chain.findIndex((e) => e.kind === "section");
  return (at >= 0 ? chain.slice(0, at + 1) : chain).map((e) => e.id);
}
export const competingUnits = (roster: ReadonlyMap<string, RosterEntry>) => [...roster.values()].filter((r) => COMPETING.includes(r.kind));

/** The role of an event type → the first indicator of the set with that role. */
function indicatorForRole(set: IndicatorSet, role: string) {
  return set.indicators.find((i) => i.role === role) ?? null;
}

function accidentOutcomes(facts: ProjectFacts, set: IndicatorSet, settings: LabourSettings): AccidentOutcome[] {
  const linked: LinkedDeduction[] = facts.events
    .filter((e) => e.accidentId && e.points < 0)
    .map((e) => {
      const role = eventType(settings.eventTable, e.typeKey).role;
      return { eventId: e.id, accidentId: e.accidentId!, role: role === "quality" ? "quality" : "safety", points: -e.points };
    });
  void set;
  return facts.accidents.map((a) => decideAccident(a, settings.vetoRules, linked)).filter((o): o is AccidentOutcome => !!o);
}

/**
 * What every period of one computation shares (computed once, not per period): the competing
 * units, the indicators by key, the indicator each event type adjusts, the accident dates per unit.
 */
type PeriodContext = {
  units: RosterEntry[];
  indicators: Map<string, IndicatorSet["indicators"][number]>;
  eventTable: LabourSettings["eventTable"];
  /** per event type, the key of the indicator it adjusts (filled on first use) */
  eventIndicator: Map<string, string | null>;
  accidentDates: Map<string, string[]>;
  accidentIds: Set<string>;
};

function periodContext(facts: ProjectFacts, set: IndicatorSet, settings: LabourSettings): PeriodContext {
  const accidentDates = new Map<string, string[]>();
  for (const a of facts.accidents) for (const id of upToSection(facts.roster, a.unitId)) accidentDates.set(id, [...(accidentDates.get(id) ?? []), a.date]);
  return {
    units: competingUnits(facts.roster),
    indicators: new Map(set.indicators.map((i) => [i.key, i])),
    eventTable: settings.eventTable,
    eventIndicator: new Map(),
    accidentDates,
    accidentIds: new Set(facts.accidents.map((a) => a.id)),
  };
}

/** The inputs of one period for every competing unit: rubric scores per member, quantities, safe days, event adjustments. */
function periodInputs(
  facts: ProjectFacts, set: IndicatorSet, context: PeriodContext, period: { id: string; fromDate: string; toDate: string }, neutralised: ReadonlySet<string>,
  only?: { units: ReadonlySet<string>; rows: readonly StoredScore[]; events: readonly ProjectFacts["events"][number][] },
): UnitInput[] {
  const units: readonly RosterEntry[] = only ? [...only.units].map((id) => facts.roster.get(id)).filter((u): u is RosterView => !!u && COMPETING.includes(u.kind)) : context.units;
  const byUnit = new Map<string, UnitInput>();
  for (const u of units) byUnit.set(u.id, { unitId: u.id, group: u.kind, inputs: {}, adjustments: {} });
  const indicators = context.indicators;
  for (const s of only ? only.rows : facts.scoresByPeriod.get(period.id) ?? []) {
    const u = byUnit.get(s.unitId);
    if (!u) continue;
    const indicator = indicators.get(s.indicatorKey);
    if (!indicator) continue;
    if (indicator.method === "rubric" && s.value !== null) {
      const input = (u.inputs[indicator.key] ??= { method: "rubric", memberScores: [] });
      if (input.method === "rubric") input.memberScores.push(s.value);
    } else if (indicator.method === "quantity" && s.plan !== null && s.actual !== null && s.plan > 0) {
      u.inputs[indicator.key] = { method: "quantity", plan: s.plan, actual: s.actual };
    }
  }
  const span = { from: period.fromDate, to: period.toDate };
  // a unit without an accident has every day of the period safe: one shared input (it is only read)
  const allSafe = { method: "safe-days", safeDays: safeDaysInPeriod(span, []) } as const;
  for (const i of set.indicators) {
    if (i.method !== "safe-days") continue;
    for (const u of byUnit.values()) {
      const dates = context.accidentDates.get(u.unitId);
      u.inputs[i.key] = dates ? { method: "safe-days", safeDays: safeDaysInPeriod(span, dates) } : allSafe;
    }
  }
  // rule L-7: a deduction about a recorded accident counts only through that accident's single, most severe consequence
  // with `only`, the units' own events (in the order of facts.events, so the sums are added in the same order)
  for (const e of only ? only.events : facts.events) {
    if (e.date < period.fromDate || e.date > period.toDate || neutralised.has(e.id)) continue;
    if (e.accidentId && e.points < 0 && context.accidentIds.has(e.accidentId)) continue;
    const u = byUnit.get(e.unitId);
    if (!u) continue;
    let key = context.eventIndicator.get(e.typeKey);
    if (key === undefined) context.eventIndicator.set(e.typeKey, (key = indicatorForRole(set, eventType(context.eventTable, e.typeKey).role)?.key ?? null));
    if (key) u.adjustments![key] = (u.adjustments![key] ?? 0) + e.points;
  }
  return [...byUnit.values()];
}

export type PeriodBoard = {
  periodId: string;
  ranked: RankedUnit[];
  missing: ReturnType<typeof missingScores>;
  signatures: number;
};

/** Every period's board of the project, computed from the stored facts (full recompute). */
export function computeBoards(facts: ProjectFacts): PeriodBoard[] {
  return computePeriodBoards(facts, facts.periods);
}

/** The boards of the given periods of the project (one period's board reads only that period's scores). */
export function computePeriodBoards(facts: ProjectFacts, periods: readonly ProjectFacts["periods"][number][]): PeriodBoard[] {
  const set = setOf(facts.project);
  const settings = settingsOf(facts.project);
  const outcomes = accidentOutcomes(facts, set, settings);
  const neutralised = new Set(outcomes.flatMap((o) => o.neutralisedEventIds));
  const affected = (unitId: string) => upToSection(facts.roster, unitId);
  const context = periodContext(facts, set, settings);
  return periods.map((p) => {
    const inputs = periodInputs(facts, set, context, p, neutralised);
    const vetoes = vetoesForPeriod(outcomes.filter((o) => o.date.slice(0, 4) === p.fromDate.slice(0, 4)), { from: p.fromDate, to: p.toDate }, affected);
    const scores = scorePeriod(set, inputs, daysIn({ from: p.fromDate, to: p.toDate }), vetoes);
    return {
      periodId: p.id,
      ranked: rankByGroup(scores, settings.tieBreaks),
      missing: missingScores(set, inputs.filter((i) => i.group !== "team"), settings.minSigners),
      signatures: facts.signatures.filter((s) => s.periodId === p.id).length,
    };
  });
}

/**
 * The incremental update after new scores (issue 14 bench: one score → the board in ≤ 10 ms): in a
 * cached entry whose board of the period is computed, re-scores only the units whose scores
 * changed and ranks only their groups again (periods.rerankChanged); the missing-score list
 * changes for those units only. Without a computed board nothing is done (it is computed when
 * first read).
 */
export function rescoreCachedUnits(entry: CacheEntry, periodId: string, unitIds: readonly string[]) {
  const board = entry.boards.get(periodId);
  const period = entry.facts.periods.find((p) => p.id === periodId);
  if (!board || !period) return void entry.boards.delete(periodId);
  const facts = entry.facts;
  const { set, settings, outcomes, neutralised, context, eventsByUnit } = (entry.rescore ??= rescoreBasis(facts));
  const only = new Set(unitIds);
  const byUnit = unitRowsOf(entry, periodId);
  const inputs = periodInputs(facts, set, context, period, neutralised, {
    units: only, rows: [...only].flatMap((id) => byUnit.get(id) ?? []), events: [...only].flatMap((id) => eventsByUnit.get(id) ?? []),
  });
  const vetoes = vetoesForPeriod(outcomes.filter((o) => o.date.slice(0, 4) === period.fromDate.slice(0, 4)), { from: period.fromDate, to: period.toDate }, (unitId) => upToSection(facts.roster, unitId));
  const scores = scorePeriod(set, inputs, daysIn({ from: period.fromDate, to: period.toDate }), vetoes);
  entry.boards.set(periodId, {
    periodId,
    ranked: rerankChanged(board.ranked, scores, settings.tieBreaks),
    missing: [...board.missing.filter((m) => !only.has(m.unitId)), ...missingScores(set, inputs.filter((i) => i.group !== "team"), settings.minSigners)],
    signatures: board.signatures,
  });
}

/**
 * What re-scoring a unit needs besides its scores (indicator set, settings, accident outcomes, the
 * period context, each unit's events), kept on the cache entry (CacheEntry.rescore): a new score
 * changes only score rows, and any other write drops the entry (touchProject), so none of this
 * changes while the entry lives. Built on the first new score, not per score.
 */
export type RescoreBasis = {
  set: IndicatorSet;
  settings: LabourSettings;
  outcomes: AccidentOutcome[];
  neutralised: Set<string>;
  context: PeriodContext;
  /** each unit's events, in the order of facts.events */
  eventsByUnit: Map<string, ProjectFacts["events"][number][]>;
};

function rescoreBasis(facts: ProjectFacts): RescoreBasis {
  const set = setOf(facts.project);
  const settings = settingsOf(facts.project);
  const outcomes = accidentOutcomes(facts, set, settings);
  const eventsByUnit = new Map<string, ProjectFacts["events"][number][]>();
  for (const e of facts.events) {
    const own = eventsByUnit.get(e.unitId);
    if (own) own.push(e);
    else eventsByUnit.set(e.unitId, [e]);
  }
  return { set, settings, outcomes, neutralised: new Set(outcomes.flatMap((o) => o.neutralisedEventIds)), context: periodContext(facts, set, settings), eventsByUnit };
}

// ------------------------------------------------------------------ reading a project

export async function getProject(user: SessionUser, projectId: string) {
  const { org } = await requireProject(user, projectId);
  const facts = await loadProjectFacts(projectId);
  const set = setOf(facts.project);
  const settings = settingsOf(facts.project);
  const status = await statusOf(facts.project);
  const boards = computeBoards(facts);
  const ledger = await db.labourLedgerLine.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });
  const name = (id: string) => facts.roster.get(id)?.name ?? id;
  const bannersWon = new Map<string, number>();
  for (const b of facts.banners) bannersWon.set(b.unitId, (bannersWon.get(b.unitId) ?? 0) + 1);
  return {
    project: {
      id: facts.project.id, name: facts.project.name, owner: facts.project.owner, kind: facts.project.kind, startDate: facts.project.startDate, endDate: facts.project.endDate,
      frequency: facts.project.frequency, budget: facts.project.budget, org, status, statusLabel: PROJECT_STATUS_LABELS[status], submissionId: facts.project.submissionId,
    },
    set,
    settings,
    roster: [...facts.roster.values()].map((r) => ({ ...r, parentName: r.parentId ? name(r.parentId) : null, banners: bannersWon.get(r.id) ?? 0 })),
    periods: facts.periods.map((p, i) => ({
      id: p.id, seq: p.seq, label: p.label, from: p.fromDate, to: p.toDate, status: p.status,
      signatures: boards[i].signatures, missing: boards[i].missing.length,
      banners: facts.banners.filter((b) => b.periodId === p.id).map((b) => ({ unitId: b.unitId, name: name(b.unitId), group: b.grp })),
    })),
    /** a unit's total per period, for the line chart */
    series: competingUnits(facts.roster).filter((u) => u.kind !== "team").map((u) => ({
      unitId: u.id, name: u.name, kind: u.kind,
      totals: boards.map((b) => b.ranked.find((r) => r.unitId === u.id)?.total ?? null),
    })),
    ledger: ledger.map((l) => ({ id: l.id, unitId: l.unitId, name: name(l.unitId), periodId: l.periodId, kind: l.kind, amount: l.amount, note: l.note, at: l.createdAt.toISOString() })),
    accidents: facts.accidents.map((a) => ({ ...a, unitName: name(a.unitId) })),
    events: facts.events.map((e) => ({ id: e.id, unitId: e.unitId, name: name(e.unitId), date: e.date, typeKey: e.typeKey, label: settings.eventTable.find((t) => t.key === e.typeKey)?.label ?? e.typeKey, points: e.points, amount: e.amount, note: e.note, accidentId: e.accidentId })),
    canManage: hasPermission(user, "labour:manage", org.path),
    canScore: hasPermission(user, "labour:score", org.path),
  };
}

export async function getPeriod(user: SessionUser, projectId: string, periodId: string) {
  const { org } = await requireProject(user, projectId);
  const facts = await loadProjectFacts(projectId);
  const index = facts.periods.findIndex((p) => p.id === periodId);
  if (index < 0) throw notFound(LABOUR_MESSAGES.periodNotFound);
  const period = facts.periods[index];
  const [board] = computePeriodBoards(facts, [period]);
  const set = setOf(facts.project);
  const settings = settingsOf(facts.project);
  const name = (id: string) => facts.roster.get(id)?.name ?? id;
  const periodScores = facts.scoresByPeriod.get(periodId) ?? [];
  const mine = periodScores.filter((s) => s.byId === user.id);
  const quantities = periodScores.filter((s) => s.plan !== null);
  return {
    project: { id: facts.project.id, name: facts.project.name, kind: facts.project.kind, org },
    period: { id: period.id, seq: period.seq, label: period.label, from: period.fromDate, to: period.toDate, status: period.status },
    set,
    settings,
    units: competingUnits(facts.roster).map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentName: u.parentId ? name(u.parentId) : null })),
    board: board.ranked.map((r) => ({ ...r, name: name(r.unitId) })).sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : (a.rank ?? 1e9) - (b.rank ?? 1e9))),
    missing: board.missing.map((m) => ({ ...m, name: name(m.unitId) })),
    signatures: facts.signatures.filter((s) => s.periodId === periodId).map((s) => ({ name: s.name, at: s.signedAt.toISOString(), userId: s.userId })),
    banners: facts.banners.filter((b) => b.periodId === periodId).map((b) => ({ unitId: b.unitId, name: name(b.unitId), group: b.grp, rank: b.rank, total: b.total })),
    myScores: mine.map((s) => ({ unitId: s.unitId, indicatorKey: s.indicatorKey, value: s.value })),
    quantities: quantities.map((s) => ({ unitId: s.unitId, indicatorKey: s.indicatorKey, plan: s.plan, actual: s.actual })),
    events: facts.events.filter((e) => e.date >= period.fromDate && e.date <= period.toDate).map((e) => ({ id: e.id, name: name(e.unitId), date: e.date, typeKey: e.typeKey, label: settings.eventTable.find((t) => t.key === e.typeKey)?.label ?? e.typeKey, points: e.points, note: e.note })),
    accidents: facts.accidents.map((a) => ({ ...a, unitName: name(a.unitId) })),
    teamAward: (await periodTeamAward(facts, period, board.ranked)).rows.map((r) => ({ ...r, name: name(r.unitId), won: facts.banners.some((b) => b.periodId === periodId && b.unitId === r.unitId) })),
    canManage: hasPermission(user, "labour:manage", org.path),
    canScore: hasPermission(user, "labour:score", org.path),
    signedByMe: facts.signatures.some((s) => s.periodId === periodId && s.userId === user.id),
  };
}

/** rule L-7: the month's best-team award of a period, from its board and the teams' recorded attendance. */
async function periodTeamAward(facts: ProjectFacts, period: ProjectFacts["periods"][number], ranked: readonly RankedUnit[], tx: Client = db) {
  const settings = settingsOf(facts.project);
  const records = ranked.some((r) => r.group === "team") ? await tx.labourTeamMonth.findMany({ where: { periodId: period.id } }) : [];
  const span = { from: period.fromDate, to: period.toDate };
  const { accidents, criticisms } = teamVetoFacts(facts.roster, facts.accidents, facts.events, span);
  return teamAwards(ranked, records, accidents, criticisms, span, settings.teamVetoes, settings.teamAward, settings.tieBreaks);
}

// ------------------------------------------------------------------ scoring a period (rules L-3, L-11)

async function loadPeriodFor(user: SessionUser, projectId: string, periodId: string, permission: Perm, tx: Client = db) {
  const loaded = await requireProject(user, projectId, permission, tx);
  const period = await tx.labourPeriod.findUnique({ where: { id: periodId } });
  if (!period || period.projectId !== projectId) throw notFound(LABOUR_MESSAGES.periodNotFound);
  return { ...loaded, period };
}

export async function requireAccepted(project: { submissionId: string | null }) {
  if ((await statusOf(project)) !== "accepted") throw conflict(LABOUR_MESSAGES.notAccepted, "not_accepted");
}

/**
 * A committee member enters their scores for rubric items (rule L-11), or the quantities of a
 * quantity item. A score above the item's maximum refuses the whole entry; a signed period
 * changes only with a correction reason, recorded in the event.
 */
export async function recordScores(user: SessionUser, projectId: string, periodId: string, input: ScoresInput, actor: Actor) {
  // on SQLite: one transaction on the labour writer's own connection, statements prepared once (score-writer.server.ts)
  const direct = scoreWriter();
  const result = direct
    ? await writeScoresDirect(direct, user, projectId, periodId, input, actor)
    : await writeScoresPrisma(user, projectId, periodId, input, actor);
  // the cached board of this period is brought up to date from the saved rows (board-cache.server.ts)
  const entry = scoresSaved(projectId, result.stamps.before, result.stamps.after, periodId, result.saved);
  if (entry) rescoreCachedUnits(entry, periodId, [...new Set(result.saved.map((r) => r.unitId))]);
  publishLabourChange(projectId, "mark");
  return result.result;
}

/**
 * The checks of recordScores once the project, period and roster units are read, in their order:
 * awarded period, correction reason, then each entry (roster, competing unit, indicator, value).
 * Both write paths (Prisma, and the direct SQLite one) run exactly these.
 */
export function checkScoreEntries(set: IndicatorSet, period: { status: string }, roster: readonly { id: string; kind: string }[], input: ScoresInput) {
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
  const correcting = period.status === "signed";
  if (correcting && !input.correctionReason) throw new AppError(409, "correction_reason_required", LABOUR_MESSAGES.signedNeedsReason, [{ path: "correctionReason", message: LABOUR_MESSAGES.signedNeedsReason }]);
  input.entries.forEach((e, n) => {
    const unit = roster.find((r) => r.id === e.unitId);
    const at = (field: string, message: string) => badRequest(message, [{ path: `entries.${n}.${field}`, message }]);
    if (!unit) throw at("unitId", LABOUR_MESSAGES.notOnRoster);
    if (!COMPETING.includes(unit.kind as RosterKind)) throw at("unitId", LABOUR_MESSAGES.notCompeting);
    const indicator = set.indicators.find((i) => i.key === e.indicatorKey);
    if (!indicator) throw at("indicatorKey", LABOUR_MESSAGES.unknownIndicator(e.indicatorKey));
    if (indicator.method === "rubric") {
      if (e.value === undefined) throw at("value", LABOUR_MESSAGES.notRubric(indicator.name));
      try {
        checkScore(indicator, e.value);
      } catch (error) {
        throw at("value", (error as Error).message);
      }
    } else if (indicator.method === "quantity") {
      if (e.plan === undefined || e.actual === undefined) throw at("plan", LABOUR_MESSAGES.quantityMissing(indicator.name));
      if (e.plan <= 0) throw at("plan", "计划量须大于 0 / the planned quantity must be above 0");
    } else throw at("indicatorKey", LABOUR_MESSAGES.notRubric(indicator.name));
  });
  return { correcting };
}

/** What a score write hands back: the answer, the project's stamps around the write, the saved rows. */
export type ScoresWritten = { result: { saved: number; corrected: boolean }; stamps: { before: number; after: number }; saved: StoredScore[] };

async function writeScoresPrisma(user: SessionUser, projectId: string, periodId: string, input: ScoresInput, actor: Actor): Promise<ScoresWritten> {
  const { project, org, period } = await loadPeriodFor(user, projectId, periodId, "labour:score");
  await requireAccepted(project);
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
  const set = setOf(project);
  const roster = await db.labourRosterEntry.findMany({ where: { projectId, id: { in: [...new Set(input.entries.map((e) => e.unitId))] } }, select: { id: true, kind: true } });
  const { correcting } = checkScoreEntries(set, period, roster, input);
  return db.$transaction(async (tx) => {
    const stamps = await touchProject(tx, projectId, true);
    const saved: StoredScore[] = [];
    const before: unknown[] = [];
    for (const e of input.entries) {
      const indicator = set.indicators.find((i) => i.key === e.indicatorKey)!;
      const byId = indicator.method === "quantity" ? "quantity" : user.id;
      const key = { periodId_unitId_indicatorKey_byId: { periodId, unitId: e.unitId, indicatorKey: e.indicatorKey, byId } };
      const old = await tx.labourScore.findUnique({ where: key });
      if (old) before.push({ unitId: e.unitId, indicatorKey: e.indicatorKey, value: old.value, plan: old.plan, actual: old.actual });
      const data = indicator.method === "quantity" ? { plan: e.plan!, actual: e.actual! } : { value: e.value! };
      saved.push(await tx.labourScore.upsert({ where: key, create: { periodId, unitId: e.unitId, indicatorKey: e.indicatorKey, byId, ...data }, update: data }));
    }
    await recordEvent(tx, actor, scoresEvent(org.id, periodId, input, correcting, before));
    return { result: { saved: input.entries.length, corrected: correcting }, stamps, saved };
  });
}

/**
 * recordScores on SQLite: the same reads, checks (in the same order) and writes as the Prisma
 * path, as prepared statements in one IMMEDIATE transaction (score-writer.server.ts). A refused
 * entry throws inside the transaction, which then writes nothing.
 */
async function writeScoresDirect(direct: DirectConnection<ScoreStatements>, user: SessionUser, projectId: string, periodId: string, input: ScoresInput, actor: Actor): Promise<ScoresWritten> {
  return retryWhileBusy(() =>
    direct.transaction((q) => {
      const project = q.project.get(projectId) as { id: string; orgId: string; kind: string; indicatorSet: string; settings: string; submissionId: string | null; updatedAt: unknown; orgPath: string | null } | undefined;
      if (!project) throw notFound(LABOUR_MESSAGES.projectNotFound);
      if (project.orgPath === null) throw notFound(LABOUR_MESSAGES.orgNotFound);
      if (!hasPermission(user, "labour:score", project.orgPath)) throw forbidden();
      const period = q.period.get(periodId) as { id: string; projectId: string; status: string } | undefined;
      if (!period || period.projectId !== projectId) throw notFound(LABOUR_MESSAGES.periodNotFound);
      const submission = project.submissionId ? (q.submission.get(project.submissionId) as { status: string } | undefined) : undefined;
      if (submission?.status !== "approved") throw conflict(LABOUR_MESSAGES.notAccepted, "not_accepted");
      const set = setOf(project);
      const roster = [...new Set(input.entries.map((e) => e.unitId))].map((id) => q.rosterUnit.get(id, projectId) as { id: string; kind: string } | undefined).filter((r) => !!r);
      const { correcting } = checkScoreEntries(set, period, roster, input);
      // touchProject's stamp: strictly later than the one before, even within the same millisecond
      const prior = timeOf(project.updatedAt).getTime();
      const after = Math.max(Date.now(), prior + 1);
      q.touch.run(sqliteTime(after), projectId);
      const now = sqliteTime(Date.now());
      const saved: StoredScore[] = [];
      const before: unknown[] = [];
      for (const e of input.entries) {
        const indicator = set.indicators.find((i) => i.key === e.indicatorKey)!;
        const byId = indicator.method === "quantity" ? "quantity" : user.id;
        const old = q.score.get(periodId, e.unitId, e.indicatorKey, byId) as RawScore | undefined;
        if (old) before.push({ unitId: e.unitId, indicatorKey: e.indicatorKey, value: old.value, plan: old.plan, actual: old.actual });
        if (indicator.method === "quantity") q.upsertQuantity.run(newId(), periodId, e.unitId, e.indicatorKey, byId, e.plan!, e.actual!, now);
        else q.upsertValue.run(newId(), periodId, e.unitId, e.indicatorKey, byId, e.value!, now);
        saved.push(scoreRow(q.score.get(periodId, e.unitId, e.indicatorKey, byId) as RawScore));
      }
      const event = eventData(actor, scoresEvent(project.orgId, periodId, input, correcting, before));
      q.event.run(now, event.actorId, event.requestId, event.action, event.entityType, event.entityId, event.orgId, event.before, event.after);
      return { result: { saved: input.entries.length, corrected: correcting }, stamps: { before: prior, after }, saved };
    }),
  );
}

/** The event of a score write (both paths). */
export function scoresEvent(orgId: string, periodId: string, input: ScoresInput, correcting: boolean, before: unknown[]) {
  return {
    action: correcting ? "labour.score.corrected" : "labour.score.entered", entityType: "LabourPeriod", entityId: periodId, orgId,
    before: before.length ? before : undefined, after: { entries: input.entries, correctionReason: input.correctionReason ?? null },
  };
}

/** rule L-11: a committee member signs the period's sheet with their own PIN (or password), once their sheet is complete. */
export async function signPeriod(user: SessionUser, projectId: string, periodId: string, credential: { pin?: string; password?: string }, actor: Actor) {
  const { project, org, period } = await loadPeriodFor(user, projectId, periodId, "labour:score");
  await requireAccepted(project);
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
  const set = setOf(project);
  const roster = await db.labourRosterEntry.findMany({ where: { projectId, kind: { in: ["section", "area"] } }, select: { id: true } });
  const rubric = set.indicators.filter((i) => i.method === "rubric");
  const mine = await db.labourScore.count({ where: { periodId, byId: user.id, indicatorKey: { in: rubric.map((i) => i.key) }, unitId: { in: roster.map((r) => r.id) }, value: { not: null } } });
  const need = rubric.length * roster.length;
  if (mine < need) throw badRequest(LABOUR_MESSAGES.sheetIncomplete(need - mine), [], "sheet_incomplete");
  if (await db.labourSignature.findUnique({ where: { periodId_userId: { periodId, userId: user.id } } })) throw conflict(LABOUR_MESSAGES.alreadySigned, "already_signed");
  const signer = await verifySigner(user.id, credential, actor, { orgId: org.id, what: "LabourPeriod", eventId: periodId });
  const settings = settingsOf(project);
  const signed = await db.$transaction(async (tx) => {
    await tx.labourSignature.create({ data: { periodId, userId: signer.id, name: signer.displayName } });
    await touchProject(tx, project.id);
    const count = await tx.labourSignature.count({ where: { periodId } });
    const signed = count >= settings.minSigners;
    if (signed && period.status === "open") await tx.labourPeriod.update({ where: { id: periodId }, data: { status: "signed", signedAt: new Date() } });
    await recordEvent(tx, actor, { action: "labour.period.signed", entityType: "LabourPeriod", entityId: periodId, orgId: org.id, after: { signer: signer.displayName, signatures: count, periodSigned: signed } });
    return { signatures: count, status: signed ? "signed" : period.status };
  });
  publishLabourChange(projectId, "signoff");
  return signed;
}

/**
 * 流动红旗 and rewards by place for a period (rules L-3, L-5): only once at least `minSigners`
 * members signed (rule L-11) and every score is complete; writes the banners and the ledger.
 */
export async function awardPeriod(user: SessionUser, projectId: string, periodId: string, actor: Actor) {
  const { project, org, period } = await loadPeriodFor(user, projectId, periodId, "labour:manage");
  await requireAccepted(project);
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.alreadyAwarded, "already_awarded");
  const settings = settingsOf(project);
  const facts = await loadProjectFacts(projectId);
  const index = facts.periods.findIndex((p) => p.id === periodId);
  const board = computeBoards(facts)[index];
  if (board.signatures < settings.minSigners) throw conflict(LABOUR_MESSAGES.notEnoughSigners(board.signatures, settings.minSigners), "not_enough_signatures");
  if (board.missing.length) throw conflict(LABOUR_MESSAGES.scoresIncomplete(board.missing.length), "scores_incomplete");
  const banners = settings.banners.flatMap((rule) => pickBanners(board.ranked, rule).map((unitId) => ({ unitId, rule })));
  const places = settings.placeRewards.flatMap((t) => rewardsByPlace(board.ranked, t));
  const teams = (await periodTeamAward(facts, facts.periods[index], board.ranked)).winners;
  const awarded = await db.$transaction(async (tx) => {
    const moved = await tx.labourPeriod.updateMany({ where: { id: periodId, status: { not: "awarded" } }, data: { status: "awarded", awardedAt: new Date() } });
    if (moved.count !== 1) throw conflict(LABOUR_MESSAGES.alreadyAwarded, "already_awarded");
    await touchProject(tx, projectId);
    for (const b of banners) {
      const r = board.ranked.find((x) => x.unitId === b.unitId)!;
      await tx.labourBanner.create({ data: { periodId, unitId: b.unitId, grp: b.rule.group, rank: r.rank!, total: r.total } });
      if (b.rule.amount) await tx.labourLedgerLine.create({ data: { projectId, periodId, unitId: b.unitId, kind: "banner", amount: b.rule.amount, note: `${period.label} 流动红旗` } });
    }
    for (const p of places) await tx.labourLedgerLine.create({ data: { projectId, periodId, unitId: p.unitId, kind: "place", amount: p.amount, note: `${period.label} ${p.note}` } });
    // rule L-7: the month's best team, among the teams no veto excludes
    for (const unitId of teams) {
      const r = board.ranked.find((x) => x.unitId === unitId)!;
      await tx.labourBanner.create({ data: { periodId, unitId, grp: "team", rank: r.rank!, total: r.total } });
      if (settings.teamAward.amount) await tx.labourLedgerLine.create({ data: { projectId, periodId, unitId, kind: "banner", amount: settings.teamAward.amount, note: `${period.label} 月度优秀班组` } });
    }
    await recordEvent(tx, actor, { action: "labour.period.awarded", entityType: "LabourPeriod", entityId: periodId, orgId: org.id, after: { banners: banners.map((b) => b.unitId), teams, places } });
    return { banners: [...banners.map((b) => ({ unitId: b.unitId, group: b.rule.group })), ...teams.map((unitId) => ({ unitId, group: "team" }))], places };
  });
  publishLabourChange(projectId);
  return awarded;
}

// ------------------------------------------------------------------ the monthly best-team award (rule L-7)

/**
 * The committee records a 班组's attendance for the period (and whether it had fighting or
 * theft): attendance under the setting (95 % by default) vetoes the month's best-team award.
 * A signed period changes only with a correction reason, kept in the event.
 */
export async function recordTeamMonth(user: SessionUser, projectId: string, periodId: string, input: TeamMonthInput, actor: Actor) {
  const { project, org, period } = await loadPeriodFor(user, projectId, periodId, "labour:score");
  await requireAccepted(project);
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
  if (period.status === "signed" && !input.correctionReason) throw new AppError(409, "correction_reason_required", LABOUR_MESSAGES.signedNeedsReason, [{ path: "correctionReason", message: LABOUR_MESSAGES.signedNeedsReason }]);
  const unit = await db.labourRosterEntry.findUnique({ where: { id: input.unitId } });
  if (!unit || unit.projectId !== projectId || unit.kind !== "team") throw badRequest(LABOUR_MESSAGES.notTeam, [{ path: "unitId", message: LABOUR_MESSAGES.notTeam }]);
  const saved = await db.$transaction(async (tx) => {
    const before = await tx.labourTeamMonth.findUnique({ where: { periodId_unitId: { periodId, unitId: unit.id } } });
    const row = await tx.labourTeamMonth.upsert({
      where: { periodId_unitId: { periodId, unitId: unit.id } },
      create: { periodId, unitId: unit.id, attendance: input.attendance, fightingOrTheft: input.fightingOrTheft, byId: user.id },
      update: { attendance: input.attendance, fightingOrTheft: input.fightingOrTheft, byId: user.id },
    });
    await touchProject(tx, projectId);
    await recordEvent(tx, actor, {
      action: "labour.team-month.recorded", entityType: "LabourTeamMonth", entityId: row.id, orgId: org.id,
      before: before ? { attendance: before.attendance, fightingOrTheft: before.fightingOrTheft } : undefined,
      after: { team: unit.name, period: period.label, attendance: input.attendance, fightingOrTheft: input.fightingOrTheft, correctionReason: input.correctionReason ?? null },
    });
    return { id: row.id, unitId: unit.id, attendance: row.attendance, fightingOrTheft: row.fightingOrTheft };
  });
  publishLabourChange(projectId);
  return saved;
}

// ------------------------------------------------------------------ bonus/deduction events (rule L-4)

export async function recordLabourEvent(user: SessionUser, projectId: string, input: LabourEventInput, actor: Actor) {
  const { project, org } = await requireProject(user, projectId, "labour:score");
  await requireAccepted(project);
  const settings = settingsOf(project);
  const set = setOf(project);
  const unit = await db.labourRosterEntry.findUnique({ where: { id: input.unitId } });
  if (!unit || unit.projectId !== projectId) throw badRequest(LABOUR_MESSAGES.notOnRoster, [{ path: "unitId", message: LABOUR_MESSAGES.notOnRoster }]);
  const row = settings.eventTable.find((t) => t.key === input.typeKey);
  if (!row) throw badRequest(EVENT_TABLE_MESSAGES.unknownType(input.typeKey), [{ path: "typeKey", message: EVENT_TABLE_MESSAGES.unknownType(input.typeKey) }]);
  if (!indicatorForRole(set, row.role)) throw badRequest(EVENT_TABLE_MESSAGES.noIndicator(row.role), [{ path: "typeKey", message: EVENT_TABLE_MESSAGES.noIndicator(row.role) }]);
  if (input.date < project.startDate || input.date > project.endDate) {
    const m = LABOUR_MESSAGES.dateOutside(project.startDate, project.endDate);
    throw badRequest(m, [{ path: "date", message: m }]);
  }
  const recorded = await db.$transaction(async (tx) => {
    const period = await tx.labourPeriod.findFirst({ where: { projectId, fromDate: { lte: input.date }, toDate: { gte: input.date } } });
    if (period?.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
    const event = await tx.labourEvent.create({ data: { projectId, unitId: unit.id, date: input.date, typeKey: row.key, points: row.points, amount: row.amount ?? 0, note: input.note, accidentId: input.accidentId || null, byId: user.id } });
    await touchProject(tx, projectId);
    if (row.amount) await tx.labourLedgerLine.create({ data: { projectId, periodId: period?.id ?? null, unitId: unit.id, kind: "event", amount: row.amount, note: `${input.date} ${row.label}` } });
    await recordEvent(tx, actor, { action: "labour.event.recorded", entityType: "LabourEvent", entityId: event.id, orgId: org.id, after: { unit: unit.name, type: row.label, points: row.points, amount: row.amount ?? 0, date: input.date, accidentId: input.accidentId ?? null } });
    return event;
  });
  publishLabourChange(projectId);
  return recorded;
}

// ------------------------------------------------------------------ year-end (rules L-6, L-8, L-9)

export async function getYearEnd(user: SessionUser, projectId: string) {
  await requireProject(user, projectId);
  const facts = await loadProjectFacts(projectId);
  return computeYearEnd(facts, computeBoards(facts));
}

/** The year-end roll-up from the project's facts and every period's board (rules L-6, L-8, L-9). */
export function computeYearEnd(facts: ProjectFacts, boards: readonly PeriodBoard[]) {
  const set = setOf(facts.project);
  const settings = settingsOf(facts.project);
  const outcomes = accidentOutcomes(facts, set, settings);
  const disqualifiedForYear = new Set<string>();
  for (const o of outcomes) if (o.consequence.disqualify === "year") for (const id of upToSection(facts.roster, o.unitId)) disqualifiedForYear.add(id);
  const hadAccident = new Set<string>();
  for (const a of facts.accidents) for (const id of upToSection(facts.roster, a.unitId)) hadAccident.add(id);
  const banners = new Map<string, number>();
  for (const b of facts.banners) banners.set(b.unitId, (banners.get(b.unitId) ?? 0) + 1);
  const scoredTeams = new Set<string>();
  const teams = new Set([...facts.roster.values()].filter((r) => r.kind === "team").map((r) => r.id));
  if (teams.size) for (const list of facts.scoresByPeriod.values()) for (const s of list) if (teams.has(s.unitId)) scoredTeams.add(s.unitId);
  const yearFacts: YearFacts = {
    roster: facts.roster, periodScores: boards.map((b) => b.ranked.filter((r) => r.rank !== null)), banners, disqualifiedForYear, hadAccident, scoredTeams, yearEnd: facts.project.endDate,
  };
  // rule L-8 进度奖: the year's cumulative actual ÷ cumulative plan
  const progressKey = set.indicators.find((i) => i.role === "progress" && i.method === "quantity")?.key;
  const sums = new Map<string, { plan: number; actual: number }>();
  for (const list of facts.scoresByPeriod.values()) {
    for (const s of list) {
      if (s.indicatorKey !== progressKey || s.plan === null || s.actual === null) continue;
      const acc = sums.get(s.unitId);
      if (acc) {
        acc.plan += s.plan;
        acc.actual += s.actual;
      } else sums.set(s.unitId, { plan: s.plan, actual: s.actual });
    }
  }
  const ratios = new Map([...sums].filter(([, v]) => v.plan > 0).map(([k, v]) => [k, Math.round((v.actual * 10_000) / v.plan)]));
  const keyOf = (role: string) => set.indicators.find((i) => i.role === role)?.key;
  const { awards, refused } = yearEndAwards(yearFacts, ratios, { progress: progressKey, quality: keyOf("quality"), safety: keyOf("safety"), civic: keyOf("civic") }, settings.yearEnd);
  const name = (id: string) => facts.roster.get(id)?.name ?? id;
  return {
    project: { id: facts.project.id, name: facts.project.name, endDate: facts.project.endDate },
    awards: awards.map((a) => ({ ...a, name: name(a.unitId) })),
    refused: refused.map((r) => ({ ...r, name: name(r.unitId) })),
    builders: eligibleBuilders(yearFacts, settings.yearEnd).map((b) => ({ id: b.builder.id, name: b.builder.name, startOnSite: b.builder.startOnSite, reasons: b.reasons })),
    banners: [...banners].map(([unitId, n]) => ({ unitId, name: name(unitId), banners: n })).sort((a, b) => b.banners - a.banners),
  };
}

// ------------------------------------------------------------------ 百日 campaign

export async function getSafeDays(user: SessionUser, projectId: string, today = new Date().toISOString().slice(0, 10)) {
  const { project, org } = await requireProject(user, projectId);
  const settings = settingsOf(project);
  if (project.kind !== "campaign" || !settings.campaign) throw badRequest(LABOUR_MESSAGES.notCampaign);
  const facts = await loadProjectFacts(projectId);
  const units = [...facts.roster.values()].filter((r) => r.kind !== "builder" && r.kind !== "unit");
  const campaign = { start: project.startDate, ...settings.campaign };
  const spread = facts.accidents.flatMap((a) => upToSection(facts.roster, a.unitId).map((id) => ({ ...a, unitId: id })));
  const board = safeDayBoard(campaign, units.map((u) => u.id), spread, today);
  const reports = await db.labourSafetyReport.findMany({ where: { projectId, date: today } });
  return {
    project: { id: project.id, name: project.name, startDate: project.startDate, endDate: project.endDate, org },
    campaign, today, countdown: countdown(campaign, today), periodId: facts.periods[0]?.id ?? null,
    board: board.map((b) => ({ ...b, name: facts.roster.get(b.unitId)?.name ?? b.unitId, kind: facts.roster.get(b.unitId)?.kind ?? "", report: reports.find((r) => r.unitId === b.unitId)?.status ?? null })),
    units: units.map((u) => ({ id: u.id, name: u.name })),
    canReport: hasPermission(user, "labour:score", org.path) || hasPermission(user, "labour:apply", org.path),
    canManage: hasPermission(user, "labour:manage", org.path),
  };
}

export async function recordSafetyReport(user: SessionUser, projectId: string, input: SafetyReportInput, actor: Actor) {
  const { project, org } = await requireProject(user, projectId, "labour:read");
  if (!hasPermission(user, "labour:score", org.path) && !hasPermission(user, "labour:apply", org.path)) throw forbidden();
  const unit = await db.labourRosterEntry.findUnique({ where: { id: input.unitId } });
  if (!unit || unit.projectId !== projectId) throw badRequest(LABOUR_MESSAGES.notOnRoster, [{ path: "unitId", message: LABOUR_MESSAGES.notOnRoster }]);
  if (input.date < project.startDate || input.date > project.endDate) {
    const m = LABOUR_MESSAGES.dateOutside(project.startDate, project.endDate);
    throw badRequest(m, [{ path: "date", message: m }]);
  }
  const report = await db.$transaction(async (tx) => {
    const key = { projectId_unitId_date: { projectId, unitId: unit.id, date: input.date } };
    const row = await tx.labourSafetyReport.upsert({ where: key, create: { projectId, unitId: unit.id, date: input.date, status: input.status, note: input.note, byId: user.id }, update: { status: input.status, note: input.note, byId: user.id } });
    await recordEvent(tx, actor, { action: "labour.safety-report", entityType: "LabourSafetyReport", entityId: row.id, orgId: org.id, after: { unit: unit.name, ...input } });
    return row;
  });
  publishLabourChange(projectId);
  return report;
}

export type { Accident };

// ------------------------------------------------------------------ accidents of roster units (rules L-7, A-12)

/**
 * Records an accident of a roster unit in the shared accident register (no table of our own):
 * the date must fall within the project, and the unit must be linked to its organisation.
 */
export async function recordProjectAccident(user: SessionUser, projectId: string, input: AccidentInput, actor: Actor) {
  const { project } = await requireProject(user, projectId, "labour:manage");
  const unit = await db.labourRosterEntry.findUnique({ where: { id: input.unitId } });
  if (!unit || unit.projectId !== projectId) throw badRequest(LABOUR_MESSAGES.notOnRoster, [{ path: "unitId", message: LABOUR_MESSAGES.notOnRoster }]);
  if (!unit.orgId) throw badRequest(LABOUR_MESSAGES.unitWithoutOrg, [{ path: "unitId", message: LABOUR_MESSAGES.unitWithoutOrg }]);
  if (input.occurredOn < project.startDate || input.occurredOn > project.endDate) {
    const m = LABOUR_MESSAGES.dateOutside(project.startDate, project.endDate);
    throw badRequest(m, [{ path: "occurredOn", message: m }]);
  }
  const incident = await recordIncident(user, { orgId: unit.orgId, kind: input.kind, severity: input.severity, occurredOn: input.occurredOn, title: input.title, description: input.description }, actor);
  publishLabourChange(projectId);
  return { id: incident.id, unitId: unit.id, occurredOn: input.occurredOn, kind: input.kind, severity: input.severity };
}
