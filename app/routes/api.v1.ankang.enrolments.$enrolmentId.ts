import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getEnrolmentOp, updateEnrolmentOp } from "~/modules/ankang/api";
import { getEnrolment, updateEnrolment } from "~/modules/ankang/ankang.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

export const loader = apiLoader(getEnrolmentOp, async ({ user, params }) => getEnrolment(user, params.enrolmentId));
export const action = apiAction({ post: handle(updateEnrolmentOp, async ({ user, params, body, actor }) => {
  const { agreementScan, ...input } = body;
  return updateEnrolment(user, params.enrolmentId, input, actor, agreementScan ? fileFromBase64(agreementScan.filename, agreementScan.contentBase64, "agreementScan.contentBase64") : null);
}) });
