import { apiAction, handle } from "~/utils/api.server";
import { checkRecheckItemOp } from "~/modules/judging/review/api";
import { checkRecheckItem } from "~/modules/judging/review/recheck.server";

export const action = apiAction({
  post: handle(checkRecheckItemOp, async ({ user, params, body, actor }) => checkRecheckItem(user, params.recheckId, params.itemId, body, actor)),
});
