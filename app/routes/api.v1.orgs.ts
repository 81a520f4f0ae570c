import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createOrgOp, listOrgsOp } from "~/modules/orgs/api";
import { createOrg, listOrgs } from "~/modules/orgs/orgs.server";

export const loader = apiLoader(listOrgsOp, async ({ user, query }) => ({ items: await listOrgs(user, query) }));

export const action = apiAction({
  post: handle(createOrgOp, async ({ user, body, actor }) => createOrg(user, body, actor)),
});
