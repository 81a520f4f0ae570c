import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getOrgOp, updateOrgOp } from "~/modules/orgs/api";
import { getOrg, updateOrg } from "~/modules/orgs/orgs.server";

export const loader = apiLoader(getOrgOp, async ({ user, params }) => {
  const { _count, ...org } = await getOrg(user, params.orgId);
  return { ...org, memberCount: _count.members, childCount: _count.children };
});

export const action = apiAction({
  patch: handle(updateOrgOp, async ({ user, params, body, actor }) => updateOrg(user, params.orgId, body, actor)),
});
