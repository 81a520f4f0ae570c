import { isPostgresUrl } from "./env.server";

/**
 * Durability of a commit on SQLite (docs/decisions/008-durable-marks.md): FULL syncs the
 * write-ahead log at every commit, so a mark that was acknowledged survives a power loss or an
 * OS crash; NORMAL (SQLite's usual WAL setting) could lose the last commits before a checkpoint.
 * Every connection that writes marks uses it.
 */
export const SQLITE_SYNCHRONOUS = process.env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL"; // NORMAL only to measure the difference

type RawRunner = { $queryRawUnsafe: (sql: string) => Promise<unknown> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One PRAGMA, retried while the connection is inside a transaction. The settings are applied
 * while the server already takes requests (Prisma queues them); a request that opens a
 * transaction first makes `PRAGMA synchronous` fail with "Safety level may not be changed
 * inside a transaction", which used to reject the settings promise and stop the server at
 * start-up under load (seen once in bench:labour). Waiting for that transaction to end and
 * trying again applies the setting; any other error is thrown at once.
 */
export async function pragma(db: RawRunner, sql: string, { tries = 250, waitMs = 20 } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$queryRawUnsafe(sql);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= tries || !/(inside|within) a transaction/i.test(message)) throw error;
      await sleep(waitMs);
    }
  }
}

/** SQLite settings applied on every new connection: WAL, foreign keys, busy timeout, page cache size. */
export async function prepareDb(db: RawRunner, url: string) {
  if (isPostgresUrl(url)) return;
  await pragma(db, "PRAGMA journal_mode = WAL");
  await pragma(db, "PRAGMA foreign_keys = ON");
  await pragma(db, "PRAGMA busy_timeout = 5000");
  await pragma(db, `PRAGMA synchronous = ${SQLITE_SYNCHRONOUS}`);
  // 8 MB of page cache (better-sqlite3's default is 16 MB per connection; the file itself is in the OS cache).
  await pragma(db, "PRAGMA cache_size = -8000");
}
