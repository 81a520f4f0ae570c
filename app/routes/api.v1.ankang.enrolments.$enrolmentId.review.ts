import { apiAction, handle } from "~/utils/api.server";
import { reviewOp } from "~/modules/ankang/api";
import { saveReview } from "~/modules/ankang/ankang.server";

export const action = apiAction({ post: handle(reviewOp, async ({ user, params, body, actor }) => saveReview(user, params.enrolmentId, body, actor)) });
