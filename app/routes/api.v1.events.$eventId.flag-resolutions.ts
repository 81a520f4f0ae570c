import { apiAction, handle } from "~/utils/api.server";
import { resolveFlagOp } from "~/modules/judging/review/api";
import { resolveFlag } from "~/modules/judging/review/console.server";

export const action = apiAction({
  post: handle(resolveFlagOp, async ({ user, params, body, actor }) => resolveFlag(user, params.eventId, body, actor)),
});
