import { apiAction, handle } from "~/utils/api.server";
import { submitMySheetOp } from "~/modules/judging/api";
import { submitSheet } from "~/modules/judging/marks.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const action = apiAction({
  post: handle(submitMySheetOp, async ({ user, params, body, actor }) =>
    submitSheet(user, params.eventId, params.blindCodeId, body, actor).catch(prefixIssues("body"))),
});
