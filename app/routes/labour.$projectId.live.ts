import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import type { EventStreamArgs } from "~/modules/results/feed.server";
import { requireProject } from "~/modules/labour/labour.server";
import { labourFeedResponse, serveLabourFeed } from "~/modules/labour/live.server";

// The live feed of a 劳动竞赛 project (decision 005, EventSource with the session cookie):
// "change" whenever a score, a signature, an award, an event, an accident or a safety report
// of the project is committed, in any process; the period board, the big screen and the 百日
// board then read their data again.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireProject(user, params.projectId!).catch((error: unknown) => asResponse(error, request));
  return labourFeedResponse(request, params.projectId!);
}

/** The same feed written straight to the socket by server.mjs (see feed.server.ts); refusals go to the loader. */
export async function eventStream({ request, params, res }: EventStreamArgs): Promise<boolean> {
  if (request.method !== "GET" || !params.projectId) return false;
  const user = await getUser(request);
  if (!user) return false;
  const allowed = await requireProject(user, params.projectId).then(() => true, () => false);
  if (!allowed) return false;
  serveLabourFeed(res, params.projectId);
  return true;
}
