import { apiLoader } from "~/utils/api.server";
import { listObjectionAttachmentsOp } from "~/modules/review-chain/api";
import { listObjectionAttachments } from "~/modules/review-chain/notices.server";

export const loader = apiLoader(listObjectionAttachmentsOp, async ({ user, params }) => listObjectionAttachments(user, params.objectionId));
