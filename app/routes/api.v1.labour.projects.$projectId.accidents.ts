import { apiAction, handle } from "~/utils/api.server";
import { recordLabourAccidentOp } from "~/modules/labour/api";
import { recordProjectAccident } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(recordLabourAccidentOp, async ({ user, params, body, actor }) => recordProjectAccident(user, params.projectId, body, actor)),
});
