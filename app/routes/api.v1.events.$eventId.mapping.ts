import { apiLoader } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { eventMappingOp } from "~/modules/draws/api";
import { eventMapping } from "~/modules/draws/draws.server";

export const loader = apiLoader(eventMappingOp, async ({ user, params }) => isoDates(await eventMapping(user, params.eventId)) as never);
