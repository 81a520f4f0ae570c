import { apiAction, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { checkInOp } from "~/modules/draws/api";
import { checkIn } from "~/modules/draws/draws.server";

export const action = apiAction({
  post: handle(checkInOp, async ({ user, body, actor }) => isoDates(await checkIn(user, body, actor)) as never),
});
