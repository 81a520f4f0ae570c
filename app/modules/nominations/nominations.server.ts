import { db, type Tx } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { saveUpload } from "~/modules/files/files.server";
import { loadCalendar } from "~/modules/calendar/calendar.server";
import { beijingDate, windowEndDate } from "~/modules/calendar/working-days";
import { createRound, resubmitSubmission, reviewSubmission, submitForReview, withdrawForDeadline } from "~/modules/review-chain/review-chain.server";
import { parseLevels, type SubmissionStatus } from "~/modules/review-chain/chain";
import { registerPublicFields } from "~/modules/review-chain/notices.server";
import { AWARDS, controlCapRules, DEFAULT_RATIO_RULES, FORM_LIMITS, quotaCategoryOf, quotaRules, STEP_TEMPLATES, type AwardKey, type Step } from "./domain";
import { deadlineFor, deadlineProblem, formProblems, NOMINATION_MESSAGES, submitProblems } from "./nomination-rules";
import { competitiveFromCounts, listVerdict, RatioTally, type RatioEntry, type RatioRule } from "./ratios";
import { countsInList, levelMembership, listSizes, roundMembership, sizesAfterHold, type LevelState, type ListSizes, type ListSubmission } from "./level-lists";
import { ratioEntryOf } from "./domain";
import { readCampaignStamp, writeHold, type CampaignStamp } from "./hold-writer.server";
import type { CampaignInput, CampaignSettings, NominationInput } from "./schemas";
import { z } from "zod";
import { ControlCapInputSchema } from "./schemas";
import { eligibilityForNomination } from "~/modules/honours/eligibility.server";
import { recordApprovedNominations } from "~/modules/honours/awards.server";
import { parseSteps, roundStepTracker, stepRefusalFor, stepTracker } from "./steps.server";
import { stepsCompletedBy } from "./steps";

// The nominations service (issue 13): campaigns (评选表彰) carried by a review-chain round of
// subject type "honours.nomination", the nomination forms, their grass-roots step, and each
// level's list with its structure ratios. The only code that writes Campaign and Nomination;
// every change writes an event in the same transaction.
//
// Who may do what (permissions are data, app/modules/users/roles.ts):
//  - award:manage over the campaign's top organisation: create the campaign, its rules, 控制数;
//  - award:nominate over the nominating unit: fill in, attach, submit, correct;
//  - award:review over a level's organisation: hold candidates back, send the list up.

export const SUBJECT_TYPE = "honours.nomination";

export const MESSAGES = {
  campaignNotFound: "找不到该评选 / campaign not found",
  nominationNotFound: "找不到该推荐对象 / nomination not found",
  orgNotFound: "找不到该单位 / organisation not found",
  orgOutside: "推荐单位不在本次评选的范围内 / the nominating unit is outside the campaign",
  awardNotInCampaign: (award: string) => `本次评选不含「${award}」/ the campaign has no ${award}`,
  memberOutside: "该会员不属于推荐单位 / the member is not in the nominating unit",
  notAtLevel: "该推荐对象当前不在本级名单中 / the candidate is not on this level's list",
  hardUnmet: (labels: string) => `结构比例未达要求，名单不能上报：${labels} / hard structure rules unmet: the list cannot go up`,
  reasonNeeded: (labels: string) => `以下建议性比例未达到，上报须写明理由：${labels} / advisory rules unmet: give a written reason`,
  competitiveShortfall: (pct: number, zh: string, en: string) => `本次评选要求差额推荐（候选人数不少于名额的 ${pct}%），名单不能上报：${zh} / this campaign asks for competitive selection (at least ${pct}% as many candidates as places): the list cannot go up: ${en}`,
  nothingToSend: "本级名单中没有待上报的推荐对象 / nothing on this level's list to send up",
  notEligible: (reason: string) => `不符合推荐条件：${reason} / not eligible`,
  levelNotInRound: "该单位不是本次评选的审核层级 / the organisation is not a level of this campaign",
  capOrgOutside: "控制数只能分配给本次评选范围内的推荐单位 / caps go to nominating bodies inside the campaign",
} as const;

type Client = Tx | typeof db;

// ------------------------------------------------------------------ hooks for the honours register

/**
 * Eligibility at submission (rules N-17, N-20, N-21, N-43): the honours module reads the
 * accident register, the honours register and the unit's bars (eligibilityForNomination);
 * the first blocking reason refuses the submission. Warnings (e.g. no 荣誉基础, N-17 "一般应")
 * do not block: reviewers see them through the same function.
 */
export async function assertEligible(tx: Tx, nomination: { id: string; orgId: string; memberId: string | null; award: string; campaignId: string; kind?: string }, year: number): Promise<void> {
  const campaign = await tx.campaign.findUnique({ where: { id: nomination.campaignId }, select: { level: true } });
  const reasons = await eligibilityForNomination(tx, nomination, { year, level: campaign?.level ?? "city" });
  const reason = reasons.find((r) => r.blocking)?.message ?? null;
  if (reason) throw badRequest(MESSAGES.notEligible(reason), [], "not_eligible");
}

/**
 * Called in the approving transaction when the top level approves its list: the honours
 * module's register records each approved candidate (idempotent: the chain's own approval
 * hook records them too).
 */
export async function onListApproved(tx: Tx, _campaign: { id: string; year: number; level: string }, approved: readonly { id: string; award: string; memberId: string | null; orgId: string; name: string }[], actor: Actor): Promise<void> {
  await recordApprovedNominations(tx, approved, actor);
}

// ------------------------------------------------------------------ helpers

async function orgOf(client: Client, orgId: string) {
  const org = await client.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, path: true, type: true, ownership: true, industry: true } });
  if (!org) throw notFound(MESSAGES.orgNotFound);
  return org;
}

async function loadCampaign(client: Client, campaignId: string) {
  const campaign = await client.campaign.findUnique({ where: { id: campaignId }, include: { round: true } });
  if (!campaign) throw notFound(MESSAGES.campaignNotFound);
  return campaign;
}

export const parseJson = <T>(text: string, fallback: T): T => {
  try { return JSON.parse(text) as T; } catch { return fallback; }
};

export const campaignRules = (c: { ratioRules: string }) => parseJson<RatioRule[]>(c.ratioRules, []);
export const campaignDeadlines = (c: { deadlines: string }) => parseJson<{ scope: string; date: string }[]>(c.deadlines, []);
export const campaignCaps = (c: { controlCaps: string }) => parseJson<Record<string, Partial<Record<string, number>>>>(c.controlCaps, {});
export const campaignAwards = (c: { awards: string }) => parseJson<AwardKey[]>(c.awards, []);

const today = (now = new Date()) => beijingDate(now);

// ------------------------------------------------------------------ campaigns

export async function createCampaign(user: SessionUser, input: CampaignInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const round = await createRound(user, { subjectType: SUBJECT_TYPE, title: input.title, topOrgId: input.topOrgId, reviewingTypes: input.reviewingTypes }, actor, tx);
    const steps: Step[] = STEP_TEMPLATES[input.stepTemplate];
    const campaign = await tx.campaign.create({
      data: {
        roundId: round.id, awards: JSON.stringify(input.awards), level: input.level, year: input.year, listing: input.listing,
        deadlines: JSON.stringify(input.grassrootsDeadline ? [{ scope: "grassroots", date: input.grassrootsDeadline }] : []),
        steps: JSON.stringify(steps), ratioRules: JSON.stringify(DEFAULT_RATIO_RULES), competitivePct: input.competitivePct,
      },
    });
    await recordEvent(tx, actor, { action: "campaign.created", entityType: "Campaign", entityId: campaign.id, orgId: input.topOrgId, after: { ...input, roundId: round.id } });
    // a 单列 campaign takes up the contest recommendations queued for it (rules N-3, S-68)
    await takeUpRecommendations(tx, { id: campaign.id, listing: campaign.listing, topOrgId: input.topOrgId }, actor);
    return campaign;
  });
}

