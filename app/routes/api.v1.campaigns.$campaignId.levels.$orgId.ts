import { apiLoader, requestLocale } from "~/utils/api.server";
import { getLevelListOp } from "~/modules/nominations/api";
import { getLevelList } from "~/modules/nominations/nominations.server";
import { localisePanel } from "~/modules/nominations/rule-labels";

// The panel's rule names, requirements and advice in the request's language (brief ux item 3).
export const loader = apiLoader(getLevelListOp, async ({ user, params, request }) => {
  const list = await getLevelList(user, params.campaignId, params.orgId);
  return { ...list, panel: localisePanel(list.panel, requestLocale(request)) };
});
