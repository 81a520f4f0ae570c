import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { addGrantOp, listUserGrantsOp } from "~/modules/users/api";
import { grantRole, listUserGrants } from "~/modules/users/users.server";
import { isoDates } from "~/utils/serialise";

export const loader = apiLoader(listUserGrantsOp, async ({ user, params }) => ({ items: isoDates(await listUserGrants(user, params.userId)) as never }));

export const action = apiAction({
  post: handle(addGrantOp, async ({ user, params, body, actor }) => isoDates(await grantRole(user, params.userId, body, actor)) as never),
});
