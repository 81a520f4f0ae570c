import { apiLoader } from "~/utils/api.server";
import { listReviewSessionsOp } from "~/modules/proposals/api";
import { listReviewSessions } from "~/modules/proposals/proposals.server";

export const loader = apiLoader(listReviewSessionsOp, async ({ user }) => ({ items: await listReviewSessions(user) }));
