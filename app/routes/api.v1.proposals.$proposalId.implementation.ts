import { apiAction, handle } from "~/utils/api.server";
import { implementProposalOp } from "~/modules/proposals/api";
import { implementProposal } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(implementProposalOp, async ({ user, params, body, actor }) => implementProposal(user, params.proposalId, body.note, actor)),
});
