import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { listTitlesOp, recommendOp } from "~/modules/ankang/api";
import { listTitles, recommendTitle } from "~/modules/ankang/titles.server";

export const loader = apiLoader(listTitlesOp, async ({ user, params }) => listTitles(user, params.cycleId));
export const action = apiAction({ post: handle(recommendOp, async ({ user, params, body, actor }) => recommendTitle(user, params.cycleId, body, actor)) });
