import { apiAction, handle } from "~/utils/api.server";
import { redeemLinkCodeOp } from "~/modules/members/api";
import { redeemLinkCode } from "~/modules/members/member-identity.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const action = apiAction({
  post: handle(redeemLinkCodeOp, async ({ user, body, actor }) => redeemLinkCode(user, body.code, actor).catch(prefixIssues("body"))),
});
