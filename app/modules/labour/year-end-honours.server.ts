import { db, type Tx } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { recordHonour } from "~/modules/honours/honours.server";
import type { HonourLevel } from "~/modules/honours/honour-levels";
import { AWARDS, type AwardKey } from "~/modules/nominations/domain";
import { campaignAwards, placeRecommendation } from "~/modules/nominations/nominations.server";
import { computeBoards, computeYearEnd, loadProjectFacts, requireAccepted, requireProject, type ProjectFacts } from "./labour.server";
import { ancestry } from "./year-end";
import type { YearEndConfirmInput, YearEndRecommendInput } from "./schemas";

// The year-end results into the honours register, and on to the 工人先锋号 / 五一 rounds
// (issue 14 item 6; rules L-6, L-9, L-10). The organiser confirms the year once every period's
// banners are awarded: each award computed by computeYearEnd (先进单位, 先进班组, the single-item
// prizes of rule L-8, and the 优秀建设者 the committee picked among the eligible builders) becomes
// an Honour, source "labour", sourceId "<project>:<roster entry>", so confirming again records
// nothing twice. A unit the roll-up refused (rule L-6: no banner all year; L-7 veto; L-9 roster,
// scores, time on site) has no award and so nothing in the register. A recorded winner can then
// be recommended into an open 单列 campaign (rule L-10): the HonourRecommendation and draft
// nomination path the skills contests use (rule S-68), with the register's titles as evidence.

export const YEAR_END_MESSAGES = {
  periodsOpen: (n: number) => `还有 ${n} 个考评期未颁发流动红旗，不能确认年度评优 / ${n} period(s) are not awarded yet: the year cannot be confirmed`,
  builderNotEligible: (name: string, reasons: string) => `建设者「${name}」不能评为优秀建设者：${reasons} / ${name} cannot be named an outstanding builder`,
  builderUnknown: "名录中没有该建设者 / the builder is not on the roster",
  noOrg: (name: string) => `「${name}」在名录中未关联组织，未记入荣誉库 / ${name} is not linked to an organisation on the roster: not recorded`,
  noMember: (name: string) => `找不到建设者「${name}」的会员信息（须为其所在组织的会员），未记入荣誉库 / no member record found for ${name}: not recorded`,
  honourNotFound: "找不到本项目的年度荣誉 / no year-end honour of this project with that id",
  revoked: "该荣誉已撤销，不能推荐 / the honour is revoked: it cannot be recommended",
  campaignNotFound: "找不到该评选活动 / campaign not found",
  campaignNotOpen: "该评选活动未开放或不是单列表彰 / the campaign is not open, or not a 单列 (competition) listing",
  awardNotInCampaign: (award: AwardKey) => `该评选活动不评「${AWARDS[award].label}」/ the campaign does not award the ${AWARDS[award].en}`,
  awardKind: (award: AwardKey) => `「${AWARDS[award].label}」的推荐对象须为${AWARDS[award].kind === "collective" ? "集体" : "个人"} / the ${AWARDS[award].en} goes to ${AWARDS[award].kind === "collective" ? "a collective" : "an individual"}`,
  notInScope: "获奖者不在该评选活动的范围内，或级别不符 / the winner is outside the campaign's scope or level",
  alreadyRecommended: "已推荐过该获奖者参评此奖项 / this winner is already recommended for that award",
} as const;

const LEVEL_OF_ORG_TYPE: Record<string, HonourLevel> = { national: "national", national_industry: "national", provincial: "provincial", city: "city", county: "county", industry: "city" };
const PREFIX: Record<string, string> = { national: "全国", provincial: "省", city: "市" };

const sourceIdOf = (projectId: string, entryId: string) => `${projectId}:${entryId}`;

/** The body that accepted the project (the review round's top) issues its year-end honours; else the applying union. */
async function issuingBody(client: Tx | typeof db, project: { orgId: string; submissionId: string | null }) {
  const submission = project.submissionId ? await client.reviewSubmission.findUnique({ where: { id: project.submissionId }, select: { round: { select: { topOrgId: true } } } }) : null;
  const org = await client.organisation.findUnique({ where: { id: submission?.round.topOrgId ?? project.orgId }, select: { id: true, name: true, type: true } });
  return { name: org?.name ?? "", level: LEVEL_OF_ORG_TYPE[org?.type ?? ""] ?? ("enterprise" as HonourLevel) };
}

type Planned = { entryId: string; award: string; basis: string; holder: { orgId: string } | { memberId: string } };

/** The organisation behind a roster entry, or the nearest one above it (a builder's 班组 → 工区 …). */
function orgOfEntry(facts: ProjectFacts, entryId: string): string | null {
  for (const e of ancestry(facts.roster, entryId)) {
    const orgId = facts.roster.get(e.id)?.orgId;
    if (orgId) return orgId;
  }
  return null;
}

