import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "./auth.server";
import { cachedTokenUser, forgetToken, TOKEN_CACHE_ENTRIES, TOKEN_CACHE_MS } from "./token-cache.server";

const user = (name: string) => ({ id: "u1", username: name }) as unknown as SessionUser;
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("API token cache: kept TOKEN_CACHE_MS, then stale while revalidating", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("reads once within the time, then answers from the entry while one re-read runs", async () => {
    const token = `t-${Math.random()}`;
    let reads = 0;
    let release: (() => void) | null = null;
    const load = vi.fn(async () => {
      reads += 1;
      if (reads > 1) await new Promise<void>((resolve) => { release = resolve; });
      return { tokenId: "tok1", user: user(`judge-v${reads}`) };
    });
    expect((await cachedTokenUser(token, load))?.username).toBe("judge-v1");
    expect((await cachedTokenUser(token, load))?.username).toBe("judge-v1");
    expect(load).toHaveBeenCalledTimes(1);

    vi.setSystemTime(Date.now() + TOKEN_CACHE_MS + 1);
    // Past its time: the answer does not wait for the re-read (which is still pending).
    expect((await cachedTokenUser(token, load))?.username).toBe("judge-v1");
    expect((await cachedTokenUser(token, load))?.username).toBe("judge-v1");
    expect(load).toHaveBeenCalledTimes(2); // one re-read, not one per request
    release!();
    await flush();
    expect((await cachedTokenUser(token, load))?.username).toBe("judge-v2");
  });

  it("a token revoked elsewhere is dropped by the re-read, and refused afterwards", async () => {
    const token = `t-${Math.random()}`;
    let revoked = false;
    const load = async () => (revoked ? null : { tokenId: "tok2", user: user("judge") });
    expect(await cachedTokenUser(token, load)).not.toBeNull();
    revoked = true;
    vi.setSystemTime(Date.now() + TOKEN_CACHE_MS + 1);
    await cachedTokenUser(token, load); // starts the re-read
    await flush();
    expect(await cachedTokenUser(token, load)).toBeNull();
  });

  it("revocation in this process (forgetToken) applies at once", async () => {
    const token = `t-${Math.random()}`;
    let revoked = false;
    const load = async () => (revoked ? null : { tokenId: "tok3", user: user("judge") });
    expect(await cachedTokenUser(token, load)).not.toBeNull();
    revoked = true;
    forgetToken("tok3");
    expect(await cachedTokenUser(token, load)).toBeNull();
  });

  it("an unknown token is not kept: a token created a moment later works at once", async () => {
    const token = `t-${Math.random()}`;
    let exists = false;
    const load = async () => (exists ? { tokenId: "tok4", user: user("judge") } : null);
    expect(await cachedTokenUser(token, load)).toBeNull();
    exists = true;
    expect(await cachedTokenUser(token, load)).not.toBeNull();
  });
  it("a stale entry is re-read with `reload` (the batched background read), not `load`", async () => {
    const token = `t-${Math.random()}`;
    const load = vi.fn(async () => ({ tokenId: "tok5", user: user("first") }));
    const reload = vi.fn(async () => ({ tokenId: "tok5", user: user("reread") }));
    expect((await cachedTokenUser(token, load, reload))?.username).toBe("first");
    vi.setSystemTime(Date.now() + TOKEN_CACHE_MS + 1);
    expect((await cachedTokenUser(token, load, reload))?.username).toBe("first");
    await flush();
    expect((await cachedTokenUser(token, load, reload))?.username).toBe("reread");
    expect(load).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("holds a provincial quiz's 20,000 tokens: the first is still cached after the last (issue 15)", async () => {
    expect(TOKEN_CACHE_ENTRIES).toBeGreaterThanOrEqual(20_000);
    const load = vi.fn(async () => ({ tokenId: `tok-${Math.random()}`, user: user("member") }));
    const tokens = Array.from({ length: 20_000 }, (_, i) => `quiz-${i}-${Math.random()}`);
    for (const token of tokens) await cachedTokenUser(token, load);
    expect(load).toHaveBeenCalledTimes(20_000);
    await cachedTokenUser(tokens[0]!, load);
    expect(load).toHaveBeenCalledTimes(20_000); // no second read: the cache was not emptied
  });
});
