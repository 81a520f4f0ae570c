import { apiLoader } from "~/utils/api.server";
import { prebuiltResponse } from "~/utils/http.server";
import { getLabourPeriodBoardOp } from "~/modules/labour/api";
import { periodBoardBytes } from "~/modules/labour/board-cache.server";

// A period's ranking, encoded once per version of the project's facts (board-cache.server.ts).
export const loader = apiLoader(getLabourPeriodBoardOp, async ({ user, params }) => {
  const bytes = await periodBoardBytes(user, params.projectId, params.periodId);
  return prebuiltResponse(bytes, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } }) as never;
});
