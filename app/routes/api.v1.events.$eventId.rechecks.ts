import { apiAction, handle } from "~/utils/api.server";
import { drawRecheckOp } from "~/modules/judging/review/api";
import { drawRecheck } from "~/modules/judging/review/recheck.server";

export const action = apiAction({
  post: handle(drawRecheckOp, async ({ user, params, body, actor }) => drawRecheck(user, params.eventId, body, actor)),
});
