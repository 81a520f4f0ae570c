import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createProposalOp, listMyProposalsOp } from "~/modules/proposals/api";
import { createProposal, getProposal, myProposals } from "~/modules/proposals/proposals.server";

export const loader = apiLoader(listMyProposalsOp, async ({ user }) => myProposals(user));

export const action = apiAction({
  post: handle(createProposalOp, async ({ user, body, actor }) => getProposal(user, (await createProposal(user, body, actor)).id)),
});
