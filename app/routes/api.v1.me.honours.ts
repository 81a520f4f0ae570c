import { apiLoader } from "~/utils/api.server";
import { myHonoursOp } from "~/modules/honours/api";
import { myHonours } from "~/modules/honours/honours.server";

export const loader = apiLoader(myHonoursOp, async ({ user }) => {
  const mine = await myHonours(user);
  return { linked: mine.linked, items: mine.honours };
});