async function requireManage(user: SessionUser, campaign: { round: { topOrgId: string } }) {
  const top = await orgOf(db, campaign.round.topOrgId);
  if (!hasPermission(user, "award:manage", top.path)) throw forbidden();
  return top;
}

/** Ratio rules, deadlines, 控制数 and 差额 of a campaign (every number a setting, DOMAIN-RULES §6). */
export async function updateCampaignSettings(user: SessionUser, campaignId: string, settings: CampaignSettings, actor: Actor) {
  const campaign = await loadCampaign(db, campaignId);
  const top = await requireManage(user, campaign);
  if (settings.controlCaps) {
    const orgs = await db.organisation.findMany({ where: { id: { in: Object.keys(settings.controlCaps) } }, select: { path: true } });
    if (orgs.length !== Object.keys(settings.controlCaps).length || orgs.some((o) => !o.path.startsWith(top.path))) throw badRequest(MESSAGES.capOrgOutside);
  }
  return db.$transaction(async (tx) => {
    const data = {
      ...(settings.ratioRules ? { ratioRules: JSON.stringify(settings.ratioRules) } : {}),
      ...(settings.deadlines ? { deadlines: JSON.stringify(settings.deadlines) } : {}),
      ...(settings.controlCaps ? { controlCaps: JSON.stringify(settings.controlCaps) } : {}),
      ...(settings.competitivePct ? { competitivePct: settings.competitivePct } : {}),
    };
    const updated = await tx.campaign.update({ where: { id: campaignId }, data });
    await recordEvent(tx, actor, {
      action: "campaign.settings-changed", entityType: "Campaign", entityId: campaignId, orgId: top.id,
      before: { ratioRules: campaignRules(campaign), deadlines: campaignDeadlines(campaign), controlCaps: campaignCaps(campaign), competitivePct: campaign.competitivePct }, after: settings,
    });
    return updated;
  });
}

/** One 控制数 (rule N-13) for one nominating body. */
export async function setControlCap(user: SessionUser, campaignId: string, input: z.infer<typeof ControlCapInputSchema>, actor: Actor) {
  const campaign = await loadCampaign(db, campaignId);
  const caps = campaignCaps(campaign);
  caps[input.orgId] = { ...caps[input.orgId], [input.category]: input.limit };
  return updateCampaignSettings(user, campaignId, { controlCaps: caps as CampaignSettings["controlCaps"] }, actor);
}

/** Campaigns whose top organisation the user manages, reviews or nominates under. */
export async function listCampaigns(user: SessionUser) {
  const rows = await db.campaign.findMany({ orderBy: [{ year: "desc" }, { createdAt: "desc" }], take: 200, include: { round: true, _count: { select: { nominations: true } } } });
  const tops = await db.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.round.topOrgId))] } }, select: { id: true, name: true, path: true } });
  return rows.flatMap((c) => {
    const top = tops.find((o) => o.id === c.round.topOrgId);
    if (!top) return [];
    const visible = user.grants.some((g) => ["award:manage", "award:review", "award:nominate", "award:committee"].some((p) => g.permissions.includes(p as never)) && (top.path.startsWith(g.orgPath) || g.orgPath.startsWith(top.path)));
    return visible ? [{ id: c.id, title: c.round.title, year: c.year, level: c.level, listing: c.listing, awards: campaignAwards(c), topOrg: { id: top.id, name: top.name }, status: c.round.status, nominations: c._count.nominations }] : [];
  });
}

/** A campaign for its page: settings, levels the user reviews, nominations the user may see. */
export async function getCampaign(user: SessionUser, campaignId: string) {
  const campaign = await loadCampaign(db, campaignId);
  const top = await orgOf(db, campaign.round.topOrgId);
  const canManage = hasPermission(user, "award:manage", top.path);
  const visible = canManage || user.grants.some((g) => (top.path.startsWith(g.orgPath) || g.orgPath.startsWith(top.path)) && g.permissions.some((p) => p.startsWith("award:")));
  if (!visible) throw notFound(MESSAGES.campaignNotFound);
  const nominations = await visibleNominations(user, campaign.id, top.path, canManage);
  const quotas = await db.reviewQuota.findMany({ where: { roundId: campaign.roundId }, orderBy: [{ orgId: "asc" }, { category: "asc" }] });
  const caps = campaignCaps(campaign);
  const orgIds = [...new Set([...quotas.map((q) => q.orgId), ...Object.keys(caps), ...nominations.map((n) => n.orgId)])];
  const orgs = await db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } });
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  // Levels this user may open a list at: reviewing organisations under the top where the user reviews or manages.
  const levelCandidates = await db.organisation.findMany({
    where: { path: { startsWith: top.path }, type: { in: [...parseJson<string[]>(campaign.round.reviewingTypes, []), top.type] } },
    select: { id: true, name: true, path: true, depth: true }, orderBy: { path: "asc" }, take: 500,
  });
  // the same rule as the level's page: a city reviewer is not offered the districts' lists it may not open
  const levels = levelCandidates.filter((o) => canManage || levelAccess(user, o, top).mayRead).map((o) => ({ id: o.id, name: o.name, depth: o.depth }));
  const nominatingUnits = user.grants.filter((g) => g.permissions.includes("award:nominate") && g.orgPath.startsWith(top.path)).map((g) => g.orgId);
  // the steps with where the round stands on each (issue 13 item 2, steps.ts)
  const steps = await roundStepTracker(campaign);
  return {
    campaign: {
      id: campaign.id, roundId: campaign.roundId, title: campaign.round.title, year: campaign.year, level: campaign.level, listing: campaign.listing,
      awards: campaignAwards(campaign), steps, ratioRules: campaignRules(campaign), deadlines: campaignDeadlines(campaign),
      controlCaps: Object.entries(caps).map(([orgId, c]) => ({ orgId, orgName: orgName(orgId), 企业负责人: c.企业负责人 ?? null, 县处级干部: c.县处级干部 ?? null })), competitivePct: campaign.competitivePct,
      status: campaign.round.status, topOrg: { id: top.id, name: top.name },
    },
    quotas: quotas.map((q) => ({ orgId: q.orgId, orgName: orgName(q.orgId), category: q.category, limit: q.limit })),
    nominations: nominations.map((n) => ({ ...n, orgName: orgName(n.orgId) })),
    levels, canManage, canNominate: nominatingUnits.length > 0,
  };
}

async function visibleNominations(user: SessionUser, campaignId: string, topPath: string, canManage: boolean) {
  const rows = await db.nomination.findMany({
    where: { campaignId }, orderBy: { createdAt: "asc" }, take: 5000,
    select: { id: true, name: true, award: true, kind: true, category: true, orgId: true, status: true, submissionId: true, post: true },
  });
  let visible = rows;
  if (!canManage) {
    const orgs = await db.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.orgId))] } }, select: { id: true, path: true } });
    const pathOf = (id: string) => orgs.find((o) => o.id === id)?.path ?? "";
    visible = rows.filter((r) => {
      const path = pathOf(r.orgId);
      return path.startsWith(topPath) && (hasPermission(user, "award:nominate", path) || hasPermission(user, "award:review", path) || hasPermission(user, "award:committee", path));
    });
  }
  // A submitted nomination's state is its chain's (rule N-30): under review, returned, not
  // recommended or approved; the list shows that, not a bare "submitted".
  const submissionIds = visible.flatMap((r) => (r.submissionId ? [r.submissionId] : []));
  const submissions = submissionIds.length ? await db.reviewSubmission.findMany({ where: { id: { in: submissionIds } }, select: { id: true, status: true } }) : [];
  const chainStatus = new Map(submissions.map((x) => [x.id, x.status as SubmissionStatus]));
  return visible.map((r) => ({ ...r, reviewStatus: (r.submissionId && chainStatus.get(r.submissionId)) || null }));
}

