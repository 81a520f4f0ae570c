import { apiAction, handle } from "~/utils/api.server";
import { signLabourPeriodOp } from "~/modules/labour/api";
import { signPeriod } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(signLabourPeriodOp, async ({ user, params, body, actor }) => signPeriod(user, params.projectId, params.periodId, body, actor)),
});
