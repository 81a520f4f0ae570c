import { apiAction, handle } from "~/utils/api.server";
import { assignObjectionOp } from "~/modules/review-chain/api";
import { assignObjection } from "~/modules/review-chain/notices.server";

export const action = apiAction({
  post: handle(assignObjectionOp, async ({ user, params, body, actor }) => assignObjection(user, params.objectionId, body, actor)),
});
