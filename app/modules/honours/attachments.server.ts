import { db } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/errors";
import { readFile } from "~/modules/files/files.server";
import { attachmentListItem } from "~/modules/files/api-upload";
import { getPioneerReview, mayReadPioneerReportFile, PIONEER_REPORT_PURPOSE } from "./pioneer-reviews.server";
import { REVOCATION_DOCUMENT_PURPOSE } from "./awards.server";

// Who may download a file attached to an honours record (issue 13): besides its uploader and the
// administrator (the generic rule of files.server.ts),
//  - a nomination's attachments: the nominating unit's contacts, and the reviewers, committee
//    members and managers of the levels the nomination has reached (not the levels above), and the
//    departments consulted on the candidate (rule N-34);
//  - a revocation's documents: the reporting unit and the levels the revocation has reached;
//  - a 工人先锋号 复审 report: its reviewer, the holder's contact and readers of the register.
// Nobody else, whatever their role elsewhere.

export const NOMINATION_ATTACHMENT_PURPOSE = "nomination-attachment";

const REVIEWING = ["award:review", "award:committee", "award:manage"] as const;

/**
 * Has the submission reached the level this user reviews at? A grant covers the chain's levels
 * from the lowest up to the highest one inside its subtree; the user sits at that highest one
 * (a city reviewer at the city, not at the district below it), which must be at or below the
 * submission's current level.
 */
async function reachedLevelAllows(user: SessionUser, submissionId: string | null) {
  if (!submissionId) return false;
  const submission = await db.reviewSubmission.findUnique({ where: { id: submissionId }, select: { levels: true, currentLevel: true } });
  if (!submission) return false;
  const levelIds = JSON.parse(submission.levels) as string[];
  const orgs = await db.organisation.findMany({ where: { id: { in: levelIds } }, select: { id: true, path: true } });
  const paths = levelIds.map((id) => orgs.find((o) => o.id === id)?.path ?? "\u0000");
  return REVIEWING.some((permission) => userScope(user, permission).some((scope) => {
    let sits = -1;
    paths.forEach((path, k) => { if (path.startsWith(scope)) sits = k; });
    return sits >= 0 && sits <= submission.currentLevel;
  }));
}

async function orgPath(id: string) {
  return (await db.organisation.findUnique({ where: { id }, select: { path: true } }))?.path ?? null;
}

async function mayReadNominationFile(user: SessionUser, fileId: string) {
  const nominations = await db.nomination.findMany({ where: { attachments: { contains: fileId } }, select: { id: true, orgId: true, attachments: true, submissionId: true } });
  for (const n of nominations) {
    const list = JSON.parse(n.attachments) as { fileId: string }[];
    if (!list.some((a) => a.fileId === fileId)) continue;
    const unit = await orgPath(n.orgId);
    if (unit && hasPermission(user, "award:nominate", unit)) return true;
    if (await reachedLevelAllows(user, n.submissionId)) return true;
    const tasks = await db.consultationTask.findMany({ where: { subjectId: n.id }, select: { departmentOrgId: true } });
    for (const t of tasks) {
      const dept = await orgPath(t.departmentOrgId);
      if (dept && hasPermission(user, "consultation:answer", dept)) return true;
    }
  }
  return false;
}

/** The reporting unit and the levels the revocation has reached. */
async function mayReadRevocation(user: SessionUser, r: { orgId: string; submissionId: string | null }) {
  const unit = await orgPath(r.orgId);
  if (unit && hasPermission(user, "award:nominate", unit)) return true;
  return reachedLevelAllows(user, r.submissionId);
}

async function mayReadRevocationFile(user: SessionUser, fileId: string) {
  const revocations = await db.honourRevocation.findMany({ where: { documents: { contains: fileId } }, select: { orgId: true, documents: true, submissionId: true } });
  for (const r of revocations) {
    if (!(JSON.parse(r.documents) as { fileId: string }[]).some((d) => d.fileId === fileId)) continue;
    if (await mayReadRevocation(user, r)) return true;
  }
  return false;
}

