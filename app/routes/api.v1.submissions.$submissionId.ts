import { apiLoader } from "~/utils/api.server";
import { getSubmissionOp } from "~/modules/review-chain/api";
import { getSubmission } from "~/modules/review-chain/review-chain.server";

export const loader = apiLoader(getSubmissionOp, async ({ user, params }) => getSubmission(user, params.submissionId));
