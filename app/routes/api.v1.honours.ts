import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { recordHonourOp, searchHonoursOp } from "~/modules/honours/api";
import { getHonour, recordManualHonour, searchHonours } from "~/modules/honours/honours.server";

export const loader = apiLoader(searchHonoursOp, async ({ user, query }) => ({ items: await searchHonours(user, query) }));

export const action = apiAction({
  post: handle(recordHonourOp, async ({ user, body, actor }) => getHonour(user, (await recordManualHonour(user, body, actor)).id)),
});
