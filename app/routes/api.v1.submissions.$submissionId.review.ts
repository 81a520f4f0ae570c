import { apiAction, handle } from "~/utils/api.server";
import { reviewSubmissionOp } from "~/modules/review-chain/api";
import { reviewSubmission } from "~/modules/review-chain/review-chain.server";

export const action = apiAction({
  post: handle(reviewSubmissionOp, async ({ user, params, body, actor }) => reviewSubmission(user, params.submissionId, body, actor)),
});