// ------------------------------------------------------------------ nomination forms

function assertEditable(n: { status: string }, submissionStatus: string | null) {
  if (n.status === "draft") return;
  if (n.status === "submitted" && submissionStatus === "returned") return;
  throw conflict(NOMINATION_MESSAGES.notDraft, "not_editable");
}

/** Create or correct a nomination form (DOMAIN-RULES §5). A member record fills the person's fields. */
export async function saveNomination(user: SessionUser, input: NominationInput, actor: Actor, nominationId?: string, now = new Date()) {
  const campaign = await loadCampaign(db, input.campaignId);
  const top = await orgOf(db, campaign.round.topOrgId);
  const unit = await orgOf(db, input.orgId);
  if (!unit.path.startsWith(top.path) || unit.id === top.id) throw badRequest(MESSAGES.orgOutside, [{ path: "orgId", message: MESSAGES.orgOutside }]);
  if (!hasPermission(user, "award:nominate", unit.path)) throw forbidden();
  if (!campaignAwards(campaign).includes(input.award)) throw badRequest(MESSAGES.awardNotInCampaign(input.award), [{ path: "award", message: MESSAGES.awardNotInCampaign(input.award) }]);
  const late = deadlineProblem(deadlineFor(campaignDeadlines(campaign), "grassroots"), today(now));
  if (late) throw badRequest(late, [], "after_deadline");

  const kind = AWARDS[input.award].kind;
  let person: Partial<NominationInput> = {};
  if (input.memberId && kind === "individual") {
    const member = await db.member.findUnique({ where: { id: input.memberId }, include: { org: { select: { path: true } } } });
    if (!member || !member.org.path.startsWith(unit.path)) throw badRequest(MESSAGES.memberOutside, [{ path: "memberId", message: MESSAGES.memberOutside }]);
    person = {
      name: member.name, sex: member.sex as "男" | "女", ethnicity: member.ethnicity, birthMonth: member.birthDate.toISOString().slice(0, 7),
      post: input.post || member.post || "", isFrontline: input.isFrontline || member.isFrontline, isMigrantWorker: input.isMigrantWorker || member.isMigrantWorker,
      isNewEmployment: input.isNewEmployment || member.isNewEmployment,
    };
  }
  const merged = { ...input, ...person };
  const problems = formProblems({ award: input.award, categories: input.categories, name: merged.name ?? "", cadreRank: input.cadreRank });
  if (problems.length) throw badRequest(problems.map((p) => p.message).join("；"), problems.map((p) => ({ path: p.field, message: p.message })), "invalid_nomination");

  let localNoticeEnd: string | null = null;
  if (input.localNoticeStart && input.localNoticeDays) {
    localNoticeEnd = windowEndDate(input.localNoticeStart, input.localNoticeDays, "working", await loadCalendar(db, Number(input.localNoticeStart.slice(0, 4)) - 1));
  }
  const data = {
    award: input.award, kind, orgId: unit.id, memberId: kind === "individual" ? input.memberId ?? null : null,
    name: merged.name ?? "", sex: merged.sex ?? "", ethnicity: merged.ethnicity ?? "", birthMonth: merged.birthMonth ?? "", education: input.education,
    politicalStatus: input.politicalStatus, post: merged.post ?? "", unitType: input.unitType || (kind === "collective" ? "企业" : ""),
    ownership: input.ownership || unit.ownership || "", industry: input.industry || unit.industry || "", isKeyIndustry: input.isKeyIndustry,
    category: kind === "individual" ? input.categories[0] : "", cadreRank: input.cadreRank,
    isMigrantWorker: merged.isMigrantWorker ?? false, isNewEmployment: merged.isNewEmployment ?? false, isFrontline: merged.isFrontline ?? false,
    isLeader: kind === "individual" && input.isLeader, isTeamOrOffice: kind === "collective" && input.isTeamOrOffice,
    headcount: input.headcount ?? null, leaderName: input.leaderName, parentUnit: input.parentUnit,
    priorHonours: JSON.stringify(input.priorHonours), rewardsPenalties: input.rewardsPenalties, deedsShort: input.deedsShort, deedsLong: input.deedsLong,
    congressDate: input.congressDate ?? null, congressPresent: input.congressPresent ?? null, congressFor: input.congressFor ?? null, congressAgainst: input.congressAgainst ?? null,
    pollTotal: input.pollTotal ?? null, pollFor: input.pollFor ?? null,
    localNoticeStart: input.localNoticeStart ?? null, localNoticeDays: input.localNoticeDays ?? null, localNoticeEnd, localNoticeOutcome: input.localNoticeOutcome ?? null,
  };
  return db.$transaction(async (tx) => {
    if (nominationId) {
      const before = await tx.nomination.findUnique({ where: { id: nominationId } });
      if (!before || before.campaignId !== campaign.id) throw notFound(MESSAGES.nominationNotFound);
      if (before.orgId !== unit.id) throw badRequest(MESSAGES.orgOutside);
      const submission = before.submissionId ? await tx.reviewSubmission.findUnique({ where: { id: before.submissionId }, select: { status: true } }) : null;
      assertEditable(before, submission?.status ?? null);
      const saved = await tx.nomination.update({ where: { id: nominationId }, data });
      await recordEvent(tx, actor, { action: "nomination.updated", entityType: "Nomination", entityId: saved.id, orgId: unit.id, before: { name: before.name, category: before.category, award: before.award }, after: { name: saved.name, category: saved.category, award: saved.award } });
      return saved;
    }
    const saved = await tx.nomination.create({ data: { ...data, campaignId: campaign.id, createdById: user.id } });
    await recordEvent(tx, actor, { action: "nomination.created", entityType: "Nomination", entityId: saved.id, orgId: unit.id, after: { campaignId: campaign.id, name: saved.name, award: saved.award, category: saved.category } });
    return saved;
  });
}

async function loadForNominator(client: Client, user: SessionUser, nominationId: string) {
  const n = await client.nomination.findUnique({ where: { id: nominationId }, include: { campaign: { include: { round: true } } } });
  if (!n) throw notFound(MESSAGES.nominationNotFound);
  const unit = await orgOf(client, n.orgId);
  if (!hasPermission(user, "award:nominate", unit.path)) throw forbidden();
  return { n, unit };
}

/** An attachment (minutes, notice scan, certificate); after the deadline no material is taken (rule N-38). */
export async function attachToNomination(user: SessionUser, nominationId: string, file: unknown, label: string, actor: Actor, now = new Date()) {
  const { n, unit } = await loadForNominator(db, user, nominationId);
  const submission = n.submissionId ? await db.reviewSubmission.findUnique({ where: { id: n.submissionId }, select: { status: true } }) : null;
  assertEditable(n, submission?.status ?? null);
  const late = deadlineProblem(deadlineFor(campaignDeadlines(n.campaign), "grassroots"), today(now));
  if (late) throw badRequest(late, [], "after_deadline");
  const stored = await saveUpload(file, { purpose: "nomination-attachment", allowedTypes: ["pdf", "jpeg", "png"], field: "file", orgId: unit.id }, actor);
  return db.$transaction(async (tx) => {
    const entry = { fileId: stored.id, label: label.trim().slice(0, 60) || stored.filename };
    const list = [...parseJson<{ fileId: string; label: string }[]>(n.attachments, []), entry];
    await tx.nomination.update({ where: { id: n.id }, data: { attachments: JSON.stringify(list) } });
    await recordEvent(tx, actor, { action: "nomination.attached", entityType: "Nomination", entityId: n.id, orgId: unit.id, after: { fileId: stored.id, label } });
    return entry;
  });
}

