import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import type { SessionUser } from "~/utils/auth.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { forgetToken } from "~/utils/token-cache.server";

// Personal API tokens: "gs_" + 40 random characters. Only a SHA-256 digest is stored,
// so the token is shown once, when it is created.

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

const tokenFields = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

export async function createApiToken(user: SessionUser, input: { name: string; expiresInDays?: number }, actor: Actor) {
  const token = `gs_${crypto.randomBytes(30).toString("base64url")}`;
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { userId: user.id, name: input.name, prefix: token.slice(0, 10), tokenHash: hashToken(token), expiresAt },
      select: tokenFields,
    });
    await recordEvent(tx, actor, { action: "token.created", entityType: "ApiToken", entityId: created.id, after: { name: created.name, prefix: created.prefix, expiresAt } });
    return created;
  });
  return { ...record, token };
}

export function listApiTokens(user: SessionUser) {
  return db.apiToken.findMany({ where: { userId: user.id }, select: tokenFields, orderBy: { createdAt: "desc" } });
}

export async function revokeApiToken(user: SessionUser, id: string, actor: Actor) {
  const token = await db.apiToken.findFirst({ where: { id, userId: user.id } });
  if (!token) throw notFound("找不到该令牌 / token not found");
  if (token.revokedAt) return token;
  const revoked = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: tokenFields });
    await recordEvent(tx, actor, { action: "token.revoked", entityType: "ApiToken", entityId: id, before: { revokedAt: null }, after: { revokedAt: row.revokedAt } });
    return row;
  });
  forgetToken(id); // after the commit, so no request re-reads the token as still valid
  return revoked;
}

/** The owner of a valid (not revoked, not expired) token, or null. */
export async function findTokenOwner(token: string) {
  const record = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt < new Date())) return null;
  // lastUsedAt at most once a minute: no write on every request.
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } });
  }
  return record;
}
