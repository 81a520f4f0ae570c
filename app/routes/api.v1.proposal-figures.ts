import { apiLoader } from "~/utils/api.server";
import { proposalFiguresOp } from "~/modules/proposals/api";
import { proposalFigures } from "~/modules/proposals/proposals.server";
import { beijingDate } from "~/modules/calendar/working-days";

export const loader = apiLoader(proposalFiguresOp, async ({ user, query }) => proposalFigures(user, query.year ?? Number(beijingDate(new Date()).slice(0, 4))));
