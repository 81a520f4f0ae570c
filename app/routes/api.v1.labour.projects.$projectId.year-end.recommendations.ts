import { apiAction, handle } from "~/utils/api.server";
import { recommendLabourWinnerOp } from "~/modules/labour/api";
import { recommendYearEndWinner } from "~/modules/labour/year-end-honours.server";

export const action = apiAction({
  post: handle(recommendLabourWinnerOp, async ({ user, params, body, actor }) => recommendYearEndWinner(user, params.projectId, body, actor)),
});