/** Sends the form up the chain: complete grass-roots step, before the deadline, eligible (rules N-31, N-32, N-38). */
export async function submitNomination(user: SessionUser, nominationId: string, actor: Actor, now = new Date()) {
  const { n, unit } = await loadForNominator(db, user, nominationId);
  const date = today(now);
  const late = deadlineProblem(deadlineFor(campaignDeadlines(n.campaign), "grassroots"), date);
  if (late) throw badRequest(late, [], "after_deadline");
  const problems = submitProblems({ ...n, localNoticeWorkingDays: n.localNoticeDays }, date, FORM_LIMITS);
  if (problems.length) throw badRequest(problems.map((p) => p.message).join("；"), problems.map((p) => ({ path: p.field, message: p.message })), "incomplete");
  return db.$transaction(async (tx) => {
    await assertEligible(tx, n, n.campaign.year);
    if (n.submissionId) {
      // a returned nomination, corrected: back to the level that returned it
      const result = await resubmitSubmission(user, n.submissionId, actor, tx);
      await tx.nomination.update({ where: { id: n.id }, data: { heldBack: false } });
      return { id: n.id, submissionId: n.submissionId, status: result.status };
    }
    if (n.status !== "draft") throw conflict(NOMINATION_MESSAGES.notDraft, "not_editable");
    const submission = await submitForReview(tx, user, {
      roundId: n.campaign.roundId, subjectType: SUBJECT_TYPE, subjectId: n.id, title: `${n.name} · ${unit.name}`, category: quotaCategoryOf(n), submitterOrgId: unit.id,
    }, actor);
    await tx.nomination.update({ where: { id: n.id }, data: { status: "submitted", submissionId: submission.id } });
    await recordEvent(tx, actor, { action: "nomination.submitted", entityType: "Nomination", entityId: n.id, orgId: unit.id, after: { submissionId: submission.id } });
    return { id: n.id, submissionId: submission.id, status: submission.status };
  });
}

/**
 * Rule N-38 at the grass-roots deadline: drafts never submitted, and returned nominations not
 * corrected in time, are treated as given up (withdrawn, with the reason in the trail).
 */
export async function applyDeadline(user: SessionUser, campaignId: string, actor: Actor, now = new Date()) {
  const campaign = await loadCampaign(db, campaignId);
  const top = await requireManage(user, campaign);
  const deadline = deadlineFor(campaignDeadlines(campaign), "grassroots");
  if (!deadline || today(now) <= deadline) return { withdrawn: 0, deadline };
  const reason = `逾期未报送或未补正完整，视为自动放弃（截止 ${deadline}）/ late or incomplete at the deadline: treated as withdrawn`;
  const late = await db.nomination.findMany({ where: { campaignId, status: { in: ["draft", "submitted"] } }, select: { id: true, status: true, submissionId: true, orgId: true } });
  let withdrawn = 0;
  for (const n of late) {
    const submission = n.submissionId ? await db.reviewSubmission.findUnique({ where: { id: n.submissionId }, select: { status: true } }) : null;
    if (n.status === "submitted" && submission?.status !== "returned") continue;
    await db.$transaction(async (tx) => {
      if (n.submissionId) await withdrawForDeadline(tx, n.submissionId, reason, actor);
      await tx.nomination.update({ where: { id: n.id }, data: { status: "withdrawn" } });
      await recordEvent(tx, actor, { action: "nomination.withdrawn-late", entityType: "Nomination", entityId: n.id, orgId: n.orgId, after: { deadline, reason } });
    });
    withdrawn += 1;
  }
  await recordEvent(db, actor, { action: "campaign.deadline-applied", entityType: "Campaign", entityId: campaignId, orgId: top.id, after: { deadline, withdrawn } });
  return { withdrawn, deadline };
}

/** The whole form for its page and the PDF (the ID number masked, as everywhere but the member page). */
export async function getNomination(user: SessionUser, nominationId: string) {
  const n = await db.nomination.findUnique({ where: { id: nominationId }, include: { campaign: { include: { round: true } } } });
  if (!n) throw notFound(MESSAGES.nominationNotFound);
  const unit = await orgOf(db, n.orgId);
  const submission = n.submissionId ? await db.reviewSubmission.findUnique({ where: { id: n.submissionId } }) : null;
  const levels = submission ? parseLevels(submission.levels) : [];
  const levelOrgs = levels.length ? await db.organisation.findMany({ where: { id: { in: levels } }, select: { id: true, name: true, path: true } }) : [];
  const mayNominate = hasPermission(user, "award:nominate", unit.path);
  const mayReview = levelOrgs.some((o) => hasPermission(user, "award:review", o.path) || hasPermission(user, "award:manage", o.path) || hasPermission(user, "award:committee", o.path));
  const top = await orgOf(db, n.campaign.round.topOrgId);
  if (!mayNominate && !mayReview && !hasPermission(user, "award:manage", top.path)) throw notFound(MESSAGES.nominationNotFound);
  const member = n.memberId ? await db.member.findUnique({ where: { id: n.memberId }, select: { idNumberMasked: true, phone: true } }) : null;
  const editable = mayNominate && (n.status === "draft" || (n.status === "submitted" && submission?.status === "returned"));
  // once approved, the honour it became (rule N-40: the nominating unit reports a revocation from there)
  const honour = await db.honour.findFirst({ where: { source: "nomination", sourceId: n.id }, select: { id: true, title: true, year: true, revokedAt: true } });
  return {
    nomination: { ...n, priorHonours: parseJson<{ level: string; title: string; year: number; issuer: string }[]>(n.priorHonours, []), attachments: parseJson<{ fileId: string; label: string }[]>(n.attachments, []), campaign: undefined },
    campaign: { id: n.campaign.id, title: n.campaign.round.title, year: n.campaign.year, awards: campaignAwards(n.campaign), deadlines: campaignDeadlines(n.campaign), topOrgName: top.name },
    unit: { id: unit.id, name: unit.name },
    member: member ? { idNumberMasked: member.idNumberMasked } : null,
    submission: submission ? { id: submission.id, status: submission.status, currentLevel: submission.currentLevel, returnReason: submission.returnReason, levels: levels.map((id) => levelOrgs.find((o) => o.id === id)?.name ?? id) } : null,
    honour: honour ? { id: honour.id, title: honour.title, year: honour.year, revoked: honour.revokedAt !== null } : null,
    editable, mayNominate, maySubmit: editable,
  };
}

/** The nominating units where the user may nominate, under a campaign's top, with their members for the form. */
export async function nominationFormOptions(user: SessionUser, campaignId: string) {
  const campaign = await loadCampaign(db, campaignId);
  const top = await orgOf(db, campaign.round.topOrgId);
  const scopes = user.grants.filter((g) => g.permissions.includes("award:nominate") && g.orgPath.startsWith(top.path) && g.orgId !== top.id);
  if (!scopes.length) throw forbidden();
  const units = await db.organisation.findMany({ where: { OR: scopes.map((g) => ({ path: { startsWith: g.orgPath } })), type: "grassroots" }, select: { id: true, name: true, path: true, ownership: true }, take: 200, orderBy: { path: "asc" } });
  const members = await db.member.findMany({
    where: { OR: units.map((u) => ({ org: { path: { startsWith: u.path } } })), employmentStatus: "职工" },
    select: { id: true, name: true, post: true, orgId: true, org: { select: { path: true } } }, take: 1000, orderBy: { name: "asc" },
  });
  return {
    campaign: { id: campaign.id, title: campaign.round.title, awards: campaignAwards(campaign), deadline: deadlineFor(campaignDeadlines(campaign), "grassroots") },
    units: units.map((u) => ({ id: u.id, name: u.name, ownership: u.ownership ?? "" })),
    members: members.map((m) => ({ id: m.id, name: m.name, post: m.post ?? "", unitId: units.find((u) => m.org.path.startsWith(u.path))?.id ?? m.orgId })),
  };
}

