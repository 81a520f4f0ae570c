import { db, type Tx } from "~/utils/db.server";
import { joined } from "./bilingual";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound, type FieldIssue } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { isInSubtree } from "~/modules/users/permissions";
import { ankangSettingsFrom, type AnkangSettings, type Level } from "./settings";
import { checkSheetDefinition, itemDifferences, scoreSheet, validateEntries, type SheetDefinition, type SheetEntries, type SheetError } from "./sheet";
import { basicConditions, type Condition } from "./eligibility";
import { seriousAccidentsIn } from "./facts.server";
import type { CycleInput, EnrolmentInput, AssessmentInput, EntriesInput } from "./schemas";
import type { z } from "zod";
import type { ActivityInputSchema, SheetVersionInputSchema } from "./schemas";
import { checkUpload, storeUpload } from "./uploads.server";

// The 安康杯 service (issue 15): cycles and committees, sheet versions, enrolment, the
// self-assessment and the review, the ten actions' activities. The only code that writes
// those tables; every change writes an event in its transaction. Scope:
//  - manage (cycles, sheets, quotas): ankang:manage over the cycle's organising union;
//  - review: ankang:review over the cycle's union or over one of its co-organisers (rule A-1);
//  - a unit's own enrolment, self-assessment and activities: ankang:unit over the unit.

export const ANKANG_MESSAGES = {
  cycleNotFound: "找不到该安康杯周期 / cycle not found",
  enrolmentNotFound: "找不到该参赛单位 / enrolment not found",
  orgNotFound: "找不到该组织 / organisation not found",
  unitOutside: "参赛单位须在本周期组织单位的下级 / the unit must be under the cycle's organising union",
  teamOutside: "班组须属于本参赛单位 / each team must belong to the unit",
  alreadyEnrolled: "该单位已报名本周期 / the unit is already enrolled",
  noSheet: "本周期尚无评分表 / the cycle has no score sheet yet",
  selfSubmitted: "自评已提交，不能再修改 / the self-assessment is submitted and can no longer change",
  reviewSubmitted: "考核已提交，不能再修改 / the review is submitted and can no longer change",
  reviewTeam: (n: number) => `考核组至少 ${n} 人 / the assessment team needs at least ${n} members`,
  reviewerUnknown: "考核组成员须为本系统账号 / assessment team members must be accounts",
  cycleClosed: "该周期已结束 / the cycle is closed",
  sheetInvalid: "评分表有误 / the score sheet has problems",
  evidenceUnknown: (code: string) => `评分项 ${code} 的佐证材料只能是本项已上传的文件 / item ${code}: its evidence can only be files uploaded to it`,
  evidenceItemUnknown: (code: string) => `评分表中没有 ${code} 这一项，不能上传佐证材料 / no such item: evidence refused`,
  evidenceTooMany: (code: string) => `评分项 ${code} 最多 20 个佐证材料 / item ${code}: at most 20 evidence files`,
} as const;

type Client = Tx | typeof db;

export async function orgById(client: Client, id: string) {
  const org = await client.organisation.findUnique({ where: { id }, select: { id: true, name: true, path: true, type: true, parentId: true, region: true, industry: true } });
  if (!org) throw notFound(ANKANG_MESSAGES.orgNotFound);
  return org;
}

export async function loadCycle(client: Client, cycleId: string) {
  const cycle = await client.ankangCycle.findUnique({ where: { id: cycleId }, include: { committee: true } });
  if (!cycle) throw notFound(ANKANG_MESSAGES.cycleNotFound);
  return cycle;
}
type CycleWithCommittee = Awaited<ReturnType<typeof loadCycle>>;

export const cycleSettings = (cycle: { settings: string }): AnkangSettings => {
  try { return ankangSettingsFrom(JSON.parse(cycle.settings)); } catch { return ankangSettingsFrom({}); }
};

/**
 * The settings that govern an organisation's 安康杯 work: those of the open cycle whose organising
 * union covers it (the nearest union first, then the newest cycle); the defaults when none does.
 * The hazard deadline and the quiz prizes are read here, as the cycle page sets them.
 */
export async function settingsCovering(client: Client, orgPath: string): Promise<AnkangSettings> {
  const cycles = await client.ankangCycle.findMany({ where: { status: "open" }, select: { orgPath: true, startYear: true, settings: true, createdAt: true } });
  const covering = cycles.filter((c) => orgPath.startsWith(c.orgPath))
    .sort((a, b) => b.orgPath.length - a.orgPath.length || b.startYear - a.startYear || b.createdAt.getTime() - a.createdAt.getTime());
  return covering.length ? cycleSettings(covering[0]!) : ankangSettingsFrom({});
}

