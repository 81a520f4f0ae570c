import { apiLoader } from "~/utils/api.server";
import { getReviewSessionOp } from "~/modules/proposals/api";
import { getReviewSession } from "~/modules/proposals/proposals.server";

export const loader = apiLoader(getReviewSessionOp, async ({ user, params }) => getReviewSession(user, params.sessionId));
