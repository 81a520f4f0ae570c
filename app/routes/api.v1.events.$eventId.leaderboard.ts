import { getLeaderboardOp } from "~/modules/results/api";
import { publicApiLoader } from "~/modules/results/api.server";
import { requireBoardAccess } from "~/modules/results/access.server";
import { boardBytes, getBoard } from "~/modules/results/leaderboard.server";
import { prebuiltResponse } from "~/utils/http.server";

// Served from the maintained board: the JSON is prebuilt and encoded once per version; a
// client that already holds this version (If-None-Match) gets 304.
export const loader = publicApiLoader(getLeaderboardOp, async ({ user, request, params, query }) => {
  await requireBoardAccess(user, params.eventId, query.view);
  const board = await getBoard(params.eventId, query.view);
  const etag = `"${board.version}"`;
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  return prebuiltResponse(boardBytes(board), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ETag: etag },
  });
});
