import { apiAction, handle } from "~/utils/api.server";
import { raiseDisputeOp } from "~/modules/proposals/api";
import { raiseDispute } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(raiseDisputeOp, async ({ user, params, body, actor }) => raiseDispute(user, params.proposalId, body, actor)),
});
