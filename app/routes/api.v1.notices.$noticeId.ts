import { apiLoader } from "~/utils/api.server";
import { getNoticeOp } from "~/modules/review-chain/api";
import { getNoticeForReview } from "~/modules/review-chain/notices.server";

export const loader = apiLoader(getNoticeOp, async ({ user, params }) => getNoticeForReview(user, params.noticeId));
