import { apiLoader } from "~/utils/api.server";
import { getLifecycleOp } from "~/modules/contests/api";
import { getContest } from "~/modules/contests/contests.server";
import { lifecycleOf } from "~/modules/contests/lifecycle.server";

export const loader = apiLoader(getLifecycleOp, async ({ user, params }) => {
  await getContest(user, params.contestId); // 404 for a contest the user cannot see
  return (await lifecycleOf([params.contestId])).get(params.contestId)! as never;
});
