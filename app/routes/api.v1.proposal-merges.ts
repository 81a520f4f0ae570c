import { apiAction, handle } from "~/utils/api.server";
import { mergeProposalsOp } from "~/modules/proposals/api";
import { getProposal, mergeProposals } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(mergeProposalsOp, async ({ user, body, actor }) => {
    await mergeProposals(user, body.targetId, body.duplicateIds, actor);
    return getProposal(user, body.targetId);
  }),
});
