import crypto from "node:crypto";
import Database from "better-sqlite3";
import { getEnv, isPostgresUrl } from "./env.server";
import { SQLITE_SYNCHRONOUS } from "./db.server";

// Group commit on the embedded SQLite database, shared by the marks path
// (app/modules/judging/mark-writer.server.ts, decision 008) and the knowledge quiz
// (app/modules/ankang/quiz-writer.server.ts, rule A-14). On SQLite every commit is one sync of
// the disk (synchronous = FULL), so one commit per request caps the server at a few hundred
// writes a second; requests that arrive while a group is being written are written together in
// the next group, in ONE transaction with ONE sync. This module holds what both writers share:
//
// - directConnection: a second connection to the same file with statements prepared once
//   (Prisma compiles each query anew, about a millisecond of CPU each). busy_timeout is 0 on
//   purpose: better-sqlite3 is synchronous, so waiting for Prisma's connection to commit would
//   block the very event loop Prisma needs to commit; a busy database is retried a moment later
//   (retryWhileBusy). The schema is Prisma's: the statements name its tables and columns.
// - groupQueue: the queue that gathers the requests of one tick into groups of at most maxGroup
//   and writes the groups one after the other.
//
// What a group decides, and how each writer answers a failed group, stays with each writer.

/** How Prisma stores DateTime in SQLite: ISO text with an explicit +00:00. */
export const sqliteTime = (at: Date | number) => (typeof at === "number" ? new Date(at) : at).toISOString().replace("Z", "+00:00");

/** cuid-like ids (the schema's default is cuid(); rows written here need theirs up front, to answer with them) */
export const newId = () => `c${Date.now().toString(36)}${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;

export type DirectConnection<S> = {
  transaction: <T>(work: (statements: S) => T) => T;
  /** a read outside any transaction (one SELECT is its own snapshot in WAL mode; takes no lock) */
  read: <T>(work: (statements: S) => T) => T;
};

type DirectOptions<S> = {
  /** the globalThis key the connection is kept under (one per writer, across module reloads) */
  key: string;
  /** the environment variable that, set to "0", turns the direct path off (Prisma throughout) */
  disableVar: string;
  prepare: (db: Database.Database) => S;
  /** runs inside each transaction after the work, before the commit (tests' fault injection) */
  beforeCommit?: () => void;
};

/** The writer's own connection on SQLite, opened once; null on PostgreSQL (which handles concurrent commits itself). */
export function directConnection<S>({ key, disableVar, prepare, beforeCommit }: DirectOptions<S>): DirectConnection<S> | null {
  const store = globalThis as unknown as Record<string, DirectConnection<S> | null | undefined>;
  if (store[key] !== undefined) return store[key]!;
  const url = getEnv().DATABASE_URL;
  if (isPostgresUrl(url) || process.env[disableVar] === "0") return (store[key] = null);
  const db = new Database(url.replace(/^file:/, ""), { fileMustExist: true });
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // an acknowledged write survives an OS crash (docs/decisions/008-durable-marks.md)
  db.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
  db.pragma("busy_timeout = 0");
  const statements = prepare(db);
  const connection: DirectConnection<S> = {
    transaction: (work) =>
      db.transaction(() => {
        const result = work(statements);
        beforeCommit?.();
        return result;
      }).immediate(),
    read: (work) => work(statements),
  };
  return (store[key] = connection);
}

/**
 * A connection to the same file for reads, with statements prepared once (the API tokens' reads,
 * app/modules/users/token-reader.server.ts); null on PostgreSQL or with `disableVar` = "0". In WAL
 * mode a read never waits for a writer and sees every committed write. query_only: it cannot write.
 */
export function directReader<S>({ key, disableVar, prepare }: Omit<DirectOptions<S>, "beforeCommit">): S | null {
  const store = globalThis as unknown as Record<string, S | null | undefined>;
  if (store[key] !== undefined) return store[key]!;
  const url = getEnv().DATABASE_URL;
  if (isPostgresUrl(url) || process.env[disableVar] === "0") return (store[key] = null);
  const db = new Database(url.replace(/^file:/, ""), { fileMustExist: true });
  db.pragma("query_only = ON");
  db.pragma("busy_timeout = 0");
  return (store[key] = prepare(db));
}

/**
 * Runs a synchronous transaction (BEGIN to COMMIT, nothing else runs in between); while another
 * connection (Prisma's) holds the write lock, tries again every 2 ms, at most 2,000 times.
 */
export async function retryWhileBusy<T>(write: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || attempt > 2_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/**
 * A queue of requests written in groups: the requests that arrive in the same tick join one
 * group (the flush starts at the next setImmediate), and while a group is being written the
 * next one gathers. `writeGroup` writes one group and answers each of its requests, failures
 * included; it is never given more than maxGroup requests.
 */
export function groupQueue<I>(maxGroup: number, writeGroup: (group: I[]) => Promise<void>): (item: I) => void {
  let queue: I[] = [];
  let flushing = false;
  const flush = async () => {
    try {
      while (queue.length > 0) {
        const group = queue.slice(0, maxGroup);
        queue = queue.slice(maxGroup);
        await writeGroup(group);
      }
    } finally {
      flushing = false;
    }
  };
  return (item: I) => {
    queue.push(item);
    if (!flushing) {
      flushing = true;
      setImmediate(flush);
    }
  };
}
