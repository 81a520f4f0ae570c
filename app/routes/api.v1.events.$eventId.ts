import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { getEventOp, updateEventOp } from "~/modules/contests/api";
import { getEvent, updateEvent } from "~/modules/contests/events.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(getEventOp, async ({ user, params }) => isoDates((await getEvent(user, params.eventId)).event) as never);

export const action = apiAction({
  patch: handle(updateEventOp, async ({ user, params, body, actor }) =>
    isoDates(await updateEvent(user, params.eventId, body, actor).catch(prefixIssues("body"))) as never),
});
