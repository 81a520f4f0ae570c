import { apiLoader } from "~/utils/api.server";
import { getCycleOp } from "~/modules/ankang/api";
import { getCycle } from "~/modules/ankang/ankang.server";

export const loader = apiLoader(getCycleOp, async ({ user, params }) => getCycle(user, params.cycleId));
