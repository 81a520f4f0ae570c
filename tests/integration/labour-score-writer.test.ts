import { beforeAll, describe, expect, it } from "vitest";
import { loadUserForToken, type SessionUser } from "~/utils/auth.server";
import { createRound, reviewSubmission } from "~/modules/review-chain/review-chain.server";
import { applyProject, recordLabourEvent, recordScores } from "~/modules/labour/labour.server";
import { periodBoardBytes, rankDigits, writeRank } from "~/modules/labour/board-cache.server";
import { forgetProject } from "~/modules/labour/board-cache-state.server";
import { scoreWriter } from "~/modules/labour/score-writer.server";
import { ScoresInputSchema } from "~/modules/labour/schemas";
import { createProvince, createUser, uid } from "../factories";

// Issue 14 bench (one new score → the updated board in ≤ 10 ms): on SQLite a committee score is
// written by prepared statements on the labour writer's own connection (score-writer.server.ts),
// on PostgreSQL through Prisma. Either way the row, the project's stamp and the event are written
// together, a refused entry writes nothing, and the cached board after the score (its changed
// row re-encoded, the others copied from kept pieces with their new ranks) is byte for byte the
// board computed afresh from the database.

const onPostgres = process.env.TEST_DATABASE === "postgres";
let users: Record<string, SessionUser> = {};
let projectId: string;
let periodId: string;
let units: Record<string, string> = {};

