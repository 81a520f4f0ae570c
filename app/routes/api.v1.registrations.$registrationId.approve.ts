import { apiAction, handle } from "~/utils/api.server";
import { approveRegistrationOp } from "~/modules/registration/api";
import { approveRegistration } from "~/modules/registration/registration.server";

export const action = apiAction({
  post: handle(approveRegistrationOp, async ({ user, params, body, actor }) => ({
    id: params.registrationId, ...(await approveRegistration(user, params.registrationId, body, actor)),
  })),
});
