import { db } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { saveUpload } from "~/modules/files/files.server";
import { revokeHonour } from "./awards.server";
import type { PioneerDecisionInput, PioneerOpenInput, PioneerReportInput } from "./schemas";

// 工人先锋号 复审 / dynamic management (rule N-41, issue 13 item 7):
//  - a reviewer of the awarding level opens a round (one period, a year) for the live 工人先锋号
//    titles in its subtree: by default those it issued itself, or the ones it picks;
//  - each holder's unit contact (award:nominate over the team) reports: text and an optional scan;
//  - the reviewer keeps or withdraws the title with a reason; withdrawal revokes the honour in
//    the register (revokeHonour), so its certificate's /verify page says 已撤销.
// One review per honour and period (unique), whichever level opened it.

export const PIONEER_TITLE = "工人先锋号";
export const PIONEER_REPORT_PURPOSE = "pioneer-report";

export const PIONEER_MESSAGES = {
  orgNotFound: "找不到该审核单位 / reviewing organisation not found",
  reviewNotFound: "找不到该复审记录 / review not found",
  noHolders: "本单位范围内没有可复审的工人先锋号（有效且由本单位授予）/ no live 工人先锋号 titles issued by this organisation in its subtree",
  outsideScope: "所选集体不是本单位范围内有效的工人先锋号，不能复审 / a chosen holder is not a live 工人先锋号 within this organisation's subtree",
  alreadyOpen: "所选工人先锋号本期已在复审中 / this period's review is already open for the chosen titles",
  alreadyReported: "本期复审已报送，不能重复报送 / this period's report has already been sent",
  alreadyDecided: "本期复审已有结论，不能重复处理 / this review has already been decided",
  honourRevoked: "该荣誉已撤销，无需复审结论 / the honour is already revoked",
} as const;

const isPioneer = (title: string) => title.includes(PIONEER_TITLE);

export type PioneerStatus = "pending" | "reported" | "kept" | "withdrawn";

/** Opens a 复审 round: award:review over the reviewing organisation. Nothing is created when any chosen holder is refused. */
export async function openPioneerReviews(user: SessionUser, input: PioneerOpenInput, actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, name: true, path: true } });
  if (!org) throw notFound(PIONEER_MESSAGES.orgNotFound);
  if (!hasPermission(user, "award:review", org.path)) throw forbidden();
  const chosen = input.honourIds?.length ? [...new Set(input.honourIds)] : null;
  const honours = chosen
    ? await db.honour.findMany({ where: { id: { in: chosen } } })
    : await db.honour.findMany({ where: { unitPath: { startsWith: org.path }, revokedAt: null, title: { contains: PIONEER_TITLE }, issuingBody: org.name } });
  if (chosen) {
    const valid = honours.filter((h) => isPioneer(h.title) && !h.revokedAt && h.unitPath.startsWith(org.path));
    if (valid.length !== chosen.length) throw badRequest(PIONEER_MESSAGES.outsideScope, [{ path: "honourIds", message: PIONEER_MESSAGES.outsideScope }], "outside_scope");
  }
  if (honours.length === 0) throw badRequest(PIONEER_MESSAGES.noHolders, [{ path: "orgId", message: PIONEER_MESSAGES.noHolders }], "no_holders");
  return db.$transaction(async (tx) => {
    const existing = await tx.pioneerReview.findMany({ where: { period: input.period, honourId: { in: honours.map((h) => h.id) } }, select: { honourId: true } });
    const taken = new Set(existing.map((e) => e.honourId));
    const fresh = honours.filter((h) => !taken.has(h.id));
    if (fresh.length === 0) throw conflict(PIONEER_MESSAGES.alreadyOpen, "already_open");
    const created = [];
    for (const h of fresh) {
      const review = await tx.pioneerReview.create({ data: { honourId: h.id, period: input.period, orgId: org.id, orgPath: org.path } });
      created.push(review);
    }
    await recordEvent(tx, actor, {
      action: "pioneer-review.opened", entityType: "Organisation", entityId: org.id, orgId: org.id,
      after: { period: input.period, reviews: created.map((r) => r.id), holders: fresh.map((h) => h.holderName), skipped: honours.length - fresh.length },
    });
    return { period: input.period, created: created.map((r) => r.id), skipped: honours.length - fresh.length };
  });
}

