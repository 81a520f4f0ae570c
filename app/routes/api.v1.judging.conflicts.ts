import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { declareConflictOp, listMyConflictsOp } from "~/modules/judging/api";
import { declareConflict, listMyConflicts } from "~/modules/judging/assignments.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(listMyConflictsOp, async ({ user }) => ({ items: await listMyConflicts(user) }));

export const action = apiAction({
  post: handle(declareConflictOp, async ({ user, body, actor }) => declareConflict(user, body, actor).catch(prefixIssues("body"))),
});
