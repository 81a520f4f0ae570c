import { apiAction, handle } from "~/utils/api.server";
import { hazardActionOp } from "~/modules/ankang/api";
import { handleHazard } from "~/modules/ankang/hazards.server";

export const action = apiAction({ post: handle(hazardActionOp, async ({ user, params, body, actor }) => handleHazard(user, params.hazardId, body, actor)) });
