import { apiLoader } from "~/utils/api.server";
import { getCampaignOp } from "~/modules/nominations/api";
import { getCampaign } from "~/modules/nominations/nominations.server";

export const loader = apiLoader(getCampaignOp, async ({ user, params }) => getCampaign(user, params.campaignId));
