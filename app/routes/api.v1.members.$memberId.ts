import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getMemberOp, updateMemberOp } from "~/modules/members/api";
import { getMember, updateMember } from "~/modules/members/members.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(getMemberOp, async ({ user, params }) => (await getMember(user, params.memberId)).member);

export const action = apiAction({
  patch: handle(updateMemberOp, async ({ user, params, body, actor }) =>
    updateMember(user, params.memberId, body, actor).catch(prefixIssues("body"))),
});
