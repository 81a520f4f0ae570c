import { apiLoader } from "~/utils/api.server";
import { getLabourPeriodOp } from "~/modules/labour/api";
import { getPeriod } from "~/modules/labour/labour.server";

export const loader = apiLoader(getLabourPeriodOp, async ({ user, params }) => getPeriod(user, params.projectId, params.periodId));
