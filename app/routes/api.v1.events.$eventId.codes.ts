import { apiLoader } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { eventCodesOp } from "~/modules/draws/api";
import { eventCodes } from "~/modules/draws/draws.server";

export const loader = apiLoader(eventCodesOp, async ({ user, params }) => isoDates(await eventCodes(user, params.eventId)) as never);
