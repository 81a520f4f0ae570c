import { apiAction } from "~/utils/api.server";
import { handle } from "~/utils/api.server";
import { revokeTokenOp } from "~/modules/users/api";
import { revokeApiToken } from "~/modules/users/api-tokens.server";
import { isoDates } from "~/utils/serialise";

export const action = apiAction({
  delete: handle(revokeTokenOp, async ({ user, params, actor }) => isoDates(await revokeApiToken(user, params.tokenId, actor)) as never),
});
