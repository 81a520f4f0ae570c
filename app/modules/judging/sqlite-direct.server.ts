import type Database from "better-sqlite3";
import { injectedFullError, injectedStorageFault } from "~/utils/db-faults.server";
import { directConnection, type DirectConnection } from "~/utils/group-commit.server";

// The marks hot path on the embedded database. Prisma's JavaScript engine compiles every
// query and prepares its statement anew, which costs about a millisecond per query here;
// a contest's burst of marks needs a few hundred microseconds per mark in total
// (docs/performance.md, "Marks API"). So on SQLite the group writer uses a second
// connection to the same file with statements prepared once (opened by the group-commit
// module the quiz shares, app/utils/group-commit.server.ts, with busy_timeout 0 and a retry).
// Everything else, including every read the pages do, stays with Prisma; the schema is
// Prisma's (these statements name its tables and columns, and the integration tests run
// through them).

export type DirectStatements = ReturnType<typeof prepare>;
export type DirectSqlite = DirectConnection<DirectStatements>;

export { sqliteTime } from "~/utils/group-commit.server";

function prepare(db: Database.Database) {
  return {
    stored: db.prepare(`SELECT "key", "judgeId", "response" FROM "MarkSubmission" WHERE "key" IN (SELECT value FROM json_each(?))`),
    signOffs: db.prepare(`SELECT "eventId", "sessionId" FROM "SignOff" WHERE "eventId" IN (SELECT value FROM json_each(?))`),
    // Exact lookups, one index probe per (event, judge, code) triple and per (sheet, aspect)
    // pair of the group: IN-lists per column would probe their whole cross product (100 judges ×
    // 30 codes for a group of 100 marks), which cost about 0.3 ms per mark.
    sheets: db.prepare(
      `SELECT s."id", s."eventId", s."judgeId", s."blindCodeId", s."status" FROM json_each(?) AS j CROSS JOIN "ScoreSheet" AS s
        ON s."eventId" = json_extract(j.value, '$[0]') AND s."judgeId" = json_extract(j.value, '$[1]') AND s."blindCodeId" = json_extract(j.value, '$[2]')`,
    ),
    marks: db.prepare(
      `SELECT m."id", m."sheetId", m."aspectId", m."value", m."version" FROM json_each(?) AS j CROSS JOIN "Mark" AS m
        ON m."sheetId" = json_extract(j.value, '$[0]') AND m."aspectId" = json_extract(j.value, '$[1]')`,
    ),
    insertSheet: db.prepare(`INSERT INTO "ScoreSheet" ("id", "eventId", "judgeId", "blindCodeId", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`),
    insertMark: db.prepare(
      `INSERT INTO "Mark" ("id", "sheetId", "eventId", "blindCodeId", "judgeId", "aspectId", "value", "version", "enteredAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateMark: db.prepare(`UPDATE "Mark" SET "value" = ?, "version" = ?, "updatedAt" = ? WHERE "id" = ?`),
    insertSubmission: db.prepare(`INSERT INTO "MarkSubmission" ("key", "judgeId", "markId", "response", "receivedAt") VALUES (?, ?, ?, ?, ?)`),
    insertEvent: db.prepare(
      `INSERT INTO "Event" ("at", "actorId", "action", "entityType", "entityId", "orgId", "before", "after", "requestId") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

/** The direct connection on SQLite, or null on PostgreSQL (which uses Prisma throughout). */
export function directSqlite(): DirectSqlite | null {
  return directConnection({
    key: "__marksSqlite",
    disableVar: "MARKS_DIRECT_SQLITE",
    prepare,
    // Tests on machines without a small tmpfs: fail as a full disk does (rolled back, SQLITE_FULL).
    beforeCommit: () => {
      if (injectedStorageFault()) throw injectedFullError();
    },
  });
}
