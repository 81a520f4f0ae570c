import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createRegistrationOp, listEventRegistrationsOp } from "~/modules/registration/api";
import { getRegistration, listEventRegistrations, registerViaApi } from "~/modules/registration/registration.server";

export const loader = apiLoader(listEventRegistrationsOp, async ({ user, params, query }) => ({
  items: await listEventRegistrations(user, params.eventId, query),
}));

export const action = apiAction({
  post: handle(createRegistrationOp, async ({ user, params, body, actor }) => {
    const id = await registerViaApi(user, params.eventId, body, actor);
    return (await getRegistration(user, id)).registration;
  }),
});
