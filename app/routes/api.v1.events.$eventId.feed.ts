import { getLiveFeedOp } from "~/modules/results/api";
import { publicApiLoader } from "~/modules/results/api.server";
import { requireBoardAccess } from "~/modules/results/access.server";
import { liveFeedResponse } from "~/modules/results/feed.server";

// Server-sent events for integrations and big screens (documented in the operation).
export const loader = publicApiLoader(getLiveFeedOp, async ({ user, request, params, query }) => {
  await requireBoardAccess(user, params.eventId, query.view);
  return liveFeedResponse(request, params.eventId, query.view);
});
