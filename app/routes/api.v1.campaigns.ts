import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createCampaignOp, listCampaignsOp } from "~/modules/nominations/api";
import { createCampaign, listCampaigns } from "~/modules/nominations/nominations.server";

export const loader = apiLoader(listCampaignsOp, async ({ user }) => ({ items: await listCampaigns(user) }));

export const action = apiAction({
  post: handle(createCampaignOp, async ({ user, body, actor }) => {
    const c = await createCampaign(user, body, actor);
    return { id: c.id, roundId: c.roundId };
  }),
});