// ------------------------------------------------------------------ a level's list and its structure panel

type ListRow = {
  id: string; name: string; award: string; kind: string; category: string; orgId: string; post: string; heldBack: boolean;
  submissionId: string; state: LevelState;
  entry: RatioEntry;
};

type LevelContext = { campaign: Awaited<ReturnType<typeof loadCampaign>>; org: Awaited<ReturnType<typeof orgOf>>; top: Awaited<ReturnType<typeof orgOf>> };

async function loadLevelContext(campaignId: string, orgId: string): Promise<LevelContext> {
  const campaign = await loadCampaign(db, campaignId);
  const [org, top] = await Promise.all([orgOf(db, orgId), orgOf(db, campaign.round.topOrgId)]);
  if (!org.path.startsWith(top.path)) throw notFound(MESSAGES.levelNotInRound);
  return { campaign, org, top };
}

/** Who may read (reviewer, manager, committee) or work (reviewer) a level's list; in memory. */
function levelAccess(user: SessionUser, org: { path: string }, top: { id: string }) {
  // A reviewer acts at their own level: a city reviewer's grant covers the district below it,
  // but the city does not make the district's list (as the chain's mayActAtLevel).
  const ids = org.path.split("/").filter(Boolean);
  const higher = new Set(ids.slice(Math.max(0, ids.indexOf(top.id)), -1));
  const mayReview = user.grants.some((g) => g.permissions.includes("award:review") && org.path.startsWith(g.orgPath) && !higher.has(g.orgId));
  const mayRead = mayReview || hasPermission(user, "award:manage", org.path) || hasPermission(user, "award:committee", org.path);
  return { mayReview, mayRead };
}

function authoriseLevel(user: SessionUser, { org, top }: LevelContext, write: boolean) {
  const { mayReview, mayRead } = levelAccess(user, org, top);
  if (write ? !mayReview : !mayRead) throw forbidden();
  return mayReview;
}

const NOMINATION_LIST_SELECT = {
  id: true, name: true, award: true, kind: true, category: true, orgId: true, post: true, heldBack: true, submissionId: true, cadreRank: true, ownership: true,
  unitType: true, sex: true, ethnicity: true, isMigrantWorker: true, isNewEmployment: true, isFrontline: true, isTeamOrOffice: true, isKeyIndustry: true,
} as const;

type NominationListRow = { id: string; name: string; award: string; kind: string; category: string; orgId: string; post: string; heldBack: boolean } & Parameters<typeof ratioEntryOf>[0];

const SUBMISSION_LIST_SELECT = { id: true, subjectId: true, levels: true, currentLevel: true, status: true } as const;

/** A level's rows from its membership, in the nominations' order (oldest first). */
function rowsOf(noms: readonly NominationListRow[], members: Map<string, { id: string; state: LevelState }>): ListRow[] {
  const rows: ListRow[] = [];
  for (const n of noms) {
    const m = members.get(n.id);
    if (!m) continue;
    rows.push({
      id: n.id, name: n.name, award: n.award, kind: n.kind, category: n.category, orgId: n.orgId, post: n.post, heldBack: n.heldBack,
      submissionId: m.id, state: m.state, entry: ratioEntryOf(n),
    });
  }
  return rows;
}

/** The candidates that reached this level, in order, with where each stands. */
async function loadLevelRows(roundId: string, campaignId: string, orgId: string): Promise<ListRow[]> {
  const subs: ListSubmission[] = await db.reviewSubmission.findMany({
    where: { roundId, subjectType: SUBJECT_TYPE, levels: { contains: `"${orgId}"` }, status: { not: "withdrawn" } },
    select: SUBMISSION_LIST_SELECT,
  });
  const members = levelMembership(subs, orgId);
  const noms = await db.nomination.findMany({ where: { campaignId, id: { in: [...members.keys()] } }, select: NOMINATION_LIST_SELECT, orderBy: { createdAt: "asc" } });
  return rowsOf(noms, members);
}

/** The rules of a level: the campaign's ratios, its 控制数 and its 名额 (rules N-10 … N-20, N-13, N-16). */
function levelRules(campaign: { ratioRules: string; controlCaps: string }, orgId: string, quotas: readonly { category: string; limit: number }[]): RatioRule[] {
  return [...quotaRules(quotas), ...controlCapRules(campaignCaps(campaign)[orgId] ?? {}), ...campaignRules(campaign)];
}

const counts = countsInList;

// Per-process cache of each list's tallies: a change moves the counts by one candidate
// instead of recounting the list (rule checks stay O(rules) per change; bench:nominations).
// A cached list is checked by a stamp read in one query (hold-writer.server.ts): the latest
// updatedAt of the campaign's nominations and of the round's submissions (both read from an
// index; rows are never deleted, and a new row carries the newest updatedAt), the campaign row's
// own (its rules and 控制数) and the round row's (setQuota moves it with every 名额). A change made
// in this process moves the tally and the stamp itself; a change anywhere else makes the next
// read reload the list once. The level's campaign and organisations are kept with the list
// (organisations do not move, decision 011).
type ListStamp = CampaignStamp;
// `tally` counts the list that goes up; `pool` counts, under the 名额 rules only, every candidate
// that reached the level, held back or not (差额, rule N-16): a hold does not move it.
type CachedList = { ctx: LevelContext; stamp: ListStamp; tally: RatioTally; pool: RatioTally; rows: Map<string, ListRow>; sizes: ListSizes };

/** A level's list with its two tallies, from its rows and rules. */
function cachedListOf(ctx: LevelContext, stamp: ListStamp, rules: RatioRule[], rows: ListRow[]): CachedList {
  const pool = new RatioTally(rules.filter((r) => r.id.startsWith("quota-")), rows.filter((r) => r.state === "here" || r.state === "sent").map((r) => r.entry));
  return { ctx, stamp, tally: new RatioTally(rules, rows.filter(counts).map((r) => r.entry)), pool, rows: new Map(rows.map((r) => [r.id, r])), sizes: listSizes(rows) };
}
const listCache = new Map<string, CachedList>();
const cacheKey = (campaignId: string, orgId: string) => `${campaignId}:${orgId}`;

const sameCampaignStamp = (a: CampaignStamp, b: CampaignStamp) => a.nominations === b.nominations && a.submissions === b.submissions && a.campaign === b.campaign && a.round === b.round;
const sameStamp = sameCampaignStamp;

/** A level's 名额, read when its list is (re)loaded: the round's stamp moves with them. */
const levelQuotas = (roundId: string, orgId: string) => db.reviewQuota.findMany({ where: { roundId, orgId }, select: { category: true, limit: true }, orderBy: { category: "asc" } });

function cacheList(key: string, list: CachedList) {
  if (listCache.size > 500) { listCache.clear(); roundLevels.clear(); }
  listCache.set(key, list);
}

/** The level's list, from the cache when its stamp still holds; the user authorised first. */
async function openList(user: SessionUser, campaignId: string, orgId: string, write: boolean): Promise<{ list: CachedList; mayReview: boolean }> {
  const key = cacheKey(campaignId, orgId);
  const hit = listCache.get(key);
  if (hit) {
    const mayReview = authoriseLevel(user, hit.ctx, write);
    const stamp = await readCampaignStamp(campaignId, hit.ctx.campaign.roundId);
    if (sameStamp(stamp, hit.stamp)) return { list: hit, mayReview };
  }
  const ctx = await loadLevelContext(campaignId, orgId);
  const mayReview = authoriseLevel(user, ctx, write);
  const [stamp, quotas] = await Promise.all([readCampaignStamp(campaignId, ctx.campaign.roundId), levelQuotas(ctx.campaign.roundId, orgId)]);
  const rules = levelRules(ctx.campaign, orgId, quotas);
  const rows = await loadLevelRows(ctx.campaign.roundId, campaignId, orgId);
  const fresh = cachedListOf(ctx, stamp, rules, rows);
  cacheList(key, fresh);
  return { list: fresh, mayReview };
}

