import { db } from "~/utils/db.server";
import { hashPassword, hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { buildTree, scopeWhere, type OrgTreeNode } from "~/modules/orgs/orgs.server";
import crypto from "node:crypto";
import { ADMIN_ROLE, grantRefusal, grantsInScope, removesOwnLastAdmin, seesUnplacedAccounts } from "./grant-rules";
import { passwordProblem } from "./password-policy";
import type { CreateUserInput, GrantInput } from "./schemas";

// Accounts and role grants. Who sees an account: holders of user:read see accounts
// with at least one grant inside their scope, and only the grants inside it. Accounts
// with no grant at all (just created, or every grant revoked) belong to no
// organisation; administrators see them so that someone can give them a role
// (seesUnplacedAccounts: not organisers, whose scope is one subtree).

/** The user's grants with the names of the organisations they cover. */
export async function describeGrants(user: SessionUser) {
  const orgs = await db.organisation.findMany({
    where: { id: { in: user.grants.map((g) => g.orgId) } },
    select: { id: true, name: true },
  });
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return user.grants.map((g) => ({ roleKey: g.roleKey, orgId: g.orgId, orgName: names.get(g.orgId) ?? "" }));
}

/** The caller as integrations see it (GET /api/v1/me): roles, permissions and their scopes. */
export async function describeMe(user: SessionUser) {
  const named = await describeGrants(user);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    via: user.via,
    roles: user.roleKeys,
    permissions: [...new Set(user.grants.flatMap((g) => g.permissions))].sort(),
    grants: user.grants.map((g, i) => ({ roleKey: g.roleKey, orgId: g.orgId, orgName: named[i].orgName, orgPath: g.orgPath, permissions: [...g.permissions].sort() })),
  };
}

const grantInclude = {
  org: { select: { id: true, name: true, path: true } },
  role: { select: { key: true, name: true, nameEn: true, permissions: { select: { permissionKey: true } } } },
} as const;

type GrantRow = {
  id: string; userId: string; roleKey: string; orgId: string; createdAt: Date;
  org: { id: string; name: string; path: string };
  role: { key: string; name: string; nameEn: string; permissions: { permissionKey: string }[] };
};

const grantableRole = (role: { key: string; permissions: { permissionKey: string }[] }) =>
  ({ key: role.key, permissions: role.permissions.map((p) => p.permissionKey) });

const grantView = (g: GrantRow) => ({
  id: g.id, roleKey: g.roleKey, roleName: g.role.name, roleNameEn: g.role.nameEn, orgId: g.orgId, orgName: g.org.name, createdAt: g.createdAt,
});
export type GrantView = ReturnType<typeof grantView>;

function visibleUsersWhere(viewer: SessionUser) {
  const scope = userScope(viewer, "user:read");
  if (scope.length === 0) return { id: "__none__" };
  const inScope = { grants: { some: { org: { OR: scope.map((p) => ({ path: { startsWith: p } })) } } } };
  return seesUnplacedAccounts(viewer.grants) ? { OR: [inScope, { grants: { none: {} } }] } : inScope;
}

function splitGrants(viewer: SessionUser, grants: GrantRow[]) {
  const visible = grantsInScope(grants.map((g) => ({ ...g, orgPath: g.org.path })), userScope(viewer, "user:read"));
  return { visible, hiddenGrantCount: grants.length - visible.length };
}

function requireUserRead(viewer: SessionUser) {
  if (!hasPermission(viewer, "user:read")) throw forbidden();
}
function requireUserManage(viewer: SessionUser) {
  if (!hasPermission(viewer, "user:manage")) throw forbidden("您没有管理账号的权限 / you may not manage accounts");
}

