import { apiAction, handle } from "~/utils/api.server";
import { quotaOp } from "~/modules/ankang/api";
import { setTitleQuota } from "~/modules/ankang/titles.server";

export const action = apiAction({ post: handle(quotaOp, async ({ user, params, body, actor }) => {
  const q = await setTitleQuota(user, params.cycleId, body, actor);
  return { orgId: q.orgId, kind: body.kind, allowed: q.allowed };
}) });
