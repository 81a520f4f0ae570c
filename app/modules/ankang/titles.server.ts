import { db, type Tx } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import { registerPublicFields } from "~/modules/review-chain/notices.server";
import { newHonourVerifyCode, recordHonour } from "~/modules/honours/honours.server";
import { eligibilityText, mayDayEligible, rankUnits, reasonHalf, TITLE_LABELS, titleEligibility, withdrawalReason, type TitleKind, type TitleRecord } from "./eligibility";
import { canManageCycle, canReviewCycle, enrolmentFacts, loadCycle, ANKANG_MESSAGES } from "./ankang.server";
import { HONOUR_TITLES, titleHistory } from "./facts.server";
import { teamHazards } from "./hazards.server";
import { LEVEL_LABELS, type Level } from "./settings";
import type { z } from "zod";
import type { QuotaInputSchema, RecommendInputSchema } from "./schemas";

// Titles (rules A-5 … ): quotas per region, eligibility with its reasons, the
// recommendation up the review chain (初审 and 公示 as the chain holds them), the approved
// titles into the honours register, and withdrawal from holders that stop competing or fail.

export const TITLE_SUBJECT = "ankang.title";

export const TITLE_MESSAGES = {
  notEligible: "不符合推荐条件 / not eligible",
  notEnrolled: "该单位未报名本周期 / the unit is not enrolled in this cycle",
  teamNotEnrolled: "该班组不在本单位的参赛班组中 / the team does not take part under this unit",
  memberOutside: "该会员不属于参赛单位 / the member does not belong to the unit",
  memberRequired: "先进个人和安康企业家须选择会员 / choose the member",
  duplicate: "已推荐过该称号 / already recommended for this title",
} as const;

registerPublicFields(TITLE_SUBJECT, async (tx, subjectId) => {
  const t = await tx.ankangTitle.findUnique({ where: { id: subjectId } });
  if (!t) return null;
  return { name: t.holderName, sex: "", unit: t.holderName, post: TITLE_LABELS[t.kind as TitleKind] ?? t.kind, deeds: t.finalScore != null ? `考核得分 ${t.finalScore}` : "" };
});

type Client = Tx | typeof db;

export async function setTitleQuota(user: SessionUser, cycleId: string, input: z.infer<typeof QuotaInputSchema>, actor: Actor) {
  const cycle = await loadCycle(db, cycleId);
  if (!canManageCycle(user, cycle)) throw forbidden();
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, path: true } });
  if (!org || !org.path.startsWith(cycle.orgPath)) throw badRequest("名额只能分配给本周期组织单位及其下级 / quotas go to the organising union and the organisations under it", [{ path: "orgId", message: "名额只能分配给本周期组织单位及其下级" }]);
  return db.$transaction(async (tx) => {
    const key = { cycleId_orgId_kind: { cycleId, orgId: org.id, kind: input.kind } };
    const before = await tx.ankangQuota.findUnique({ where: key });
    const q = await tx.ankangQuota.upsert({ where: key, create: { cycleId, orgId: org.id, kind: input.kind, allowed: input.allowed }, update: { allowed: input.allowed } });
    await recordEvent(tx, actor, { action: "ankang.quota-set", entityType: "AnkangCycle", entityId: cycleId, orgId: org.id, before: before && { allowed: before.allowed }, after: input });
    return q;
  });
}

/** rule A-5: the quota that binds a holder: the nearest organisation above it (or itself) with a quota for the kind. */
async function quotaFor(client: Client, cycleId: string, holderPath: string, kind: TitleKind) {
  const quotas = await client.ankangQuota.findMany({ where: { cycleId, kind } });
  if (quotas.length === 0) return null;
  const orgs = await client.organisation.findMany({ where: { id: { in: quotas.map((q) => q.orgId) } }, select: { id: true, path: true } });
  const candidates = orgs.filter((o) => holderPath.startsWith(o.path)).sort((a, b) => b.path.length - a.path.length);
  const binding = candidates[0];
  if (!binding) return null;
  const allowed = quotas.find((q) => q.orgId === binding.id)!.allowed;
  const used = await client.ankangTitle.count({ where: { cycleId, kind, status: { in: ["recommended", "approved"] }, holderOrgPath: { startsWith: binding.path } } });
  return { allowed, used, orgId: binding.id };
}

