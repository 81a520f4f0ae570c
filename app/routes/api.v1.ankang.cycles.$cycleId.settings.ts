import { apiAction, handle } from "~/utils/api.server";
import { cycleSettingsOp } from "~/modules/ankang/api";
import { updateCycleSettings } from "~/modules/ankang/ankang.server";

export const action = apiAction({ post: handle(cycleSettingsOp, async ({ user, params, body, actor }) => updateCycleSettings(user, params.cycleId, body, actor)) });
