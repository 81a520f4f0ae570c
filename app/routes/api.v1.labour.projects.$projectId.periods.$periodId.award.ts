import { apiAction, handle } from "~/utils/api.server";
import { awardLabourPeriodOp } from "~/modules/labour/api";
import { awardPeriod } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(awardLabourPeriodOp, async ({ user, params, actor }) => awardPeriod(user, params.projectId, params.periodId, actor)),
});
