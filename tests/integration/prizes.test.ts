// Issue 12 item 7: prizes that respect the rules (S-4, S-60 … S-66), through the real API routes
// and database: each tier its own share of the field with the rounding a setting, a small field
// asks for count-based prizes or a recorded confirmation, an all-zero field gets no prize and
// cannot be published, honours presets follow the contest's level, outcomes only for winners.
import { beforeAll, describe, expect, it } from "vitest";
import * as publicationApi from "~/routes/api.v1.events.$eventId.publication";
import * as eventsApi from "~/routes/api.v1.contests.$contestId.events";
import { db } from "~/utils/db.server";
import { CITY_LEVEL_OUTCOMES_EXAMPLE, NATIONAL_CLASS_ONE_OUTCOMES, PROVINCIAL_OUTCOMES, parseScoringSettings } from "~/modules/scoring";
import { createProvince } from "../factories";
import { createContest } from "../contest-factories";
import { account, buildFinishedEvent, call, SETTINGS, type Account } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, chief: Account, judge2: Account;

beforeAll(async () => {
  p = await createProvince();
  [organiser, chief, judge2] = await Promise.all([account("organiser", p.cityA.id), account("chief_judge", p.cityA.id), account("judge", p.cityA.id)]);
});

const build = (entrants: number, settings: object = SETTINGS) =>
  buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants, settings });
const publish = (eventId: string, json: unknown = {}) => call(publicationApi, `/api/v1/events/${eventId}/publication`, { eventId }, { as: organiser, json });
type Snapshot = { counts: Record<string, number>; smallFieldConfirmation?: string; rows: { rank: number; prize: string | null; outcomes: { label: string }[] }[] };
const snapshotOf = async (eventId: string) => JSON.parse((await db.publication.findFirstOrThrow({ where: { eventId } })).snapshot) as Snapshot;

describe("rule S-60: each tier its own share of the field, the rounding a setting", () => {
  it("7 entrants (floor): 0 / 1 / 2, never 2 second prizes; half-up: 1 / 1 / 2", async () => {
    const floor = await build(7);
    expect((await publish(floor.event.id, { smallFieldConfirmation: "组委会确认按比例设奖" })).status).toBe(201);
    expect((await snapshotOf(floor.event.id)).counts).toMatchObject({ first: 0, second: 1, third: 2 });

    const halfUp = await build(7, { ...SETTINGS, prizes: { shareRounding: "half-up" } });
    expect((await publish(halfUp.event.id, { smallFieldConfirmation: "组委会确认按比例设奖" })).status).toBe(201);
    expect((await snapshotOf(halfUp.event.id)).counts).toMatchObject({ first: 1, second: 1, third: 2 });
  });
});

describe("rule S-4: a field below the minimum", () => {
  it("prizes by share are refused without a confirmation, nothing written; with one it is recorded", async () => {
    const ev = await build(4);
    const refused = await publish(ev.event.id);
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { message: string } }).error.message).toContain("少于最低要求 30 人");
    expect(await db.publication.count({ where: { eventId: ev.event.id } })).toBe(0);
    expect(await db.certificate.count({ where: { eventId: ev.event.id } })).toBe(0);

    expect((await publish(ev.event.id, { smallFieldConfirmation: "本次为选拔赛，组委会同意" })).status).toBe(201);
    expect((await snapshotOf(ev.event.id)).smallFieldConfirmation).toBe("本次为选拔赛，组委会同意");
    const logged = await db.event.findFirstOrThrow({ where: { action: "results.published", entityType: "Publication", orgId: ev.contest.orgId }, orderBy: { at: "desc" } });
    expect(logged.after).toContain("本次为选拔赛，组委会同意");
  });

  it("count-based prizes (S-61) need no confirmation", async () => {
    const ev = await build(4, { ...SETTINGS, prizes: { mode: "fixed-counts" } });
    expect((await publish(ev.event.id)).status).toBe(201);
    expect((await snapshotOf(ev.event.id)).counts).toMatchObject({ first: 1, second: 2, third: 1 });
  });
});

describe("an all-zero field", () => {
  it("gets no prize and cannot be published, even with a confirmation", async () => {
    const ev = await build(5, { ...SETTINGS, prizes: { mode: "fixed-counts" } });
    await db.mark.updateMany({ where: { eventId: ev.event.id }, data: { value: 0 } });
    await db.theoryScore.updateMany({ where: { eventId: ev.event.id }, data: { value: 0 } });
    const refused = await publish(ev.event.id, { smallFieldConfirmation: "确认" });
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { message: string } }).error.message).toContain("成绩均为零");
    expect(await db.publication.count({ where: { eventId: ev.event.id } })).toBe(0);
  });
});

describe("outcomes only for those who qualify (rules S-62 … S-66)", () => {
  it("a place inside an outcome's rank range without a prize earns no promotion", async () => {
    // 40 entrants, fixed counts 1 / 1 / 1 and no 优胜奖: only ranks 1–3 win; the city table promotes the top 6
    const ev = await build(40, { ...SETTINGS, prizes: { mode: "fixed-counts", fixedCounts: { first: 1, second: 1, third: 1 }, honourableMention: { mode: "none" } } });
    expect((await publish(ev.event.id)).status).toBe(201);
    const rows = (await snapshotOf(ev.event.id)).rows;
    const promoted = (rank: number) => rows.find((r) => r.rank === rank)!.outcomes.some((o) => o.label.startsWith("晋升"));
    expect(promoted(3)).toBe(true);
    expect(promoted(4)).toBe(false);
    expect(promoted(6)).toBe(false);
  });
});

describe("honours presets follow the contest's level", () => {
  const createEvent = (contestId: string) =>
    call(eventsApi, `/api/v1/contests/${contestId}/events`, { contestId }, { as: organiser, json: { trade: "焊工", groupName: "职工组", mode: "individual" } });

  it("city → city table, provincial → provincial table, national → national class-1", async () => {
    for (const [level, expected] of [["city", CITY_LEVEL_OUTCOMES_EXAMPLE], ["provincial", PROVINCIAL_OUTCOMES], ["national", NATIONAL_CLASS_ONE_OUTCOMES]] as const) {
      const contest = await createContest(p.cityA.id, { level });
      const created = await createEvent(contest.id);
      expect(created.status).toBe(201);
      const row = await db.contestEvent.findFirstOrThrow({ where: { contestId: contest.id } });
      expect(parseScoringSettings(JSON.parse(row.scoringSettings)).outcomes.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    }
  });
});