export const canManageCycle = (user: SessionUser, cycle: { orgPath: string }) => hasPermission(user, "ankang:manage", cycle.orgPath);

/** rule A-1: the union's safety staff and the co-organisers' (应急管理, 卫生健康) staff review. */
export const canReviewCycle = (user: SessionUser, cycle: CycleWithCommittee) =>
  hasPermission(user, "ankang:review", cycle.orgPath) || cycle.committee.some((c) => hasPermission(user, "ankang:review", c.orgPath));

/** A unit contact sees the cycles of the unions above the unit. */
const unitSeesCycle = (user: SessionUser, cycle: { orgPath: string }) => userScope(user, "ankang:unit").some((p) => isInSubtree(p, cycle.orgPath));

export function canSeeCycle(user: SessionUser, cycle: CycleWithCommittee) {
  return canManageCycle(user, cycle) || canReviewCycle(user, cycle) || unitSeesCycle(user, cycle) || hasPermission(user, "ankang:unit", cycle.orgPath);
}

function requireSeeCycle(user: SessionUser, cycle: CycleWithCommittee) {
  if (!canSeeCycle(user, cycle)) throw forbidden();
}

// ------------------------------------------------------------------ cycles

/** rule A-1: the co-organisers are the emergency-management and health authorities; named by their names when not given. */
const committeeRoleOf = (name: string) => (/应急/.test(name) ? "emergency" : /卫生|卫健/.test(name) ? "health" : /工会/.test(name) ? "union" : "other");

export async function createCycle(user: SessionUser, input: CycleInput, actor: Actor) {
  const org = await orgById(db, input.orgId);
  if (!hasPermission(user, "ankang:manage", org.path)) throw forbidden();
  const committee = await Promise.all(input.committee.filter((c) => c.orgId !== org.id).map(async (c) => ({ ...c, org: await orgById(db, c.orgId) })));
  return db.$transaction(async (tx) => {
    const cycle = await tx.ankangCycle.create({
      data: {
        name: input.name, startYear: input.startYear, endYear: input.endYear, annual: input.annual, orgId: org.id, orgPath: org.path, level: input.level,
        committee: { create: [{ orgId: org.id, orgPath: org.path, role: "union" }, ...committee.map((c) => ({ orgId: c.org.id, orgPath: c.org.path, role: c.role === "other" ? committeeRoleOf(c.org.name) : c.role }))] },
      },
    });
    await recordEvent(tx, actor, { action: "ankang.cycle-created", entityType: "AnkangCycle", entityId: cycle.id, orgId: org.id, after: input });
    return cycle;
  });
}

export async function updateCycleSettings(user: SessionUser, cycleId: string, settings: Partial<AnkangSettings>, actor: Actor) {
  const cycle = await loadCycle(db, cycleId);
  if (!canManageCycle(user, cycle)) throw forbidden();
  const merged = { ...JSON.parse(cycle.settings || "{}"), ...settings };
  return db.$transaction(async (tx) => {
    await tx.ankangCycle.update({ where: { id: cycle.id }, data: { settings: JSON.stringify(merged) } });
    await recordEvent(tx, actor, { action: "ankang.settings-changed", entityType: "AnkangCycle", entityId: cycle.id, orgId: cycle.orgId, before: JSON.parse(cycle.settings || "{}"), after: merged });
    return cycleSettings({ settings: JSON.stringify(merged) });
  });
}

export async function listCycles(user: SessionUser) {
  const cycles = await db.ankangCycle.findMany({ include: { committee: true, _count: { select: { enrolments: true } } }, orderBy: [{ startYear: "desc" }, { createdAt: "desc" }] });
  const visible = cycles.filter((c) => canSeeCycle(user, c));
  const orgs = await db.organisation.findMany({ where: { id: { in: [...new Set(visible.flatMap((c) => c.committee.map((m) => m.orgId)))] } }, select: { id: true, name: true } });
  const name = new Map(orgs.map((o) => [o.id, o.name]));
  return visible.map((c) => ({
    id: c.id, name: c.name, startYear: c.startYear, endYear: c.endYear, annual: c.annual, level: c.level as Level, status: c.status,
    orgId: c.orgId, orgName: name.get(c.orgId) ?? "", enrolments: c._count.enrolments,
    committee: c.committee.map((m) => ({ orgId: m.orgId, orgName: name.get(m.orgId) ?? "", role: m.role })),
    mayManage: canManageCycle(user, c), mayReview: canReviewCycle(user, c),
  }));
}

