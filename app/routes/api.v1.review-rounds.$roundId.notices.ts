import { apiAction, handle } from "~/utils/api.server";
import { openNoticeOp } from "~/modules/review-chain/api";
import { openNotice } from "~/modules/review-chain/notices.server";

export const action = apiAction({
  post: handle(openNoticeOp, async ({ user, params, body, actor }) => {
    const n = await openNotice(user, params.roundId, body, actor);
    return { id: n.id, publicCode: n.publicCode, startsOn: n.startsOn, endsOn: n.endsOn };
  }),
});
