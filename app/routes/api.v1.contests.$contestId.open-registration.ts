import { apiAction, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { openRegistrationOp } from "~/modules/contests/api";
import { openRegistration } from "~/modules/contests/contests.server";

export const action = apiAction({
  post: handle(openRegistrationOp, async ({ user, params, actor }) => {
    const { contest, warnings } = await openRegistration(user, params.contestId, actor);
    return isoDates({ contest, warnings: warnings.map(({ eventId, path, message }) => ({ path: `events.${eventId}.markingScheme.${path}`, message })) }) as never;
  }),
});
