import { apiAction, handle } from "~/utils/api.server";
import { createRemarkRequestOp } from "~/modules/judging/review/api";
import { requestRemark } from "~/modules/judging/review/console.server";

export const action = apiAction({
  post: handle(createRemarkRequestOp, async ({ user, params, body, actor }) => requestRemark(user, params.eventId, body, actor)),
});
