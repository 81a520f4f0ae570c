import { apiLoader } from "~/utils/api.server";
import { getConsoleOp } from "~/modules/judging/review/api";
import { loadConsole } from "~/modules/judging/review/console.server";

export const loader = apiLoader(getConsoleOp, async ({ user, params }) => loadConsole(user, params.eventId));