/** The year-end awards of a project with where each stands in the register. */
export async function yearEndHonours(projectId: string) {
  const rows = await db.honour.findMany({ where: { source: "labour", sourceId: { startsWith: `${projectId}:` } }, orderBy: { createdAt: "asc" } });
  const recs = await db.honourRecommendation.findMany({ where: { source: "labour", sourceId: { startsWith: `${projectId}:` } }, orderBy: { createdAt: "asc" } });
  const nominations = recs.length ? await db.nomination.findMany({ where: { id: { in: recs.map((r) => r.nominationId).filter((x): x is string => !!x) } }, select: { id: true, campaign: { select: { id: true, round: { select: { title: true } } } } } }) : [];
  return rows.map((h) => ({
    id: h.id, holderName: h.holderName, collective: !h.memberId, title: h.title, level: h.level, year: h.year, issuingBody: h.issuingBody, revoked: !!h.revokedAt,
    recommendations: recs.filter((r) => r.sourceId === h.sourceId && r.memberId === (h.memberId ?? "")).map((r) => {
      const n = nominations.find((x) => x.id === r.nominationId);
      return { id: r.id, honour: r.honour, status: r.status, nominationId: r.nominationId, campaignTitle: n?.campaign.round.title ?? null };
    }),
  }));
}

