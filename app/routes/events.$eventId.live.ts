import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { requireBoardAccess } from "~/modules/results/access.server";
import { liveFeedResponse } from "~/modules/results/feed.server";

// The live feed for the board pages (EventSource, session cookie): text/event-stream,
// one board subscription per connection. ?view=live for the committee's view.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = new URL(request.url).searchParams.get("view") === "live" ? "live" : "public";
  const user = await getUser(request);
  await requireBoardAccess(user, params.eventId!, view).catch(asResponse);
  return liveFeedResponse(request, params.eventId!, view);
}
