import { apiLoader } from "~/utils/api.server";
import { getEnrolmentFileOp } from "~/modules/ankang/api";
import { readEnrolmentFile } from "~/modules/ankang/enrolment-files.server";
import { storedFileResponse } from "~/modules/files/files.server";

// One file of an enrolment, with the headers of every stored file (sandbox CSP, nosniff).
export const loader = apiLoader(getEnrolmentFileOp, async ({ user, params, request }) => {
  const { file, bytes } = await readEnrolmentFile(user, params.enrolmentId, params.fileId);
  return storedFileResponse(request, file, bytes);
});
