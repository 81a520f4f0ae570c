import { apiAction, handle } from "~/utils/api.server";
import { revokeGrantOp } from "~/modules/users/api";
import { revokeGrant } from "~/modules/users/users.server";
import { isoDates } from "~/utils/serialise";

export const action = apiAction({
  delete: handle(revokeGrantOp, async ({ user, params, actor }) => isoDates(await revokeGrant(user, params.userId, params.grantId, actor)) as never),
});
