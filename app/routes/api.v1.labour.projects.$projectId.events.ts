import { apiAction, handle } from "~/utils/api.server";
import { recordLabourEventOp } from "~/modules/labour/api";
import { recordLabourEvent } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(recordLabourEventOp, async ({ user, params, body, actor }) => recordLabourEvent(user, params.projectId, body, actor)),
});
