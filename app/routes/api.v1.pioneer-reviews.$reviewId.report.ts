import { apiAction, handle } from "~/utils/api.server";
import { reportPioneerReviewOp } from "~/modules/honours/api";
import { getPioneerReview, reportPioneerReview } from "~/modules/honours/pioneer-reviews.server";

export const action = apiAction({
  post: handle(reportPioneerReviewOp, async ({ user, params, body, actor }) => {
    await reportPioneerReview(user, params.reviewId, body, null, actor);
    return getPioneerReview(user, params.reviewId);
  }),
});
