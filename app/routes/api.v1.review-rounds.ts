import { apiAction, handle } from "~/utils/api.server";
import { createRoundOp } from "~/modules/review-chain/api";
import { createRound } from "~/modules/review-chain/review-chain.server";

export const action = apiAction({
  post: handle(createRoundOp, async ({ user, body, actor }) => {
    const round = await createRound(user, body, actor);
    return { id: round.id, title: round.title, subjectType: round.subjectType, topOrgId: round.topOrgId };
  }),
});
