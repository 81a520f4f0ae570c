import { apiLoader } from "~/utils/api.server";
import { getLabourProjectOp } from "~/modules/labour/api";
import { getProject } from "~/modules/labour/labour.server";

export const loader = apiLoader(getLabourProjectOp, async ({ user, params }) => getProject(user, params.projectId));