/** Eligibility of one holder for one title, with every reason (rules A-5 … ). */
export async function titleCheck(client: Client, cycleId: string, input: { holderOrgId: string; kind: TitleKind; memberId?: string | null; threeViolations?: number }, now = new Date()) {
  const cycle = await loadCycle(client, cycleId);
  const holder = await client.organisation.findUnique({ where: { id: input.holderOrgId }, select: { id: true, name: true, path: true, type: true, parentId: true, unitCategory: true } });
  if (!holder) throw notFound(ANKANG_MESSAGES.orgNotFound);
  // a 班组 is assessed with its unit's enrolment (rule A-3: its enterprise must be registered)
  const unitId = input.kind === "winnerTeam" ? holder.parentId ?? holder.id : holder.id;
  const enrolment = await client.ankangEnrolment.findUnique({ where: { cycleId_unitId: { cycleId, unitId } } });
  if (!enrolment) throw badRequest(TITLE_MESSAGES.notEnrolled, [{ path: "holderOrgId", message: TITLE_MESSAGES.notEnrolled }], "not_enrolled");
  if (input.kind === "winnerTeam" && !(JSON.parse(enrolment.teamIds) as string[]).includes(holder.id))
    throw badRequest(TITLE_MESSAGES.teamNotEnrolled, [{ path: "holderOrgId", message: TITLE_MESSAGES.teamNotEnrolled }], "not_enrolled");
  let member: { id: string; name: string } | null = null;
  if (input.kind === "individual" || input.kind === "entrepreneur") {
    if (!input.memberId) throw badRequest(TITLE_MESSAGES.memberRequired, [{ path: "memberId", message: TITLE_MESSAGES.memberRequired }]);
    const m = await client.member.findUnique({ where: { id: input.memberId }, select: { id: true, name: true, org: { select: { path: true } } } });
    if (!m || !m.org.path.startsWith(holder.path)) throw badRequest(TITLE_MESSAGES.memberOutside, [{ path: "memberId", message: TITLE_MESSAGES.memberOutside }]);
    member = { id: m.id, name: m.name };
  }
  const f = await enrolmentFacts(client, enrolment, cycle);
  const level = cycle.level as Level;
  const history: TitleRecord[] = await titleHistory(client, holder.id);
  const team = input.kind === "winnerTeam" ? { threeViolations: input.threeViolations ?? 0, ...(await teamHazards(holder.id, now)) } : undefined;
  const quota = await quotaFor(client, cycleId, holder.path, input.kind);
  const result = titleEligibility({
    kind: input.kind, level, year: cycle.endYear, conditions: f.conditions, finalScore: f.finalScore, fullMarks: f.fullMarks, vetoes: f.vetoes,
    agreementSigned: f.agreementSigned, history, team, quota, holder: { type: holder.type, unitCategory: holder.unitCategory },
  }, f.settings);
  return { cycle, holder, enrolment, member, facts: f, result, level, mayDay: mayDayEligible(history, cycle.endYear, f.settings) };
}

