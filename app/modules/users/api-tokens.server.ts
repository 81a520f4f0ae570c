import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import type { SessionUser } from "~/utils/auth.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { forgetToken } from "~/utils/token-cache.server";
import { logger } from "~/utils/logger.server";

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
  return (await findTokenOwners([token])).get(token) ?? null;
}

type TokenRecord = NonNullable<Awaited<ReturnType<typeof db.apiToken.findUnique>>>;

/**
 * The owners of valid tokens, many at once (one query for the lot: the API's batch loader asks
 * with every token of one round of requests, issue 15). Tokens that are unknown, revoked or
 * expired are absent from the answer.
 */
export async function findTokenOwners(tokens: string[]): Promise<Map<string, TokenRecord>> {
  const hashes = new Map(tokens.map((t) => [hashToken(t), t]));
  const records = await db.apiToken.findMany({ where: { tokenHash: { in: [...hashes.keys()] } } });
  const now = Date.now();
  const found = new Map<string, TokenRecord>();
  for (const record of records) if (acceptTokenRecord(record, now)) found.set(hashes.get(record.tokenHash)!, record);
  return found;
}

/**
 * Whether a token's row lets it be used now (not revoked, not expired); a used token's lastUsedAt
 * is noted, at most once a minute, for the next batched write (noteTokenUse): no write per request.
 * Shared by the Prisma read above and the direct one on SQLite (token-reader.server.ts).
 */
export function acceptTokenRecord(record: { id: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null }, now: number): boolean {
  if (record.revokedAt || (record.expiresAt && record.expiresAt.getTime() < now)) return false;
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > 60_000) noteTokenUse(record.id, now);
  return true;
}

// ------------------------------------------------------------------ lastUsedAt, written in batches
// A token's first use (and each use a minute after the last recorded one) updates lastUsedAt.
// Written one by one, each was a commit of its own (on SQLite a sync of the disk, about 4 ms,
// in the same queue as every other write): 20,000 members signing in for a quiz meant 20,000
// commits. The uses are noted here and written every TOKEN_USE_FLUSH_MS, all in one statement;
// the time written is the latest use noted for the batch (lastUsedAt is a minute-grained hint,
// shown on the tokens page, never a rule's input). The server's shutdown writes what is left.
export const TOKEN_USE_FLUSH_MS = 1_000;
const pendingUse = new Map<string, number>();
let useTimer: ReturnType<typeof setTimeout> | null = null;

function noteTokenUse(tokenId: string, at: number) {
  pendingUse.set(tokenId, at);
  if (!useTimer) {
    useTimer = setTimeout(() => void flushTokenUse(), TOKEN_USE_FLUSH_MS);
    useTimer.unref?.();
  }
}

/** Writes the noted token uses now (the timer's work; also called on shutdown and by tests). */
export async function flushTokenUse() {
  if (useTimer) clearTimeout(useTimer);
  useTimer = null;
  if (pendingUse.size === 0) return;
  const batch = [...pendingUse];
  pendingUse.clear();
  const at = new Date(batch.reduce((latest, [, time]) => Math.max(latest, time), 0));
  try {
    for (let start = 0; start < batch.length; start += 500) {
      const ids = batch.slice(start, start + 500).map(([id]) => id);
      await db.apiToken.updateMany({ where: { id: { in: ids } }, data: { lastUsedAt: at } });
    }
  } catch (error) {
    // a busy or full disk: the uses are noted again for the next flush (a newer use wins)
    for (const [id, time] of batch) if (!pendingUse.has(id)) pendingUse.set(id, time);
    if (pendingUse.size > 0 && !useTimer) {
      useTimer = setTimeout(() => void flushTokenUse(), TOKEN_USE_FLUSH_MS * 5);
      useTimer.unref?.();
    }
    logger.warn("token lastUsedAt not written, retried later", { error: String(error), tokens: batch.length });
  }
}
