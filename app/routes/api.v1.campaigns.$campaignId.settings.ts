import { apiAction, handle } from "~/utils/api.server";
import { updateCampaignSettingsOp } from "~/modules/nominations/api";
import { updateCampaignSettings } from "~/modules/nominations/nominations.server";

export const action = apiAction({
  post: handle(updateCampaignSettingsOp, async ({ user, params, body, actor }) => ({ id: (await updateCampaignSettings(user, params.campaignId, body, actor)).id })),
});
