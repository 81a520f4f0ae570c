import { apiAction, handle } from "~/utils/api.server";
import { decideObjectionOp } from "~/modules/review-chain/api";
import { decideObjection } from "~/modules/review-chain/notices.server";

export const action = apiAction({
  post: handle(decideObjectionOp, async ({ user, params, body, actor }) => decideObjection(user, params.objectionId, body, actor)),
});