/** A unit recommends (bottom-up, rule A-15); an ineligible holder is refused with the reasons and nothing is written. */
export async function recommendTitle(user: SessionUser, cycleId: string, input: z.infer<typeof RecommendInputSchema>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const c = await titleCheck(tx, cycleId, input);
    if (!hasPermission(user, "ankang:unit", c.enrolment.unitPath) && !canManageCycle(user, c.cycle)) throw forbidden();
    if (!c.result.eligible) {
      const issues = c.result.refusals.map((r) => ({ path: r.code, message: r.reason }));
      const [zh, en] = TITLE_MESSAGES.notEligible.split(" / ");
      throw new AppError(422, "not_eligible", `${zh}：${c.result.refusals.map((r) => reasonHalf(r.reason, "zh")).join("；")} / ${en}: ${c.result.refusals.map((r) => reasonHalf(r.reason, "en")).join("; ")}`, issues, { refusals: c.result.refusals });
    }
    const memberId = c.member?.id ?? "";
    if (await tx.ankangTitle.findUnique({ where: { cycleId_holderOrgId_kind_memberId: { cycleId, holderOrgId: c.holder.id, kind: input.kind, memberId } } })) throw conflict(TITLE_MESSAGES.duplicate, "duplicate");
    const holderName = c.member ? c.member.name : c.holder.name;
    const title = await tx.ankangTitle.create({
      data: { cycleId, holderOrgId: c.holder.id, holderOrgPath: c.holder.path, holderName, memberId, kind: input.kind, level: c.level, year: c.cycle.endYear, finalScore: c.facts.finalScore },
    });
    const submission = await submitForReview(tx, user, {
      roundId: input.roundId, subjectType: TITLE_SUBJECT, subjectId: title.id, title: `${holderName} · ${LEVEL_LABELS[c.level]}${TITLE_LABELS[input.kind]}`,
      category: TITLE_LABELS[input.kind], submitterOrgId: c.enrolment.unitId,
    }, actor);
    await tx.ankangTitle.update({ where: { id: title.id }, data: { reviewSubmissionId: submission.id } });
    await recordEvent(tx, actor, { action: "ankang.title-recommended", entityType: "AnkangTitle", entityId: title.id, orgId: c.enrolment.unitId, after: { kind: input.kind, level: c.level, holder: holderName, finalScore: c.facts.finalScore, submissionId: submission.id } });
    return { id: title.id, submissionId: submission.id, status: title.status };
  });
}

/** Titles whose recommendation the chain approved enter the honours register; refused or withdrawn ones are marked. */
export async function recordTitleDecisions(user: SessionUser, cycleId: string, actor: Actor) {
  const cycle = await loadCycle(db, cycleId);
  if (!canManageCycle(user, cycle)) throw forbidden();
  const open = await db.ankangTitle.findMany({ where: { cycleId, status: "recommended", reviewSubmissionId: { not: null } } });
  const submissions = await db.reviewSubmission.findMany({ where: { id: { in: open.map((t) => t.reviewSubmissionId!) } }, select: { id: true, status: true } });
  const union = await db.organisation.findUniqueOrThrow({ where: { id: cycle.orgId }, select: { name: true } });
  let approved = 0, refused = 0;
  for (const t of open) {
    const s = submissions.find((x) => x.id === t.reviewSubmissionId);
    if (!s || s.status === "pending" || s.status === "returned") continue;
    await db.$transaction(async (tx) => {
      if (s.status === "approved") {
        const honour = await recordHonour(tx, {
          ...(t.memberId ? { memberId: t.memberId } : { orgId: t.holderOrgId }),
          title: `${cycle.name}${HONOUR_TITLES[t.kind as TitleKind]}`, level: t.level as Level, year: t.year, issuingBody: union.name, source: "ankang", sourceId: t.id,
        }, actor, { verifyCode: newHonourVerifyCode() }); // /verify/:code answers for it, and says so when it is withdrawn (rule A-7)
        await tx.ankangTitle.update({ where: { id: t.id }, data: { status: "approved", honourId: honour.id } });
        await recordEvent(tx, actor, { action: "ankang.title-approved", entityType: "AnkangTitle", entityId: t.id, orgId: t.holderOrgId, after: { honourId: honour.id } });
        approved++;
      } else {
        await tx.ankangTitle.update({ where: { id: t.id }, data: { status: "refused" } });
        await recordEvent(tx, actor, { action: "ankang.title-refused", entityType: "AnkangTitle", entityId: t.id, orgId: t.holderOrgId, after: { chainStatus: s.status } });
        refused++;
      }
    });
  }
  return { approved, refused };
}

