import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createCycleOp, listCyclesOp } from "~/modules/ankang/api";
import { createCycle, listCycles } from "~/modules/ankang/ankang.server";

export const loader = apiLoader(listCyclesOp, async ({ user }) => ({ items: await listCycles(user) }));
export const action = apiAction({ post: handle(createCycleOp, async ({ user, body, actor }) => createCycle(user, body, actor)) });
