import { getLiveFeedOp } from "~/modules/results/api";
import { optionalApiUser, publicApiLoader } from "~/modules/results/api.server";
import { requireBoardAccess } from "~/modules/results/access.server";
import { liveFeedResponse, serveFeed, type EventStreamArgs } from "~/modules/results/feed.server";

// Server-sent events for integrations and big screens (documented in the operation).
export const loader = publicApiLoader(getLiveFeedOp, async ({ user, request, params, query }) => {
  await requireBoardAccess(user, params.eventId, query.view);
  return liveFeedResponse(request, params.eventId, query.view);
});

/**
 * The same feed written straight to the socket (server.mjs calls this before Remix; see
 * feed.server.ts). The loader's steps — token or session, parameters, the board's access rule —
 * with anything refused left to the loader, which answers it in the API's error format.
 */
export async function eventStream({ request, params, res }: EventStreamArgs): Promise<boolean> {
  if (request.method !== "GET") return false;
  const path = getLiveFeedOp.params!.safeParse(params);
  const query = getLiveFeedOp.query!.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!path.success || !query.success) return false;
  const user = await optionalApiUser(request).catch(() => undefined);
  if (user === undefined) return false;
  const allowed = await requireBoardAccess(user, path.data.eventId, query.data.view).then(() => true, () => false);
  if (!allowed) return false;
  await serveFeed(res, path.data.eventId, query.data.view);
  return true;
}
