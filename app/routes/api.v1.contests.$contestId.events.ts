import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { createEventOp, listEventsOp } from "~/modules/contests/api";
import { getContest } from "~/modules/contests/contests.server";
import { createEvent } from "~/modules/contests/events.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(listEventsOp, async ({ user, params }) => isoDates({ items: (await getContest(user, params.contestId)).events }) as never);

export const action = apiAction({
  post: handle(createEventOp, async ({ user, params, body, actor }) =>
    isoDates(await createEvent(user, params.contestId, body, actor).catch(prefixIssues("body"))) as never),
});
