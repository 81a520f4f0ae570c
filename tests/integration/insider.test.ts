// Issue 10 (items 1–5): blind marking and access control hold against a determined insider:
// an organiser, a chief judge, a judge, an organiser of another city, a unit contact. Each
// test names the path the insider took and shows it closed (rules S-33, S-34).
import { beforeAll, describe, expect, it } from "vitest";
import * as judgesPage from "~/routes/events.$eventId.judges";
import * as theoryPage from "~/routes/events.$eventId.theory";
import * as resultsCsv from "~/routes/api.v1.events.$eventId.results[.]csv";
import * as leaderboardApi from "~/routes/api.v1.events.$eventId.leaderboard";
import * as eventLogPage from "~/routes/admin.events";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { fileAppeal } from "~/modules/judging/review/appeals.server";
import { getJudgingBoard } from "~/modules/judging/marks.server";
import { forgetEvent } from "~/modules/judging/judge-context.server";
import * as conflictsApi from "~/routes/api.v1.judging.conflicts";
import * as recusalListApi from "~/routes/api.v1.events.$eventId.recusal-requests";
import * as recusalResolveApi from "~/routes/api.v1.recusal-requests.$requestId.resolution";
import * as recusalPage from "~/routes/events.$eventId.recusals";
import { createOrg, createProvince, ctx, makeRequest } from "../factories";
import { account, buildFinishedEvent, call, type Account } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, organiserNb: Account, chief: Account, encryptor: Account, judge: Account, judge2: Account;

beforeAll(async () => {
  p = await createProvince();
  organiser = await account("organiser", p.cityA.id);
  organiserNb = await account("organiser", p.cityB.id);
  chief = await account("chief_judge", p.cityA.id);
  encryptor = await account("encryption_officer", p.cityA.id);
  judge = await account("judge", p.cityA.id);
  judge2 = await account("judge", p.cityA.id);
});

const blinded = (entrants = 4) => buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [judge.id, judge2.id], entrants, decrypted: false, signedOff: false, recheck: null });

describe("item 1: no join from codes to identities before decryption", () => {
  it("theory scores, listed by admission number, reach no board or export keyed by station code until decryption", async () => {
    const ev = await blinded();
    const params = { eventId: ev.event.id };
    const theory = (await call(theoryPage, `/events/${ev.event.id}/theory`, params, { as: organiser, cookie: true })).body as { scores: { admissionNo: string; valueText: string }[] };
    expect(theory.scores.length).toBe(4);
    const scoreTexts = theory.scores.map((s) => s.valueText);
    expect(scoreTexts).toContain("89.50");
    for (const as of [organiser, chief]) {
      const csv = (await call(resultsCsv, `/api/v1/events/${ev.event.id}/results.csv`, params, { as })).response!;
      const text = await csv.text();
      expect(text).toContain(ev.entrants[1].code.stationCode);
      for (const score of scoreTexts) expect(text, `theory score ${score} beside a station code`).not.toContain(score);
      const board = JSON.stringify((await call(leaderboardApi, `/api/v1/events/${ev.event.id}/leaderboard`, params, { as })).body);
      for (const score of scoreTexts) expect(board).not.toContain(score);
    }
    // after decryption the two score sheets are merged
    await db.contestEvent.update({ where: { id: ev.event.id }, data: { decryptedAt: new Date() } });
    const after = await (await call(resultsCsv, `/api/v1/events/${ev.event.id}/results.csv`, params, { as: organiser })).response!.text();
    expect(after).toContain("89.50");
  });
});

