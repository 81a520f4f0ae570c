import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";

/** The user's grants with the names of the organisations they cover. */
export async function describeGrants(user: SessionUser) {
  const orgs = await db.organisation.findMany({
    where: { id: { in: user.grants.map((g) => g.orgId) } },
    select: { id: true, name: true },
  });
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return user.grants.map((g) => ({ roleKey: g.roleKey, orgId: g.orgId, orgName: names.get(g.orgId) ?? "" }));
}
