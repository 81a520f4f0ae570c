import { can, isInSubtree, type Grant } from "./permissions";
import type { PermissionKey } from "./roles";

// Pure rules for giving and taking away roles. The service loads the data (the
// granter's grants, the role's permissions from the database) and asks these.

export const ADMIN_ROLE = "admin";
export const ENCRYPTION_OFFICER_ROLE = "encryption_officer";

/**
 * The ladder of roles an account manager may hand out by rank (issue 12 item 1): an organiser
 * staffs a contest (judges, unit contacts, the committee office, reviewers) without the
 * administrator, so they may grant roles at or below their own rank over their subtree, even
 * when those roles carry permissions the organiser does not use (a judge's judging:score).
 * Roles absent from the ladder (the administrator, the encryption officer, an installation's
 * own roles) are granted only by someone who holds every one of their permissions there:
 * the administrator role because it is the whole installation, the encryption officer because
 * only the 保密员 may know who holds which code (rules S-33, S-34), so an organiser must not be
 * able to appoint one, least of all themselves.
 */
export const GRANT_RANKS: Readonly<Record<string, number>> = {
  organiser: 50,
  chief_judge: 30,
  supervisor: 30,
  reviewer: 30,
  committee: 20,
  judge: 20,
  unit_contact: 20,
  grassroots_contact: 20,
  safety_staff: 30, // 安康杯 assessors (issue 15)
  safety_contact: 20,
  department_consultant: 20, // 联审部门 (issue 13, rule N-34)
  finance: 20, // 财务 confirms measured benefits of proposals (issue 16)
  worker: 10,
};

export type GrantableRole = { key: string; permissions: readonly string[] };
export type GrantTarget = { path: string };

export type GrantRefusalCode =
  | "outside_subtree" // no user:manage over the organisation
  | "admin_only" // the administrator role: only an administrator there grants it
  | "encryption_officer" // rules S-33, S-34: never by rank
  | "above_own_rank" // a role ranked higher than any the granter holds there
  | "self_escalation" // granting oneself, by rank, permissions one lacks
  | "missing_permissions"; // an unranked role with permissions the granter lacks

export type GrantRefusal = { code: GrantRefusalCode; message: string; missing?: string[] };

/**
 * The permissions of `rolePermissions` the granter does not hold over `orgPath`.
 * Granting needs user:manage there, and nobody may hand out more than they hold
 * themselves: otherwise a manager could grant "admin" and become one by proxy.
 */
export function missingForGrant(granterGrants: readonly Grant[], rolePermissions: readonly string[], orgPath: string): string[] {
  const needed = new Set<string>(["user:manage", ...rolePermissions]);
  return [...needed].filter((p) => !can(granterGrants, p as PermissionKey, orgPath));
}

/** The highest ladder rank the granter holds over `orgPath` through a grant that also carries user:manage. */
export function grantRankOver(granterGrants: readonly Grant[], orgPath: string): number {
  const ranks = granterGrants
    .filter((g) => isInSubtree(orgPath, g.orgPath) && g.permissions.includes("user:manage"))
    .map((g) => GRANT_RANKS[g.roleKey] ?? 0);
  return Math.max(0, ...ranks);
}

/**
 * Why `actor` may not grant `role` over `org`, or null when they may. Holding every permission
 * of the role there is always enough (the administrator's case); otherwise the role must be on
 * the ladder at or below the actor's own rank there, and never given to oneself that way.
 */
export function grantRefusal(
  actor: { id?: string; grants: readonly Grant[] },
  role: GrantableRole,
  org: GrantTarget,
  targetUserId?: string,
): GrantRefusal | null {
  if (!can(actor.grants, "user:manage", org.path)) {
    return { code: "outside_subtree", message: "您无权在该组织授予角色 / you may not grant roles in that organisation" };
  }
  const missing = missingForGrant(actor.grants, role.permissions, org.path);
  if (missing.length === 0) return null;
  if (role.key === ADMIN_ROLE) {
    return { code: "admin_only", message: "只有系统管理员能授予系统管理员角色 / only an administrator may grant the administrator role", missing };
  }
  if (role.key === ENCRYPTION_OFFICER_ROLE) {
    // rules S-33, S-34: the mapping of codes to people stays with the 保密员
    return { code: "encryption_officer", message: "加密裁判（保密员）只能由持有该职责的人授予 / only an encryption officer may appoint an encryption officer", missing };
  }
  const rank = GRANT_RANKS[role.key];
  if (rank === undefined || rank > grantRankOver(actor.grants, org.path)) {
    return rank === undefined
      ? { code: "missing_permissions", message: `不能授予超出您自身权限的角色（缺少 ${missing.join("、")}）/ you cannot grant a role with permissions you lack: ${missing.join(", ")}`, missing }
      : { code: "above_own_rank", message: "不能授予高于您自身角色的角色 / you cannot grant a role above your own", missing };
  }
  if (targetUserId !== undefined && targetUserId === actor.id) {
    return { code: "self_escalation", message: "不能给自己授予您尚未拥有的权限 / you cannot give yourself permissions you lack", missing };
  }
  return null;
}

/**
 * Accounts without any grant belong to no organisation, so no subtree can show them. Only managers
 * who hold user:manage through a role off the ladder (the administrator, an installation's own
 * account managers) see them; an organiser would otherwise list every unplaced account in the
 * country, so an organiser's new account always comes with its first role.
 */
export function seesUnplacedAccounts(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.permissions.includes("user:manage") && GRANT_RANKS[g.roleKey] === undefined);
}

/** Nobody may revoke their own last admin grant: the installation could lock itself out. */
export function removesOwnLastAdmin(actorUserId: string, grant: { userId: string; roleKey: string }, holderAdminGrantCount: number): boolean {
  return grant.userId === actorUserId && grant.roleKey === ADMIN_ROLE && holderAdminGrantCount <= 1;
}

/** The grants a viewer may see: those over organisations inside the viewer's scope. */
export function grantsInScope<G extends { orgPath: string }>(grants: readonly G[], scope: readonly string[]): G[] {
  return grants.filter((g) => scope.some((s) => isInSubtree(g.orgPath, s)));
}