describe("item 3: appeals and the event log reveal no unit before decryption", () => {
  it("an appeal filed by a unit contact shows neither the contact nor the appeal id in the organiser's log; the encryption officer sees it", async () => {
    const ev = await blinded(2);
    await db.contest.update({ where: { id: ev.contest.id }, data: { endsAt: new Date(Date.now() - 10 * 60_000) } });
    const contactUnit = p.enterpriseB;
    const contact = await account("unit_contact", contactUnit.id);
    const contactUser = await db.user.findUniqueOrThrow({ where: { id: contact.id } });
    const entrant = ev.entrants.find((e) => e.registration.unitId === contactUnit.id)!;
    const appeal = await fileAppeal((await loadUserForToken(contact.id, "t"))!, ev.event.id, { text: "设备故障，申请复核", admissionNo: entrant.registration.admissionNo! }, { userId: contact.id, requestId: "appeal-request" });
    const log = async (as: Account, query = "") => JSON.stringify(await eventLogPage.loader({ request: makeRequest(`/admin/events?action=appeal${query}`, { cookie: as.cookie }), params: {}, context: ctx }));
    const seen = await log(organiser);
    expect(seen).toContain("appeal.filed");
    expect(seen).not.toContain(appeal.id);
    expect(seen).not.toContain(contactUser.username);
    expect(seen).not.toContain("appeal-request");
    // searching the log by the contact's name finds nothing either
    expect(await log(organiser, `&actor=${contactUser.username}`)).not.toContain("appeal.filed");
    const officer = await account("organiser", p.cityA.id);
    await db.roleGrant.create({ data: { userId: officer.id, roleKey: "encryption_officer", orgId: p.cityA.id } });
    expect(await log(officer)).toContain(contactUser.username);
    // after decryption the log is whole again
    await db.contestEvent.update({ where: { id: ev.event.id }, data: { decryptedAt: new Date() } });
    expect(await log(organiser)).toContain(appeal.id);
  });
});

describe("item 4: scope on every write", () => {
  it("宁波's organiser cannot change a 杭州 judge's unit on the judges page, and the refusal writes nothing", async () => {
    const ev = await blinded(2);
    const before = await db.judgeProfile.findUnique({ where: { userId: judge.id } });
    const events = await db.event.count();
    const request = makeRequest(`/events/${ev.event.id}/judges`, { cookie: organiserNb.cookie, form: { intent: "profile", userId: judge.id, unitName: p.enterpriseB.name, skillLevel: "高级技师" } });
    const result = await judgesPage.action({ request, params: { eventId: ev.event.id }, context: ctx }).catch((e: unknown) => e);
    expect(result instanceof Response ? result.status : (result as { status?: number }).status ?? 200).toBe(403);
    expect(await db.judgeProfile.findUnique({ where: { userId: judge.id } })).toEqual(before);
    expect(await db.event.count()).toBe(events);
    // 杭州's own organiser may
    const own = makeRequest(`/events/${ev.event.id}/judges`, { cookie: organiser.cookie, form: { intent: "profile", userId: judge.id, unitName: p.enterpriseA.name, skillLevel: "高级技师" } });
    expect(await judgesPage.action({ request: own, params: { eventId: ev.event.id }, context: ctx })).toMatchObject({ ok: true });
    expect((await db.judgeProfile.findUniqueOrThrow({ where: { userId: judge.id } })).unitId).toBe(p.enterpriseA.id);
  });

  it("an organiser of another city cannot edit the judge through another event of their own either", async () => {
    const other = await db.contest.create({ data: { orgId: p.cityB.id, name: "宁波赛", level: "city", contestClass: "一类", status: "draft" } });
    const otherEvent = await db.contestEvent.create({ data: { contestId: other.id, name: "宁波赛项", trade: "焊工", groupName: "职工组", markingScheme: "{}", scoringSettings: "{}" } });
    const outsideJudge = await createOrg({ type: "grassroots", parent: p.districtB });
    const request = makeRequest(`/events/${otherEvent.id}/judges`, { cookie: organiserNb.cookie, form: { intent: "profile", userId: judge.id, unitName: outsideJudge.name } });
    const result = await judgesPage.action({ request, params: { eventId: otherEvent.id }, context: ctx }).catch((e: unknown) => e);
    expect(result instanceof Response ? result.status : 200).toBe(403);
    expect((await db.judgeProfile.findUniqueOrThrow({ where: { userId: judge.id } })).unitId).not.toBe(outsideJudge.id);
  });
});

