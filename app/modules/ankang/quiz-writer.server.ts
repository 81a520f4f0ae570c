import type Database from "better-sqlite3";
import { directConnection, groupQueue, newId, retryWhileBusy, sqliteTime, type DirectConnection } from "~/utils/group-commit.server";

// Group commit for the knowledge quiz (rule A-14, bench:ankang), as the marks path does
// (docs/decisions/008-durable-marks.md; the queue and the connection are shared with it,
// app/utils/group-commit.server.ts): a provincial quiz has thousands of members starting and
// handing in at once, and on the embedded SQLite database every commit is one sync of the disk
// (synchronous = FULL, 3.5–4.6 ms here), so one commit per answer sheet caps the whole server at a
// few hundred sheets a second. Starts and hand-ins that arrive while a group is being written are
// written together in the next group: ONE transaction, ONE sync, with statements prepared once on
// a second connection to the same file (Prisma compiles each query anew, about 1 ms of CPU each).
// Every request still gets its own answer, decided inside the transaction from what the database
// holds, so the rules are the same as one at a time: one attempt per member by the unique key
// (quizId, memberId), a hand-in only once (the conditional UPDATE … WHERE submittedAt IS NULL),
// only after a start and within the time limit. An answer is given only after the commit.
// On PostgreSQL (which handles concurrent commits itself) quiz.server.ts keeps the Prisma path.

export type StartOp = { op: "start"; quizId: string; memberId: string; unitId: string; unitPath: string; now: number };
export type SubmitOp = { op: "submit"; quizId: string; memberId: string; now: number; limitMs: number; answers: string; score: number; allCorrect: boolean };
export type StartOutcome = { status: "started"; attemptId: string; startedAt: number } | { status: "submitted" };
export type SubmitOutcome = { status: "saved"; attemptId: string; durationMs: number } | { status: "notStarted" | "already" | "timeUp" };

type Queued = (StartOp | SubmitOp) & { resolve: (o: StartOutcome | SubmitOutcome) => void; reject: (e: unknown) => void };

const timeOf = (v: unknown) => (typeof v === "number" ? v : Date.parse(String(v)));

function prepare(db: Database.Database) {
  return {
    find: db.prepare(`SELECT "id", "startedAt", "submittedAt" FROM "AnkangQuizAttempt" WHERE "quizId" = ? AND "memberId" = ?`),
    insert: db.prepare(
      `INSERT INTO "AnkangQuizAttempt" ("id", "quizId", "memberId", "unitId", "unitPath", "startedAt", "allCorrect") VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT ("quizId", "memberId") DO NOTHING`,
    ),
    submit: db.prepare(
      `UPDATE "AnkangQuizAttempt" SET "submittedAt" = ?, "answers" = ?, "score" = ?, "allCorrect" = ?, "durationMs" = ? WHERE "id" = ? AND "submittedAt" IS NULL`,
    ),
  };
}
type Statements = ReturnType<typeof prepare>;

/** The quiz's own connection on SQLite, or null on PostgreSQL (the Prisma path). */
export function quizSqlite(): DirectConnection<Statements> | null {
  return directConnection({ key: "__quizSqlite", disableVar: "QUIZ_DIRECT_SQLITE", prepare });
}

const MAX_GROUP = 500;

export function enqueueQuizWrite(op: StartOp): Promise<StartOutcome>;
export function enqueueQuizWrite(op: SubmitOp): Promise<SubmitOutcome>;
export function enqueueQuizWrite(op: StartOp | SubmitOp): Promise<StartOutcome | SubmitOutcome> {
  // the requests that arrive in the same tick join the group (group-commit.server.ts)
  return new Promise((resolve, reject) => enqueue({ ...op, resolve, reject }));
}

const enqueue = groupQueue<Queued>(MAX_GROUP, async (group) => {
  try {
    // synchronous from BEGIN to COMMIT: nothing else runs in between
    const outcomes = await retryWhileBusy(() => quizSqlite()!.transaction((s) => decideGroup(s, group)));
    group.forEach((item, i) => item.resolve(outcomes[i]!));
  } catch (error) {
    // the group's transaction rolled back as a whole: nothing of it was written
    for (const item of group) item.reject(error);
  }
});

/** Decides and writes every request of the group in arrival order, in one IMMEDIATE transaction. */
export function decideGroup(s: Statements, group: (StartOp | SubmitOp)[]): (StartOutcome | SubmitOutcome)[] {
  return group.map((item): StartOutcome | SubmitOutcome => {
    if (item.op === "start") {
      s.insert.run(newId(), item.quizId, item.memberId, item.unitId, item.unitPath, sqliteTime(item.now));
      const row = s.find.get(item.quizId, item.memberId) as { id: string; startedAt: unknown; submittedAt: unknown };
      return row.submittedAt != null ? { status: "submitted" } : { status: "started", attemptId: row.id, startedAt: timeOf(row.startedAt) };
    }
    const row = s.find.get(item.quizId, item.memberId) as { id: string; startedAt: unknown; submittedAt: unknown } | undefined;
    if (!row) return { status: "notStarted" };
    if (row.submittedAt != null) return { status: "already" };
    const durationMs = item.now - timeOf(row.startedAt);
    if (durationMs > item.limitMs) return { status: "timeUp" };
    const changed = s.submit.run(sqliteTime(item.now), item.answers, item.score, item.allCorrect ? 1 : 0, durationMs, row.id).changes;
    return changed === 1 ? { status: "saved", attemptId: row.id, durationMs } : { status: "already" };
  });
}
