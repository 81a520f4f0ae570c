import { apiAction, handle } from "~/utils/api.server";
import { paperSheetOp } from "~/modules/judging/review/api";
import { enterPaper } from "~/modules/judging/review/paper.server";

export const action = apiAction({
  post: handle(paperSheetOp, async ({ user, params, body, actor }) => enterPaper(user, params.eventId, body, actor)),
});