describe("item 2: recusal without an oracle", () => {
  it("a unit conflict declared after the draw leaves the judge's board as it was; the encryption officer reassigns the judge as a whole", async () => {
    const ev = await blinded(4);
    // two sessions: session 1 holds entrants 0 and 1 (one of each unit), session 2 entrants 2 and 3
    const session2 = await db.contestSession.create({ data: { eventId: ev.event.id, name: "第二场", stationCount: 2, sortOrder: 1 } });
    for (const e of ev.entrants.slice(2)) await db.blindCode.update({ where: { id: e.code.id }, data: { sessionId: session2.id } });
    const j1 = await account("judge", p.cityA.id);
    const j2 = await account("judge", p.cityA.id);
    const a1 = await db.judgeAssignment.create({ data: { eventId: ev.event.id, userId: j1.id, role: "judge", sessionId: ev.session.id } });
    const a2 = await db.judgeAssignment.create({ data: { eventId: ev.event.id, userId: j2.id, role: "judge", sessionId: session2.id } });
    // entrants 1 and 3 are enterpriseB's; move them into session 1, so session 2 holds none of enterpriseB
    await db.blindCode.update({ where: { id: ev.entrants[3].code.id }, data: { sessionId: ev.session.id } });
    await db.blindCode.update({ where: { id: ev.entrants[0].code.id }, data: { sessionId: session2.id } });
    forgetEvent(ev.event.id);
    const board = async (as: Account) => (await getJudgingBoard({ id: as.id }, ev.event.id)).sheets.map((sh) => sh.stationCode).sort();
    const before = await board(j1);
    expect(before).toEqual([ev.entrants[1].code.stationCode, ev.entrants[3].code.stationCode].sort());

    const declared = await call(conflictsApi, "/api/v1/judging/conflicts", {}, { as: j1, json: { eventId: ev.event.id, unitName: p.enterpriseB.name, reason: "曾在该单位任职" } });
    expect(declared.status).toBe(201);
    forgetEvent(ev.event.id);
    expect(await board(j1), "the board must not lose exactly the unit's stations").toEqual(before);

    // the chief judge and the organiser do not see the queue; the encryption officer does, with the stations
    for (const as of [chief, organiser]) expect((await call(recusalListApi, `/api/v1/events/${ev.event.id}/recusal-requests`, { eventId: ev.event.id }, { as })).status).toBe(403);
    const queue = (await call(recusalListApi, `/api/v1/events/${ev.event.id}/recusal-requests`, { eventId: ev.event.id }, { as: encryptor })).body as { requests: { id: string; status: string; affectedStations: string[] }[] };
    expect(queue.requests).toHaveLength(1);
    expect(queue.requests[0].affectedStations.sort()).toEqual(before);
    const requestId = queue.requests[0].id;
    const resolve = (as: Account, json: unknown) => call(recusalResolveApi, `/api/v1/recusal-requests/${requestId}/resolution`, { requestId }, { as, json });

    // not the chief judge; and "nothing to change" is refused while the judge still marks the unit
    expect((await resolve(chief, { action: "swap", assignmentId: a1.id, withAssignmentId: a2.id })).status).toBe(403);
    const refused = await resolve(encryptor, { action: "dismiss" });
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/^该处理后裁判仍会评到该单位的选手/);
    expect((await db.recusalRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("open");

    const swapped = await resolve(encryptor, { action: "swap", assignmentId: a1.id, withAssignmentId: a2.id });
    expect(swapped.status).toBe(200);
    const after = await board(j1);
    // the whole board changed: a different session, none of the unit's stations, none of the old ones
    expect(after).toEqual([ev.entrants[0].code.stationCode, ev.entrants[2].code.stationCode].sort());
    expect(after.filter((c) => before.includes(c))).toEqual([]);
    expect((await db.judgeAssignment.findUniqueOrThrow({ where: { id: a2.id } })).sessionId).toBe(ev.session.id);
    expect((await resolve(encryptor, { action: "remove" })).status).toBe(409);
  });

  it("the encryption officer's page lists the queue and applies a reassignment from the browser form", async () => {
    const ev = await blinded(2);
    const j1 = await account("judge", p.cityA.id);
    await db.judgeAssignment.create({ data: { eventId: ev.event.id, userId: j1.id, role: "judge" } });
    await call(conflictsApi, "/api/v1/judging/conflicts", {}, { as: j1, json: { unitName: p.enterpriseB.name, reason: "亲属在该单位" } });
    const params = { eventId: ev.event.id };
    const page = (await call(recusalPage, `/events/${ev.event.id}/recusals`, params, { as: encryptor, cookie: true })).body as { requests: { id: string; affectedStations: string[] }[] };
    expect(page.requests).toHaveLength(1);
    expect(page.requests[0].affectedStations).toEqual([ev.entrants[1].code.stationCode]);
    expect((await call(recusalPage, `/events/${ev.event.id}/recusals`, params, { as: chief, cookie: true })).status).toBe(403);
    const done = await call(recusalPage, `/events/${ev.event.id}/recusals`, params, { as: encryptor, form: { requestId: page.requests[0].id, action: "remove" } });
    expect(done.body).toMatchObject({ ok: true });
    expect(await db.judgeAssignment.count({ where: { eventId: ev.event.id, userId: j1.id } })).toBe(0);
  });
});
