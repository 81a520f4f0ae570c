import { apiLoader } from "~/utils/api.server";
import { getMySheetOp } from "~/modules/judging/api";
import { getSheetForJudge } from "~/modules/judging/marks.server";

export const loader = apiLoader(getMySheetOp, async ({ user, params }) => getSheetForJudge(user, params.eventId, params.blindCodeId));