// ------------------------------------------------------------------ sheets

export async function addSheetVersion(user: SessionUser, cycleId: string, input: z.infer<typeof SheetVersionInputSchema>, actor: Actor, client?: Tx) {
  const run = async (tx: Tx) => {
    const cycle = await loadCycle(tx, cycleId);
    if (!canManageCycle(user, cycle)) throw forbidden();
    const definition = input.definition as SheetDefinition;
    const problems = checkSheetDefinition(definition);
    if (problems.length) throw badRequest(joined(...(ANKANG_MESSAGES.sheetInvalid.split(" / ") as [string, string]), problems), problems.map((message) => ({ path: "definition", message })));
    const last = await tx.ankangSheetVersion.findFirst({ where: { cycleId }, orderBy: { version: "desc" } });
    const sheet = await tx.ankangSheetVersion.create({ data: { cycleId, version: (last?.version ?? 0) + 1, title: input.title, definition: JSON.stringify(definition), createdById: user.id } });
    await recordEvent(tx, actor, { action: "ankang.sheet-version-added", entityType: "AnkangSheetVersion", entityId: sheet.id, orgId: cycle.orgId, after: { cycleId, version: sheet.version, title: input.title } });
    return sheet;
  };
  return client ? run(client) : db.$transaction(run);
}

export async function currentSheet(client: Client, cycleId: string) {
  return client.ankangSheetVersion.findFirst({ where: { cycleId }, orderBy: { version: "desc" } });
}

export const sheetOf = (row: { definition: string }) => JSON.parse(row.definition) as SheetDefinition;

export async function listSheetVersions(user: SessionUser, cycleId: string) {
  const cycle = await loadCycle(db, cycleId);
  requireSeeCycle(user, cycle);
  const rows = await db.ankangSheetVersion.findMany({ where: { cycleId }, orderBy: { version: "desc" } });
  return rows.map((r) => ({ id: r.id, version: r.version, title: r.title, definition: sheetOf(r), createdAt: r.createdAt.toISOString() }));
}

export async function getSheetVersion(user: SessionUser, sheetId: string) {
  const row = await db.ankangSheetVersion.findUnique({ where: { id: sheetId } });
  if (!row) throw notFound();
  const cycle = await loadCycle(db, row.cycleId);
  requireSeeCycle(user, cycle);
  return { id: row.id, cycleId: row.cycleId, version: row.version, title: row.title, definition: sheetOf(row) };
}

// ------------------------------------------------------------------ enrolment

async function checkTeams(client: Client, unit: { path: string }, teamIds: string[]) {
  if (teamIds.length === 0) return;
  const teams = await client.organisation.findMany({ where: { id: { in: teamIds } }, select: { id: true, path: true } });
  if (teams.length !== new Set(teamIds).size || teams.some((t) => !t.path.startsWith(unit.path) || t.path === unit.path))
    throw badRequest(ANKANG_MESSAGES.teamOutside, [{ path: "teamIds", message: ANKANG_MESSAGES.teamOutside }]);
}

function mayActForUnit(user: SessionUser, cycle: CycleWithCommittee, unitPath: string) {
  return hasPermission(user, "ankang:unit", unitPath) || canManageCycle(user, cycle);
}

