import { apiLoader } from "~/utils/api.server";
import { markHistoryOp } from "~/modules/judging/review/api";
import { markHistory } from "~/modules/judging/review/corrections.server";

export const loader = apiLoader(markHistoryOp, async ({ user, params }) => markHistory(user, params.markId));
