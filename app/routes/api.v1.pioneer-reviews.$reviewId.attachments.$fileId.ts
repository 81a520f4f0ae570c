import { apiLoader } from "~/utils/api.server";
import { getPioneerReportAttachmentOp } from "~/modules/honours/api";
import { readPioneerReportAttachment } from "~/modules/honours/attachments.server";
import { storedFileResponse } from "~/modules/files/files.server";

// A 复审 report's attachment, with the headers of every stored file (sandbox CSP, nosniff).
export const loader = apiLoader(getPioneerReportAttachmentOp, async ({ user, params, request }) => {
  const { file, bytes } = await readPioneerReportAttachment(user, params.reviewId, params.fileId);
  return storedFileResponse(request, file, bytes);
});
