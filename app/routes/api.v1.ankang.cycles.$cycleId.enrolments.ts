import { apiAction, handle } from "~/utils/api.server";
import { enrolOp } from "~/modules/ankang/api";
import { enrolUnit } from "~/modules/ankang/ankang.server";

export const action = apiAction({ post: handle(enrolOp, async ({ user, params, body, actor }) => enrolUnit(user, params.cycleId, body, actor)) });
