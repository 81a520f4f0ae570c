import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { applyLabourProjectOp, listLabourProjectsOp } from "~/modules/labour/api";
import { applyProject, listProjects } from "~/modules/labour/labour.server";

export const loader = apiLoader(listLabourProjectsOp, async ({ user }) => ({ items: await listProjects(user) }));

export const action = apiAction({
  post: handle(applyLabourProjectOp, async ({ user, body, actor }) => applyProject(user, body, actor)),
});
