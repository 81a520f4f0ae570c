import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { addSheetOp, listSheetsOp } from "~/modules/ankang/api";
import { addSheetVersion, listSheetVersions } from "~/modules/ankang/ankang.server";

export const loader = apiLoader(listSheetsOp, async ({ user, params }) => ({ items: await listSheetVersions(user, params.cycleId) }));
export const action = apiAction({ post: handle(addSheetOp, async ({ user, params, body, actor }) => addSheetVersion(user, params.cycleId, body, actor)) });
