import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getProposalOp, updateProposalOp } from "~/modules/proposals/api";
import { getProposal, updateDraft } from "~/modules/proposals/proposals.server";

export const loader = apiLoader(getProposalOp, async ({ user, params }) => getProposal(user, params.proposalId));

export const action = apiAction({
  put: handle(updateProposalOp, async ({ user, params, body, actor }) => {
    await updateDraft(user, params.proposalId, body, actor);
    return getProposal(user, params.proposalId);
  }),
});
