import { apiAction, handle } from "~/utils/api.server";
import { selfAssessOp } from "~/modules/ankang/api";
import { saveSelfAssessment } from "~/modules/ankang/ankang.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// the self-assessment with new evidence files per item (base64), checked before any is stored
export const action = apiAction({ post: handle(selfAssessOp, async ({ user, params, body, actor }) => {
  const { evidence, ...input } = body;
  const files = evidence.map((e, i) => ({ itemCode: e.itemCode, file: fileFromBase64(e.filename, e.contentBase64, `evidence.${i}.contentBase64`) }));
  return saveSelfAssessment(user, params.enrolmentId, input, actor, files);
}) });
