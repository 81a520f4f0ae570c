import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getReviewSettingsOp, saveReviewSettingsOp } from "~/modules/review-chain/api";
import { loadReviewSettings, saveReviewSettings } from "~/modules/review-chain/settings.server";

// The review chain's and 公示's settings (rules N-31, N-33): the same as /admin/calendar's form.
export const loader = apiLoader(getReviewSettingsOp, async () => loadReviewSettings());

export const action = apiAction({
  post: handle(saveReviewSettingsOp, async ({ user, body, actor }) => saveReviewSettings(user, body, actor)),
});
