import { apiAction, handle } from "~/utils/api.server";
import { confirmBenefitOp } from "~/modules/proposals/api";
import { confirmBenefit, refuseBenefit } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(confirmBenefitOp, async ({ user, params, body, actor }) =>
    body.decision === "confirm" ? confirmBenefit(user, params.proposalId, body, actor) : refuseBenefit(user, params.proposalId, body, actor)),
});
