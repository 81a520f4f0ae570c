import { apiLoader } from "~/utils/api.server";
import { listRecusalRequestsOp } from "~/modules/judging/recusal-api";
import { listRecusalRequests } from "~/modules/judging/recusal-requests.server";

export const loader = apiLoader(listRecusalRequestsOp, async ({ user, params }) => listRecusalRequests(user, params.eventId));
