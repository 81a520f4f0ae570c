import { apiLoader } from "~/utils/api.server";
import { getNominationAttachmentOp } from "~/modules/nominations/api";
import { readNominationAttachment } from "~/modules/nominations/attachments.server";
import { storedFileResponse } from "~/modules/files/files.server";

// One attachment of a nomination, with the headers of every stored file (sandbox CSP, nosniff).
export const loader = apiLoader(getNominationAttachmentOp, async ({ user, params, request }) => {
  const { file, bytes } = await readNominationAttachment(user, params.nominationId, params.fileId);
  return storedFileResponse(request, file, bytes);
});
