import { apiLoader } from "~/utils/api.server";
import { listRoundSubmissionsOp } from "~/modules/review-chain/api";
import { listRoundSubmissions } from "~/modules/review-chain/review-chain.server";

export const loader = apiLoader(listRoundSubmissionsOp, async ({ user, params }) => ({ items: await listRoundSubmissions(user, params.roundId) }));