function panelOf(list: CachedList) {
  // 差额 (rule N-16): the level's 名额 against the candidates that reached it (held back included), from the two tallies
  const competitive = competitiveFromCounts(list.pool.rules, list.ctx.campaign.competitivePct, (r) => list.pool.countFor(r), (r) => list.tally.countFor(r));
  const results = [...list.tally.results(), ...competitive];
  const verdict = listVerdict(results);
  return {
    results,
    mayGoUp: verdict.mayGoUp,
    needsReason: verdict.needsReason,
    blocking: verdict.blocking.map((r) => r.id),
    advisory: verdict.advisory.map((r) => r.id),
    counts: { ...list.sizes },
  };
}

/** A level's list with its structure panel (the /campaigns/:id/levels/:orgId page and its API). */
export async function getLevelList(user: SessionUser, campaignId: string, orgId: string) {
  const { list, mayReview } = await openList(user, campaignId, orgId, false);
  const { campaign, org } = list.ctx;
  const rows = [...list.rows.values()];
  const units = await db.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.orgId))] } }, select: { id: true, name: true } });
  const notices = await db.publicNotice.findMany({ where: { roundId: campaign.roundId, orgId }, select: { id: true, title: true, publicCode: true, startsOn: true, endsOn: true, status: true }, orderBy: { createdAt: "desc" } });
  // the step tracker of the list waiting here (else of what this level sent up): issue 13 item 2
  const waiting = rows.filter((r) => r.state === "here" && !r.heldBack);
  const tracked = waiting.length ? waiting : rows.filter((r) => r.state === "sent");
  const trackedSubs = tracked.length ? await db.reviewSubmission.findMany({ where: { id: { in: tracked.map((r) => r.submissionId) } }, select: { id: true, subjectId: true, levels: true, currentLevel: true, status: true } }) : [];
  const steps = await stepTracker(campaign, trackedSubs);
  return {
    campaign: { id: campaign.id, title: campaign.round.title, year: campaign.year, roundId: campaign.roundId },
    org: { id: org.id, name: org.name },
    isTop: org.id === campaign.round.topOrgId,
    mayReview,
    rows: rows.map(({ entry, ...r }) => ({ ...r, ownership: entry.ownership, isTeamOrOffice: entry.isTeamOrOffice, isMigrantWorker: entry.isMigrantWorker, unitName: units.find((u) => u.id === r.orgId)?.name ?? "" })),
    panel: panelOf(list),
    notices,
    steps,
  };
}

/** Hold a candidate back from (or put it back on) this level's list; answers the updated panel. */
export async function setHeldBack(user: SessionUser, campaignId: string, orgId: string, nominationId: string, heldBack: boolean, actor: Actor) {
  const { list } = await openList(user, campaignId, orgId, true);
  const row = list.rows.get(nominationId);
  if (!row || row.state !== "here") throw badRequest(MESSAGES.notAtLevel, [{ path: "nominationId", message: MESSAGES.notAtLevel }]);
  if (row.heldBack !== heldBack) {
    // the row and its event in one synced transaction (hold-writer.server.ts)
    const writtenAt = await writeHold(nominationId, heldBack, orgId, actor);
    if (writtenAt === null) throw notFound(MESSAGES.nominationNotFound);
    applyHold(campaignId, list.stamp, nominationId, heldBack, writtenAt);
  }
  return panelOf(list);
}

/**
 * Send this level's list up (rule N-30): hard rules block; advisory rules need a written
 * reason. Each candidate then goes through the chain's recommendation (quota, 公示 and
 * objection holds), one transaction each; a refusal of one is reported, not hidden. At the
 * top level this approves the list, and the approved candidates go to the honours register.
 */
export async function sendListUp(user: SessionUser, campaignId: string, orgId: string, reason: string | undefined, actor: Actor) {
  listCache.delete(cacheKey(campaignId, orgId));
  const { list } = await openList(user, campaignId, orgId, true);
  const { campaign, org } = list.ctx;
  const panel = panelOf(list);
  const labels = (ids: string[]) => panel.results.filter((r) => ids.includes(r.id)).map((r) => `${r.label}（${r.figure ?? r.count}${r.figure === null ? "名" : "%"}，要求 ${r.requirement}）`).join("；");
  const toSend = [...list.rows.values()].filter((r) => r.state === "here" && !r.heldBack);
  if (!toSend.length) throw badRequest(MESSAGES.nothingToSend);
  // The campaign's steps due before this level acts (issue 13 item 2, steps.ts): the whole list
  // waits, nothing is written, and the step is named. The same check holds each candidate on the chain.
  const toSendSubs = await db.reviewSubmission.findMany({ where: { id: { in: toSend.map((r) => r.submissionId) } }, select: { id: true, subjectId: true, levels: true, currentLevel: true, status: true } });
  const stepProblem = await stepRefusalFor(db, campaign, toSendSubs, new Map(toSend.map((r) => [r.id, r.name])));
  if (stepProblem) throw new AppError(409, "step_not_done", stepProblem.message, [{ path: `steps.${stepProblem.key}`, message: stepProblem.message }]);
  const shortfalls = panel.results.filter((r) => r.kind === "competitive" && !r.met);
  if (shortfalls.length) {
    throw new AppError(422, "competitive_shortfall", MESSAGES.competitiveShortfall(campaign.competitivePct, shortfalls.map((r) => r.advice.split(" / ")[0]).join("；"), shortfalls.map((r) => r.advice.split(" / ")[1] ?? "").join("; ")), shortfalls.map((r) => ({ path: `rules.${r.id}`, message: r.advice })));
  }
  if (!panel.mayGoUp) throw new AppError(422, "ratio_unmet", MESSAGES.hardUnmet(labels(panel.blocking)), panel.blocking.map((id) => ({ path: `rules.${id}`, message: labels([id]) })));
  if (panel.needsReason && !reason?.trim()) throw new AppError(422, "reason_required", MESSAGES.reasonNeeded(labels(panel.advisory)), [{ path: "reason", message: MESSAGES.reasonNeeded(labels(panel.advisory)) }]);
  const sent: string[] = [];
  const refused: { id: string; name: string; message: string }[] = [];
  for (const row of toSend) {
    const s = await db.reviewSubmission.findUniqueOrThrow({ where: { id: row.submissionId }, select: { currentLevel: true } });
    try {
      await reviewSubmission(user, row.submissionId, { level: s.currentLevel, action: "recommend", reason: reason?.trim() || undefined }, actor);
      sent.push(row.id);
    } catch (error) {
      refused.push({ id: row.id, name: row.name, message: error instanceof AppError ? error.message : String(error) });
    }
  }
  const isTop = org.id === campaign.round.topOrgId;
  // the steps this sending up completed (its review step, at the top the approval), named in its event
  const firstSent = toSendSubs.find((s) => s.subjectId === sent[0] || toSend.find((r) => r.id === sent[0])?.submissionId === s.id);
  const chain = firstSent ? parseLevels(firstSent.levels) : [];
  const completedSteps = firstSent ? stepsCompletedBy(parseSteps(campaign.steps), campaign.level, chain.length, chain.indexOf(orgId)) : [];
  await db.$transaction(async (tx) => {
    await recordEvent(tx, actor, {
      action: isTop ? "nomination-list.approved" : "nomination-list.sent-up", entityType: "Campaign", entityId: campaignId, orgId,
      after: { sent, refused: refused.map((r) => r.id), reason: reason ?? null, completedSteps, figures: panel.results.map((r) => ({ id: r.id, count: r.count, base: r.base, met: r.met })) },
    });
    if (isTop && sent.length) {
      const approved = await tx.nomination.findMany({ where: { id: { in: sent } }, select: { id: true, award: true, memberId: true, orgId: true, name: true } });
      await onListApproved(tx, campaign, approved, actor);
    }
  });
  listCache.delete(cacheKey(campaignId, orgId));
  return { sent: sent.length, refused, approved: isTop };
}

