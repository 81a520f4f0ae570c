import { db, type Tx } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import { AWARDS, type AwardKey } from "~/modules/nominations/domain";
import { newHonourVerifyCode, recordHonour, HONOUR_MESSAGES } from "./honours.server";
import { revocationReasonText } from "./revocation-grounds";
import type { HonourLevel } from "./honour-levels";
import type { RevocationInput } from "./schemas";
import { inspectUpload, saveUpload } from "~/modules/files/files.server";

/** The purpose of a revocation's documents in the file store (attachments.server.ts decides who reads them). */
export const REVOCATION_DOCUMENT_PURPOSE = "revocation-document";

// From approval to the register, and back out of it (issue 13 item 5):
//  - an approved nomination becomes an Honour with its own verification code (/verify/:code);
//  - a revocation climbs the review chain as subject type honours.revocation (rules N-40 … N-42)
//    and, approved at the top, revokes the honour: /verify then shows 已撤销.

export const REVOCATION_SUBJECT = "honours.revocation";
export const AWARD_MESSAGES = {
  alreadyRevoked: "该荣誉已撤销 / the honour is already revoked",
  pending: "该荣誉已有撤销申请在审核中 / a revocation of this honour is already under review",
  approverNotAbove: "审批单位须为申报单位的上级 / the approving organisation must be above the reporting unit",
  revocationNotFound: "找不到该撤销申请 / revocation not found",
} as const;

const newVerifyCode = newHonourVerifyCode;

/** "浙江省总工会" → "浙江省"; the national level is "全国". */
function titlePrefix(level: string, topOrgName: string) {
  if (level === "national") return "全国";
  return topOrgName.replace(/(总工会|工会联合会|工会)$/, "");
}

/**
 * For the nominations module: record one approved nomination in the register, in the approving
 * transaction. Idempotent (source "nomination", the nomination's id, the title).
 */
export async function recordApprovedNomination(tx: Tx, nominationId: string, actor: Actor) {
  const n = await tx.nomination.findUnique({ where: { id: nominationId }, include: { campaign: { include: { round: true } } } });
  if (!n) return null;
  const top = await tx.organisation.findUnique({ where: { id: n.campaign.round.topOrgId }, select: { name: true } });
  const award = AWARDS[n.award as AwardKey];
  const title = `${titlePrefix(n.campaign.level, top?.name ?? "")}${award?.label ?? n.award}`;
  // A collective is the nominating unit, or the 班组 of that name under it (工人先锋号).
  let holder: { memberId?: string; orgId?: string } = n.memberId ? { memberId: n.memberId } : { orgId: n.orgId };
  if (!n.memberId) {
    const unit = await tx.organisation.findUnique({ where: { id: n.orgId }, select: { path: true } });
    const team = unit ? await tx.organisation.findFirst({ where: { path: { startsWith: unit.path }, name: n.name }, select: { id: true } }) : null;
    if (team) holder = { orgId: team.id };
  }
  return recordHonour(tx, {
    ...holder, title, level: n.campaign.level as HonourLevel, year: n.campaign.year, issuingBody: top?.name ?? "",
    source: "nomination", sourceId: n.id,
  }, actor, { verifyCode: newVerifyCode() });
}

/** The nominations module's onListApproved: every approved candidate into the register. */
export async function recordApprovedNominations(tx: Tx, approved: readonly { id: string }[], actor: Actor) {
  for (const a of approved) await recordApprovedNomination(tx, a.id, actor);
}

/** Revoke an honour in the caller's transaction: the honour, its certificate, an event. */
export async function revokeHonour(tx: Tx, honourId: string, reason: string, actor: Actor, at = new Date()) {
  const honour = await tx.honour.findUnique({ where: { id: honourId } });
  if (!honour) throw notFound(HONOUR_MESSAGES.honourNotFound);
  if (honour.revokedAt) return honour;
  const revoked = await tx.honour.update({ where: { id: honourId }, data: { revokedAt: at, revocationReason: reason } });
  if (honour.certificateId) await tx.certificate.updateMany({ where: { id: honour.certificateId, revokedAt: null }, data: { revokedAt: at } });
  await recordEvent(tx, actor, { action: "honour.revoked", entityType: "Honour", entityId: honourId, orgId: honour.unitId, before: { revokedAt: null }, after: { revokedAt: at.toISOString(), reason } });
  return revoked;
}