/** The titles of a cycle (managers and reviewers all; a unit its own). */
export async function listTitles(user: SessionUser, cycleId: string) {
  const cycle = await loadCycle(db, cycleId);
  const all = await db.ankangTitle.findMany({ where: { cycleId }, orderBy: { createdAt: "asc" } });
  const wide = canManageCycle(user, cycle) || canReviewCycle(user, cycle);
  const rows = wide ? all : all.filter((t) => hasPermission(user, "ankang:unit", t.holderOrgPath));
  if (!wide && !hasPermission(user, "ankang:unit") ) throw forbidden();
  const quotas = await db.ankangQuota.findMany({ where: { cycleId } });
  const qOrgs = new Map((await db.organisation.findMany({ where: { id: { in: quotas.map((q) => q.orgId) } }, select: { id: true, name: true, path: true } })).map((o) => [o.id, o]));
  return {
    titles: rows.map((t) => ({ id: t.id, holderName: t.holderName, holderOrgId: t.holderOrgId, kind: t.kind, kindLabel: TITLE_LABELS[t.kind as TitleKind], level: t.level, year: t.year, status: t.status, finalScore: t.finalScore, submissionId: t.reviewSubmissionId, honourId: t.honourId, withdrawnReason: t.withdrawnReason })),
    quotas: quotas.map((q) => ({ orgId: q.orgId, orgName: qOrgs.get(q.orgId)?.name ?? "", kind: q.kind, kindLabel: TITLE_LABELS[q.kind as TitleKind], allowed: q.allowed, used: all.filter((t) => t.kind === q.kind && (t.status === "recommended" || t.status === "approved") && t.holderOrgPath.startsWith(qOrgs.get(q.orgId)?.path ?? "\u0000")).length })),
  };
}

/**
 * The cycle's units ranked by final score, each with its 优胜单位 eligibility and reasons
 * (rules ), and the A-13 flag. For managers and reviewers.
 */
export async function cycleStandings(user: SessionUser, cycleId: string) {
  const cycle = await loadCycle(db, cycleId);
  if (!canManageCycle(user, cycle) && !canReviewCycle(user, cycle)) throw forbidden();
  const enrolments = await db.ankangEnrolment.findMany({ where: { cycleId } });
  const rows = [];
  for (const e of enrolments) {
    const c = await titleCheck(db, cycleId, { holderOrgId: e.unitId, kind: "winnerUnit" });
    rows.push({ unitId: e.unitId, unitName: e.unitName, enrolmentId: e.id, score: c.facts.finalScore, eligible: c.result.eligible, refusals: c.result.refusals.map((r) => r.reason), mayDay: c.mayDay });
  }
  const ranked = rankUnits(rows.map((r) => ({ unitId: r.unitId, score: r.score, eligible: r.eligible })));
  const rank = new Map(ranked.map((r) => [r.unitId, r.rank]));
  return rows.map((r) => ({ ...r, rank: rank.get(r.unitId) ?? null })).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unitName.localeCompare(b.unitName, "zh"));
}

/**
 * rule A-7: holders of this level's 优胜单位 / 优胜班组 under the cycle's union that did not enrol
 * in this cycle, or enrolled and failed (a basic condition, a veto, or below the threshold),
 * lose the title: the register row is revoked with the reason.
 */
