import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { listDrawsOp, runDrawOp } from "~/modules/draws/api";
import { listDraws, runEventDraw } from "~/modules/draws/draws.server";

export const loader = apiLoader(listDrawsOp, async ({ user, params }) => {
  const { draws, seedsVisible } = await listDraws(user, params.eventId);
  return isoDates({ draws, seedsVisible }) as never;
});

export const action = apiAction({
  post: handle(runDrawOp, async ({ user, params, body, actor }) => isoDates(await runEventDraw(user, params.eventId, body, actor)) as never),
});
