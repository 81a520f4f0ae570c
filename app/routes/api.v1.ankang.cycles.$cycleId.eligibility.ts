import { apiLoader } from "~/utils/api.server";
import { eligibilityOp } from "~/modules/ankang/api";
import { eligibilityFor } from "~/modules/ankang/titles.server";

export const loader = apiLoader(eligibilityOp, async ({ user, params, query }) => eligibilityFor(user, params.cycleId, query));
