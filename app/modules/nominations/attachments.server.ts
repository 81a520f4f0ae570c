import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { attachmentListItem } from "~/modules/files/api-upload";
import { readFileWithHonoursAccess } from "~/modules/honours/attachments.server";
import { getNomination } from "./nominations.server";

// A nomination's attachments (会议记录 minutes, 公示照片 notice scans, 证书 certificates; rule N-31) as
// the API lists and serves them (issue 13: every page action also in /api/v1). Listing follows the
// nomination page (whoever may read the form; 404 for anyone else, as the page answers); a download
// follows /files/:id, the honours records' own rule (honours/attachments.server.ts).

const ATTACHMENT_NOT_FOUND = "该推荐表没有这个附件 / this nomination has no such attachment";

/** The attachments in the order they were added: id, name, type, size, uploadedAt and the unit's label. */
export async function listNominationAttachments(user: SessionUser, nominationId: string) {
  const { nomination } = await getNomination(user, nominationId);
  const files = nomination.attachments.length
    ? await db.storedFile.findMany({ where: { id: { in: nomination.attachments.map((a) => a.fileId) } }, select: { id: true, filename: true, mimeType: true, size: true, createdAt: true } })
    : [];
  return {
    attachments: nomination.attachments.flatMap((a) => {
      const file = files.find((f) => f.id === a.fileId);
      return file ? [attachmentListItem(file, a.label)] : [];
    }),
  };
}

/** One attachment's bytes: it must belong to this nomination (404), and the reader pass the honours rule (403). */
export async function readNominationAttachment(user: SessionUser, nominationId: string, fileId: string) {
  const { nomination } = await getNomination(user, nominationId);
  if (!nomination.attachments.some((a) => a.fileId === fileId)) throw notFound(ATTACHMENT_NOT_FOUND);
  return readFileWithHonoursAccess(user, fileId);
}