async function loadReview(reviewId: string) {
  const review = await db.pioneerReview.findUnique({ where: { id: reviewId } });
  if (!review) throw notFound(PIONEER_MESSAGES.reviewNotFound);
  const honour = await db.honour.findUniqueOrThrow({ where: { id: review.honourId } });
  return { review, honour };
}

const mayReview = (user: SessionUser, review: { orgPath: string }) => hasPermission(user, "award:review", review.orgPath);
const mayReport = (user: SessionUser, honour: { unitPath: string }) => hasPermission(user, "award:nominate", honour.unitPath);

/** The holder's report (period text, optional scan): award:nominate over the holder's unit, once. */
export async function reportPioneerReview(user: SessionUser, reviewId: string, input: PioneerReportInput, file: unknown, actor: Actor) {
  const { review, honour } = await loadReview(reviewId);
  if (!mayReport(user, honour)) {
    if (!mayReview(user, review) && !hasPermission(user, "honour:read", honour.unitPath)) throw notFound(PIONEER_MESSAGES.reviewNotFound);
    throw forbidden();
  }
  if (review.status !== "pending") throw conflict(review.status === "reported" ? PIONEER_MESSAGES.alreadyReported : PIONEER_MESSAGES.alreadyDecided, "already_done");
  const hasFile = file instanceof File && file.size > 0;
  const stored = hasFile ? await saveUpload(file, { purpose: PIONEER_REPORT_PURPOSE, allowedTypes: ["pdf", "jpeg", "png"], field: "file", orgId: honour.unitId }, actor) : null;
  return db.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.pioneerReview.updateMany({
      where: { id: review.id, status: "pending" },
      data: { status: "reported", report: input.report, reportFileId: stored?.id ?? null, reportedById: user.id, reportedAt: now },
    });
    if (updated.count !== 1) throw conflict(PIONEER_MESSAGES.alreadyReported, "already_done");
    await recordEvent(tx, actor, {
      action: "pioneer-review.reported", entityType: "PioneerReview", entityId: review.id, orgId: honour.unitId,
      before: { status: review.status }, after: { status: "reported", period: review.period, fileId: stored?.id ?? null },
    });
    return tx.pioneerReview.findUniqueOrThrow({ where: { id: review.id } });
  });
}

/** The reviewer keeps or withdraws the title (rule N-41), with a reason; withdrawal revokes the honour. */
export async function decidePioneerReview(user: SessionUser, reviewId: string, input: PioneerDecisionInput, actor: Actor) {
  const { review, honour } = await loadReview(reviewId);
  if (!mayReview(user, review)) {
    if (!mayReport(user, honour) && !hasPermission(user, "honour:read", honour.unitPath)) throw notFound(PIONEER_MESSAGES.reviewNotFound);
    throw forbidden();
  }
  if (review.status === "kept" || review.status === "withdrawn") throw conflict(PIONEER_MESSAGES.alreadyDecided, "already_done");
  if (honour.revokedAt) throw conflict(PIONEER_MESSAGES.honourRevoked, "revoked");
  const status = input.decision === "withdraw" ? "withdrawn" : "kept";
  return db.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.pioneerReview.updateMany({
      where: { id: review.id, status: { in: ["pending", "reported"] } },
      data: { status, reason: input.reason, reviewedById: user.id, reviewedAt: now },
    });
    if (updated.count !== 1) throw conflict(PIONEER_MESSAGES.alreadyDecided, "already_done");
    if (status === "withdrawn") await revokeHonour(tx, honour.id, `工人先锋号复审撤销称号（${review.period}年度）：${input.reason}`, actor, now);
    await recordEvent(tx, actor, {
      action: status === "withdrawn" ? "pioneer-review.withdrawn" : "pioneer-review.kept", entityType: "PioneerReview", entityId: review.id, orgId: review.orgId,
      before: { status: review.status }, after: { status, reason: input.reason, honourId: honour.id },
    });
    return tx.pioneerReview.findUniqueOrThrow({ where: { id: review.id } });
  });
}

export type PioneerReviewView = Awaited<ReturnType<typeof viewReviews>>[number];

