import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import { eligibilityForNomination, isBarred } from "~/modules/honours/eligibility.server";
import { assertEligible, getNomination } from "~/modules/nominations/nominations.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as incidentsApi from "~/routes/api.v1.incidents";
import * as honoursApi from "~/routes/api.v1.honours";
import * as honourApi from "~/routes/api.v1.honours.$honourId";
import * as revocationsApi from "~/routes/api.v1.honours.$honourId.revocations";
import * as barsApi from "~/routes/api.v1.unit-bars";
import * as verifyPage from "~/routes/verify.$code";
import { createMember, createProvince, createUser, ctx, makeRequest, uid } from "../factories";

// Issue 13 item 5: eligibility from the registers (rules N-17, N-20, N-21, N-43), approval into
// the honours register, and revocation up the review chain (rules N-40 … N-42), on both databases.

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};

async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
  userIds[name] = u.id;
}

async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, params: Record<string, string>, who?: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  try {
    const response = await fn({ request: makeRequest(path, { method, token: who ? tokens[who] : undefined, json }), params, context: ctx });
    const text = await response.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* a page */ }
    return { status: response.status, body: body as any };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() as any };
    throw thrown;
  }
}

const verify = async (code: string) => {
  try { return { status: 200, body: await verifyPage.loader({ request: makeRequest(`/verify/${code}`), params: { code }, context: ctx } as never) as any }; } catch (r) { return { status: (r as Response).status, body: null }; }
};

/** Climb every level of a submission as the reviewers of each level. */
async function climb(submissionId: string, reviewers: string[]) {
  for (const [level, who] of reviewers.entries()) {
    const r = await call(reviewApi, "POST", `/api/v1/submissions/${submissionId}/review`, { submissionId }, who, { level, action: "recommend" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}

let memberA: Awaited<ReturnType<typeof createMember>>;
let memberB: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  p = await createProvince();
  memberA = await createMember(p.enterpriseA.id, { name: `赵建华${uid().slice(0, 3)}` });
  memberB = await createMember(p.enterpriseB.id, { name: `钱秀英${uid().slice(0, 3)}` });
  await as("organiser", p.province.id, "manager");
  await as("reviewer", p.districtB.id, "district");
  await as("reviewer", p.cityB.id, "city");
  await as("reviewer", p.province.id, "province");
  await as("grassroots_contact", p.enterpriseB.id, "contactB");
  await as("grassroots_contact", p.enterpriseA.id, "contactA");
});

describe("eligibility from the registers", () => {
  it("rule N-21: an accident in the employer (or a team under it) bars the year and three before", async () => {
    const r = await call(incidentsApi, "POST", "/api/v1/incidents", {}, "manager", { orgId: p.teamA.id, kind: "safety_accident", severity: "fatal", occurredOn: "2024-09-09", title: "高处坠落死亡事故" });
    expect(r.status).toBe(201);
    const reasons = await eligibilityForNomination(db, { orgId: p.enterpriseA.id, memberId: memberA.id, award: "奖章" }, { year: 2026, level: "city" });
    expect(reasons).toMatchObject([{ rule: "N-21", blocking: true }]);
    expect(await eligibilityForNomination(db, { orgId: p.enterpriseA.id, memberId: memberA.id, award: "奖章" }, { year: 2028, level: "city" })).toEqual([]);
    expect(await eligibilityForNomination(db, { orgId: p.enterpriseB.id, memberId: memberB.id, award: "奖章" }, { year: 2026, level: "city" })).toEqual([]);
  });

  it("rule N-17: a provincial campaign warns without a city-or-higher honour; the register's honour satisfies it", async () => {
    const without = await eligibilityForNomination(db, { orgId: p.enterpriseB.id, memberId: memberB.id, award: "奖章" }, { year: 2026, level: "provincial" });
    expect(without).toMatchObject([{ rule: "N-17", blocking: false }]);
    const added = await call(honoursApi, "POST", "/api/v1/honours", {}, "manager", { memberId: memberB.id, title: "乙市五一劳动奖章", level: "city", year: 2024, issuingBody: "乙市总工会" });
    expect(added.status).toBe(201);
    expect(await eligibilityForNomination(db, { orgId: p.enterpriseB.id, memberId: memberB.id, award: "奖章" }, { year: 2026, level: "provincial" })).toEqual([]);
  });

  it("rule N-20: a 劳模 in the register bars a second one within the period (5 years), an earlier holder is only warned; the nominations module refuses with the reason", async () => {
    const recent = await createMember(p.enterpriseB.id, { name: `孙立新${uid().slice(0, 3)}` });
    const earlier = await createMember(p.enterpriseB.id, { name: `李桂芳${uid().slice(0, 3)}` });
    const candidate = (memberId: string) => ({ orgId: p.enterpriseB.id, memberId, award: "劳模" });
    expect(await eligibilityForNomination(db, candidate(recent.id), { year: 2026, level: "city" })).toEqual([]);
    for (const [memberId, year] of [[recent.id, 2023], [earlier.id, 2019]] as const) {
      const added = await call(honoursApi, "POST", "/api/v1/honours", {}, "manager", { memberId, title: "乙市劳动模范", level: "city", year, issuingBody: "乙市人民政府" });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    expect(await eligibilityForNomination(db, candidate(recent.id), { year: 2026, level: "city" })).toMatchObject([{ rule: "N-20", blocking: true, code: "model_worker_period" }]);
    expect(await eligibilityForNomination(db, candidate(earlier.id), { year: 2026, level: "city" })).toMatchObject([{ rule: "N-20", blocking: false, code: "model_worker_earlier" }]);
    // a 奖章 nomination is not a second 劳模; after the period the recent holder is only warned
    expect(await eligibilityForNomination(db, { ...candidate(recent.id), award: "奖章" }, { year: 2026, level: "city" })).toEqual([]);
    expect(await eligibilityForNomination(db, candidate(recent.id), { year: 2028, level: "city" })).toMatchObject([{ rule: "N-20", blocking: false }]);
    await expect(db.$transaction((tx) => assertEligible(tx, { id: "n", ...candidate(recent.id), campaignId: "none" }, 2026))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/本评选周期内不得再次推荐/) });
    await expect(db.$transaction((tx) => assertEligible(tx, { id: "n", ...candidate(earlier.id), campaignId: "none" }, 2026))).resolves.not.toThrow();
  });

  it("rule N-43: a barred unit is refused at the next round only, through the nominations module's check", async () => {
    const bar = await call(barsApi, "POST", "/api/v1/unit-bars", {}, "province", { orgId: p.enterpriseA.id, award: "劳模", fromYear: 2025, untilYear: 2030, reason: "推荐材料弄虚作假" });
    expect(bar.status).toBe(201);
    expect(await isBarred(p.enterpriseA.id, "劳模", 2030)).toBe(true);
    expect(await isBarred(p.enterpriseA.id, "劳模", 2031)).toBe(false);
    expect(await isBarred(p.enterpriseA.id, "奖章", 2030)).toBe(false);
    expect((await call(barsApi, "POST", "/api/v1/unit-bars", {}, "contactB", { orgId: p.enterpriseA.id, fromYear: 2025, untilYear: 2026, reason: "x" })).status).toBe(403);
    const bad = await call(barsApi, "POST", "/api/v1/unit-bars", {}, "province", { orgId: p.enterpriseA.id, fromYear: 2026, untilYear: 2026, reason: "x" });
    expect(bad.status).toBe(400);
    const list = await call(barsApi, "GET", "/api/v1/unit-bars", {}, "province");
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(bar.body.id);
    // the nominations module refuses with the reason (its campaignId is only read for the level)
    await expect(db.$transaction((tx) => assertEligible(tx, { id: "n", orgId: p.enterpriseA.id, memberId: memberA.id, award: "劳模", campaignId: "none" }, 2030))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/取消本届推荐资格/) });
  });
});