export async function listUsers(viewer: SessionUser, query: { q?: string; page: number; pageSize: number }) {
  requireUserRead(viewer);
  const where = {
    AND: [
      visibleUsersWhere(viewer),
      // usernames are lower-case; PostgreSQL compares case-sensitively where SQLite does not
      query.q ? { OR: [{ username: { contains: query.q.toLowerCase() } }, { displayName: { contains: query.q } }] } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { username: "asc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { id: true, username: true, displayName: true, disabledAt: true, createdAt: true, grants: { include: grantInclude, orderBy: { createdAt: "asc" } } },
    }),
  ]);
  const items = rows.map(({ grants, disabledAt, ...u }) => {
    const { visible, hiddenGrantCount } = splitGrants(viewer, grants);
    return { ...u, disabled: disabledAt !== null, grants: visible.map(grantView), hiddenGrantCount };
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function loadVisibleUser(viewer: SessionUser, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true, username: true, displayName: true, locale: true, disabledAt: true, createdAt: true,
      grants: { include: grantInclude, orderBy: { createdAt: "asc" } },
      member: { select: { id: true, name: true, org: { select: { id: true, name: true, path: true } } } },
    },
  });
  if (!user) throw notFound("找不到该账号 / account not found");
  const { visible, hiddenGrantCount } = splitGrants(viewer, user.grants);
  const unassigned = user.grants.length === 0 && seesUnplacedAccounts(viewer.grants);
  if (visible.length === 0 && !unassigned) throw forbidden("该账号不在您的管理范围内 / this account is outside your scope");
  return { user, visible, hiddenGrantCount };
}

/** One account with the grants the viewer may see, and whether the viewer may revoke each. */
export async function getUserDetail(viewer: SessionUser, userId: string) {
  requireUserRead(viewer);
  const { user, visible, hiddenGrantCount } = await loadVisibleUser(viewer, userId);
  const ownAdminGrants = user.id === viewer.id ? user.grants.filter((g) => g.roleKey === ADMIN_ROLE).length : 0;
  const { member, disabledAt, grants: _all, ...rest } = user;
  // The linked member's name is personal data: shown only to those who may read that member.
  const memberVisible = member && hasPermission(viewer, "member:read", member.org.path);
  return {
    ...rest,
    disabled: disabledAt !== null,
    grants: visible.map((g) => ({
      ...grantView(g),
      // Taking a role away is as high a step as giving it: an organiser does not revoke an administrator.
      canRevoke: !grantRefusal(viewer, grantableRole(g.role), g.org) && !removesOwnLastAdmin(viewer.id, g, ownAdminGrants),
    })),
    hiddenGrantCount,
    memberLinked: member !== null,
    member: memberVisible ? { id: member.id, name: member.name, orgId: member.org.id, orgName: member.org.name } : null,
  };
}
export type UserDetail = Awaited<ReturnType<typeof getUserDetail>>;

export async function listUserGrants(viewer: SessionUser, userId: string) {
  requireUserRead(viewer);
  const { visible } = await loadVisibleUser(viewer, userId);
  return visible.map(grantView);
}

/**
 * Checks that `manager` may give `roleKey` over `orgId` (to `targetUserId` when known): inside
 * their user:manage subtree, at or below their own rank (grant-rules.ts). Answers the
 * organisation and role.
 */
async function checkGrantable(manager: SessionUser, roleKey: string, orgId: string, targetUserId?: string) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, path: true } });
  if (!org) throw badRequest("组织不存在 / organisation not found", [{ path: "orgId", message: "组织不存在 / organisation not found" }]);
  if (!hasPermission(manager, "user:manage", org.path)) {
    throw forbidden("您无权在该组织授予角色 / you may not grant roles in that organisation");
  }
  const role = await db.role.findUnique({ where: { key: roleKey }, include: { permissions: { select: { permissionKey: true } } } });
  if (!role) throw badRequest("没有这个角色 / no such role", [{ path: "roleKey", message: "没有这个角色 / no such role" }]);
  const refusal = grantRefusal(manager, grantableRole(role), org, targetUserId);
  if (refusal) throw new AppError(403, `grant_${refusal.code}`, refusal.message, [{ path: "roleKey", message: refusal.message }]);
  return { org, role };
}

