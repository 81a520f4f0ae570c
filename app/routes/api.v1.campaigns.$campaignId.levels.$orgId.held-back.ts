import { apiAction, handle, requestLocale } from "~/utils/api.server";
import { setHeldBackOp } from "~/modules/nominations/api";
import { setHeldBack } from "~/modules/nominations/nominations.server";
import { localisePanel } from "~/modules/nominations/rule-labels";

// Answers the panel in the request's language (brief ux item 3).
export const action = apiAction({
  post: handle(setHeldBackOp, async ({ user, params, body, actor, request }) =>
    localisePanel(await setHeldBack(user, params.campaignId, params.orgId, body.nominationId, body.heldBack, actor), requestLocale(request))),
});
