import { apiLoader } from "~/utils/api.server";
import { getConsultationAttachmentOp } from "~/modules/consultations/api";
import { consultationAttachmentFor } from "~/modules/consultations/consultations.server";
import { readFile, storedFileResponse } from "~/modules/files/files.server";
import { notFound } from "~/utils/errors";

// The answer's attachment, for the asking level's reviewers and the department (as /consultations/:taskId/attachment).
export const loader = apiLoader(getConsultationAttachmentOp, async ({ user, params, request }) => {
  if ((await consultationAttachmentFor(user, params.taskId)) !== params.fileId) throw notFound("找不到该附件 / attachment not found");
  const { file, bytes } = await readFile(params.fileId);
  return storedFileResponse(request, file, bytes);
});
