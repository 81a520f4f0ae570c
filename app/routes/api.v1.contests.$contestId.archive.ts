import { apiAction, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { archiveContestOp } from "~/modules/contests/api";
import { archiveContest } from "~/modules/contests/contests.server";

export const action = apiAction({
  post: handle(archiveContestOp, async ({ user, params, actor }) => isoDates(await archiveContest(user, params.contestId, actor)) as never),
});