/**
 * A hold written by this process, applied to every cached list of the campaign that was in step
 * with the database just before it (its campaign stamp equal to `before`): the candidate's row
 * takes the new flag; where it waits (state "here") the tally and sizes move by this one
 * candidate; the stamps move by this one write. Lists not in step reload on their next read.
 */
function applyHold(campaignId: string, before: CampaignStamp, nominationId: string, heldBack: boolean, writtenAt: number) {
  const prefix = `${campaignId}:`;
  const moved = { ...before, nominations: Math.max(before.nominations, writtenAt) };
  for (const [key, list] of listCache) {
    if (!key.startsWith(prefix) || !sameCampaignStamp(list.stamp, before)) continue;
    const row = list.rows.get(nominationId);
    if (row && row.heldBack !== heldBack) {
      if (row.state === "here") {
        if (heldBack) list.tally.remove(row.entry); else list.tally.add(row.entry);
        list.sizes = sizesAfterHold(list.sizes, heldBack);
      }
      row.heldBack = heldBack;
    }
    list.stamp = { ...list.stamp, ...moved };
  }
  const levels = roundLevels.get(campaignId);
  if (levels && sameCampaignStamp(levels.stamp, before)) levels.stamp = moved;
}

// ------------------------------------------------------------------ the 公示 shows public fields only

registerPublicFields(SUBJECT_TYPE, async (tx, subjectId) => {
  const n = await tx.nomination.findUnique({ where: { id: subjectId }, select: { name: true, sex: true, post: true, deedsShort: true, orgId: true } });
  if (!n) return null;
  const unit = await tx.organisation.findUnique({ where: { id: n.orgId }, select: { name: true } });
  return { name: n.name, sex: n.sex, unit: (unit?.name ?? "").replace(/工会(联合会|委员会)?$/, ""), post: n.post, deeds: n.deedsShort };
});

// ------------------------------------------------------------------ the whole round

// The levels that have a list, per campaign, at a campaign stamp (a new level appears only with
// a submission, which moves the stamp).
const roundLevels = new Map<string, { stamp: CampaignStamp; orgIds: string[] }>();

/**
 * Every level's list of the campaign loaded at once (two queries for the whole round, instead
 * of two per level) into the list cache, with its tally: the same lists and rules as each
 * level's panel.
 */
async function loadRoundLists(campaign: Awaited<ReturnType<typeof loadCampaign>>, stamp: CampaignStamp) {
  const [subs, noms, quotas] = await Promise.all([
    db.reviewSubmission.findMany({ where: { roundId: campaign.roundId, subjectType: SUBJECT_TYPE, status: { not: "withdrawn" } }, select: SUBMISSION_LIST_SELECT }),
    db.nomination.findMany({ where: { campaignId: campaign.id, submissionId: { not: null } }, select: NOMINATION_LIST_SELECT, orderBy: { createdAt: "asc" } }),
    db.reviewQuota.findMany({ where: { roundId: campaign.roundId }, select: { orgId: true, category: true, limit: true }, orderBy: { category: "asc" } }),
  ]);
  const membership = roundMembership(subs);
  const [top, orgs] = await Promise.all([
    orgOf(db, campaign.round.topOrgId),
    db.organisation.findMany({ where: { id: { in: [...membership.keys()] } }, select: { id: true, name: true, path: true, type: true, ownership: true, industry: true } }),
  ]);
  const orgIds: string[] = [];
  for (const org of orgs) {
    if (!org.path.startsWith(top.path)) continue;
    const own = quotas.filter((q) => q.orgId === org.id);
    const rows = rowsOf(noms, membership.get(org.id)!);
    cacheList(cacheKey(campaign.id, org.id), cachedListOf({ campaign, org, top }, stamp, levelRules(campaign, org.id, own), rows));
    orgIds.push(org.id);
  }
  roundLevels.set(campaign.id, { stamp, orgIds });
  return orgIds;
}

/**
 * Every reviewing level's list of a campaign checked at once (the office's "validate the
 * round" before a deadline), from the lists' tallies: one stamp query and the round's 名额;
 * when a list is not in step (a change made by another process, a new rule), the whole round
 * is reloaded in two queries. The lists are the levels' panels' own (a candidate counts at every
 * level it has been sent up from, and where it waits unless held back).
 */
export async function validateRound(user: SessionUser, campaignId: string) {
  const campaign = await loadCampaign(db, campaignId);
  await requireManage(user, campaign);
  const stamp = await readCampaignStamp(campaignId, campaign.roundId);
  const inStep = (orgId: string) => {
    const list = listCache.get(cacheKey(campaignId, orgId));
    return !!list && sameStamp(list.stamp, stamp);
  };
  const known = roundLevels.get(campaignId);
  const orgIds = known && sameCampaignStamp(known.stamp, stamp) && known.orgIds.every(inStep) ? known.orgIds : await loadRoundLists(campaign, stamp);
  return orgIds.map((orgId) => {
    const list = listCache.get(cacheKey(campaignId, orgId))!;
    const verdict = listVerdict(panelOf(list).results);
    return { orgId, size: list.sizes.included, mayGoUp: verdict.mayGoUp, blocking: verdict.blocking.map((r) => r.id), advisory: verdict.advisory.map((r) => r.id) };
  });
}

// ------------------------------------------------------------------ 单列 nominations from contest results (rules N-3, S-62 … S-68, L-10)

/** The award a recommended honour asks for (全国五一劳动奖章 → 奖章), or null when no campaign takes it. */
export function awardOfHonour(honour: string): AwardKey | null {
  if (/奖章/.test(honour)) return "奖章";
  if (/奖状/.test(honour)) return "奖状";
  if (/先锋号/.test(honour)) return "先锋号";
  if (/劳动模范|劳模/.test(honour)) return "劳模";
  return null;
}

/** The campaign level a recommended honour belongs to: 全国… national, 省… provincial, 市… city, else the contest's level. */
export function levelOfHonour(honour: string, fallback: string): string {
  if (/^全国/.test(honour)) return "national";
  if (/省|自治区/.test(honour)) return "provincial";
  if (/市/.test(honour)) return "city";
  return fallback;
}

/** memberId "" = a collective (a 劳动竞赛 先进集体 or 先进单位, rule L-10), held by the organisation unitId. */
type Recommendation = { id: string; memberId: string; holderName: string; unitId: string; honour: string; year: number; source: string; sourceId: string; certificateId: string | null; status: string };

/**
 * The evidence a 劳动竞赛 recommendation carries (rule L-10): the year-end titles the holder took in
 * the honours register from that project (source labour, same sourceId), with their issuing body.
 */
async function labourEvidence(tx: Tx, rec: Recommendation) {
  const titles = await tx.honour.findMany({ where: { source: "labour", sourceId: rec.sourceId, revokedAt: null }, orderBy: { createdAt: "asc" }, select: { title: true, issuingBody: true, year: true } });
  const list = titles.map((t) => t.title).join("、") || "劳动竞赛年度评优";
  const body = titles[0]?.issuingBody ?? "";
  const deeds = `在${rec.year}年劳动竞赛中获${list}${body ? `（${body}）` : ""}，按竞赛表彰单列推荐为${rec.honour}（规则 L-10）。`;
  const record = titles.map((t) => `${t.year}年 ${t.title}${t.issuingBody ? `（${t.issuingBody}）` : ""}`).join("；") || `${rec.year}年 劳动竞赛年度评优`;
  return { deeds: deeds.slice(0, FORM_LIMITS.deedsShort), record };
}

