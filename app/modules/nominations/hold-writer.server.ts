import type Database from "better-sqlite3";
import { db } from "~/utils/db.server";
import type { Actor } from "~/utils/actor";
import { directConnection, retryWhileBusy, sqliteTime, type DirectConnection } from "~/utils/group-commit.server";
import { eventData } from "~/modules/events/event-log.server";

// The two database steps of a change on a level's list (issue 13's panel target,
// scripts/bench/nominations.ts): the lists' stamp, read before every panel, and a hold (the
// nomination's flag and its event, one transaction). On the embedded SQLite database both run on
// a second connection with statements prepared once (app/utils/group-commit.server.ts, as the
// marks and quiz writers do): Prisma compiles each query anew, about a millisecond of CPU each,
// and these were four of them per change. The commit is still synced (synchronous = FULL,
// decision 008). On PostgreSQL both stay with Prisma. The schema is Prisma's: the statements
// name its tables and columns, and the integration tests run through them on both databases.

/**
 * What every cached list of a campaign is checked against, in ms: the latest change to the
 * campaign's nominations and the round's submissions (rows are never deleted, a new row carries
 * the newest updatedAt), the campaign row (its rules, 控制数, 差额) and the round row, whose
 * updatedAt moves with every 名额 written (setQuota).
 */
export type CampaignStamp = { nominations: number; submissions: number; campaign: number; round: number };

/** A DateTime as a raw query returns it (Date on PostgreSQL; ISO text or a number on SQLite), in ms. */
export const toMs = (value: unknown): number => {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number" || typeof value === "bigint") return Number(value);
  const text = String(value);
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
};

const STAMP_SQL = `SELECT
    (SELECT MAX("updatedAt") FROM "Nomination" WHERE "campaignId" = ?) AS n,
    (SELECT MAX("updatedAt") FROM "ReviewSubmission" WHERE "roundId" = ?) AS s,
    (SELECT "updatedAt" FROM "Campaign" WHERE "id" = ?) AS c,
    (SELECT "updatedAt" FROM "ReviewRound" WHERE "id" = ?) AS r`;

function prepare(sqlite: Database.Database) {
  return {
    stamp: sqlite.prepare<[string, string, string, string], { n: unknown; s: unknown; c: unknown; r: unknown }>(STAMP_SQL),
    hold: sqlite.prepare(`UPDATE "Nomination" SET "heldBack" = ?, "updatedAt" = ? WHERE "id" = ?`),
    event: sqlite.prepare(
      `INSERT INTO "Event" ("at", "actorId", "action", "entityType", "entityId", "orgId", "before", "after", "requestId") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

/** The lists' own connection on SQLite, or null on PostgreSQL (Prisma). NOMINATIONS_DIRECT_SQLITE=0 turns it off. */
function listsSqlite(): DirectConnection<ReturnType<typeof prepare>> | null {
  return directConnection({ key: "__nominationListsSqlite", disableVar: "NOMINATIONS_DIRECT_SQLITE", prepare });
}

const stampOf = (row: { n: unknown; s: unknown; c: unknown; r: unknown } | undefined): CampaignStamp => ({
  nominations: toMs(row?.n), submissions: toMs(row?.s), campaign: toMs(row?.c), round: toMs(row?.r),
});

/** The campaign's stamp, one query. */
export async function readCampaignStamp(campaignId: string, roundId: string): Promise<CampaignStamp> {
  const direct = listsSqlite();
  if (direct) return stampOf(await retryWhileBusy(() => direct.read((s) => s.stamp.get(campaignId, roundId, campaignId, roundId))));
  const rows = await db.$queryRaw<{ n: unknown; s: unknown; c: unknown; r: unknown }[]>`SELECT
      (SELECT MAX("updatedAt") FROM "Nomination" WHERE "campaignId" = ${campaignId}) AS n,
      (SELECT MAX("updatedAt") FROM "ReviewSubmission" WHERE "roundId" = ${roundId}) AS s,
      (SELECT "updatedAt" FROM "Campaign" WHERE "id" = ${campaignId}) AS c,
      (SELECT "updatedAt" FROM "ReviewRound" WHERE "id" = ${roundId}) AS r`;
  return stampOf(rows[0]);
}

/**
 * Writes one hold (the candidate held back from, or put back on, the level's list) and its event
 * in one transaction, synced at the commit. Returns the nomination's new updatedAt in ms, or null
 * when no nomination has the id.
 */
export async function writeHold(nominationId: string, heldBack: boolean, orgId: string, actor: Actor): Promise<number | null> {
  const event = eventData(actor, { action: heldBack ? "nomination.held-back" : "nomination.put-back", entityType: "Nomination", entityId: nominationId, orgId, after: { level: orgId, heldBack } });
  const direct = listsSqlite();
  if (direct) {
    const now = new Date();
    const at = sqliteTime(now);
    // synchronous from BEGIN to COMMIT: nothing else runs in between; busy while another connection writes
    return retryWhileBusy(() =>
      direct.transaction((s) => {
        if (s.hold.run(heldBack ? 1 : 0, at, nominationId).changes !== 1) return null;
        s.event.run(at, event.actorId, event.action, event.entityType, event.entityId, event.orgId, event.before, event.after, event.requestId);
        return now.getTime();
      }),
    );
  }
  // the row and its event in one transaction, sent as one batch (one round trip)
  const [saved] = await db.$transaction([
    db.nomination.update({ where: { id: nominationId }, data: { heldBack }, select: { updatedAt: true } }),
    db.event.create({ data: event }),
  ]);
  return saved.updatedAt.getTime();
}
