import type Database from "better-sqlite3";
import { directConnection, newId, sqliteTime, type DirectConnection } from "~/utils/group-commit.server";

// The 劳动竞赛 committee's score writes on SQLite (issue 14 bench: one new score → the updated
// board in ≤ 10 ms on the server). Through Prisma a score took about ten queries (project,
// organisation, period, submission, roster, stamp, old row, upsert, event), each compiled anew by
// Prisma's query compiler at about a millisecond of CPU: more than the whole target. Here the same
// reads and writes are statements prepared once on a second connection to the same file
// (app/utils/group-commit.server.ts, as the marks and the quiz do), run in ONE IMMEDIATE
// transaction: the checks read what the write then changes, with no other writer in between, and
// the commit is one sync of the disk (synchronous = FULL, decision 008). labour.server.ts
// (recordScores) decides; this module only holds the statements and maps the rows to Prisma's
// shapes. On PostgreSQL (and with LABOUR_DIRECT_SQLITE=0) recordScores keeps the Prisma path.

function prepare(db: Database.Database) {
  return {
    project: db.prepare(
      `SELECT p."id", p."orgId", p."kind", p."indicatorSet", p."settings", p."submissionId", p."updatedAt", o."path" AS "orgPath" FROM "LabourProject" p LEFT JOIN "Organisation" o ON o."id" = p."orgId" WHERE p."id" = ?`,
    ),
    period: db.prepare(`SELECT "id", "projectId", "status" FROM "LabourPeriod" WHERE "id" = ?`),
    submission: db.prepare(`SELECT "status" FROM "ReviewSubmission" WHERE "id" = ?`),
    rosterUnit: db.prepare(`SELECT "id", "kind" FROM "LabourRosterEntry" WHERE "id" = ? AND "projectId" = ?`),
    touch: db.prepare(`UPDATE "LabourProject" SET "updatedAt" = ? WHERE "id" = ?`),
    score: db.prepare(`SELECT * FROM "LabourScore" WHERE "periodId" = ? AND "unitId" = ? AND "indicatorKey" = ? AND "byId" = ?`),
    upsertValue: db.prepare(
      `INSERT INTO "LabourScore" ("id", "periodId", "unitId", "indicatorKey", "byId", "value", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("periodId", "unitId", "indicatorKey", "byId") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
    ),
    upsertQuantity: db.prepare(
      `INSERT INTO "LabourScore" ("id", "periodId", "unitId", "indicatorKey", "byId", "plan", "actual", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("periodId", "unitId", "indicatorKey", "byId") DO UPDATE SET "plan" = excluded."plan", "actual" = excluded."actual", "updatedAt" = excluded."updatedAt"`,
    ),
    event: db.prepare(
      `INSERT INTO "Event" ("at", "actorId", "requestId", "action", "entityType", "entityId", "orgId", "before", "after") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}
export type ScoreStatements = ReturnType<typeof prepare>;

/** The labour writer's own connection on SQLite, or null on PostgreSQL (the Prisma path). */
export function scoreWriter(): DirectConnection<ScoreStatements> | null {
  return directConnection({ key: "__labourScoreSqlite", disableVar: "LABOUR_DIRECT_SQLITE", prepare });
}

/** How Prisma reads a DateTime stored by SQLite (ISO text, or milliseconds). */
export const timeOf = (v: unknown) => new Date(typeof v === "number" ? v : Date.parse(String(v)));

export type RawScore = { id: string; periodId: string; unitId: string; indicatorKey: string; byId: string; value: number | null; plan: number | null; actual: number | null; evidenceId: string | null; updatedAt: unknown };

/** A LabourScore row as Prisma returns it (the board cache holds Prisma's rows). */
export const scoreRow = (r: RawScore) => ({
  id: r.id, periodId: r.periodId, unitId: r.unitId, indicatorKey: r.indicatorKey, byId: r.byId, value: r.value, plan: r.plan, actual: r.actual, evidenceId: r.evidenceId, updatedAt: timeOf(r.updatedAt),
});

export { newId, sqliteTime };
