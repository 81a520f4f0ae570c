import { apiLoader } from "~/utils/api.server";
import { getPioneerReviewOp } from "~/modules/honours/api";
import { getPioneerReview } from "~/modules/honours/pioneer-reviews.server";

export const loader = apiLoader(getPioneerReviewOp, async ({ user, params }) => getPioneerReview(user, params.reviewId));
