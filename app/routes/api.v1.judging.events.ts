import { apiLoader } from "~/utils/api.server";
import { listMyJudgingEventsOp } from "~/modules/judging/api";
import { listMyAssignments } from "~/modules/judging/marks.server";

export const loader = apiLoader(listMyJudgingEventsOp, async ({ user }) => ({ items: await listMyAssignments(user) }));
