import { apiLoader } from "~/utils/api.server";
import { standingsOp } from "~/modules/ankang/api";
import { cycleStandings } from "~/modules/ankang/titles.server";

export const loader = apiLoader(standingsOp, async ({ user, params }) => ({ items: await cycleStandings(user, params.cycleId) }));
