import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createMemberOp, listMembersOp } from "~/modules/members/api";
import { createMember, listMembers } from "~/modules/members/members.server";

export const loader = apiLoader(listMembersOp, async ({ user, query }) => listMembers(user, query));

export const action = apiAction({
  post: handle(createMemberOp, async ({ user, body, actor }) => createMember(user, body, actor)),
});
