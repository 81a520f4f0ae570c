import { apiAction, handle } from "~/utils/api.server";
import { scoreProposalOp } from "~/modules/proposals/api";
import { scoreProposal } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  put: handle(scoreProposalOp, async ({ user, params, body, actor }) => scoreProposal(user, params.proposalId, body.items, actor)),
});
