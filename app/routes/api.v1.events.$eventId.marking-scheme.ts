import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getMarkingSchemeOp, putMarkingSchemeOp } from "~/modules/contests/api";
import { getMarkingScheme, saveMarkingScheme } from "~/modules/contests/events.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(getMarkingSchemeOp, async ({ user, params }) => getMarkingScheme(user, params.eventId));

export const action = apiAction({
  put: handle(putMarkingSchemeOp, async ({ user, params, body, actor }) =>
    saveMarkingScheme(user, params.eventId, body, actor).catch(prefixIssues("body"))),
});
