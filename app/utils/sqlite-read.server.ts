import BetterSqlite3 from "better-sqlite3";
import { getEnv, isPostgresUrl } from "./env.server";

// A read-only connection to the embedded database, for bulk reads where Prisma's per-row
// result mapping costs more memory than the rows themselves: a 10,000-entrant event's 80,000
// marks take about 30 MB more resident memory through Prisma than read here row by row
// (docs/performance.md, "Leaderboards"). Only plain SELECTs over Prisma's own tables and
// columns; null on PostgreSQL, where callers use Prisma. Everything else reads through Prisma.

const globalForReader = globalThis as unknown as { __sqliteReader?: BetterSqlite3.Database | null };

export function sqliteReader(): BetterSqlite3.Database | null {
  if (globalForReader.__sqliteReader !== undefined) return globalForReader.__sqliteReader;
  const url = getEnv().DATABASE_URL;
  if (isPostgresUrl(url)) return (globalForReader.__sqliteReader = null);
  const connection = new BetterSqlite3(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  connection.pragma("busy_timeout = 5000");
  // Bulk scans gain little from SQLite's own page cache (the file is in the OS cache): keep it at
  // 2 MB instead of better-sqlite3's 16 MB, which a scan of 80,000 marks would fill.
  connection.pragma("cache_size = -2000");
  return (globalForReader.__sqliteReader = connection);
}
