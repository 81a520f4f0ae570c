import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { assignJudgeOp, listEventJudgesOp } from "~/modules/judging/api";
import { assignJudge, listJudgePool } from "~/modules/judging/assignments.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(listEventJudgesOp, async ({ user, params }) => listJudgePool(user, params.eventId));

export const action = apiAction({
  post: handle(assignJudgeOp, async ({ user, params, body, actor }) => assignJudge(user, params.eventId, body, actor).catch(prefixIssues("body"))),
});
