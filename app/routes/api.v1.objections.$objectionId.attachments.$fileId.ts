import { apiLoader } from "~/utils/api.server";
import { getObjectionAttachmentOp } from "~/modules/review-chain/api";
import { objectionLetterFor } from "~/modules/review-chain/notices.server";
import { readFile, storedFileResponse } from "~/modules/files/files.server";
import { notFound } from "~/utils/errors";

// A unit's sealed letter, for the notice level's reviewers (as /review-notices/:noticeId/letters/:objectionId).
export const loader = apiLoader(getObjectionAttachmentOp, async ({ user, params, request }) => {
  if ((await objectionLetterFor(user, params.objectionId)) !== params.fileId) throw notFound("找不到该附件 / attachment not found");
  const { file, bytes } = await readFile(params.fileId);
  return storedFileResponse(request, file, bytes);
});
