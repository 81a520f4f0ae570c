import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createTokenOp, listTokensOp } from "~/modules/users/api";
import { createApiToken, listApiTokens } from "~/modules/users/api-tokens.server";
import { isoDates } from "~/utils/serialise";

export const loader = apiLoader(listTokensOp, async ({ user }) => ({ items: isoDates(await listApiTokens(user)) as never }));

export const action = apiAction({
  post: handle(createTokenOp, async ({ user, body, actor }) => isoDates(await createApiToken(user, body, actor)) as never),
});