/** A unit enrols for a cycle with its signed 劳动安全卫生专项协议书 and its 班组 (rules ). */
export async function enrolUnit(user: SessionUser, cycleId: string, input: EnrolmentInput, actor: Actor, agreementScan: File | null = null) {
  const cycle = await loadCycle(db, cycleId);
  const unit = await orgById(db, input.unitId);
  if (!mayActForUnit(user, cycle, unit.path)) throw forbidden();
  if (cycle.status !== "open") throw conflict(ANKANG_MESSAGES.cycleClosed);
  if (!unit.path.startsWith(cycle.orgPath) || unit.path === cycle.orgPath) throw badRequest(ANKANG_MESSAGES.unitOutside, [{ path: "unitId", message: ANKANG_MESSAGES.unitOutside }]);
  await checkTeams(db, unit, input.teamIds);
  const sheet = await currentSheet(db, cycleId);
  if (!sheet) throw conflict(ANKANG_MESSAGES.noSheet);
  if (await db.ankangEnrolment.findUnique({ where: { cycleId_unitId: { cycleId, unitId: unit.id } } })) throw conflict(ANKANG_MESSAGES.alreadyEnrolled, "already_enrolled");
  // the signed 劳动安全卫生专项协议书 (rule A-3): checked after everything else, stored last
  await checkUpload(agreementScan, "ankang-agreement", "agreementScan");
  const agreementFileId = await storeUpload(agreementScan, "ankang-agreement", "agreementScan", actor, unit.id);
  return db.$transaction(async (tx) => {
    if (await tx.ankangEnrolment.findUnique({ where: { cycleId_unitId: { cycleId, unitId: unit.id } } })) throw conflict(ANKANG_MESSAGES.alreadyEnrolled, "already_enrolled");
    const enrolment = await tx.ankangEnrolment.create({
      data: {
        cycleId, unitId: unit.id, unitPath: unit.path, unitName: unit.name, sheetVersionId: sheet.id,
        hasCompetitionBody: input.hasCompetitionBody, hasPlan: input.hasPlan,
        agreementSignedOn: input.agreementSignedOn ? new Date(`${input.agreementSignedOn}T00:00:00Z`) : null, agreementFileId,
        teamIds: JSON.stringify([...new Set(input.teamIds)]), workerCount: input.workerCount,
      },
    });
    await recordEvent(tx, actor, { action: "ankang.enrolled", entityType: "AnkangEnrolment", entityId: enrolment.id, orgId: unit.id, after: { cycleId, ...input, agreementFileId } });
    return enrolment;
  });
}

export async function updateEnrolment(user: SessionUser, enrolmentId: string, input: Omit<EnrolmentInput, "unitId">, actor: Actor, agreementScan: File | null = null) {
  const { enrolment, cycle } = await loadEnrolment(db, enrolmentId);
  if (!mayActForUnit(user, cycle, enrolment.unitPath)) throw forbidden();
  await checkTeams(db, { path: enrolment.unitPath }, input.teamIds);
  await checkUpload(agreementScan, "ankang-agreement", "agreementScan");
  const agreementFileId = (await storeUpload(agreementScan, "ankang-agreement", "agreementScan", actor, enrolment.unitId)) ?? enrolment.agreementFileId;
  return db.$transaction(async (tx) => {
    const data = {
      hasCompetitionBody: input.hasCompetitionBody, hasPlan: input.hasPlan,
      agreementSignedOn: input.agreementSignedOn ? new Date(`${input.agreementSignedOn}T00:00:00Z`) : null,
      agreementFileId, teamIds: JSON.stringify([...new Set(input.teamIds)]), workerCount: input.workerCount,
    };
    const updated = await tx.ankangEnrolment.update({ where: { id: enrolment.id }, data });
    await recordEvent(tx, actor, { action: "ankang.enrolment-updated", entityType: "AnkangEnrolment", entityId: enrolment.id, orgId: enrolment.unitId, before: { hasCompetitionBody: enrolment.hasCompetitionBody, hasPlan: enrolment.hasPlan, agreementSignedOn: enrolment.agreementSignedOn, agreementFileId: enrolment.agreementFileId, teamIds: enrolment.teamIds }, after: { ...input, agreementFileId } });
    return updated;
  });
}

export async function loadEnrolment(client: Client, enrolmentId: string) {
  const enrolment = await client.ankangEnrolment.findUnique({ where: { id: enrolmentId } });
  if (!enrolment) throw notFound(ANKANG_MESSAGES.enrolmentNotFound);
  const cycle = await loadCycle(client, enrolment.cycleId);
  return { enrolment, cycle };
}

/** Who may see one enrolment: its unit, the cycle's managers and reviewers. */
export function canSeeEnrolment(user: SessionUser, cycle: CycleWithCommittee, enrolment: { unitPath: string }) {
  return hasPermission(user, "ankang:unit", enrolment.unitPath) || canManageCycle(user, cycle) || canReviewCycle(user, cycle);
}

// ------------------------------------------------------------------ self-assessment and review

const EMPTY_ENTRIES = { items: [], bonus: [], vetoes: [] };
export const entriesOf = (row: { entries: string } | null | undefined): EntriesInput => (row ? (JSON.parse(row.entries) as EntriesInput) : EMPTY_ENTRIES);

