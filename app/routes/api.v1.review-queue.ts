import { apiLoader } from "~/utils/api.server";
import { reviewQueueOp } from "~/modules/review-chain/api";
import { listQueue } from "~/modules/review-chain/review-chain.server";

export const loader = apiLoader(reviewQueueOp, async ({ user }) => listQueue(user));