/**
 * The evidence a contest recommendation carries into its nomination (rule S-68): the contest,
 * event, rank and prize from the latest published notice, and the certificate with its verify code.
 */
async function recommendationEvidence(tx: Tx, rec: Recommendation) {
  if (rec.source === "labour") return labourEvidence(tx, rec);
  const cert = rec.certificateId ? await tx.certificate.findUnique({ where: { id: rec.certificateId }, select: { number: true, verifyCode: true, prize: true, registrationId: true, eventId: true } }) : null;
  const eventId = cert?.eventId ?? (rec.source === "contest" ? rec.sourceId : null);
  const event = eventId ? await tx.contestEvent.findUnique({ where: { id: eventId }, select: { name: true, contest: { select: { name: true } } } }) : null;
  let rank: number | null = null;
  if (eventId) {
    const publication = await tx.publication.findFirst({ where: { eventId }, orderBy: { version: "desc" }, select: { snapshot: true } });
    const rows = publication ? parseJson<{ rows?: { registrationId: string; rank: number | null }[] }>(publication.snapshot, {}).rows ?? [] : [];
    const registrationIds = cert ? [cert.registrationId] : (await tx.registration.findMany({ where: { eventId, memberId: rec.memberId }, select: { id: true } })).map((r) => r.id);
    rank = rows.find((r) => registrationIds.includes(r.registrationId))?.rank ?? null;
  }
  const where = event ? `${event.contest.name}「${event.name}」` : "技能竞赛";
  const placed = [rank ? `第${rank}名` : null, cert?.prize ?? null].filter(Boolean).join("，");
  const deeds = `在${rec.year}年${where}中${placed ? `获${placed}` : "获奖"}，按竞赛奖励办法推荐为${rec.honour}（单列，规则 S-68）。${cert ? `证书编号 ${cert.number}，可在 /verify/${cert.verifyCode} 核验。` : ""}`;
  const record = `${rec.year}年 ${where}${placed ? ` ${placed}` : ""}${cert ? `（证书 ${cert.number}）` : ""}`;
  return { deeds: deeds.slice(0, FORM_LIMITS.deedsShort), record };
}

/**
 * Puts one open recommendation into the matching open 单列 campaign (N-3): same award and level,
 * the member's unit inside the campaign, year not before the result's. Creates the draft
 * nomination (the grass-roots unit completes it and records its step, N-31) with the evidence,
 * marks the recommendation used, writes the events. Returns the nomination, or null when no
 * campaign is open yet (the recommendation stays queued for the federation).
 */
export async function placeRecommendation(tx: Tx, rec: Recommendation, actor: Actor, onlyCampaignId?: string) {
  if (rec.status !== "open") return null;
  const award = awardOfHonour(rec.honour);
  if (!award) return null;
  const collective = !rec.memberId;
  if ((AWARDS[award].kind === "collective") !== collective) return null;
  const member = collective ? null : await tx.member.findUnique({ where: { id: rec.memberId }, include: { org: { select: { id: true, path: true } } } });
  const holderOrg = collective ? await tx.organisation.findUnique({ where: { id: rec.unitId }, select: { id: true, path: true, name: true, type: true, parentId: true } }) : null;
  if (!member && !holderOrg) return null;
  const holderPath = member ? member.org.path : holderOrg!.path;
  const holderOrgId = member ? member.org.id : holderOrg!.id;
  const campaigns = await tx.campaign.findMany({
    where: { listing: "single", year: { gte: rec.year }, round: { status: "open" }, ...(onlyCampaignId ? { id: onlyCampaignId } : {}) },
    include: { round: { select: { topOrgId: true } } }, orderBy: [{ year: "asc" }, { createdAt: "asc" }],
  });
  const tops = new Map((await tx.organisation.findMany({ where: { id: { in: campaigns.map((c) => c.round.topOrgId) } }, select: { id: true, path: true } })).map((o) => [o.id, o.path]));
  const contestLevel = rec.source === "contest" ? (await tx.contestEvent.findUnique({ where: { id: rec.sourceId }, select: { contest: { select: { level: true } } } }))?.contest.level ?? "" : "";
  // a 劳动竞赛 recommendation names its campaign: without a level prefix it takes that campaign's level
  const level = levelOfHonour(rec.honour, rec.source === "labour" && onlyCampaignId ? campaigns[0]?.level ?? "" : contestLevel);
  const campaign = campaigns.find((c) => {
    const top = tops.get(c.round.topOrgId);
    return c.level === level && campaignAwards(c).includes(award) && !!top && holderPath.startsWith(top) && holderOrgId !== c.round.topOrgId;
  });
  if (!campaign) return null;
  const evidence = await recommendationEvidence(tx, rec);
  let data;
  if (member) {
    data = {
      campaignId: campaign.id, award, kind: "individual", orgId: member.org.id, memberId: member.id, name: member.name, sex: member.sex, ethnicity: member.ethnicity,
      birthMonth: member.birthDate.toISOString().slice(0, 7), post: member.post ?? "", isFrontline: member.isFrontline, isMigrantWorker: member.isMigrantWorker,
      isNewEmployment: member.isNewEmployment, unitType: "企业", deedsShort: evidence.deeds, rewardsPenalties: evidence.record, createdById: actor.userId,
    };
  } else {
    // a 班组 is nominated by its grass-roots unit under the team's name (recordApprovedNomination finds it again)
    const isTeam = holderOrg!.type === "team" && !!holderOrg!.parentId;
    data = {
      campaignId: campaign.id, award, kind: "collective", orgId: isTeam ? holderOrg!.parentId! : holderOrg!.id, memberId: null, name: holderOrg!.name, isTeamOrOffice: isTeam,
      unitType: "企业", deedsShort: evidence.deeds, rewardsPenalties: evidence.record, createdById: actor.userId,
    };
  }
  const nomination = await tx.nomination.create({ data });
  await tx.honourRecommendation.update({ where: { id: rec.id }, data: { status: "used", nominationId: nomination.id } });
  await recordEvent(tx, actor, {
    action: "nomination.created", entityType: "Nomination", entityId: nomination.id, orgId: holderOrgId,
    after: { campaignId: campaign.id, name: nomination.name, award, listing: "single", recommendationId: rec.id, source: rec.source, sourceId: rec.sourceId },
  });
  await recordEvent(tx, actor, { action: "honour.recommendation-used", entityType: "HonourRecommendation", entityId: rec.id, orgId: holderOrgId, after: { nominationId: nomination.id, campaignId: campaign.id } });
  return nomination;
}

/** A new 单列 campaign takes up the queued recommendations it matches (rule S-68). */
export async function takeUpRecommendations(tx: Tx, campaign: { id: string; listing: string; round: { topOrgId: string } } | { id: string; listing: string; topOrgId: string }, actor: Actor) {
  if (campaign.listing !== "single") return 0;
  const topOrgId = "round" in campaign ? campaign.round.topOrgId : campaign.topOrgId;
  const top = await tx.organisation.findUnique({ where: { id: topOrgId }, select: { path: true } });
  if (!top) return 0;
  const queued = await tx.honourRecommendation.findMany({ where: { status: "open", unitPath: { startsWith: top.path } }, orderBy: { createdAt: "asc" } });
  let placed = 0;
  for (const rec of queued) if (await placeRecommendation(tx, rec, actor, campaign.id)) placed += 1;
  return placed;
}
