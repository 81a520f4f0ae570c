import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createUserOp, listUsersOp } from "~/modules/users/api";
import { createUser, getUserDetail, listUsers } from "~/modules/users/users.server";
import { isoDates } from "~/utils/serialise";

export const loader = apiLoader(listUsersOp, async ({ user, query }) => isoDates(await listUsers(user, query)) as never);

export const action = apiAction({
  post: handle(createUserOp, async ({ user, body, actor }) => {
    const created = await createUser(user, body, actor);
    return { ...(isoDates(await getUserDetail(user, created.id)) as object), oneTimePassword: created.oneTimePassword, mustChangePassword: true } as never;
  }),
});
