import { apiAction, handle, requestLocale } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { openRegistrationOp } from "~/modules/contests/api";
import { openRegistration } from "~/modules/contests/contests.server";
import { localiseMessage } from "~/utils/messages";

export const action = apiAction({
  post: handle(openRegistrationOp, async ({ user, params, actor, request }) => {
    const { contest, warnings } = await openRegistration(user, params.contestId, actor);
    // warnings in the request's language, like errors (issue 12 item 9)
    const locale = requestLocale(request);
    return isoDates({ contest, warnings: warnings.map(({ eventId, path, message }) => ({ path: `events.${eventId}.markingScheme.${path}`, message: localiseMessage(message, locale) })) }) as never;
  }),
});
