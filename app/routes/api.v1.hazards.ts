import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { listHazardsOp, reportHazardOp } from "~/modules/ankang/api";
import { listHazards, reportHazard } from "~/modules/ankang/hazards.server";

export const loader = apiLoader(listHazardsOp, async ({ user, query }) => ({ items: await listHazards(user, query) }));
export const action = apiAction({ post: handle(reportHazardOp, async ({ user, body, actor }) => {
  const h = await reportHazard(user, body, actor);
  return { id: h.id, status: h.status };
}) });
