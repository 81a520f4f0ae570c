import { apiAction, handle } from "~/utils/api.server";
import { nominateTopTenOp } from "~/modules/proposals/api";
import { nominateTopTen } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  post: handle(nominateTopTenOp, async ({ user, params, body, actor }) => nominateTopTen(user, params.proposalId, body.roundId, actor)),
});
