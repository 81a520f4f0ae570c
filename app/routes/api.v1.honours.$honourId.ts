import { apiLoader } from "~/utils/api.server";
import { getHonourOp } from "~/modules/honours/api";
import { getHonourWithHistory } from "~/modules/honours/honours.server";

export const loader = apiLoader(getHonourOp, async ({ user, params }) => getHonourWithHistory(user, params.honourId));
