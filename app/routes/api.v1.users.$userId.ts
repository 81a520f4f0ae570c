import { apiLoader } from "~/utils/api.server";
import { getUserOp } from "~/modules/users/api";
import { getUserDetail } from "~/modules/users/users.server";
import { isoDates } from "~/utils/serialise";

export const loader = apiLoader(getUserOp, async ({ user, params }) => isoDates(await getUserDetail(user, params.userId)) as never);
