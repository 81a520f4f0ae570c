import type Database from "better-sqlite3";
import { toSessionUser, type SessionUser } from "~/utils/auth.server";
import { directReader, retryWhileBusy } from "~/utils/group-commit.server";
import { acceptTokenRecord, hashToken } from "./api-tokens.server";

// The accounts behind many API tokens, read on SQLite with two statements prepared once on a
// connection of their own (app/utils/group-commit.server.ts directReader), instead of Prisma's
// two queries, which compile anew on each call and build every row's objects: in a provincial
// quiz (issue 15, bench:ankang) every hand-in's token is re-read once its cache entry is older
// than TOKEN_CACHE_MS, and those re-reads were the largest part of a hand-in's CPU after the
// HTTP handling. The rules are the Prisma read's (api-tokens.server.ts findTokenOwners and
// auth.server.ts loadUsersForTokens), shared where they can be: a revoked or expired token
// (acceptTokenRecord, which also notes lastUsedAt), a disabled account, and the grants with
// their organisation's path and their role's permissions, made into the session user by the
// same toSessionUser. On PostgreSQL (or with TOKEN_DIRECT_SQLITE=0) the Prisma read is used.

function prepare(db: Database.Database) {
  return {
    tokens: db.prepare(
      `SELECT t."id", t."tokenHash", t."userId", t."revokedAt", t."expiresAt", t."lastUsedAt",
              u."username", u."displayName", u."locale", u."memberId", u."disabledAt", u."mustChangePassword"
         FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
        WHERE t."tokenHash" IN (SELECT "value" FROM json_each(?))`,
    ),
    grants: db.prepare(
      `SELECT g."userId", g."roleKey", g."orgId", o."path",
              (SELECT json_group_array(p."permissionKey") FROM "RolePermission" p WHERE p."roleKey" = g."roleKey") AS "permissions"
         FROM "RoleGrant" g JOIN "Organisation" o ON o."id" = g."orgId"
        WHERE g."userId" IN (SELECT "value" FROM json_each(?))
        ORDER BY g."rowid"`,
    ),
  };
}

type TokenRow = {
  id: string; tokenHash: string; userId: string; revokedAt: unknown; expiresAt: unknown; lastUsedAt: unknown;
  username: string; displayName: string; locale: string; memberId: string | null; disabledAt: unknown; mustChangePassword: number;
};
type GrantRow = { userId: string; roleKey: string; orgId: string; path: string; permissions: string };

/** A DateTime column as Prisma stores it on SQLite (ISO text, or milliseconds in older rows). */
const dateOf = (value: unknown): Date | null => (value == null ? null : new Date(typeof value === "number" ? value : Date.parse(String(value))));

/** The accounts behind valid tokens, keyed by token; null when the direct read is not in use (PostgreSQL). */
export async function readTokenUsers(tokens: string[]): Promise<Map<string, { tokenId: string; user: SessionUser }> | null> {
  const s = directReader({ key: "__tokenReader", disableVar: "TOKEN_DIRECT_SQLITE", prepare });
  if (!s) return null;
  const hashes = new Map(tokens.map((t) => [hashToken(t), t]));
  const rows = await retryWhileBusy(() => s.tokens.all(JSON.stringify([...hashes.keys()])) as TokenRow[]);
  const now = Date.now();
  // a disabled account's token is still noted as used, as the Prisma read notes it
  const valid = rows.filter((r) => acceptTokenRecord({ id: r.id, revokedAt: dateOf(r.revokedAt), expiresAt: dateOf(r.expiresAt), lastUsedAt: dateOf(r.lastUsedAt) }, now) && r.disabledAt == null);
  const out = new Map<string, { tokenId: string; user: SessionUser }>();
  if (valid.length === 0) return out;
  const grants = new Map<string, { roleKey: string; orgId: string; org: { path: string }; role: { permissions: { permissionKey: string }[] } }[]>();
  const grantRows = await retryWhileBusy(() => s.grants.all(JSON.stringify([...new Set(valid.map((r) => r.userId))])) as GrantRow[]);
  for (const g of grantRows) {
    const list = grants.get(g.userId) ?? [];
    list.push({ roleKey: g.roleKey, orgId: g.orgId, org: { path: g.path }, role: { permissions: (JSON.parse(g.permissions) as string[]).map((permissionKey) => ({ permissionKey })) } });
    grants.set(g.userId, list);
  }
  for (const r of valid) {
    const user = { id: r.userId, username: r.username, displayName: r.displayName, locale: r.locale, memberId: r.memberId, mustChangePassword: r.mustChangePassword === 1, grants: grants.get(r.userId) ?? [] };
    out.set(hashes.get(r.tokenHash)!, { tokenId: r.id, user: toSessionUser(user, `token:${r.id}`, "token") });
  }
  return out;
}
