import { apiAction, handle } from "~/utils/api.server";
import { bulkApproveOp } from "~/modules/registration/api";
import { approveRegistrations } from "~/modules/registration/registration.server";

export const action = apiAction({
  post: handle(bulkApproveOp, async ({ user, body, actor }) => ({ results: await approveRegistrations(user, body.registrationIds, actor) })),
});
