import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { listPioneerReviewsOp, openPioneerReviewsOp } from "~/modules/honours/api";
import { listPioneerReviews, openPioneerReviews } from "~/modules/honours/pioneer-reviews.server";

export const loader = apiLoader(listPioneerReviewsOp, async ({ user, query }) => ({ items: await listPioneerReviews(user, query) }));

export const action = apiAction({
  post: handle(openPioneerReviewsOp, async ({ user, body, actor }) => openPioneerReviews(user, body, actor)),
});
