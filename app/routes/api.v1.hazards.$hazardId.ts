import { apiLoader } from "~/utils/api.server";
import { getHazardOp } from "~/modules/ankang/api";
import { getHazard } from "~/modules/ankang/hazards.server";

export const loader = apiLoader(getHazardOp, async ({ user, params }) => getHazard(user, params.hazardId));
