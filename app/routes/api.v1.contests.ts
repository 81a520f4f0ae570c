import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { isoDates } from "~/utils/serialise";
import { createContestOp, listContestsOp } from "~/modules/contests/api";
import { createContest, listContests } from "~/modules/contests/contests.server";
import { prefixIssues } from "~/modules/members/api-issues";

export const loader = apiLoader(listContestsOp, async ({ user, query }) => {
  const items = (await listContests(user, query)).map(({ canManage: _canManage, ...contest }) => contest);
  return isoDates({ items }) as never;
});

export const action = apiAction({
  post: handle(createContestOp, async ({ user, body, actor }) => isoDates(await createContest(user, body, actor).catch(prefixIssues("body"))) as never),
});
