import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getEnrolmentOp, updateEnrolmentOp } from "~/modules/ankang/api";
import { getEnrolment, updateEnrolment } from "~/modules/ankang/ankang.server";

export const loader = apiLoader(getEnrolmentOp, async ({ user, params }) => getEnrolment(user, params.enrolmentId));
export const action = apiAction({ post: handle(updateEnrolmentOp, async ({ user, params, body, actor }) => updateEnrolment(user, params.enrolmentId, body, actor)) });