async function viewReviews(user: SessionUser, rows: Awaited<ReturnType<typeof db.pioneerReview.findMany>>) {
  const honourIds = [...new Set(rows.map((r) => r.honourId))];
  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const [honours, orgs] = await Promise.all([
    honourIds.length ? db.honour.findMany({ where: { id: { in: honourIds } } }) : Promise.resolve([]),
    orgIds.length ? db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }) : Promise.resolve([]),
  ]);
  const honourById = new Map(honours.map((h) => [h.id, h]));
  return rows.flatMap((r) => {
    const h = honourById.get(r.honourId);
    if (!h) return [];
    return [{
      id: r.id, period: r.period, status: r.status as PioneerStatus,
      honour: { id: h.id, title: h.title, holderName: h.holderName, unitName: h.unitName, year: h.year, issuingBody: h.issuingBody, revokedAt: h.revokedAt?.toISOString() ?? null },
      reviewingOrg: { id: r.orgId, name: orgs.find((o) => o.id === r.orgId)?.name ?? r.orgId },
      report: r.report, reportFileId: r.reportFileId, reportedAt: r.reportedAt?.toISOString() ?? null,
      reason: r.reason, reviewedAt: r.reviewedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
      mayReport: r.status === "pending" && mayReport(user, h),
      mayDecide: (r.status === "pending" || r.status === "reported") && !h.revokedAt && mayReview(user, r),
    }];
  });
}

/** The reviews a user sees: as reviewer (award:review over the reviewing org), as holder's contact, or as reader of the register. */
export async function listPioneerReviews(user: SessionUser, filter: { period?: number; status?: string } = {}) {
  const reviewScopes = userScope(user, "award:review");
  const holderScopes = [...userScope(user, "award:nominate"), ...userScope(user, "honour:read")];
  if (reviewScopes.length === 0 && holderScopes.length === 0) throw forbidden();
  const holderHonours = holderScopes.length
    ? await db.honour.findMany({ where: { title: { contains: PIONEER_TITLE }, OR: holderScopes.map((p) => ({ unitPath: { startsWith: p } })) }, select: { id: true }, take: 5000 })
    : [];
  const rows = await db.pioneerReview.findMany({
    where: {
      AND: [
        { OR: [...reviewScopes.map((p) => ({ orgPath: { startsWith: p } })), ...(holderHonours.length ? [{ honourId: { in: holderHonours.map((h) => h.id) } }] : [])] },
        filter.period ? { period: filter.period } : {},
        filter.status ? { status: filter.status } : {},
      ],
    },
    orderBy: [{ period: "desc" }, { createdAt: "asc" }],
    take: 1000,
  });
  return viewReviews(user, rows);
}

/** One review for its page and the API (404 to anyone who may not see it). */
export async function getPioneerReview(user: SessionUser, reviewId: string) {
  const { review, honour } = await loadReview(reviewId);
  if (!mayReview(user, review) && !mayReport(user, honour) && !hasPermission(user, "honour:read", honour.unitPath)) throw notFound(PIONEER_MESSAGES.reviewNotFound);
  return (await viewReviews(user, [review]))[0];
}

/** The 复审 history of one honour, for the honour's page. */
export async function pioneerReviewsOfHonour(user: SessionUser, honourId: string) {
  const rows = await db.pioneerReview.findMany({ where: { honourId }, orderBy: { period: "desc" } });
  return viewReviews(user, rows);
}

/** The organisations a user may open a round at (award:review), for the page's form. */
export async function pioneerReviewOrgs(user: SessionUser) {
  const scopes = userScope(user, "award:review");
  if (scopes.length === 0) return [];
  return db.organisation.findMany({ where: { path: { in: scopes } }, select: { id: true, name: true }, orderBy: { path: "asc" } });
}

/** May this user read the report file of a review (its reviewer, the holder's contact, a register reader)? */
export async function mayReadPioneerReportFile(user: SessionUser, fileId: string) {
  const review = await db.pioneerReview.findFirst({ where: { reportFileId: fileId } });
  if (!review) return false;
  const honour = await db.honour.findUnique({ where: { id: review.honourId }, select: { unitPath: true } });
  return !!honour && (mayReview(user, review) || mayReport(user, honour) || hasPermission(user, "honour:read", honour.unitPath));
}
