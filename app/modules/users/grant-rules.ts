import { can, isInSubtree, type Grant } from "./permissions";
import type { PermissionKey } from "./roles";

// Pure rules for giving and taking away roles. The service loads the data (the
// granter's grants, the role's permissions from the database) and asks these.

export const ADMIN_ROLE = "admin";

/**
 * The permissions of `rolePermissions` the granter does not hold over `orgPath`.
 * Granting needs user:manage there, and nobody may hand out more than they hold
 * themselves: otherwise a manager could grant "admin" and become one by proxy.
 */
export function missingForGrant(granterGrants: readonly Grant[], rolePermissions: readonly string[], orgPath: string): string[] {
  const needed = new Set<string>(["user:manage", ...rolePermissions]);
  return [...needed].filter((p) => !can(granterGrants, p as PermissionKey, orgPath));
}

/** Nobody may revoke their own last admin grant: the installation could lock itself out. */
export function removesOwnLastAdmin(actorUserId: string, grant: { userId: string; roleKey: string }, holderAdminGrantCount: number): boolean {
  return grant.userId === actorUserId && grant.roleKey === ADMIN_ROLE && holderAdminGrantCount <= 1;
}

/** The grants a viewer may see: those over organisations inside the viewer's scope. */
export function grantsInScope<G extends { orgPath: string }>(grants: readonly G[], scope: readonly string[]): G[] {
  return grants.filter((g) => scope.some((s) => isInSubtree(g.orgPath, s)));
}
