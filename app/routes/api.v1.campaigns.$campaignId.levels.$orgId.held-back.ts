import { apiAction, handle } from "~/utils/api.server";
import { setHeldBackOp } from "~/modules/nominations/api";
import { setHeldBack } from "~/modules/nominations/nominations.server";

export const action = apiAction({
  post: handle(setHeldBackOp, async ({ user, params, body, actor }) => setHeldBack(user, params.campaignId, params.orgId, body.nominationId, body.heldBack, actor)),
});
