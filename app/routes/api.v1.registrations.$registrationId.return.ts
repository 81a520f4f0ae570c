import { apiAction, handle } from "~/utils/api.server";
import { returnRegistrationOp } from "~/modules/registration/api";
import { returnRegistration } from "~/modules/registration/registration.server";

export const action = apiAction({
  post: handle(returnRegistrationOp, async ({ user, params, body, actor }) => ({
    id: params.registrationId, ...(await returnRegistration(user, params.registrationId, body, actor)),
  })),
});
