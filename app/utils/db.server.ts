import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient as SqliteClient } from "~/generated/sqlite/client";
import { getEnv, isPostgresUrl } from "./env.server";
import { recoveringSqliteAdapter } from "./db-faults.server";

// One data model, two generated clients (docs/decisions/001-database.md). The SQLite
// client's type is the application's type: both are generated from the same schema.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * A client for the URL. The PostgreSQL client, its adapter and driver are loaded only for a
 * PostgreSQL URL: an embedded installation never loads them (about 20 MB less resident memory).
 */
export async function createDb(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    const [{ PrismaClient: PostgresClient }, { PrismaPg }] = await Promise.all([import("~/generated/postgresql/client"), import("@prisma/adapter-pg")]);
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
  }
  // busy timeout: wait up to 5 s for a writer instead of failing with SQLITE_BUSY.
  // The adapter is wrapped so that a failed COMMIT or ROLLBACK (a full disk) cannot leave its
  // transaction lock held (db-faults.server.ts, issue 11 item 1).
  return new SqliteClient({ adapter: recoveringSqliteAdapter(new PrismaBetterSQLite3({ url, timeout: 5_000 })) });
}

// Connection settings (WAL, synchronous = FULL, …) live in db-pragmas.server.ts.
export { prepareDb, SQLITE_SYNCHRONOUS } from "./db-pragmas.server";
import { prepareDb } from "./db-pragmas.server";

const globalForDb = globalThis as unknown as { __db?: Db; __dbReady?: Promise<void> };

async function init(): Promise<Db> {
  const url = getEnv().DATABASE_URL;
  const db = await createDb(url);
  // Applied before anyone can use the client: a transaction opened by an early request (the
  // server's first /healthz, a live board) while these PRAGMAs were still queued made
  // "PRAGMA synchronous" fail ("Safety level may not be changed inside a transaction") and the
  // server exit at start (seen in the browser tests).
  globalForDb.__dbReady = prepareDb(db, url);
  await globalForDb.__dbReady;
  return db;
}

export const db: Db = globalForDb.__db ?? (globalForDb.__db = await init());

/** Resolves once connection settings are applied; loaders need not await it (Prisma queues). */
export const dbReady = () => globalForDb.__dbReady ?? Promise.resolve();
