import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { attachNominationFileOp, listNominationAttachmentsOp } from "~/modules/nominations/api";
import { attachToNomination } from "~/modules/nominations/nominations.server";
import { listNominationAttachments } from "~/modules/nominations/attachments.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// The nomination page's upload (minutes, notice photos, certificates; rule N-31) for API clients:
// the same service and checks (issue 13).
export const loader = apiLoader(listNominationAttachmentsOp, async ({ user, params }) => listNominationAttachments(user, params.nominationId));

export const action = apiAction({
  post: handle(attachNominationFileOp, async ({ user, params, body, actor }) =>
    attachToNomination(user, params.nominationId, fileFromBase64(body.filename, body.contentBase64), body.label ?? "", actor)),
});
