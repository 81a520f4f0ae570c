import { apiAction, handle } from "~/utils/api.server";
import { setQuotaOp } from "~/modules/review-chain/api";
import { setQuota } from "~/modules/review-chain/review-chain.server";

export const action = apiAction({
  post: handle(setQuotaOp, async ({ user, params, body, actor }) => {
    const q = await setQuota(user, params.roundId, body, actor);
    return { id: q.id, orgId: q.orgId, category: q.category, limit: q.limit };
  }),
});
