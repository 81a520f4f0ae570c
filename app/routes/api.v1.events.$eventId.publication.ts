import { apiAction, handle } from "~/utils/api.server";
import { publishResultsOp } from "~/modules/results/publication-api";
import { publishResults } from "~/modules/results/publication.server";

export const action = apiAction({
  post: handle(publishResultsOp, async ({ user, params, body, actor }) => publishResults(user, params.eventId, body, actor)),
});
