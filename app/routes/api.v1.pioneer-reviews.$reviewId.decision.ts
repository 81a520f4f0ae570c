import { apiAction, handle } from "~/utils/api.server";
import { decidePioneerReviewOp } from "~/modules/honours/api";
import { decidePioneerReview, getPioneerReview } from "~/modules/honours/pioneer-reviews.server";

export const action = apiAction({
  post: handle(decidePioneerReviewOp, async ({ user, params, body, actor }) => {
    await decidePioneerReview(user, params.reviewId, body, actor);
    return getPioneerReview(user, params.reviewId);
  }),
});