beforeAll(async () => {
  const p = await createProvince();
  const who = async (name: string, role: string, orgId: string) => {
    const u = await createUser([{ role, orgId }]);
    users[name] = (await loadUserForToken(u.id, "t"))!;
  };
  await who("applicant", "labour_organiser", p.enterpriseA.id);
  await who("city", "organiser", p.cityA.id);
  await who("judge", "labour_committee", p.enterpriseA.id);
  await who("outsider", "labour_committee", p.enterpriseB.id);
  const actor = { userId: null, requestId: null };
  const round = await createRound(users.city, { subjectType: "competition.project", title: `劳动竞赛项目申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: [] }, actor);
  const roster = [
    { kind: "unit" as const, name: "参建单位" },
    ...["一标段", "二标段", "三标段", "四标段"].map((name) => ({ kind: "section" as const, name, parent: "参建单位" })),
  ];
  const project = await applyProject(users.applicant, { orgId: p.enterpriseA.id, name: `写分测试${uid()}`, owner: "", kind: "project", startDate: "2026-01-01", endDate: "2026-03-31", frequency: "month", budget: 0, template: "qibi-yichuang", roster, minSigners: 3, roundId: round.id }, actor);
  await reviewSubmission(users.city, project.submissionId!, { level: 0, action: "recommend" }, actor);
  projectId = project.id;
  const { db } = await import("~/utils/db.server");
  periodId = (await db.labourPeriod.findFirstOrThrow({ where: { projectId }, orderBy: { seq: "asc" } })).id;
  for (const r of await db.labourRosterEntry.findMany({ where: { projectId } })) units[r.name] = r.id;
});

const score = (user: SessionUser, entries: { unitId: string; indicatorKey: string; value?: string; plan?: number; actual?: number }[], correctionReason?: string) =>
  recordScores(user, projectId, periodId, ScoresInputSchema.parse({ entries, correctionReason }), { userId: user.id, requestId: null });
const board = async () => JSON.parse(new TextDecoder().decode(await periodBoardBytes(users.judge, projectId, periodId))) as { rows: { unitId: string; rank: number | null; total: number; scores: Record<string, number> }[] };
const fresh = async () => {
  forgetProject(projectId);
  return board();
};
/** The board's bytes as served from the cache, and as computed afresh from the database (a new cache entry). */
const servedAndFresh = async () => {
  const served = Buffer.from(await periodBoardBytes(users.judge, projectId, periodId));
  forgetProject(projectId);
  return { served, fresh: Buffer.from(await periodBoardBytes(users.judge, projectId, periodId)) };
};

describe("a committee score and the cached board after it", () => {
  it("writes on the labour writer's own connection on SQLite and through Prisma on PostgreSQL", () => {
    expect(scoreWriter() === null).toBe(onPostgres);
  });

  it("saves the row, moves the stamp and records the event together; the cached board then equals a fresh one, byte for byte", async () => {
    const { db } = await import("~/utils/db.server");
    await board();
    const stampBefore = (await db.labourProject.findUniqueOrThrow({ where: { id: projectId } })).updatedAt.getTime();
    // 二标段 climbs past the others: every rank of the group moves
    await score(users.judge, [{ unitId: units["二标段"], indicatorKey: "party", value: "96.5" }, { unitId: units["二标段"], indicatorKey: "progress", plan: 100, actual: 110 }]);
    const row = await db.labourScore.findUniqueOrThrow({ where: { periodId_unitId_indicatorKey_byId: { periodId, unitId: units["二标段"], indicatorKey: "party", byId: users.judge.id } } });
    expect(row.value).toBe(9650);
    expect(row.updatedAt).toBeInstanceOf(Date);
    const quantity = await db.labourScore.findUniqueOrThrow({ where: { periodId_unitId_indicatorKey_byId: { periodId, unitId: units["二标段"], indicatorKey: "progress", byId: "quantity" } } });
    expect([quantity.plan, quantity.actual]).toEqual([100, 110]);
    expect((await db.labourProject.findUniqueOrThrow({ where: { id: projectId } })).updatedAt.getTime()).toBeGreaterThan(stampBefore);
    const cached = await board();
    expect(cached.rows.find((r) => r.unitId === units["二标段"])).toMatchObject({ rank: 1, scores: { party: 9650 } });
    expect(cached).toEqual(await fresh());
    // byte for byte, not only the same JSON value
    await score(users.judge, [{ unitId: units["一标段"], indicatorKey: "party", value: "97" }]);
    const once = await servedAndFresh();
    expect(once.served.equals(once.fresh)).toBe(true);

    // the same member changes the score: the event keeps the value before
    await board();
    await score(users.judge, [{ unitId: units["三标段"], indicatorKey: "party", value: "99" }]);
    await score(users.judge, [{ unitId: units["二标段"], indicatorKey: "party", value: "12" }]);
    const events = await db.event.findMany({ where: { entityType: "LabourPeriod", entityId: periodId, action: "labour.score.entered" }, orderBy: { id: "desc" }, take: 1 });
    expect(JSON.parse(events[0].before!)).toEqual([{ unitId: units["二标段"], indicatorKey: "party", value: 9650, plan: null, actual: null }]);
    expect(JSON.parse(events[0].after!).entries).toEqual([{ unitId: units["二标段"], indicatorKey: "party", value: 1200 }]);
    expect(events[0].actorId).toBe(users.judge.id);
    const after = await board();
    expect(after.rows.find((r) => r.unitId === units["二标段"])!.scores.party).toBe(1200);
    expect(after.rows.find((r) => r.unitId === units["三标段"])!.scores.party).toBe(9900);
    expect(after).toEqual(await fresh());
  });

  it("re-scores from the entry's kept basis (indicator set, settings, each unit's events: rule L-7 adjustments): the bytes stay those of a fresh computation", async () => {
    const actor = { userId: users.judge.id, requestId: null };
    // bonus and deduction events inside the period for two units, both scored below
    await recordLabourEvent(users.judge, projectId, { unitId: units["二标段"], typeKey: "client-praise", date: "2026-01-10", note: "" }, actor);
    await recordLabourEvent(users.judge, projectId, { unitId: units["二标段"], typeKey: "supervisor-criticism", date: "2026-01-12", note: "" }, actor);
    await recordLabourEvent(users.judge, projectId, { unitId: units["一标段"], typeKey: "authority-criticism", date: "2026-01-20", note: "" }, actor);
    await board(); // the entry is loaded with the events; the scores below keep it and build its basis once
    for (const [unit, value] of [["二标段", "88"], ["一标段", "45"], ["二标段", "91.5"], ["三标段", "70"]] as const) {
      await score(users.judge, [{ unitId: units[unit], indicatorKey: "quality", value }]);
      const { served, fresh: computed } = await servedAndFresh();
      expect(served.equals(computed)).toBe(true);
      await board(); // load the entry again for the next score
    }
    const after = await board();
    // the event adjustments are in the re-scored unit's row (read from the kept basis): 91.5 less 2 for 监理通报批评 (quality)
    expect(after.rows.find((r) => r.unitId === units["二标段"])!.scores.quality).toBe(8950);
  });

  it("writes a rank's digits as JSON.stringify does (no string per rank)", () => {
    for (const rank of [null, 0, 1, 9, 10, 99, 100, 1999, 2000, 123456, 2147483647, 2147483648, 1e21, 1.5]) {
      const bytes = new Uint8Array(32);
      const end = writeRank(bytes, 3, rank);
      expect(new TextDecoder().decode(bytes.subarray(3, end))).toBe(JSON.stringify(rank));
      expect(rankDigits(rank)).toBe(JSON.stringify(rank).length);
    }
  });

  it("refuses a score above the maximum, a unit not on the roster and another union's member, writing nothing", async () => {
    const { db } = await import("~/utils/db.server");
    const stamp = async () => (await db.labourProject.findUniqueOrThrow({ where: { id: projectId } })).updatedAt.getTime();
    const events = () => db.event.count({ where: { entityType: "LabourPeriod", entityId: periodId } });
    const [s0, e0] = [await stamp(), await events()];
    const fail = (p: Promise<unknown>) => p.then(() => null, (e: { status?: number; code?: string; message?: string }) => e);
    // the second entry is refused: the first is not saved either
    const over = await fail(score(users.judge, [{ unitId: units["四标段"], indicatorKey: "party", value: "50" }, { unitId: units["四标段"], indicatorKey: "quality", value: "101" }]));
    expect(over).toMatchObject({ status: 400 });
    expect(await db.labourScore.count({ where: { periodId, unitId: units["四标段"] } })).toBe(0);
    expect(await fail(score(users.judge, [{ unitId: "no-such-unit", indicatorKey: "party", value: "50" }]))).toMatchObject({ status: 400, message: expect.stringContaining("参赛名录") });
    expect(await fail(score(users.judge, [{ unitId: units["参建单位"], indicatorKey: "party", value: "50" }]))).toMatchObject({ status: 400, message: expect.stringContaining("只有标段") });
    expect(await fail(score(users.outsider, [{ unitId: units["四标段"], indicatorKey: "party", value: "50" }]))).toMatchObject({ status: 403 });
    expect([await stamp(), await events()]).toEqual([s0, e0]);
  });
});
