import { apiAction, handle } from "~/utils/api.server";
import { sendToReviewOp } from "~/modules/proposals/api";
import { sendToReview } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(sendToReviewOp, async ({ user, body, actor }) => ({ sessionIds: await sendToReview(user, body.proposalIds, actor) })),
});
