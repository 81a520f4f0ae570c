import { apiAction, handle } from "~/utils/api.server";
import { signOffOp } from "~/modules/judging/review/api";
import { signOff } from "~/modules/judging/review/console.server";

export const action = apiAction({
  post: handle(signOffOp, async ({ user, params, body, actor }) => signOff(user, params.eventId, body, actor)),
});