// ------------------------------------------------------------------ revocation up the review chain

/** The standing revocation round of an approving organisation (one per organisation, created on first use). */
const ALL_REVIEWING_TYPES = JSON.stringify(["provincial", "national_industry", "city", "county", "industry"]);

/**
 * The round a revocation climbs (rule N-40: back up the same chain): one open round per naming body
 * and per set of reviewing levels, those of the campaign that gave the honour when it came from a
 * nomination (a city-only campaign is revoked by the city alone), otherwise every level.
 */
async function revocationRound(tx: Tx, topOrgId: string, actor: Actor, reviewingTypes: string = ALL_REVIEWING_TYPES) {
  const open = await tx.reviewRound.findFirst({ where: { subjectType: REVOCATION_SUBJECT, topOrgId, status: "open", reviewingTypes } });
  if (open) return open;
  const top = await tx.organisation.findUniqueOrThrow({ where: { id: topOrgId }, select: { name: true } });
  const round = await tx.reviewRound.create({
    data: { subjectType: REVOCATION_SUBJECT, title: `${top.name}荣誉称号撤销`, topOrgId, reviewingTypes, createdById: actor.userId },
  });
  await recordEvent(tx, actor, { action: "review-round.created", entityType: "ReviewRound", entityId: round.id, orgId: topOrgId, after: { subjectType: REVOCATION_SUBJECT } });
  return round;
}

/**
 * Rule N-40: the original nominating unit reports a revocation upward; each level reviews; the
 * naming body approves. The reporting unit needs award:nominate over itself (checked by the chain).
 */
export async function requestRevocation(user: SessionUser, honourId: string, input: RevocationInput, actor: Actor, files: readonly unknown[] = []) {
  const honour = await db.honour.findUnique({ where: { id: honourId } });
  if (!honour) throw notFound(HONOUR_MESSAGES.honourNotFound);
  if (honour.revokedAt) throw conflict(AWARD_MESSAGES.alreadyRevoked, "revoked");
  const nomination = honour.source === "nomination" && honour.sourceId
    ? await db.nomination.findUnique({ where: { id: honour.sourceId }, select: { orgId: true, campaign: { select: { round: { select: { topOrgId: true, reviewingTypes: true } } } } } })
    : null;
  let submitterOrgId = input.submitterOrgId ?? nomination?.orgId ?? null;
  submitterOrgId ??= honour.unitId;
  const [unit, approver] = await Promise.all([
    db.organisation.findUnique({ where: { id: submitterOrgId }, select: { id: true, path: true } }),
    db.organisation.findUnique({ where: { id: input.approvingOrgId }, select: { id: true, path: true } }),
  ]);
  if (!unit || !approver) throw notFound(HONOUR_MESSAGES.orgNotFound);
  if (!hasPermission(user, "award:nominate", unit.path)) throw forbidden();
  if (!unit.path.startsWith(approver.path) || unit.id === approver.id) throw badRequest(AWARD_MESSAGES.approverNotAbove, [{ path: "approvingOrgId", message: AWARD_MESSAGES.approverNotAbove }]);
  if (await db.honourRevocation.findFirst({ where: { honourId, status: "pending" } })) throw conflict(AWARD_MESSAGES.pending, "pending");
  // documents (judgment, decision, the 撤销申报表): stored only once every check above has passed
  const documents: { fileId: string; label: string }[] = [];
  const rules = { purpose: REVOCATION_DOCUMENT_PURPOSE, allowedTypes: ["pdf", "jpeg", "png"] as const, field: "documents", orgId: unit.id };
  const given = files.filter((file): file is File => file instanceof File && file.size > 0);
  // every document checked before the first is stored: a refused one refuses the report and leaves nothing behind
  for (const file of given) await inspectUpload(file, rules);
  for (const file of given) {
    const stored = await saveUpload(file, rules, actor);
    documents.push({ fileId: stored.id, label: stored.filename });
  }
  return db.$transaction(async (tx) => {
    if (await tx.honourRevocation.findFirst({ where: { honourId, status: "pending" } })) throw conflict(AWARD_MESSAGES.pending, "pending");
    // the same chain as the nomination when the naming body is the campaign's approving level
    const sameChain = nomination && nomination.campaign.round.topOrgId === approver.id ? nomination.campaign.round.reviewingTypes : undefined;
    const round = await revocationRound(tx, approver.id, actor, sameChain);
    const revocation = await tx.honourRevocation.create({
      data: { honourId, grounds: JSON.stringify(input.grounds), details: input.details, documents: JSON.stringify(documents), orgId: unit.id, createdById: user.id },
    });
    const submission = await submitForReview(tx, user, {
      roundId: round.id, subjectType: REVOCATION_SUBJECT, subjectId: revocation.id, title: `撤销「${honour.title}」· ${honour.holderName}`, submitterOrgId: unit.id,
    }, actor);
    await tx.honourRevocation.update({ where: { id: revocation.id }, data: { submissionId: submission.id } });
    await recordEvent(tx, actor, { action: "honour.revocation-requested", entityType: "HonourRevocation", entityId: revocation.id, orgId: unit.id, after: { honourId, grounds: input.grounds, documents: documents.map((d) => d.fileId) } });
    return { ...revocation, submissionId: submission.id };
  });
}

