import { apiAction, handle } from "~/utils/api.server";
import { decideProposalOp } from "~/modules/proposals/api";
import { decideProposal } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(decideProposalOp, async ({ user, params, body, actor }) => decideProposal(user, params.proposalId, body.decision, body.note, actor)),
});
