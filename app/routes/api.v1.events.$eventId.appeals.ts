import { apiAction, handle } from "~/utils/api.server";
import { fileAppealOp } from "~/modules/judging/review/api";
import { fileAppeal } from "~/modules/judging/review/appeals.server";

export const action = apiAction({
  post: handle(fileAppealOp, async ({ user, params, body, actor }) => fileAppeal(user, params.eventId, body, actor)),
});
