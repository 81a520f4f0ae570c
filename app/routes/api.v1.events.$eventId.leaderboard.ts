import { getLeaderboardOp } from "~/modules/results/api";
import { jsonText, publicApiLoader } from "~/modules/results/api.server";
import { requireBoardAccess } from "~/modules/results/access.server";
import { getBoard } from "~/modules/results/leaderboard.server";

// Served from the maintained board: the JSON is prebuilt, this only writes it out.
export const loader = publicApiLoader(getLeaderboardOp, async ({ user, params, query }) => {
  await requireBoardAccess(user, params.eventId, query.view);
  const board = await getBoard(params.eventId, query.view);
  return jsonText(board.json, { ETag: `"${board.version}"` });
});
