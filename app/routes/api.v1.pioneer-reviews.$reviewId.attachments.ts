import { apiLoader } from "~/utils/api.server";
import { listPioneerReportAttachmentsOp } from "~/modules/honours/api";
import { listPioneerReportAttachments } from "~/modules/honours/attachments.server";

export const loader = apiLoader(listPioneerReportAttachmentsOp, async ({ user, params }) => listPioneerReportAttachments(user, params.reviewId));
