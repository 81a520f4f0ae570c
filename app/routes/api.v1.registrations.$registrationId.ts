import { apiLoader } from "~/utils/api.server";
import { getRegistrationOp } from "~/modules/registration/api";
import { getRegistration } from "~/modules/registration/registration.server";

export const loader = apiLoader(getRegistrationOp, async ({ user, params }) => (await getRegistration(user, params.registrationId)).registration);