function sheetErrorIssue(e: SheetError, sheet: SheetDefinition): FieldIssue {
  const title = (code: string) => sheet.sections.flatMap((s) => s.items).find((i) => i.code === code)?.title ?? sheet.bonusItems.find((b) => b.code === code)?.title ?? code;
  switch (e.code) {
    case "scoreAboveMax": return { path: `items.${e.itemCode}`, message: `${e.itemCode} ${title(e.itemCode)}：得分 ${e.score} 超过该项满分 ${e.max} / score above the item's maximum` };
    case "scoreNegative": return { path: `items.${e.itemCode}`, message: `${e.itemCode} ${title(e.itemCode)}：得分不能为负 / the score may not be negative` };
    case "unknownItem": return { path: `items.${e.itemCode}`, message: `评分表中没有 ${e.itemCode} 这一项 / no such item` };
    case "unknownElement": return { path: `items.${e.itemCode}`, message: `${e.itemCode}：扣分要素"${e.element}"不在该项的要素中 / unknown element` };
    case "itemUnscored": return { path: `items.${e.itemCode}`, message: `${e.itemCode} ${title(e.itemCode)} 尚未评分，不能提交 / the item is not scored: cannot submit` };
    case "bonusAboveCap": return { path: "bonus", message: `鼓励项合计 ${e.total} 分，超过上限 ${e.cap} 分 / bonus above the cap` };
  }
}

function refuseEntries(errors: SheetError[], sheet: SheetDefinition): never {
  const issues = errors.map((e) => sheetErrorIssue(e, sheet));
  throw new AppError(422, "invalid_scores", issues.map((i) => i.message.split(" / ")[0]).join("；") + " / the scores cannot be saved", issues);
}

/** New evidence files of an assessment, by item code (the page's file inputs, the API's base64 evidence). */
export type NewEvidence = { itemCode: string; file: File }[];

/**
 * The assessment's entries, checked before anything is written: the scores (refuseEntries), and the
 * evidence: an item keeps only files already uploaded to it (no client links a file it did not
 * upload here), new files go to items of the sheet, and each new file passes the upload checks.
 */
async function checkAssessment(client: Client, enrolmentId: string, kind: "self" | "review", sheet: SheetDefinition, entries: EntriesInput, submit: boolean, settings: AnkangSettings, evidence: NewEvidence) {
  const existing = await client.ankangAssessment.findUnique({ where: { enrolmentId_kind: { enrolmentId, kind } } });
  if (existing?.status === "submitted") throw conflict(kind === "self" ? ANKANG_MESSAGES.selfSubmitted : ANKANG_MESSAGES.reviewSubmitted, "already_submitted");
  const errors = validateEntries(sheet, entries as SheetEntries, { bonusCap: settings.bonusCap, complete: submit });
  if (errors.length) refuseEntries(errors, sheet);
  const before = new Map(entriesOf(existing).items.map((i) => [i.itemCode, new Set(i.fileIds ?? [])]));
  for (const item of entries.items) {
    if ((item.fileIds ?? []).some((id) => !before.get(item.itemCode)?.has(id))) {
      const m = ANKANG_MESSAGES.evidenceUnknown(item.itemCode);
      throw badRequest(m, [{ path: `items.${item.itemCode}.fileIds`, message: m }], "evidence_unknown");
    }
  }
  const codes = new Set(sheet.sections.flatMap((s) => s.items.map((i) => i.code)));
  for (const e of evidence) {
    if (!codes.has(e.itemCode)) { const m = ANKANG_MESSAGES.evidenceItemUnknown(e.itemCode); throw badRequest(m, [{ path: "evidence.itemCode", message: m }], "unknown_item"); }
    const kept = entries.items.find((i) => i.itemCode === e.itemCode)?.fileIds?.length ?? 0;
    if (kept + evidence.filter((x) => x.itemCode === e.itemCode).length > 20) { const m = ANKANG_MESSAGES.evidenceTooMany(e.itemCode); throw badRequest(m, [{ path: "evidence", message: m }], "too_many_files"); }
    await checkUpload(e.file, "ankang-evidence", `file-${e.itemCode}`);
  }
}

/** Stores the new evidence (after checkAssessment) and adds each file to its item's entry. */
async function withEvidence(entries: EntriesInput, evidence: NewEvidence, unitId: string, actor: Actor): Promise<EntriesInput> {
  const items = entries.items.map((i) => ({ ...i, fileIds: [...(i.fileIds ?? [])] }));
  for (const e of evidence) {
    const id = (await storeUpload(e.file, "ankang-evidence", `file-${e.itemCode}`, actor, unitId))!;
    const item = items.find((i) => i.itemCode === e.itemCode);
    if (item) item.fileIds.push(id);
    else items.push({ itemCode: e.itemCode, score: null, fileIds: [id] });
  }
  return { ...entries, items };
}

