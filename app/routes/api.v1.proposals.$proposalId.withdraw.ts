import { apiAction, handle } from "~/utils/api.server";
import { withdrawProposalOp } from "~/modules/proposals/api";
import { getProposal, withdrawProposal } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(withdrawProposalOp, async ({ user, params, body, actor }) => { await withdrawProposal(user, params.proposalId, actor); void body; return getProposal(user, params.proposalId); }),
});
