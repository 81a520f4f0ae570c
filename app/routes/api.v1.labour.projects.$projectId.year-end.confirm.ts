import { apiAction, handle } from "~/utils/api.server";
import { confirmLabourYearEndOp } from "~/modules/labour/api";
import { confirmYearEnd } from "~/modules/labour/year-end-honours.server";

export const action = apiAction({
  post: handle(confirmLabourYearEndOp, async ({ user, params, body, actor }) => confirmYearEnd(user, params.projectId, body, actor)),
});
