import type { SessionUser } from "./auth.server";

// API tokens' users, kept for TOKEN_CACHE_MS (see app/utils/api.server.ts): devices such
// as judges' tablets send many requests a second, and reading the token, the account and
// its grants costs several queries each time (docs/performance.md, "Marks API").
// Revoking a token in this process drops it at once (revokeApiToken calls forgetToken);
// in another server process, and for a disabled account or a changed grant, the change
// takes effect within TOKEN_CACHE_MS.
export const TOKEN_CACHE_MS = 3_000;

type Entry = { at: number; tokenId: string | null; user: Promise<SessionUser | null> };
const cache = new Map<string, Entry>();

export function cachedTokenUser(token: string, load: () => Promise<{ tokenId: string; user: SessionUser } | null>): Promise<SessionUser | null> {
  const now = Date.now();
  const hit = cache.get(token);
  if (hit && now - hit.at < TOKEN_CACHE_MS) return hit.user;
  if (cache.size > 10_000) cache.clear();
  const entry: Entry = { at: now, tokenId: null, user: Promise.resolve(null) };
  const loaded = load();
  entry.user = loaded.then((found) => {
    entry.tokenId = found?.tokenId ?? null;
    return found?.user ?? null;
  });
  // Unknown tokens are not kept: a token created a moment ago works at once.
  entry.user.then((user) => { if (!user && cache.get(token) === entry) cache.delete(token); }, () => cache.delete(token));
  cache.set(token, entry);
  return entry.user;
}

/** Forget a token at once (on revocation). */
export function forgetToken(tokenId: string) {
  for (const [token, entry] of cache) if (entry.tokenId === tokenId) cache.delete(token);
}
