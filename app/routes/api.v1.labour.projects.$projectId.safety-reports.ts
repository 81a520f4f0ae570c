import { apiAction, handle } from "~/utils/api.server";
import { recordLabourSafetyReportOp } from "~/modules/labour/api";
import { recordSafetyReport } from "~/modules/labour/labour.server";

export const action = apiAction({
  post: handle(recordLabourSafetyReportOp, async ({ user, params, body, actor }) => recordSafetyReport(user, params.projectId, body, actor)),
});