describe("approval into the register, and revocation up the chain", () => {
  let honourId: string;
  let verifyCode: string;

  it("an approved nomination becomes an honour with its own verification code", async () => {
    const round = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "manager", { subjectType: "honours.nomination", title: `省五一劳动奖章${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"] });
    expect(round.status).toBe(201);
    const campaign = await db.campaign.create({ data: { roundId: round.body.id, awards: JSON.stringify(["奖章"]), level: "provincial", year: 2026 } });
    const nomination = await db.nomination.create({ data: { campaignId: campaign.id, award: "奖章", kind: "individual", orgId: p.enterpriseB.id, memberId: memberB.id, name: memberB.name, status: "submitted" } });
    const contact = (await loadUserForToken(userIds.contactB, "t"))!;
    const submission = await db.$transaction((tx) => submitForReview(tx, contact, { roundId: round.body.id, subjectType: "honours.nomination", subjectId: nomination.id, title: memberB.name, submitterOrgId: p.enterpriseB.id }, { userId: contact.id, requestId: null }));
    await climb(submission.id, ["district", "city", "province"]);
    const honour = await db.honour.findFirstOrThrow({ where: { source: "nomination", sourceId: nomination.id } });
    const province = await db.organisation.findUniqueOrThrow({ where: { id: p.province.id } });
    expect(honour).toMatchObject({ memberId: memberB.id, level: "provincial", year: 2026, issuingBody: province.name, revokedAt: null });
    expect(honour.title.endsWith("五一劳动奖章")).toBe(true);
    expect(honour.verifyCode).toMatch(/^[a-z2-7]{26}$/);
    // the nomination page links the nominating unit to the honour (where a revocation is reported, rule N-40)
    expect((await getNomination(contact, nomination.id)).honour).toEqual({ id: honour.id, title: honour.title, year: 2026, revoked: false });
    honourId = honour.id;
    verifyCode = honour.verifyCode!;
    const page = await verify(verifyCode);
    expect(page.body).toMatchObject({ kind: "honour", holderName: memberB.name, status: "valid" });
  });

  it("rules N-40, N-42: the nominating unit reports a revocation; each level reviews; the approval revokes it and /verify shows it", async () => {
    const bad = await call(revocationsApi, "POST", `/api/v1/honours/${honourId}/revocations`, { honourId }, "contactB", { grounds: [], details: "", approvingOrgId: p.province.id });
    expect(bad.status).toBe(400);
    expect((await call(revocationsApi, "POST", `/api/v1/honours/${honourId}/revocations`, { honourId }, "contactA", { grounds: ["criminal"], details: "x", approvingOrgId: p.province.id })).status).toBe(403);
    const r = await call(revocationsApi, "POST", `/api/v1/honours/${honourId}/revocations`, { honourId }, "contactB", {
      grounds: ["criminal", "deeds_untrue"], details: "2026年10月因职务侵占罪被判处有期徒刑一年，附判决书。", approvingOrgId: p.province.id,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const again = await call(revocationsApi, "POST", `/api/v1/honours/${honourId}/revocations`, { honourId }, "contactB", { grounds: ["moral"], details: "重复", approvingOrgId: p.province.id });
    expect(again.status).toBe(409);
    const submission = await db.reviewSubmission.findUniqueOrThrow({ where: { id: r.body.submissionId } });
    expect(JSON.parse(submission.levels)).toEqual([p.districtB.id, p.cityB.id, p.province.id]);
    await climb(submission.id, ["district", "city"]);
    expect((await db.honour.findUniqueOrThrow({ where: { id: honourId } })).revokedAt).toBeNull();
    // the province, the naming body, approves at level 2
    const approved = await call(reviewApi, "POST", `/api/v1/submissions/${submission.id}/review`, { submissionId: submission.id }, "province", { level: 2, action: "recommend" });
    expect(approved.body).toMatchObject({ status: "approved", decision: "approved" });
    const honour = await db.honour.findUniqueOrThrow({ where: { id: honourId } });
    expect(honour.revokedAt).not.toBeNull();
    expect(honour.revocationReason).toMatch(/受到刑事处罚.*主要模范事迹严重失实.*职务侵占/);
    expect(await db.event.count({ where: { action: "honour.revoked", entityId: honourId } })).toBe(1);
    const page = await verify(verifyCode);
    expect(page.body).toMatchObject({ kind: "honour", status: "revoked" });
    const detail = await call(honourApi, "GET", `/api/v1/honours/${honourId}`, { honourId }, "manager");
    expect(detail.body).toMatchObject({ revokedAt: expect.any(String), revocations: [{ status: "approved", grounds: ["criminal", "deeds_untrue"] }] });
    // a revoked honour no longer counts as 荣誉基础 and cannot be revoked twice
    expect((await call(revocationsApi, "POST", `/api/v1/honours/${honourId}/revocations`, { honourId }, "contactB", { grounds: ["moral"], details: "x", approvingOrgId: p.province.id })).status).toBe(409);
  });

  it("rule N-40: a revocation climbs the same chain as the nomination (a city-only campaign: the city alone)", async () => {
    const round = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "manager", { subjectType: "honours.nomination", title: `市五一劳动奖章${uid()}`, topOrgId: p.cityB.id, reviewingTypes: ["city"] });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    const campaign = await db.campaign.create({ data: { roundId: round.body.id, awards: JSON.stringify(["奖章"]), level: "city", year: 2026 } });
    const member = await createMember(p.enterpriseB.id, { name: `孙立军${uid().slice(0, 3)}` });
    const nomination = await db.nomination.create({ data: { campaignId: campaign.id, award: "奖章", kind: "individual", orgId: p.enterpriseB.id, memberId: member.id, name: member.name, status: "submitted" } });
    const contact = (await loadUserForToken(userIds.contactB, "t"))!;
    const submission = await db.$transaction((tx) => submitForReview(tx, contact, { roundId: round.body.id, subjectType: "honours.nomination", subjectId: nomination.id, title: member.name, submitterOrgId: p.enterpriseB.id }, { userId: contact.id, requestId: null }));
    expect(JSON.parse(submission.levels)).toEqual([p.cityB.id]);
    await climb(submission.id, ["city"]);
    const honour = await db.honour.findFirstOrThrow({ where: { source: "nomination", sourceId: nomination.id } });
    const r = await call(revocationsApi, "POST", `/api/v1/honours/${honour.id}/revocations`, { honourId: honour.id }, "contactB", { grounds: ["deeds_untrue"], details: "主要事迹严重失实。", approvingOrgId: p.cityB.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const revocation = await db.reviewSubmission.findUniqueOrThrow({ where: { id: r.body.submissionId } });
    // not the district in between: the city that approved the list is the only level
    expect(JSON.parse(revocation.levels)).toEqual([p.cityB.id]);
    await climb(revocation.id, ["city"]);
    expect((await db.honour.findUniqueOrThrow({ where: { id: honour.id } })).revokedAt).not.toBeNull();
  });
});
