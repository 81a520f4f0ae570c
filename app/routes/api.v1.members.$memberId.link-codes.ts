import { apiAction, handle } from "~/utils/api.server";
import { createLinkCodeOp } from "~/modules/members/api";
import { createLinkCode } from "~/modules/members/member-identity.server";

export const action = apiAction({
  post: handle(createLinkCodeOp, async ({ user, params, actor }) => createLinkCode(user, params.memberId, actor)),
});
