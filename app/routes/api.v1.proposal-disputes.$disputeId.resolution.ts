import { apiAction, handle } from "~/utils/api.server";
import { resolveDisputeOp } from "~/modules/proposals/api";
import { resolveDispute } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(resolveDisputeOp, async ({ user, params, body, actor }) => resolveDispute(user, params.disputeId, body.resolution, actor)),
});
