import { apiAction, handle } from "~/utils/api.server";
import { withdrawSubmissionOp } from "~/modules/review-chain/api";
import { withdrawSubmission } from "~/modules/review-chain/review-chain.server";

export const action = apiAction({
  post: handle(withdrawSubmissionOp, async ({ user, params, body, actor }) => withdrawSubmission(user, params.submissionId, body.reason ?? null, actor)),
});
