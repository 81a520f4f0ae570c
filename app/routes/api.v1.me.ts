import { apiLoader } from "~/utils/api.server";
import { meOp } from "~/modules/users/api";
import { describeMe } from "~/modules/users/users.server";

export const loader = apiLoader(meOp, async ({ user }) => describeMe(user));
