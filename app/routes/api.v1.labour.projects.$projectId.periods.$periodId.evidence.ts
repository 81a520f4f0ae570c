import { apiAction, handle } from "~/utils/api.server";
import { attachLabourEvidenceOp } from "~/modules/labour/api";
import { attachEvidence, evidenceFileFromBase64 } from "~/modules/labour/evidence.server";

// The evidence upload of the pages, for API clients (brief ux item 1): the same service and checks.
export const action = apiAction({
  post: handle(attachLabourEvidenceOp, async ({ user, params, body, actor }) =>
    attachEvidence(user, params.projectId, params.periodId, { unitId: body.unitId, indicatorKey: body.indicatorKey, correctionReason: body.correctionReason, file: evidenceFileFromBase64(body.filename, body.contentBase64) }, actor)),
});
