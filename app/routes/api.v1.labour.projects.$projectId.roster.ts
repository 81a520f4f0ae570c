import { apiAction, handle } from "~/utils/api.server";
import { addLabourRosterOp } from "~/modules/labour/api";
import { addRosterEntry } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(addLabourRosterOp, async ({ user, params, body, actor }) => addRosterEntry(user, params.projectId, body, actor)),
});
