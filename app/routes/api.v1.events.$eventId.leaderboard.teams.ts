import { getTeamLeaderboardOp } from "~/modules/results/api";
import { jsonText, publicApiLoader } from "~/modules/results/api.server";
import { requireBoardAccess } from "~/modules/results/access.server";
import { getTeamBoard } from "~/modules/results/leaderboard.server";

export const loader = publicApiLoader(getTeamLeaderboardOp, async ({ user, params, query }) => {
  await requireBoardAccess(user, params.eventId, query.view);
  return jsonText(await getTeamBoard(params.eventId, query.view));
});
