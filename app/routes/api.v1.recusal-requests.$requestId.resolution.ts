import { apiAction, handle } from "~/utils/api.server";
import { resolveRecusalRequestOp } from "~/modules/judging/recusal-api";
import { resolveRecusalRequest } from "~/modules/judging/recusal-requests.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const action = apiAction({
  post: handle(resolveRecusalRequestOp, async ({ user, params, body, actor }) => resolveRecusalRequest(user, params.requestId, body, actor).catch(prefixIssues("body"))),
});
