import { apiAction, handle } from "~/utils/api.server";
import { submitLabourProjectOp } from "~/modules/labour/api";
import { submitProject } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(submitLabourProjectOp, async ({ user, params, body, actor }) => submitProject(user, params.projectId, body.roundId, actor)),
});
