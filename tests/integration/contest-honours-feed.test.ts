// Issue 13 item 7 (rules S-62 … S-68, L-10, N-3): published contest results feed the honours
// register. Titles (市技术能手, 青年岗位能手, 巾帼建功标兵) are recorded per member with the
// certificate's verify link; a 五一劳动奖章 recommendation becomes a draft 单列 nomination with its
// evidence in the open campaign, or waits in the federation's queue until a 单列 campaign is
// created. Publishing again creates nothing twice; a re-publication revokes what it no longer
// grants. Through the real publication API, campaign API and pages; SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import * as publicationApi from "~/routes/api.v1.events.$eventId.publication";
import * as campaignsApi from "~/routes/api.v1.campaigns";
import * as myHonoursPage from "~/routes/my-honours";
import * as honoursPage from "~/routes/honours";
import { db } from "~/utils/db.server";
import { runPublicationHooks } from "~/modules/results/publication-hooks.server";
import { createProvince, uid } from "../factories";
import { account, buildFinishedEvent, call, type Account } from "./publication-fixture";
import { CITY_LEVEL_OUTCOMES_EXAMPLE } from "~/modules/scoring";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, chief: Account, judge2: Account;

beforeAll(async () => {
  p = await createProvince();
  [organiser, chief, judge2] = await Promise.all([account("organiser", p.cityA.id), account("chief_judge", p.cityA.id), account("judge", p.cityA.id)]);
});

