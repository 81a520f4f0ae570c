import { apiLoader } from "~/utils/api.server";
import { getResultsOp } from "~/modules/results/publication-api";
import { resultsTable } from "~/modules/results/exports.server";

export const loader = apiLoader(getResultsOp, async ({ user, params }) => resultsTable(user, params.eventId));
