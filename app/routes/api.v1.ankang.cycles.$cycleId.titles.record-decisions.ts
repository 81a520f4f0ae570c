import { apiAction, handle } from "~/utils/api.server";
import { recordDecisionsOp } from "~/modules/ankang/api";
import { recordTitleDecisions } from "~/modules/ankang/titles.server";

export const action = apiAction({ post: handle(recordDecisionsOp, async ({ user, params, actor }) => recordTitleDecisions(user, params.cycleId, actor)) });