const build = () => buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants: 40 });
const publish = (eventId: string, json: unknown = {}) => call(publicationApi, `/api/v1/events/${eventId}/publication`, { eventId }, { as: organiser, json });
const singleCampaign = () => call(campaignsApi, "/api/v1/campaigns", {}, {
  as: organiser,
  json: { title: `2027年市五一劳动奖章单列推荐${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"], awards: ["奖章"], level: "city", year: 2026, listing: "single" },
});

type Built = Awaited<ReturnType<typeof build>>;
let first: Built;

describe("contest results → honours register (S-62 … S-68, L-10)", () => {
  it("publishing records the titles with their certificates and queues the 五一奖章 recommendation when no 单列 campaign is open", async () => {
    first = await build();
    expect((await publish(first.event.id, { noticeDays: 7 })).status).toBe(201);
    const winner = first.entrants[0]; // rank 1, a woman of 31, employee (fixture)
    const third = first.entrants[2]; // rank 3, a man of 45

    const honours = await db.honour.findMany({ where: { memberId: winner.member.id }, orderBy: { title: "asc" } });
    expect(honours.map((h) => h.title).sort()).toEqual(["市技术能手", "巾帼建功标兵", "青年岗位能手"].sort());
    const cert = await db.certificate.findFirstOrThrow({ where: { eventId: first.event.id, registrationId: winner.registration.id, revokedAt: null } });
    for (const h of honours) {
      expect(h).toMatchObject({ source: "contest", sourceId: `${first.event.id}:${winner.member.id}`, year: 2026, certificateId: cert.id, revokedAt: null });
    }
    expect(honours.find((h) => h.title === "市技术能手")!.level).toBe("city");
    // rule S-63: the student placed 2nd is no 技术能手; rank 3 is 市技术能手 only (45, a man)
    expect(await db.honour.count({ where: { memberId: first.entrants[1].member.id } })).toBe(0);
    expect((await db.honour.findMany({ where: { memberId: third.member.id } })).map((h) => h.title)).toEqual(["市技术能手"]);

    // the 市五一劳动奖章 recommendation (rule S-66): queued, no campaign yet
    const recs = await db.honourRecommendation.findMany({ where: { sourceId: first.event.id } });
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ memberId: winner.member.id, honour: "市五一劳动奖章", status: "open", nominationId: null, certificateId: cert.id, source: "contest" });
    expect(await db.event.count({ where: { action: "honour.recommended", entityId: recs[0].id } })).toBe(1);
    expect(await db.event.count({ where: { action: "honour.recorded", entityId: { in: honours.map((h) => h.id) } } })).toBe(3);

    // the federation sees it queued on the register page
    const page = await call(honoursPage, "/honours", {}, { as: organiser, cookie: true });
    const queue = (page.body as { queue: { id: string; status: string; honour: string; certificate: { verifyCode: string } | null }[] }).queue;
    expect(queue.find((r) => r.id === recs[0].id)).toMatchObject({ status: "open", honour: "市五一劳动奖章", certificate: { verifyCode: cert.verifyCode } });
  });

  it("is idempotent: the same publication fed again creates nothing twice", async () => {
    const snapshot = JSON.parse((await db.publication.findFirstOrThrow({ where: { eventId: first.event.id } })).snapshot);
    const publication = await db.publication.findFirstOrThrow({ where: { eventId: first.event.id } });
    const certs = await db.certificate.findMany({ where: { eventId: first.event.id, revokedAt: null, kind: "individual" } });
    const payload = {
      eventId: first.event.id, eventName: first.event.name, version: 1, publicationId: publication.id,
      contest: { id: first.contest.id, name: first.contest.name, level: "city", orgId: p.cityA.id, orgName: "甲市" },
      year: 2026, rows: snapshot.rows, outcomes: CITY_LEVEL_OUTCOMES_EXAMPLE,
      certificates: new Map(certs.map((c) => [c.registrationId, { id: c.id, number: c.number, verifyCode: c.verifyCode, prize: c.prize }])),
    };
    const before = { honours: await db.honour.count({ where: { sourceId: { startsWith: first.event.id } } }), recs: await db.honourRecommendation.count({ where: { sourceId: first.event.id } }), events: await db.event.count() };
    await db.$transaction((tx) => runPublicationHooks(tx, payload, { userId: organiser.id, requestId: null }));
    expect(await db.honour.count({ where: { sourceId: { startsWith: first.event.id } } })).toBe(before.honours);
    expect(await db.honourRecommendation.count({ where: { sourceId: first.event.id } })).toBe(before.recs);
    expect(await db.event.count()).toBe(before.events);
    // and the API refuses a second publication of unchanged results (nothing re-fed)
    expect((await publish(first.event.id, { reason: "再发一次" })).status).toBe(409);
  });

  it("a new 单列 campaign takes up the queued recommendation as a draft nomination with its evidence (N-3, S-68)", async () => {
    const created = await singleCampaign();
    expect(created.status).toBe(201);
    const campaignId = (created.body as { id: string }).id;
    const rec = await db.honourRecommendation.findFirstOrThrow({ where: { sourceId: first.event.id } });
    expect(rec.status).toBe("used");
    const n = await db.nomination.findUniqueOrThrow({ where: { id: rec.nominationId! } });
    const cert = await db.certificate.findUniqueOrThrow({ where: { id: rec.certificateId! } });
    expect(n).toMatchObject({ campaignId, award: "奖章", kind: "individual", memberId: rec.memberId, orgId: p.enterpriseA.id, status: "draft", name: first.entrants[0].name });
    expect(n.deedsShort).toContain("第1名");
    expect(n.deedsShort).toContain(cert.number);
    expect(n.deedsShort).toContain(`/verify/${cert.verifyCode}`);
    expect(n.rewardsPenalties).toContain(first.contest.name);
    expect(await db.event.count({ where: { action: "nomination.created", entityId: n.id } })).toBe(1);
    expect(await db.event.count({ where: { action: "honour.recommendation-used", entityId: rec.id } })).toBe(1);
  });

  it("with the 单列 campaign open, a new publication creates the nomination at once; the worker sees titles and recommendation", async () => {
    const second = await build();
    expect((await publish(second.event.id)).status).toBe(201);
    const winner = second.entrants[0];
    const rec = await db.honourRecommendation.findFirstOrThrow({ where: { sourceId: second.event.id } });
    expect(rec.status).toBe("used");
    const n = await db.nomination.findUniqueOrThrow({ where: { id: rec.nominationId! } });
    expect(n.memberId).toBe(winner.member.id);
    expect(await db.nomination.count({ where: { memberId: winner.member.id } })).toBe(1);

    const worker = await account("worker", p.enterpriseA.id, winner.member.id);
    const page = await call(myHonoursPage, "/my-honours", {}, { as: worker, cookie: true });
    const body = page.body as { honours: { title: string; certificate: { verifyCode: string } | null; source: string }[]; recommendations: { honour: string; status: string; nomination: { id: string } | null }[] };
    expect(body.honours.map((h) => h.title).sort()).toEqual(["市技术能手", "巾帼建功标兵", "青年岗位能手"].sort());
    const cert = await db.certificate.findFirstOrThrow({ where: { eventId: second.event.id, registrationId: winner.registration.id, revokedAt: null } });
    expect(body.honours.every((h) => h.source === "contest" && h.certificate?.verifyCode === cert.verifyCode)).toBe(true);
    expect(body.recommendations).toEqual([expect.objectContaining({ honour: "市五一劳动奖章", status: "used", nomination: expect.objectContaining({ id: n.id }) })]);
  });

  it("a re-publication that no longer grants a title revokes it; the one who moved up gets it, once", async () => {
    const ev = await build();
    expect((await publish(ev.event.id)).status).toBe(201);
    // before anything else: the campaign took the rank-1 recommendation; a correction now drops rank 3 to the bottom
    const third = ev.entrants[2];
    const marks = await db.mark.findMany({ where: { eventId: ev.event.id, blindCodeId: third.code.id, aspectId: "craft" } });
    for (const m of marks) await db.mark.update({ where: { id: m.id }, data: { value: 0, version: 2 } });
    const title = await db.honour.findFirstOrThrow({ where: { memberId: third.member.id, sourceId: `${ev.event.id}:${third.member.id}` } });
    expect(title.revokedAt).toBeNull();
    const again = await publish(ev.event.id, { reason: "复核更正工位 3 工艺分" });
    expect(again.status).toBe(201);
    const after = await db.honour.findUniqueOrThrow({ where: { id: title.id } });
    expect(after.revokedAt).not.toBeNull();
    expect(after.revocationReason).toContain("重新公示");
    // the entrant who moved up to rank 3 (entrant 3) is now 市技术能手, once
    expect(await db.honour.count({ where: { memberId: ev.entrants[3].member.id, title: "市技术能手" } })).toBe(1);
    expect(await db.event.count({ where: { action: "honour.revoked", entityId: title.id } })).toBe(1);
  });
});
