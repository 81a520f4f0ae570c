import { apiLoader } from "~/utils/api.server";
import { listNoticesOp } from "~/modules/review-chain/api";
import { listNotices } from "~/modules/review-chain/notices.server";

export const loader = apiLoader(listNoticesOp, async ({ user, query }) => ({ items: await listNotices(user, query.roundId) }));
