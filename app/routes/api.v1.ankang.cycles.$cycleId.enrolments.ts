import { apiAction, handle } from "~/utils/api.server";
import { enrolOp } from "~/modules/ankang/api";
import { enrolUnit } from "~/modules/ankang/ankang.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// enrolment with the signed 劳动安全卫生专项协议书 scan (rule A-3), base64 as on every API upload
export const action = apiAction({ post: handle(enrolOp, async ({ user, params, body, actor }) => {
  const { agreementScan, ...input } = body;
  return enrolUnit(user, params.cycleId, input, actor, agreementScan ? fileFromBase64(agreementScan.filename, agreementScan.contentBase64, "agreementScan.contentBase64") : null);
}) });