async function saveAssessment(tx: Tx, enrolment: { id: string; unitId: string }, kind: "self" | "review", sheet: SheetDefinition, entries: EntriesInput, submit: boolean, settings: AnkangSettings, reviewerIds: string[] | undefined, actor: Actor) {
  const existing = await tx.ankangAssessment.findUnique({ where: { enrolmentId_kind: { enrolmentId: enrolment.id, kind } } });
  if (existing?.status === "submitted") throw conflict(kind === "self" ? ANKANG_MESSAGES.selfSubmitted : ANKANG_MESSAGES.reviewSubmitted, "already_submitted");
  const errors = validateEntries(sheet, entries as SheetEntries, { bonusCap: settings.bonusCap, complete: submit });
  if (errors.length) refuseEntries(errors, sheet);
  const result = scoreSheet(sheet, entries as SheetEntries, settings.bonusCap);
  const data = {
    entries: JSON.stringify(entries), total: result.total, vetoed: result.vetoed,
    status: submit ? "submitted" : "draft", submittedAt: submit ? new Date() : null,
    ...(reviewerIds ? { reviewerIds: JSON.stringify(reviewerIds) } : {}),
  };
  const row = existing
    ? await tx.ankangAssessment.update({ where: { id: existing.id }, data })
    : await tx.ankangAssessment.create({ data: { enrolmentId: enrolment.id, kind, ...data } });
  await recordEvent(tx, actor, {
    action: `ankang.${kind === "self" ? "self-assessment" : "review"}-${submit ? "submitted" : "saved"}`, entityType: "AnkangAssessment", entityId: row.id, orgId: enrolment.unitId,
    before: existing ? { total: existing.total, status: existing.status } : null, after: { total: result.total, vetoed: result.vetoed, status: data.status, reviewerIds },
  });
  return { id: row.id, status: row.status, total: result.total, vetoed: result.vetoed, unscored: result.unscored };
}

/** The unit scores itself item by item (draft, then submit: an unscored item refuses the submission). */
export async function saveSelfAssessment(user: SessionUser, enrolmentId: string, input: AssessmentInput, actor: Actor, evidence: NewEvidence = []) {
  const { enrolment, cycle } = await loadEnrolment(db, enrolmentId);
  if (!hasPermission(user, "ankang:unit", enrolment.unitPath) && !canManageCycle(user, cycle)) throw forbidden();
  const sheet = sheetOf(await db.ankangSheetVersion.findUniqueOrThrow({ where: { id: enrolment.sheetVersionId } }));
  await checkAssessment(db, enrolmentId, "self", sheet, input.entries, input.submit, cycleSettings(cycle), evidence);
  const entries = await withEvidence(input.entries, evidence, enrolment.unitId, actor);
  return db.$transaction((tx) => saveAssessment(tx, enrolment, "self", sheet, entries, input.submit, cycleSettings(cycle), undefined, actor));
}

/** The higher union's assessment team (≥ 2) scores item by item (issue 15 §3). */
export async function saveReview(user: SessionUser, enrolmentId: string, input: AssessmentInput, actor: Actor) {
  const { enrolment, cycle } = await loadEnrolment(db, enrolmentId);
  if (!canReviewCycle(user, cycle)) throw forbidden();
  const settings = cycleSettings(cycle);
  const team = [...new Set([user.id, ...(input.reviewerIds ?? [])])];
  if (input.submit && team.length < settings.minReviewTeam) throw badRequest(ANKANG_MESSAGES.reviewTeam(settings.minReviewTeam), [{ path: "reviewerIds", message: ANKANG_MESSAGES.reviewTeam(settings.minReviewTeam) }], "review_team");
  if ((await db.user.count({ where: { id: { in: team } } })) !== team.length) throw badRequest(ANKANG_MESSAGES.reviewerUnknown, [{ path: "reviewerIds", message: ANKANG_MESSAGES.reviewerUnknown }]);
  const sheet = sheetOf(await db.ankangSheetVersion.findUniqueOrThrow({ where: { id: enrolment.sheetVersionId } }));
  await checkAssessment(db, enrolmentId, "review", sheet, input.entries, input.submit, settings, []);
  return db.$transaction((tx) => saveAssessment(tx, enrolment, "review", sheet, input.entries, input.submit, settings, team, actor));
}

