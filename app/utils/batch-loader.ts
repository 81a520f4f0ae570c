// A batch loader (the DataLoader pattern): the keys asked for while the event loop handles one
// round of I/O are loaded together by one call of `loadMany`, at the next setImmediate. Used on
// the API's hot paths (issue 15, bench:ankang): 20,000 members signing in with their tokens
// within minutes each cost several Prisma queries (about a millisecond of CPU each) when read
// one by one; read by the hundred, a query's cost is shared by every request of the round.
// Each key still gets its own answer; a key asked for twice in one round is loaded once.
// A failed load rejects the keys of that batch only.

export type LoadMany<K, V> = (keys: K[]) => Promise<Map<K, V>>;

/**
 * `waitMs` 0 (the default) loads at the next setImmediate: for a request that waits for the answer.
 * A longer wait gathers more keys per load, for work no request waits on (a cache's re-read).
 */
export function batchLoader<K, V>(loadMany: LoadMany<K, V>, { maxBatch = 500, waitMs = 0 } = {}): (key: K) => Promise<V | undefined> {
  let pending = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  let scheduled = false;

  const run = () => {
    scheduled = false;
    const round = pending;
    pending = new Map();
    const keys = [...round.keys()];
    for (let start = 0; start < keys.length; start += maxBatch) {
      const chunk = keys.slice(start, start + maxBatch);
      loadMany(chunk).then(
        (found) => {
          for (const key of chunk) for (const waiter of round.get(key)!) waiter.resolve(found.get(key));
        },
        (error) => {
          for (const key of chunk) for (const waiter of round.get(key)!) waiter.reject(error);
        },
      );
    }
  };

  return (key: K) =>
    new Promise<V | undefined>((resolve, reject) => {
      const waiters = pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else pending.set(key, [{ resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        if (waitMs > 0) setTimeout(run, waitMs);
        else setImmediate(run);
      }
    });
}
