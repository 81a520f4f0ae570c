import { apiAction, handle } from "~/utils/api.server";
import { setControlCapOp } from "~/modules/nominations/api";
import { setControlCap } from "~/modules/nominations/nominations.server";

export const action = apiAction({
  post: handle(setControlCapOp, async ({ user, params, body, actor }) => ({ id: (await setControlCap(user, params.campaignId, body, actor)).id })),
});
