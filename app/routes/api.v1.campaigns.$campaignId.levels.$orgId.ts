import { apiLoader } from "~/utils/api.server";
import { getLevelListOp } from "~/modules/nominations/api";
import { getLevelList } from "~/modules/nominations/nominations.server";

export const loader = apiLoader(getLevelListOp, async ({ user, params }) => getLevelList(user, params.campaignId, params.orgId));
