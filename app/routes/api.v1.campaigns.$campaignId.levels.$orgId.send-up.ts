import { apiAction, handle } from "~/utils/api.server";
import { sendListUpOp } from "~/modules/nominations/api";
import { sendListUp } from "~/modules/nominations/nominations.server";

export const action = apiAction({
  post: handle(sendListUpOp, async ({ user, params, body, actor }) => sendListUp(user, params.campaignId, params.orgId, body.reason, actor)),
});
