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
