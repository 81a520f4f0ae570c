import { apiLoader } from "~/utils/api.server";
import { getLabourYearEndOp } from "~/modules/labour/api";
import { getYearEnd } from "~/modules/labour/labour.server";

export const loader = apiLoader(getLabourYearEndOp, async ({ user, params }) => getYearEnd(user, params.projectId));
