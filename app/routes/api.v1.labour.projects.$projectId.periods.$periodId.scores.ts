import { apiAction, handle } from "~/utils/api.server";
import { recordLabourScoresOp } from "~/modules/labour/api";
import { recordScores } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(recordLabourScoresOp, async ({ user, params, body, actor }) => recordScores(user, params.projectId, params.periodId, body, actor)),
});
