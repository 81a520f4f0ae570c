import { apiAction, handle } from "~/utils/api.server";
import { withdrawRegistrationOp } from "~/modules/registration/api";
import { withdrawRegistration } from "~/modules/registration/registration.server";

export const action = apiAction({
  post: handle(withdrawRegistrationOp, async ({ user, params, actor }) => ({
    id: params.registrationId, ...(await withdrawRegistration(user, params.registrationId, actor)),
  })),
});
