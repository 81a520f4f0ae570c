import { apiAction, handle } from "~/utils/api.server";
import { recordLabourTeamMonthOp } from "~/modules/labour/api";
import { recordTeamMonth } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(recordLabourTeamMonthOp, async ({ user, params, body, actor }) => recordTeamMonth(user, params.projectId, params.periodId, body, actor)),
});
