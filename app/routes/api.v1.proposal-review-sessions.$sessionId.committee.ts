import { apiAction, handle } from "~/utils/api.server";
import { setSessionCommitteeOp } from "~/modules/proposals/api";
import { setSessionCommittee } from "~/modules/proposals/proposals.server";

export const action = apiAction({
  put: handle(setSessionCommitteeOp, async ({ user, params, body, actor }) => setSessionCommittee(user, params.sessionId, body.userIds, actor)),
});
