import { apiLoader } from "~/utils/api.server";
import { getRevocationDocumentOp } from "~/modules/honours/api";
import { readRevocationDocument } from "~/modules/honours/attachments.server";
import { storedFileResponse } from "~/modules/files/files.server";

// One document of a revocation report, with the headers of every stored file (sandbox CSP, nosniff).
export const loader = apiLoader(getRevocationDocumentOp, async ({ user, params, request }) => {
  const { file, bytes } = await readRevocationDocument(user, params.revocationId, params.fileId);
  return storedFileResponse(request, file, bytes);
});
