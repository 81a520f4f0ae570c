import { apiAction, handle } from "~/utils/api.server";
import { freezeOp, unfreezeOp } from "~/modules/results/api";
import { freezeBoard, unfreezeBoard } from "~/modules/results/freeze.server";

export const action = apiAction({
  post: handle(freezeOp, async ({ user, params, body, actor }) => freezeBoard(user, params.eventId, { at: body.at ? new Date(body.at) : null }, actor)),
  delete: handle(unfreezeOp, async ({ user, params, actor }) => unfreezeBoard(user, params.eventId, actor)),
});
