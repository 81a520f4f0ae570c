import type { PermissionKey } from "./roles";

// Pure permission rules. A grant gives a role's permissions over an organisation's
// subtree; organisations carry a materialised path "/root/…/self/", so "inside the
// subtree" is a prefix test.

export type Grant = { roleKey: string; orgId: string; orgPath: string; permissions: readonly string[] };

export function isInSubtree(targetPath: string, scopePath: string): boolean {
  return targetPath.startsWith(scopePath);
}

/** May the holder of these grants use `permission` on the organisation at `targetPath`? */
export function can(grants: readonly Grant[], permission: PermissionKey, targetPath?: string): boolean {
  return grants.some(
    (g) => g.permissions.includes(permission) && (targetPath === undefined || isInSubtree(targetPath, g.orgPath)),
  );
}

/** The subtree roots (paths) over which the holder has `permission`, without nested duplicates. */
export function scopePaths(grants: readonly Grant[], permission: PermissionKey): string[] {
  const paths = grants.filter((g) => g.permissions.includes(permission)).map((g) => g.orgPath);
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => isInSubtree(p, q)));
}

/**
 * National data (the holiday calendar, review settings) belongs to no subtree: only a grant over a
 * top-level organisation (path "/id/") may change it, so an administrator of one city cannot
 * change the calendar every other city counts notice windows on.
 */
export function canNationally(grants: readonly Grant[], permission: PermissionKey): boolean {
  return grants.some((g) => g.permissions.includes(permission) && /^\/[^/]+\/$/.test(g.orgPath));
}
