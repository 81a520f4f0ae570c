import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { getContestOp, updateContestOp } from "~/modules/contests/api";
import { getContest, updateContest } from "~/modules/contests/contests.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(getContestOp, async ({ user, params }) => {
  const { contest, committee, events } = await getContest(user, params.contestId);
  return isoDates({ ...contest, committee, events }) as never;
});

export const action = apiAction({
  patch: handle(updateContestOp, async ({ user, params, body, actor }) =>
    isoDates(await updateContest(user, params.contestId, body, actor).catch(prefixIssues("body"))) as never),
});
