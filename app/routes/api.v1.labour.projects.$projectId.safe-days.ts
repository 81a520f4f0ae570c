import { apiLoader } from "~/utils/api.server";
import { getLabourSafeDaysOp } from "~/modules/labour/api";
import { getSafeDays } from "~/modules/labour/labour.server";

export const loader = apiLoader(getLabourSafeDaysOp, async ({ user, params }) => getSafeDays(user, params.projectId));
