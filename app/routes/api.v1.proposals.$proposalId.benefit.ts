import { apiAction, handle } from "~/utils/api.server";
import { reportBenefitOp } from "~/modules/proposals/api";
import { reportBenefit } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(reportBenefitOp, async ({ user, params, body, actor }) => reportBenefit(user, params.proposalId, body, actor)),
});
