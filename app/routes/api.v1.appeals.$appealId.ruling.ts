import { apiAction, handle } from "~/utils/api.server";
import { ruleAppealOp } from "~/modules/judging/review/api";
import { ruleAppeal } from "~/modules/judging/review/appeals.server";

export const action = apiAction({
  post: handle(ruleAppealOp, async ({ user, params, body, actor }) => ruleAppeal(user, params.appealId, body, actor)),
});
