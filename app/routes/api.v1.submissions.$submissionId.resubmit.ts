import { apiAction, handle } from "~/utils/api.server";
import { resubmitSubmissionOp } from "~/modules/review-chain/api";
import { resubmitSubmission } from "~/modules/review-chain/review-chain.server";

export const action = apiAction({
  post: handle(resubmitSubmissionOp, async ({ user, params, actor }) => resubmitSubmission(user, params.submissionId, actor)),
});
