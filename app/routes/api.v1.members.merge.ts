import { apiAction, handle } from "~/utils/api.server";
import { mergeMembersOp } from "~/modules/members/api";
import { mergeMembers } from "~/modules/members/member-identity.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const action = apiAction({
  post: handle(mergeMembersOp, async ({ user, body, actor }) => mergeMembers(user, body, actor).catch(prefixIssues("body"))),
});
