import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getLabourSettingsOp, saveLabourSettingsOp } from "~/modules/labour/api";
import { getSettings, saveSettings } from "~/modules/labour/settings.server";

export const loader = apiLoader(getLabourSettingsOp, async ({ user, params }) => getSettings(user, params.projectId));

export const action = apiAction({
  put: handle(saveLabourSettingsOp, async ({ user, params, body, actor }) => {
    const { correctionReason, ...settings } = body;
    const saved = await saveSettings(user, params.projectId, { settings, correctionReason }, actor);
    return { ...(await getSettings(user, params.projectId)), changed: saved.changed };
  }),
});