export async function withdrawLapsedTitles(user: SessionUser, cycleId: string, actor: Actor, now = new Date()) {
  const cycle = await loadCycle(db, cycleId);
  if (!canManageCycle(user, cycle)) throw forbidden();
  const names = [HONOUR_TITLES.winnerUnit, HONOUR_TITLES.winnerTeam];
  const holders = await db.honour.findMany({ where: { revokedAt: null, level: cycle.level, year: { lt: cycle.startYear }, orgId: { not: null }, unitPath: { startsWith: cycle.orgPath }, OR: names.map((n) => ({ title: { contains: n } })) } });
  const withdrawn: { honourId: string; holderName: string; reason: string }[] = [];
  for (const h of holders) {
    const isTeam = h.title.includes(HONOUR_TITLES.winnerTeam);
    const org = await db.organisation.findUnique({ where: { id: h.orgId! }, select: { id: true, parentId: true } });
    if (!org) continue;
    const unitId = isTeam ? org.parentId ?? org.id : org.id;
    const enrolment = await db.ankangEnrolment.findUnique({ where: { cycleId_unitId: { cycleId, unitId } } });
    const competed = !!enrolment && (!isTeam || (JSON.parse(enrolment.teamIds) as string[]).includes(org.id));
    let failReasons: string[] = [];
    if (enrolment && competed) {
      const f = await enrolmentFacts(db, enrolment, cycle);
      if (f.finalScore == null) continue; // not assessed yet: nothing to decide
      failReasons = [...f.conditions.filter((c) => !c.met).map((c) => c.reason), ...f.vetoes.map((v) => eligibilityText("vetoItem", { item: v }))];
      if (f.finalScore < f.settings.minSelfAssessment) failReasons.push(eligibilityText("scoreFailed", { score: f.finalScore }));
    }
    const reason = withdrawalReason({ competed, failed: failReasons.length > 0, failReasons });
    if (!reason) continue;
    await db.$transaction(async (tx) => {
      const updated = await tx.honour.updateMany({ where: { id: h.id, revokedAt: null }, data: { revokedAt: now, revocationReason: reason } });
      if (updated.count !== 1) return;
      if (h.certificateId) await tx.certificate.updateMany({ where: { id: h.certificateId, revokedAt: null }, data: { revokedAt: now } });
      await recordEvent(tx, actor, { action: "honour.revoked", entityType: "Honour", entityId: h.id, orgId: h.unitId, before: { revokedAt: null }, after: { reason, cycleId, rule: "A-7" } });
      // the 安康杯 title the honour came from shows it withdrawn, with the same reason
      if (h.source === "ankang" && h.sourceId) {
        const title = await tx.ankangTitle.updateMany({ where: { id: h.sourceId, status: "approved" }, data: { status: "withdrawn", withdrawnReason: reason } });
        if (title.count === 1)
          await recordEvent(tx, actor, { action: "ankang.title-withdrawn", entityType: "AnkangTitle", entityId: h.sourceId, orgId: h.orgId, before: { status: "approved" }, after: { status: "withdrawn", reason, cycleId, honourId: h.id, rule: "A-7" } });
      }
    });
    withdrawn.push({ honourId: h.id, holderName: h.holderName, reason });
  }
  return { withdrawn };
}

/** The eligibility check as a reader sees it (the unit itself, managers, reviewers). */
export async function eligibilityFor(user: SessionUser, cycleId: string, input: { holderOrgId: string; kind: TitleKind; memberId?: string }) {
  const c = await titleCheck(db, cycleId, input);
  if (!hasPermission(user, "ankang:unit", c.enrolment.unitPath) && !canManageCycle(user, c.cycle) && !canReviewCycle(user, c.cycle)) throw forbidden();
  return { eligible: c.result.eligible, refusals: c.result.refusals, finalScore: c.facts.finalScore, mayDayEligible: c.mayDay };
}

/** One recommendation for its page (linked from the review chain): who may see the cycle's titles. */
export async function getTitle(user: SessionUser, titleId: string) {
  const x = await db.ankangTitle.findUnique({ where: { id: titleId } });
  if (!x) throw notFound();
  const cycle = await loadCycle(db, x.cycleId);
  const reviewingChain = x.reviewSubmissionId ? hasPermission(user, "ankang:review", x.holderOrgPath) : false;
  if (!canManageCycle(user, cycle) && !canReviewCycle(user, cycle) && !hasPermission(user, "ankang:unit", x.holderOrgPath) && !reviewingChain) throw forbidden();
  const enrolment = await db.ankangEnrolment.findFirst({ where: { cycleId: x.cycleId, OR: [{ unitId: x.holderOrgId }, { teamIds: { contains: x.holderOrgId } }] }, select: { id: true } });
  let refusals: string[] = [];
  try {
    const c = await titleCheck(db, x.cycleId, { holderOrgId: x.holderOrgId, kind: x.kind as TitleKind, memberId: x.memberId || null });
    // its own place in the quota is not a reason against it
    refusals = c.result.refusals.filter((r) => r.code !== "quota").map((r) => r.reason);
  } catch { refusals = []; }
  return {
    id: x.id, cycleId: x.cycleId, cycleName: cycle.name, holderName: x.holderName, kind: x.kind, kindLabel: TITLE_LABELS[x.kind as TitleKind], level: x.level, year: x.year,
    status: x.status, finalScore: x.finalScore, submissionId: x.reviewSubmissionId, enrolmentId: enrolment?.id ?? null, refusals, withdrawnReason: x.withdrawnReason,
  };
}
