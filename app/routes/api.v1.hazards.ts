import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { listHazardsOp, reportHazardOp } from "~/modules/ankang/api";
import { listHazards, reportHazard } from "~/modules/ankang/hazards.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

export const loader = apiLoader(listHazardsOp, async ({ user, query }) => ({ items: await listHazards(user, query) }));
export const action = apiAction({ post: handle(reportHazardOp, async ({ user, body, actor }) => {
  const { photo, ...input } = body;
  const h = await reportHazard(user, input, actor, new Date(), photo ? fileFromBase64(photo.filename, photo.contentBase64, "photo.contentBase64") : null);
  return { id: h.id, status: h.status };
}) });