const REVOCATION_NOT_FOUND = "找不到该撤销申报 / revocation report not found";

/**
 * A revocation's documents (judgment, decision, the 撤销申报表; rules N-40, N-42) as the API lists
 * them: for the reporting unit, the levels the report has reached, its author and the administrator;
 * 403 for anyone else.
 */
export async function listRevocationDocuments(user: SessionUser, revocationId: string) {
  const r = await db.honourRevocation.findUnique({ where: { id: revocationId }, select: { orgId: true, submissionId: true, documents: true, createdById: true } });
  if (!r) throw notFound(REVOCATION_NOT_FOUND);
  if (!(r.createdById === user.id || user.roleKeys.includes("admin") || await mayReadRevocation(user, r))) throw forbidden("您无权查看此撤销申报的材料 / you may not see this report's documents");
  const list = JSON.parse(r.documents) as { fileId: string; label: string }[];
  const files = list.length ? await db.storedFile.findMany({ where: { id: { in: list.map((d) => d.fileId) } }, select: { id: true, filename: true, mimeType: true, size: true, createdAt: true } }) : [];
  return { attachments: list.flatMap((d) => { const f = files.find((x) => x.id === d.fileId); return f ? [attachmentListItem(f, d.label)] : []; }) };
}

/** One document of a revocation: it must be this report's (404), the reader pass the honours rule (403). */
export async function readRevocationDocument(user: SessionUser, revocationId: string, fileId: string) {
  const r = await db.honourRevocation.findUnique({ where: { id: revocationId }, select: { documents: true } });
  if (!r) throw notFound(REVOCATION_NOT_FOUND);
  if (!(JSON.parse(r.documents) as { fileId: string }[]).some((d) => d.fileId === fileId)) throw notFound("该撤销申报没有这个材料 / this report has no such document");
  return readFileWithHonoursAccess(user, fileId);
}

/** A stored file for /files/:id: the generic rule, then the honours records' own rules. */
export async function readFileWithHonoursAccess(user: SessionUser, fileId: string) {
  const meta = await db.storedFile.findUnique({ where: { id: fileId }, select: { uploadedById: true, purpose: true } });
  if (!meta) throw notFound("找不到该文件 / file not found");
  const allowed = meta.uploadedById === user.id || user.roleKeys.includes("admin")
    || (meta.purpose === NOMINATION_ATTACHMENT_PURPOSE && await mayReadNominationFile(user, fileId))
    || (meta.purpose === REVOCATION_DOCUMENT_PURPOSE && await mayReadRevocationFile(user, fileId))
    || (meta.purpose === PIONEER_REPORT_PURPOSE && await mayReadPioneerReportFile(user, fileId));
  if (!allowed) throw forbidden("您无权查看此文件 / you may not read this file");
  return readFile(fileId);
}

/**
 * A 工人先锋号 复审 report's attachment (rule N-41) as the API lists it: for whoever may see the
 * review (its reviewer, the holder's contact, readers of the register); 404 for anyone else.
 */
export async function listPioneerReportAttachments(user: SessionUser, reviewId: string) {
  await getPioneerReview(user, reviewId);
  const review = await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewId }, select: { reportFileId: true } });
  const file = review.reportFileId ? await db.storedFile.findUnique({ where: { id: review.reportFileId }, select: { id: true, filename: true, mimeType: true, size: true, createdAt: true } }) : null;
  return { attachments: file ? [attachmentListItem(file)] : [] };
}

/** The report's attachment: it must be this review's (404), the reader pass the honours rule. */
export async function readPioneerReportAttachment(user: SessionUser, reviewId: string, fileId: string) {
  await getPioneerReview(user, reviewId);
  const review = await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewId }, select: { reportFileId: true } });
  if (review.reportFileId !== fileId) throw notFound("该复审报告没有这个附件 / this report has no such attachment");
  return readFileWithHonoursAccess(user, fileId);
}
