import { apiAction, handle } from "~/utils/api.server";
import { selfAssessOp } from "~/modules/ankang/api";
import { saveSelfAssessment } from "~/modules/ankang/ankang.server";

export const action = apiAction({ post: handle(selfAssessOp, async ({ user, params, body, actor }) => saveSelfAssessment(user, params.enrolmentId, body, actor)) });
