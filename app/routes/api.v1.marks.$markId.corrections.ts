import { apiAction, handle } from "~/utils/api.server";
import { correctMarkOp } from "~/modules/judging/review/api";
import { correctMark } from "~/modules/judging/review/corrections.server";

export const action = apiAction({
  post: handle(correctMarkOp, async ({ user, params, body, actor }) => correctMark(user, params.markId, body, actor)),
});
