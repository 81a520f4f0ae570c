import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import type { BoardView } from "~/modules/results/board";
import { requireBoardAccess } from "~/modules/results/access.server";
import { liveFeedResponse, serveFeed, type EventStreamArgs } from "~/modules/results/feed.server";

// The live feed for the board pages (EventSource, session cookie): text/event-stream,
// one board subscription per connection. ?view=live for the committee's view.
const viewOf = (request: Request): BoardView => (new URL(request.url).searchParams.get("view") === "live" ? "live" : "public");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = viewOf(request);
  const user = await getUser(request);
  await requireBoardAccess(user, params.eventId!, view).catch((error: unknown) => asResponse(error, request));
  return liveFeedResponse(request, params.eventId!, view);
}

/**
 * The same feed written straight to the socket (server.mjs calls this before Remix; see
 * feed.server.ts). Same checks as the loader; anything refused is left to the loader, which
 * answers it exactly as before.
 */
export async function eventStream({ request, params, res }: EventStreamArgs): Promise<boolean> {
  if (request.method !== "GET" || !params.eventId) return false;
  const view = viewOf(request);
  const user = await getUser(request);
  const allowed = await requireBoardAccess(user, params.eventId, view).then(() => true, () => false);
  if (!allowed) return false;
  await serveFeed(res, params.eventId, view);
  return true;
}
