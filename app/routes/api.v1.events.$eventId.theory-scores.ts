import { apiAction, handle } from "~/utils/api.server";
import { theoryScoresOp } from "~/modules/judging/review/api";
import { importTheoryScores } from "~/modules/judging/review/theory.server";

export const action = apiAction({
  post: handle(theoryScoresOp, async ({ user, params, body, actor }) =>
    importTheoryScores(user, params.eventId, body.rows.map((r, i) => ({ row: i + 1, ...r })), body.source, actor)),
});
