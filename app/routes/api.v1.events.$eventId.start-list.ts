import { apiLoader } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { startListOp } from "~/modules/draws/api";
import { startList } from "~/modules/draws/draws.server";

export const loader = apiLoader(startListOp, async ({ user, params, query }) => isoDates(await startList(user, params.eventId, query.sessionId)) as never);
