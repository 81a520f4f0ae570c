import type { SessionUser } from "./auth.server";

// API tokens' users, kept for TOKEN_CACHE_MS (see app/utils/api.server.ts): devices such
// as judges' tablets send many requests a second, and reading the token, the account and
// its grants costs several queries each time (docs/performance.md, "Marks API").
// Revoking a token in this process drops it at once (revokeApiToken calls forgetToken);
// in another server process, and for a disabled account or a changed grant, the change
// takes effect within TOKEN_CACHE_MS plus the time one re-read takes.
//
// Stale while revalidating: once an entry is older than TOKEN_CACHE_MS, the next request
// starts one re-read and is answered from the entry it has; the re-read replaces the entry
// when it arrives (or removes it, for a token revoked meanwhile). A request never waits for
// the re-read, so a device's steady stream of requests does not stall every few seconds.
export const TOKEN_CACHE_MS = 3_000;

type Loaded = { tokenId: string; user: SessionUser } | null;
type Entry = { at: number; tokenId: string | null; user: Promise<SessionUser | null>; known?: SessionUser; refreshing?: boolean };
const cache = new Map<string, Entry>();

// As many tokens as members taking a provincial quiz at once (issue 15: 20,000 in ten minutes);
// the cache used to be emptied whenever it passed 10,000 entries, so such a quiz read every
// token anew on every request. Past the limit, the tenth of the entries first put in is dropped.
export const TOKEN_CACHE_ENTRIES = 50_000;

function evictOldest() {
  let drop = Math.ceil(TOKEN_CACHE_ENTRIES / 10);
  for (const token of cache.keys()) {
    if (drop-- <= 0) break;
    cache.delete(token);
  }
}

/**
 * `reload` (default: `load`) is the background re-read of a stale entry: no request waits for it,
 * so it may gather many tokens into one read (api.server.ts).
 */
export function cachedTokenUser(token: string, load: () => Promise<Loaded>, reload: () => Promise<Loaded> = load): Promise<SessionUser | null> {
  const now = Date.now();
  const hit = cache.get(token);
  if (hit && now - hit.at < TOKEN_CACHE_MS) return hit.user;
  if (hit?.known) {
    if (!hit.refreshing) refresh(token, hit, reload);
    return hit.user;
  }
  if (cache.size >= TOKEN_CACHE_ENTRIES) evictOldest();
  const entry: Entry = { at: now, tokenId: null, user: Promise.resolve(null) };
  entry.user = load().then((found) => {
    entry.tokenId = found?.tokenId ?? null;
    if (found) entry.known = found.user;
    return found?.user ?? null;
  });
  // Unknown tokens are not kept: a token created a moment ago works at once.
  entry.user.then((user) => { if (!user && cache.get(token) === entry) cache.delete(token); }, () => cache.delete(token));
  cache.set(token, entry);
  return entry.user;
}

function refresh(token: string, entry: Entry, load: () => Promise<Loaded>) {
  entry.refreshing = true;
  load().then(
    (found) => {
      if (cache.get(token) !== entry) return; // forgotten meanwhile (revoked here)
      if (!found) return void cache.delete(token);
      cache.set(token, { at: Date.now(), tokenId: found.tokenId, user: Promise.resolve(found.user), known: found.user });
    },
    () => { if (cache.get(token) === entry) cache.delete(token); }, // a failed re-read: the next request reads again
  );
}

/** Forget a token at once (on revocation). */
export function forgetToken(tokenId: string) {
  for (const [token, entry] of cache) if (entry.tokenId === tokenId) cache.delete(token);
}