// A one-time password: 14 characters from an alphabet without look-alikes (0/O, 1/l/I), in
// groups of four for reading aloud over the phone. It is shown once to the person who created
// the account; the holder must replace it at the first sign-in (User.mustChangePassword).
const OTP_LETTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const OTP_DIGITS = "23456789";
export function generateOneTimePassword(username = ""): string {
  for (;;) {
    const alphabet = OTP_LETTERS + OTP_DIGITS;
    const chars = Array.from({ length: 12 }, () => alphabet[crypto.randomInt(alphabet.length)]);
    const candidate = `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
    if (!passwordProblem(candidate, username)) return candidate;
  }
}

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";

const usernameTaken = () =>
  new AppError(409, "username_taken", "用户名已被使用 / this username is taken", [{ path: "username", message: "用户名已被使用 / this username is taken" }]);
const alreadyGranted = () =>
  new AppError(409, "grant_exists", "该账号已在该组织拥有此角色 / the account already holds this role there", [
    { path: "roleKey", message: "该账号已在该组织拥有此角色 / the account already holds this role there" },
  ]);

/**
 * A new account, created by someone else: its password is the one given or a generated one-time
 * password, answered once here and never stored in clear; either way the holder must choose
 * their own at the first sign-in.
 */
export async function createUser(manager: SessionUser, input: CreateUserInput, actor: Actor) {
  requireUserManage(manager);
  if (!input.roleKey && !seesUnplacedAccounts(manager.grants)) {
    // An account without a role would leave the organiser's sight at once.
    const message = "请为新账号选择角色和组织 / choose a role and an organisation for the new account";
    throw badRequest(message, [{ path: "roleKey", message }]);
  }
  const grant = input.roleKey && input.orgId ? await checkGrantable(manager, input.roleKey, input.orgId) : null;
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) throw usernameTaken();
  const oneTimePassword = input.password ?? generateOneTimePassword(input.username);
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const user = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { username: input.username, displayName: input.displayName, passwordHash, mustChangePassword: true },
        select: { id: true, username: true, displayName: true },
      });
      await recordEvent(tx, actor, { action: "user.created", entityType: "User", entityId: user.id, orgId: grant?.org.id ?? null, after: user });
      if (grant) {
        const created = await tx.roleGrant.create({ data: { userId: user.id, roleKey: grant.role.key, orgId: grant.org.id, grantedById: manager.id } });
        await recordEvent(tx, actor, {
          action: "grant.added", entityType: "RoleGrant", entityId: created.id, orgId: grant.org.id,
          after: { userId: user.id, username: user.username, roleKey: grant.role.key, orgId: grant.org.id, orgName: grant.org.name },
        });
      }
      return user;
    });
    // The caller who chose the password knows it; a generated one is answered this once.
    return { ...user, oneTimePassword: input.password ? null : oneTimePassword, mustChangePassword: true as const };
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken();
    throw error;
  }
}

export async function grantRole(manager: SessionUser, userId: string, input: GrantInput, actor: Actor) {
  requireUserManage(manager);
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true } });
  if (!target) throw notFound("找不到该账号 / account not found");
  const { org, role } = await checkGrantable(manager, input.roleKey, input.orgId, target.id);
  const existing = await db.roleGrant.findUnique({ where: { userId_roleKey_orgId: { userId, roleKey: role.key, orgId: org.id } }, select: { id: true } });
  if (existing) throw alreadyGranted();
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.roleGrant.create({ data: { userId, roleKey: role.key, orgId: org.id, grantedById: manager.id }, include: grantInclude });
      await recordEvent(tx, actor, {
        action: "grant.added", entityType: "RoleGrant", entityId: created.id, orgId: org.id,
        after: { userId, username: target.username, roleKey: role.key, orgId: org.id, orgName: org.name },
      });
      return grantView(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyGranted();
    throw error;
  }
}

const lastAdminGrant = () =>
  new AppError(422, "last_admin_grant", "不能撤销您自己唯一的系统管理员授权 / you cannot revoke your own last admin grant");

export async function revokeGrant(manager: SessionUser, userId: string, grantId: string, actor: Actor) {
  requireUserManage(manager);
  const grant = await db.roleGrant.findFirst({ where: { id: grantId, userId }, include: { ...grantInclude, user: { select: { username: true } } } });
  if (!grant) throw notFound("找不到该授权 / grant not found");
  if (!hasPermission(manager, "user:manage", grant.org.path)) throw forbidden("您无权撤销该组织的授权 / you may not revoke grants there");
  if (grantRefusal(manager, grantableRole(grant.role), grant.org)) {
    throw forbidden("不能撤销您无权授予的角色 / you cannot revoke a role you may not grant");
  }
  const ownAdminGrants = grant.userId === manager.id ? await db.roleGrant.count({ where: { userId, roleKey: ADMIN_ROLE } }) : 0;
  if (removesOwnLastAdmin(manager.id, grant, ownAdminGrants)) throw lastAdminGrant();
  return db.$transaction(async (tx) => {
    const { count } = await tx.roleGrant.deleteMany({ where: { id: grant.id } });
    if (count === 0) throw notFound("找不到该授权 / grant not found");
    // Checked again after the delete, inside the transaction: two concurrent revocations
    // of one's own two admin grants must not both succeed.
    if (grant.userId === manager.id && grant.roleKey === ADMIN_ROLE && (await tx.roleGrant.count({ where: { userId, roleKey: ADMIN_ROLE } })) === 0) {
      throw lastAdminGrant();
    }
    await recordEvent(tx, actor, {
      action: "grant.removed", entityType: "RoleGrant", entityId: grant.id, orgId: grant.orgId,
      before: { userId, username: grant.user.username, roleKey: grant.roleKey, orgId: grant.orgId, orgName: grant.org.name },
    });
    return grantView(grant);
  });
}

/**
 * What the grant form offers: the roles the manager may grant somewhere in their scope (an
 * organiser sees no administrator), and the organisations inside that scope in tree order.
 */
export async function listGrantOptions(manager: SessionUser, limit = 500) {
  const scope = userScope(manager, "user:manage");
  const [allRoles, orgs] = await Promise.all([
    db.role.findMany({ orderBy: { sortOrder: "asc" }, select: { key: true, name: true, nameEn: true, permissions: { select: { permissionKey: true } } } }),
    db.organisation.findMany({
      where: scopeWhere(manager, "user:manage"),
      orderBy: [{ depth: "asc" }, { name: "asc" }],
      take: limit,
      select: { id: true, name: true, shortName: true, type: true, parentId: true, path: true, depth: true, ownership: true, industry: true, region: true, unitCategory: true },
    }),
  ]);
  const flat: { id: string; name: string; level: number }[] = [];
  const walk = (nodes: OrgTreeNode[], level: number) => {
    for (const n of nodes) {
      flat.push({ id: n.id, name: n.name, level });
      walk(n.children, level + 1);
    }
  };
  walk(buildTree(orgs), 0);
  const roles = allRoles
    .filter((r) => scope.some((path) => !grantRefusal(manager, grantableRole(r), { path })))
    .map(({ permissions: _p, ...r }) => r);
  return { roles, orgs: flat, truncated: orgs.length === limit, roleRequired: !seesUnplacedAccounts(manager.grants) };
}

/** The account's interface language (/set-locale), recorded like every change to an account. */
export async function setAccountLocale(user: SessionUser, locale: string, actor: Actor) {
  if (user.locale === locale) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { locale } });
    await recordEvent(tx, actor, { action: "user.locale-changed", entityType: "User", entityId: user.id, before: { locale: user.locale }, after: { locale } });
  });
}
