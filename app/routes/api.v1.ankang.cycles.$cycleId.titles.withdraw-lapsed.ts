import { apiAction, handle } from "~/utils/api.server";
import { withdrawLapsedOp } from "~/modules/ankang/api";
import { withdrawLapsedTitles } from "~/modules/ankang/titles.server";

export const action = apiAction({ post: handle(withdrawLapsedOp, async ({ user, params, actor }) => withdrawLapsedTitles(user, params.cycleId, actor)) });
