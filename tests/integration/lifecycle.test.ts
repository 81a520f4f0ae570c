// Issue 12 item 2: a lifecycle that moves (筹备 → 报名中 → 报名截止 → 抽签 → 比赛中 → 评分完成 →
// 公示中 → 已发布 → 归档), read by pages and API from the same facts, with a guard at each step:
// no draw while registration is open, no late registration after the close (rule S-7), no
// publication before sign-off (rule S-24), no archive before every event is published.
import { beforeAll, describe, expect, it } from "vitest";
import * as drawsApi from "~/routes/api.v1.events.$eventId.draws";
import * as lifecycleApi from "~/routes/api.v1.contests.$contestId.lifecycle";
import * as archiveApi from "~/routes/api.v1.contests.$contestId.archive";
import * as registrationsApi from "~/routes/api.v1.events.$eventId.registrations";
import * as publicationApi from "~/routes/api.v1.events.$eventId.publication";
import * as contestPage from "~/routes/contests.$contestId._index";
import * as contestsPage from "~/routes/contests._index";
import { db } from "~/utils/db.server";
import { createMember, createProvince, uid } from "../factories";
import { account, buildFinishedEvent, call, type Account } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, officer: Account, chief: Account, judge2: Account, worker: Account;

beforeAll(async () => {
  p = await createProvince();
  const member = await createMember(p.enterpriseA.id, { name: `职工${uid()}` });
  [organiser, officer, chief, judge2, worker] = await Promise.all([
    account("organiser", p.cityA.id), account("encryption_officer", p.cityA.id), account("chief_judge", p.cityA.id), account("judge", p.cityA.id),
    account("worker", p.enterpriseA.id, member.id),
  ]);
});

const DAY = 86_400_000;

/** An open contest whose registration window contains now, one event with a session and two approved entrants. */
async function openContest() {
  const contest = await db.contest.create({
    data: {
      orgId: p.cityA.id, name: `生命周期大赛${uid()}`, level: "city", contestClass: "一类", status: "open",
      registrationOpensAt: new Date(Date.now() - DAY), registrationClosesAt: new Date(Date.now() + DAY), startsAt: new Date(Date.now() + 7 * DAY),
    },
  });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: `焊工${uid()}`, trade: "焊工", groupName: "职工组", eligibility: JSON.stringify({}) } });
  await db.contestSession.create({ data: { eventId: event.id, name: "第一场", stationCount: 4 } });
  for (let i = 0; i < 2; i++) {
    const member = await createMember(p.enterpriseA.id, { name: `选手${uid()}` });
    await db.registration.create({ data: { eventId: event.id, memberId: member.id, unitId: p.enterpriseA.id, status: "approved", admissionNo: `LC${uid()}${i}` } });
  }
  return { contest, event };
}

const stageOf = async (contestId: string, as: Account = organiser) =>
  (await call(lifecycleApi, `/api/v1/contests/${contestId}/lifecycle`, { contestId }, { as })).body as { stage: string; label: string; events: Record<string, { stage: string; label: string }> };
const draw = (eventId: string) => call(drawsApi, `/api/v1/events/${eventId}/draws`, { eventId }, { as: officer, json: {} });

describe("the lifecycle moves, and each step is guarded", () => {
  it("no draw while registration is open; close registration, then the draw runs; no late registration after the close", async () => {
    const { contest, event } = await openContest();
    expect(await stageOf(contest.id)).toMatchObject({ stage: "registration", label: "报名中" });

    const early = await draw(event.id);
    expect(early.status).toBe(409);
    expect((early.body as { error: { code: string; message: string } }).error).toMatchObject({ code: "registration_open" });
    expect((early.body as { error: { message: string } }).error.message).toContain("报名尚未截止");
    expect(await db.blindCode.count({ where: { eventId: event.id } })).toBe(0);

    // the organiser closes registration from the contest page, as the browser sends it
    const closed = await call(contestPage, `/contests/${contest.id}`, { contestId: contest.id }, { as: organiser, form: { intent: "close-registration" } });
    expect(closed.body).toMatchObject({ ok: true });
    expect((await stageOf(contest.id)).events[event.id]).toMatchObject({ stage: "registration_closed", label: "报名截止" });

    const late = await call(registrationsApi, `/api/v1/events/${event.id}/registrations`, { eventId: event.id }, { as: worker, json: {} });
    expect(late.status).toBe(400);
    expect(JSON.stringify(late.body)).toContain("报名");
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(2);

    expect((await draw(event.id)).status).toBe(201);
    expect((await stageOf(contest.id)).events[event.id]).toMatchObject({ stage: "drawn", label: "抽签" });
  });

  it("the stage is shown on the contest list and the contest page", async () => {
    const { contest } = await openContest();
    const list = (await call(contestsPage, `/contests`, {}, { as: organiser, cookie: true })).body as { contests: { id: string; stage: string }[] };
    expect(list.contests.find((c) => c.id === contest.id)?.stage).toBe("registration");
    const page = (await call(contestPage, `/contests/${contest.id}`, { contestId: contest.id }, { as: organiser, cookie: true })).body as { lifecycle: { stage: string } };
    expect(page.lifecycle.stage).toBe("registration");
  });

  it("in progress → no publication before sign-off; signed off → 评分完成; published → 公示中; archive only once published and the notice is over", async () => {
    const ev = await buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants: 3, signedOff: false, settings: { prizes: { mode: "fixed-counts" } } });
    await db.contest.update({ where: { id: ev.contest.id }, data: { status: "running" } });
    expect((await stageOf(ev.contest.id)).stage).toBe("in_progress");
    const early = await call(publicationApi, `/api/v1/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: organiser, json: {} });
    expect(early.status).toBe(409);
    expect((early.body as { error: { message: string } }).error.message).toContain("签字");

    await db.signOff.create({ data: { eventId: ev.event.id, byId: chief.id, signatureName: "裁判长" } });
    expect((await stageOf(ev.contest.id)).stage).toBe("marked");
    const archiveEarly = await call(archiveApi, `/api/v1/contests/${ev.contest.id}/archive`, { contestId: ev.contest.id }, { as: organiser, json: {} });
    expect(archiveEarly.status).toBe(409);

    expect((await call(publicationApi, `/api/v1/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: organiser, json: { noticeDays: 5 } })).status).toBe(201);
    expect(await stageOf(ev.contest.id)).toMatchObject({ stage: "notice", label: "公示中" });
    expect((await call(archiveApi, `/api/v1/contests/${ev.contest.id}/archive`, { contestId: ev.contest.id }, { as: organiser, json: {} })).status).toBe(409);

    await db.resultBoard.update({ where: { eventId: ev.event.id }, data: { noticeEndsAt: new Date(Date.now() - 1000) } });
    expect((await stageOf(ev.contest.id)).stage).toBe("published");
    const archived = await call(archiveApi, `/api/v1/contests/${ev.contest.id}/archive`, { contestId: ev.contest.id }, { as: organiser, json: {} });
    expect(archived.status).toBe(200);
    expect(await stageOf(ev.contest.id)).toMatchObject({ stage: "archived", label: "归档" });
    expect(await db.event.count({ where: { action: "contest.archived", entityId: ev.contest.id } })).toBe(1);
  });
});
