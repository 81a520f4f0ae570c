import { apiAction, handle } from "~/utils/api.server";
import { applyDeadlineOp } from "~/modules/nominations/api";
import { applyDeadline } from "~/modules/nominations/nominations.server";

export const action = apiAction({
  post: handle(applyDeadlineOp, async ({ user, params, actor }) => applyDeadline(user, params.campaignId, actor)),
});