/** Open 单列 campaigns a labour winner may be recommended into (rule L-10), for the form. */
export async function openCompetitionCampaigns() {
  const rows = await db.campaign.findMany({ where: { listing: "single", round: { status: "open" } }, include: { round: { select: { title: true } } }, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((c) => ({ id: c.id, title: c.round.title, level: c.level, year: c.year, awards: campaignAwards(c).filter((a) => a === "先锋号" || a === "奖状" || a === "奖章") })).filter((c) => c.awards.length > 0);
}

/**
 * Confirms the year's results (rules L-6, L-9, L-10): every period awarded, the picked builders
 * eligible; then each award into the honours register, once. Returns what was recorded now, what
 * was already there, and the winners that could not be recorded (no organisation or member).
 */
export async function confirmYearEnd(user: SessionUser, projectId: string, input: YearEndConfirmInput, actor: Actor) {
  const { project, org } = await requireProject(user, projectId, "labour:manage");
  await requireAccepted(project);
  const facts = await loadProjectFacts(projectId);
  const open = facts.periods.filter((p) => p.status !== "awarded").length;
  if (open > 0) throw conflict(YEAR_END_MESSAGES.periodsOpen(open), "periods_open");
  const result = computeYearEnd(facts, computeBoards(facts));
  const builders = [...new Set(input.builders)];
  const issues: { path: string; message: string }[] = [];
  builders.forEach((id, i) => {
    const b = result.builders.find((x) => x.id === id);
    if (!b) issues.push({ path: `builders.${i}`, message: YEAR_END_MESSAGES.builderUnknown });
    else if (b.reasons.length) issues.push({ path: `builders.${i}`, message: YEAR_END_MESSAGES.builderNotEligible(b.name, b.reasons.map((r) => r.split(" / ")[0]).join("；")) });
  });
  if (issues.length) throw badRequest(issues.map((x) => x.message).join("；"), issues);

  const planned: Planned[] = [];
  const skipped: { name: string; award: string; reason: string }[] = [];
  for (const a of result.awards) {
    const orgId = facts.roster.get(a.unitId)?.orgId;
    if (orgId) planned.push({ entryId: a.unitId, award: a.award, basis: a.basis, holder: { orgId } });
    else skipped.push({ name: a.name, award: a.award, reason: YEAR_END_MESSAGES.noOrg(a.name) });
  }
  for (const id of builders) {
    const entry = facts.roster.get(id)!;
    const orgId = orgOfEntry(facts, id);
    const unit = orgId ? await db.organisation.findUnique({ where: { id: orgId }, select: { path: true } }) : null;
    const member = unit ? await db.member.findFirst({ where: { name: entry.name, org: { path: { startsWith: unit.path } } }, select: { id: true }, orderBy: { createdAt: "asc" } }) : null;
    if (member) planned.push({ entryId: id, award: "优秀建设者", basis: `进场 ${entry.startOnSite}`, holder: { memberId: member.id } });
    else skipped.push({ name: entry.name, award: "优秀建设者", reason: YEAR_END_MESSAGES.noMember(entry.name) });
  }

  const body = await issuingBody(db, project);
  const year = Number(project.endDate.slice(0, 4));
  const outcome = await db.$transaction(async (tx) => {
    const recorded: { honourId: string; name: string; title: string }[] = [];
    let existing = 0;
    for (const p of planned) {
      const title = `${project.name}${p.award}`;
      const sourceId = sourceIdOf(projectId, p.entryId);
      if (await tx.honour.findFirst({ where: { source: "labour", sourceId, title }, select: { id: true } })) {
        existing += 1;
        continue;
      }
      const h = await recordHonour(tx, { ...p.holder, title, level: body.level, year, issuingBody: body.name, source: "labour", sourceId }, actor);
      recorded.push({ honourId: h.id, name: h.holderName, title });
    }
    if (recorded.length) {
      await recordEvent(tx, actor, {
        action: "labour.year-end.confirmed", entityType: "LabourProject", entityId: projectId, orgId: org.id,
        after: { year, recorded: recorded.map((r) => `${r.name} ${r.title}`), existing, skipped: skipped.map((s) => `${s.name} ${s.award}`), refused: result.refused.map((r) => r.name) },
      });
    }
    return { recorded, existing };
  });
  return { ...outcome, skipped, refused: result.refused.map((r) => ({ name: r.name, reasons: r.reasons })) };
}

/**
 * Recommends a recorded year-end winner into an open 单列 campaign (rule L-10) as a draft
 * nomination with its evidence, through the skills contests' path (HonourRecommendation →
 * placeRecommendation, rule S-68). A collective goes to 工人先锋号 or 五一劳动奖状, an individual
 * to 五一劳动奖章. Refused (nothing written) when the campaign does not fit.
 */
export async function recommendYearEndWinner(user: SessionUser, projectId: string, input: YearEndRecommendInput, actor: Actor) {
  const { project, org } = await requireProject(user, projectId, "labour:manage");
  const honour = await db.honour.findUnique({ where: { id: input.honourId } });
  if (!honour || honour.source !== "labour" || !honour.sourceId?.startsWith(`${projectId}:`)) throw notFound(YEAR_END_MESSAGES.honourNotFound);
  if (honour.revokedAt) throw conflict(YEAR_END_MESSAGES.revoked, "revoked");
  const campaign = await db.campaign.findUnique({ where: { id: input.campaignId }, include: { round: { select: { status: true } } } });
  if (!campaign) throw badRequest(YEAR_END_MESSAGES.campaignNotFound, [{ path: "campaignId", message: YEAR_END_MESSAGES.campaignNotFound }]);
  if (campaign.listing !== "single" || campaign.round.status !== "open") throw badRequest(YEAR_END_MESSAGES.campaignNotOpen, [{ path: "campaignId", message: YEAR_END_MESSAGES.campaignNotOpen }]);
  const award = input.award;
  const label = AWARDS[award].label;
  if (!campaignAwards(campaign).includes(award)) throw badRequest(YEAR_END_MESSAGES.awardNotInCampaign(award), [{ path: "award", message: YEAR_END_MESSAGES.awardNotInCampaign(award) }]);
  if ((AWARDS[award].kind === "collective") !== !honour.memberId) throw badRequest(YEAR_END_MESSAGES.awardKind(award), [{ path: "award", message: YEAR_END_MESSAGES.awardKind(award) }]);
  if (!hasPermission(user, "labour:manage", org.path)) throw forbidden();
  const honourName = `${PREFIX[campaign.level] ?? ""}${label}`;
  const memberId = honour.memberId ?? "";
  return db.$transaction(async (tx) => {
    const key = { source_sourceId_memberId_honour: { source: "labour", sourceId: honour.sourceId!, memberId, honour: honourName } };
    if (await tx.honourRecommendation.findUnique({ where: key })) throw conflict(YEAR_END_MESSAGES.alreadyRecommended, "already_recommended");
    const rec = await tx.honourRecommendation.create({
      data: { memberId, holderName: honour.holderName, unitId: honour.unitId, unitPath: honour.unitPath, unitName: honour.unitName, honour: honourName, year: honour.year, source: "labour", sourceId: honour.sourceId! },
    });
    await recordEvent(tx, actor, {
      action: "honour.recommended", entityType: "HonourRecommendation", entityId: rec.id, orgId: honour.unitId,
      after: { holder: honour.holderName, honour: honourName, year: honour.year, project: project.name, title: honour.title, honourId: honour.id, campaignId: campaign.id },
    });
    const nomination = await placeRecommendation(tx, rec, actor, campaign.id);
    // nothing stays behind when the campaign does not take it (the transaction rolls back)
    if (!nomination) throw new AppError(400, "not_in_scope", YEAR_END_MESSAGES.notInScope, [{ path: "campaignId", message: YEAR_END_MESSAGES.notInScope }]);
    return { recommendationId: rec.id, nominationId: nomination.id, campaignId: campaign.id, honour: honourName };
  });
}

/** What the year-end page adds to the roll-up: may the reader confirm, how many periods are still open, the register, the campaigns. */
export async function yearEndConfirmation(user: SessionUser, projectId: string) {
  const { org } = await requireProject(user, projectId);
  const canManage = hasPermission(user, "labour:manage", org.path);
  const [openPeriods, honours, campaigns] = await Promise.all([
    db.labourPeriod.count({ where: { projectId, status: { not: "awarded" } } }),
    yearEndHonours(projectId),
    canManage ? openCompetitionCampaigns() : Promise.resolve([]),
  ]);
  return { canManage, openPeriods, honours, campaigns };
}
