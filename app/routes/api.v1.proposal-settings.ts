import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getProposalSettingsOp, saveProposalSettingsOp } from "~/modules/proposals/api";
import { getProposalSettings, saveProposalSettings } from "~/modules/proposals/settings.server";

export const loader = apiLoader(getProposalSettingsOp, async ({ user, query }) => getProposalSettings(user, query.orgId));

export const action = apiAction({
  put: handle(saveProposalSettingsOp, async ({ user, query, body, actor }) => saveProposalSettings(user, query.orgId, body, actor)),
});