/** The assessed year for the accident condition: the cycle's last year (or the given one when annual). */
export const assessedRange = (cycle: { startYear: number; endYear: number }, year?: number) => {
  const from = year ?? cycle.startYear;
  const to = year ?? cycle.endYear;
  return { from: new Date(`${from}-01-01T00:00:00Z`), to: new Date(`${to}-12-31T00:00:00Z`) };
};

export type EnrolmentFacts = Awaited<ReturnType<typeof enrolmentFacts>>;

/** Everything the rules need about one enrolment: sheet results, basic conditions, final score. */
export async function enrolmentFacts(client: Client, enrolment: { id: string; unitId: string; sheetVersionId: string; hasCompetitionBody: boolean; hasPlan: boolean; agreementSignedOn: Date | null }, cycle: CycleWithCommittee) {
  const settings = cycleSettings(cycle);
  const sheetRow = await client.ankangSheetVersion.findUniqueOrThrow({ where: { id: enrolment.sheetVersionId } });
  const sheet = sheetOf(sheetRow);
  const rows = await client.ankangAssessment.findMany({ where: { enrolmentId: enrolment.id } });
  const selfRow = rows.find((r) => r.kind === "self");
  const reviewRow = rows.find((r) => r.kind === "review");
  const self = selfRow ? scoreSheet(sheet, entriesOf(selfRow) as SheetEntries, settings.bonusCap) : null;
  const review = reviewRow ? scoreSheet(sheet, entriesOf(reviewRow) as SheetEntries, settings.bonusCap) : null;
  const { from, to } = assessedRange(cycle);
  const accidents = await seriousAccidentsIn(client, enrolment.unitId, from, to);
  const conditions: Condition[] = basicConditions({
    hasCompetitionBody: enrolment.hasCompetitionBody, hasPlan: enrolment.hasPlan, seriousAccidents: accidents,
    selfAssessment: selfRow?.status === "submitted" ? self : null,
  }, settings);
  const finalSource = settings.finalScoreSource === "review" ? (reviewRow?.status === "submitted" ? review : null) : selfRow?.status === "submitted" ? self : null;
  const vetoTitles = (finalSource?.vetoes ?? []).map((code) => sheet.vetoItems.find((v) => v.code === code)?.title ?? code);
  return {
    sheet, sheetVersion: sheetRow.version, settings, selfRow, reviewRow, self, review, conditions, accidents,
    finalScore: finalSource ? finalSource.total : null, fullMarks: sheetMaxOf(sheet), vetoes: vetoTitles,
    agreementSigned: enrolment.agreementSignedOn != null,
  };
}

const sheetMaxOf = (sheet: SheetDefinition) => Math.round(sheet.sections.reduce((s, x) => s + x.items.reduce((a, i) => a + i.maxPoints, 0), 0) * 100) / 100;

/** One enrolment for its page: the sheet with self and review side by side, the difference per item, the conditions. */
export async function getEnrolment(user: SessionUser, enrolmentId: string) {
  const { enrolment, cycle } = await loadEnrolment(db, enrolmentId);
  if (!canSeeEnrolment(user, cycle, enrolment)) throw forbidden();
  const f = await enrolmentFacts(db, enrolment, cycle);
  const selfEntries = entriesOf(f.selfRow);
  const reviewEntries = entriesOf(f.reviewRow);
  const activities = await db.ankangActivity.findMany({ where: { enrolmentId }, orderBy: { heldOn: "desc" } });
  const teamIds = JSON.parse(enrolment.teamIds) as string[];
  const teams = await db.organisation.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } });
  const reviewerIds = f.reviewRow ? (JSON.parse(f.reviewRow.reviewerIds) as string[]) : [];
  const reviewers = await db.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, displayName: true } });
  return {
    id: enrolment.id, cycleId: cycle.id, cycleName: cycle.name, unitId: enrolment.unitId, unitName: enrolment.unitName,
    hasCompetitionBody: enrolment.hasCompetitionBody, hasPlan: enrolment.hasPlan,
    agreementSignedOn: enrolment.agreementSignedOn?.toISOString().slice(0, 10) ?? null, agreementFileId: enrolment.agreementFileId,
    workerCount: enrolment.workerCount, teams,
    sheet: f.sheet, sheetVersion: f.sheetVersion, settings: f.settings,
    self: { status: f.selfRow?.status ?? "none", entries: selfEntries, result: f.self },
    review: { status: f.reviewRow?.status ?? "none", entries: reviewEntries, result: f.review, reviewers: reviewers.map((r) => r.displayName) },
    differences: itemDifferences(f.sheet, selfEntries as SheetEntries, reviewEntries as SheetEntries),
    conditions: f.conditions, finalScore: f.finalScore, fullMarks: f.fullMarks, vetoes: f.vetoes,
    activities: activities.map((a) => ({ id: a.id, action: a.action, title: a.title, heldOn: a.heldOn.toISOString().slice(0, 10), participants: a.participants, photoFileId: a.photoFileId, itemCodes: JSON.parse(a.itemCodes) as string[] })),
    mayEdit: hasPermission(user, "ankang:unit", enrolment.unitPath) || canManageCycle(user, cycle),
    mayReview: canReviewCycle(user, cycle),
  };
}

