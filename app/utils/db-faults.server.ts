import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { AppError } from "./errors";

// What the application does when the database cannot write (issue 11, item 1): a full disk
// (SQLite's "database or disk is full", PostgreSQL's disk_full) answers 503 with Retry-After
// at once, nothing is half written, and the next write simply tries again: when space
// returns, judging goes on without a restart. /healthz reports it (writeHealth, probeStorage).

/** Seconds a client should wait before sending a refused write again. */
export const STORAGE_RETRY_AFTER_S = 15;

export class StorageUnavailableError extends AppError {
  readonly retryAfterSeconds = STORAGE_RETRY_AFTER_S;
  constructor() {
    super(503, "storage_unavailable", "服务器存储空间已满，本次未保存任何内容，请稍后重试（未发送的分数保留在设备上）/ the server's disk is full: nothing was saved, retry shortly (unsent marks stay on the device)");
  }
}

const FULL_CODES = new Set(["SQLITE_FULL", "53100" /* PostgreSQL disk_full */, "ENOSPC"]);
const FULL_TEXT = /database or disk is full|no space left on device|could not extend file|disk full/i;

/** Whether an error (from better-sqlite3, Prisma or pg, however wrapped) says the storage is full. */
export function isStorageFull(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown } | undefined, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && FULL_CODES.has(e.code)) return true;
    if (typeof e.originalCode === "string" && FULL_CODES.has(e.originalCode)) return true;
    if (typeof e.message === "string" && FULL_TEXT.test(e.message)) return true;
  }
  return false;
}

// ------------------------------------------------------------------ the write state, for /healthz

const state = globalThis as unknown as { __writeFailedAt?: number | null };

/** Called where a write failed: remembers that the database could not write (until a write succeeds). */
export function noteWriteFailure(error: unknown) {
  if (isStorageFull(error)) state.__writeFailedAt ??= Date.now();
}

/** Called after a committed write. */
export function noteWriteSuccess() {
  if (state.__writeFailedAt) state.__writeFailedAt = null;
}

/** Turns a storage-full error into the 503 every caller answers; other errors are returned as they are. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError || !isStorageFull(error)) return error;
  noteWriteFailure(error);
  return new StorageUnavailableError();
}

/**
 * Whether the embedded database's directory can take new data: writes (and removes) a small
 * file beside the database. SQLite's write-ahead log grows into free space on every commit,
 * so a full filesystem is a database that cannot write. Null on PostgreSQL (its server
 * reports its own disk). A passing probe clears a remembered failure.
 */
export function probeStorage(databaseUrl: string): { writable: boolean; error?: string } | null {
  if (!databaseUrl.startsWith("file:")) return null;
  const probe = path.join(path.dirname(path.resolve(databaseUrl.slice("file:".length))), ".gongsai-write-probe");
  try {
    if (injectedStorageFault()) throw Object.assign(new Error("database or disk is full (injected fault)"), { code: "SQLITE_FULL" });
    writeFileSync(probe, Buffer.alloc(64 * 1024));
    rmSync(probe, { force: true });
  } catch (error) {
    rmSync(probe, { force: true });
    noteWriteFailure(error);
    return { writable: false, error: String((error as Error).message ?? error) };
  }
  // Space is back: the next write will tell if the database itself still refuses.
  noteWriteSuccess();
  return { writable: true };
}

/** Since when writes have been failing for lack of space (null when the last write went through). */
export const writeFailedSince = () => (state.__writeFailedAt ? new Date(state.__writeFailedAt) : null);

// ------------------------------------------------------------------ fault injection (tests only)

/**
 * A storage fault for tests on machines where a small tmpfs cannot be mounted: while the file
 * named by GONGSAI_STORAGE_FAULT_FILE exists, every SQLite commit fails as on a full disk (the
 * transaction is rolled back and SQLITE_FULL is thrown, as SQLite itself does). Unset in
 * production: the check is one environment lookup.
 */
export function injectedStorageFault(): boolean {
  const file = process.env.GONGSAI_STORAGE_FAULT_FILE;
  return Boolean(file) && existsSync(file!);
}

export const injectedFullError = () => Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });

// ------------------------------------------------------------------ Prisma's SQLite adapter, made to recover

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type AdapterTransaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type SqlQuery = Parameters<AdapterTransaction["executeRaw"]>[0];
const WRITES = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
type RawClient = { inTransaction: boolean; exec: (sql: string) => unknown };

/**
 * Prisma's better-sqlite3 adapter holds a lock from BEGIN until Prisma calls commit() or
 * rollback() on the transaction, and Prisma calls them only after its COMMIT or ROLLBACK
 * statement succeeded. After a disk-full error SQLite has already rolled the transaction
 * back, so Prisma's ROLLBACK fails ("no transaction is active"), the lock is never released
 * and every later transaction waits forever. This wrapper makes COMMIT and ROLLBACK always
 * leave the connection outside any transaction and release the lock exactly once: a failed
 * COMMIT rolls back and reports its error; a ROLLBACK of a transaction SQLite already rolled
 * back succeeds.
 */
export function recoveringSqliteAdapter(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: RawClient }).client;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      let released = false;
      let wrote = false; // for the injected fault: a transaction that only read commits on a full disk too
      const release = async () => {
        if (released) return;
        released = true;
        await tx.rollback(); // the adapter's commit() and rollback() only release its lock
      };
      const leaveTransaction = () => {
        if (!client.inTransaction) return;
        try {
          client.exec("ROLLBACK");
        } catch {
          // nothing more can be done on this connection; the lock is released below
        }
      };
      const executeRaw = async (query: SqlQuery) => {
        const ending = query.sql === "COMMIT" || query.sql === "ROLLBACK";
        if (!ending) {
          wrote ||= WRITES.test(query.sql);
          return tx.executeRaw(query);
        }
        try {
          if (query.sql === "COMMIT" && wrote && injectedStorageFault()) {
            leaveTransaction();
            throw injectedFullError();
          }
          return await tx.executeRaw(query);
        } catch (error) {
          leaveTransaction();
          await release();
          if (query.sql === "ROLLBACK") return 0; // SQLite had already rolled back: what was asked is done
          noteWriteFailure(error);
          throw error;
        }
      };
      return Object.assign(Object.create(tx) as AdapterTransaction, {
        executeRaw,
        queryRaw: (query: SqlQuery) => {
          wrote ||= WRITES.test(query.sql);
          return tx.queryRaw(query);
        },
        commit: async () => {
          if (released) return;
          released = true;
          await tx.commit();
        },
        rollback: release,
      });
    };
    return adapter;
  };
  return factory;
}
