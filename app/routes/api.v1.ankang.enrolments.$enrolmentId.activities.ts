import { apiAction, handle } from "~/utils/api.server";
import { activityOp } from "~/modules/ankang/api";
import { logActivity } from "~/modules/ankang/ankang.server";

export const action = apiAction({ post: handle(activityOp, async ({ user, params, body, actor }) => logActivity(user, params.enrolmentId, body, actor)) });