// ------------------------------------------------------------------ the ten actions (rule A-4)

export async function logActivity(user: SessionUser, enrolmentId: string, input: z.infer<typeof ActivityInputSchema>, actor: Actor, photo: File | null = null) {
  const { enrolment, cycle } = await loadEnrolment(db, enrolmentId);
  if (!mayActForUnit(user, cycle, enrolment.unitPath)) throw forbidden();
  const sheet = sheetOf(await db.ankangSheetVersion.findUniqueOrThrow({ where: { id: enrolment.sheetVersionId } }));
  const codes = new Set(sheet.sections.flatMap((s) => s.items.map((i) => i.code)));
  const unknown = input.itemCodes.filter((c) => !codes.has(c));
  if (unknown.length) throw badRequest(`评分表中没有这些项：${unknown.join("、")} / unknown items`, [{ path: "itemCodes", message: `评分表中没有这些项：${unknown.join("、")}` }]);
  await checkUpload(photo, "ankang-activity", "photo");
  const photoFileId = await storeUpload(photo, "ankang-activity", "photo", actor, enrolment.unitId);
  return db.$transaction(async (tx) => {
    const a = await tx.ankangActivity.create({
      data: { enrolmentId, action: input.action, title: input.title, heldOn: new Date(`${input.heldOn}T00:00:00Z`), participants: input.participants, photoFileId, itemCodes: JSON.stringify(input.itemCodes) },
    });
    await recordEvent(tx, actor, { action: "ankang.activity-logged", entityType: "AnkangActivity", entityId: a.id, orgId: enrolment.unitId, after: { ...input, photoFileId } });
    return a;
  });
}

// ------------------------------------------------------------------ a cycle's page

export async function getCycle(user: SessionUser, cycleId: string) {
  const cycle = await loadCycle(db, cycleId);
  requireSeeCycle(user, cycle);
  const manage = canManageCycle(user, cycle);
  const reviewer = canReviewCycle(user, cycle);
  const all = await db.ankangEnrolment.findMany({ where: { cycleId }, orderBy: { unitName: "asc" }, include: { assessments: { select: { kind: true, status: true, total: true, vetoed: true } } } });
  const visible = manage || reviewer ? all : all.filter((e) => hasPermission(user, "ankang:unit", e.unitPath));
  const orgs = await db.organisation.findMany({ where: { id: { in: cycle.committee.map((c) => c.orgId) } }, select: { id: true, name: true } });
  const sheet = await currentSheet(db, cycleId);
  return {
    id: cycle.id, name: cycle.name, startYear: cycle.startYear, endYear: cycle.endYear, annual: cycle.annual, level: cycle.level as Level, status: cycle.status,
    orgId: cycle.orgId, orgPath: cycle.orgPath, settings: cycleSettings(cycle),
    committee: cycle.committee.map((c) => ({ orgId: c.orgId, orgName: orgs.find((o) => o.id === c.orgId)?.name ?? "", role: c.role })),
    sheet: sheet ? { id: sheet.id, version: sheet.version, title: sheet.title, definition: sheetOf(sheet) } : null,
    enrolments: visible.map((e) => {
      const self = e.assessments.find((a) => a.kind === "self");
      const review = e.assessments.find((a) => a.kind === "review");
      return {
        id: e.id, unitId: e.unitId, unitName: e.unitName, agreementSigned: e.agreementSignedOn != null, teams: (JSON.parse(e.teamIds) as string[]).length, workerCount: e.workerCount,
        selfStatus: self?.status ?? "none", selfTotal: self?.total ?? null, reviewStatus: review?.status ?? "none", reviewTotal: review?.total ?? null, vetoed: Boolean(self?.vetoed || review?.vetoed),
      };
    }),
    mayManage: manage, mayReview: reviewer,
  };
}