/** The chain's decision on a revocation: approved revokes the honour; refused or withdrawn closes it. */
export async function followRevocationDecision(tx: Tx, revocationId: string, decision: string, actor: Actor) {
  const status = decision === "approved" ? "approved" : decision === "refused" ? "refused" : decision === "withdrawn" ? "withdrawn" : null;
  if (!status) return;
  const revocation = await tx.honourRevocation.findUnique({ where: { id: revocationId } });
  if (!revocation || revocation.status !== "pending") return;
  await tx.honourRevocation.update({ where: { id: revocationId }, data: { status, decidedAt: new Date() } });
  if (status === "approved") {
    await revokeHonour(tx, revocation.honourId, revocationReasonText(JSON.parse(revocation.grounds) as string[], revocation.details), actor);
  }
}

export async function getRevocation(user: SessionUser, revocationId: string) {
  const r = await db.honourRevocation.findUnique({ where: { id: revocationId } });
  if (!r) throw notFound(AWARD_MESSAGES.revocationNotFound);
  const honour = await db.honour.findUniqueOrThrow({ where: { id: r.honourId } });
  const unit = await db.organisation.findUnique({ where: { id: r.orgId }, select: { name: true, path: true } });
  const mayRead = hasPermission(user, "honour:read", honour.unitPath) || hasPermission(user, "award:review") || (unit && hasPermission(user, "award:nominate", unit.path));
  if (!mayRead) throw notFound(AWARD_MESSAGES.revocationNotFound);
  return {
    id: r.id, honourId: r.honourId, honourTitle: honour.title, holderName: honour.holderName, unitName: unit?.name ?? r.orgId,
    grounds: JSON.parse(r.grounds) as string[], details: r.details, status: r.status, submissionId: r.submissionId,
    createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

/**
 * For the honour's page: may this user report its revocation, from which unit, and to which
 * approving organisations (the unit's ancestors; the issuing body first when it is one of them).
 */
export async function revocationFormOptions(user: SessionUser, honourId: string) {
  const honour = await db.honour.findUnique({ where: { id: honourId } });
  if (!honour || honour.revokedAt) return null;
  let submitterOrgId = honour.unitId;
  if (honour.source === "nomination" && honour.sourceId) {
    submitterOrgId = (await db.nomination.findUnique({ where: { id: honour.sourceId }, select: { orgId: true } }))?.orgId ?? honour.unitId;
  }
  const unit = await db.organisation.findUnique({ where: { id: submitterOrgId }, select: { id: true, name: true, path: true } });
  if (!unit || !hasPermission(user, "award:nominate", unit.path)) return null;
  if (await db.honourRevocation.findFirst({ where: { honourId, status: "pending" }, select: { id: true } })) return null;
  const ancestorIds = unit.path.split("/").filter(Boolean).filter((id) => id !== unit.id);
  const ancestors = await db.organisation.findMany({ where: { id: { in: ancestorIds } }, select: { id: true, name: true, depth: true }, orderBy: { depth: "desc" } });
  const issuer = ancestors.find((o) => o.name === honour.issuingBody);
  return { submitter: { id: unit.id, name: unit.name }, approvers: ancestors.map((o) => ({ id: o.id, name: o.name })), defaultApproverId: issuer?.id ?? ancestors.at(-1)?.id ?? null };
}
