import { apiAction, handle } from "~/utils/api.server";
import { putMarksOp } from "~/modules/judging/api";
import { submitMark, submitMarks } from "~/modules/judging/marks.server";
import { prefixIssues } from "~/modules/members/api-issues";

// PUT /api/v1/events/{eventId}/marks: one mark, or {marks: [...]} (Bearer token only:
// the API accepts session cookies for GET alone).
export const action = apiAction({
  put: handle(putMarksOp, async ({ user, params, body, actor }) =>
    "marks" in body
      ? { results: await submitMarks(user, params.eventId, body.marks, actor) }
      : submitMark(user, params.eventId, body, actor).catch(prefixIssues("body"))),
});
