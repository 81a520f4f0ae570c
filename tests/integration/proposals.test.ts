import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as proposalsApi from "~/routes/api.v1.proposals";
import * as proposalApi from "~/routes/api.v1.proposals.$proposalId";
import * as withdrawApi from "~/routes/api.v1.proposals.$proposalId.withdraw";
import * as scoreApi from "~/routes/api.v1.proposals.$proposalId.score";
import * as decisionApi from "~/routes/api.v1.proposals.$proposalId.decision";
import * as implementationApi from "~/routes/api.v1.proposals.$proposalId.implementation";
import * as benefitApi from "~/routes/api.v1.proposals.$proposalId.benefit";
import * as benefitConfirmationApi from "~/routes/api.v1.proposals.$proposalId.benefit-confirmation";
import * as benefitQueueApi from "~/routes/api.v1.proposal-benefit-queue";
import * as financePage from "~/routes/proposals.finance";
import * as settingsApi from "~/routes/api.v1.proposal-settings";
import * as settingsPage from "~/routes/proposals.settings";
import * as disputesApi from "~/routes/api.v1.proposals.$proposalId.disputes";
import * as resolutionApi from "~/routes/api.v1.proposal-disputes.$disputeId.resolution";
import * as inboxApi from "~/routes/api.v1.proposal-inbox";
import * as mergesApi from "~/routes/api.v1.proposal-merges";
import * as reviewsApi from "~/routes/api.v1.proposal-reviews";
import * as sessionApi from "~/routes/api.v1.proposal-review-sessions.$sessionId";
import * as committeeApi from "~/routes/api.v1.proposal-review-sessions.$sessionId.committee";
import * as figuresApi from "~/routes/api.v1.proposal-figures";
import * as myPage from "~/routes/proposals._index";
import * as newPage from "~/routes/proposals.new";
import * as detailPage from "~/routes/proposals.$proposalId";
import * as inboxPage from "~/routes/proposals.inbox";
import * as sessionPage from "~/routes/proposals.reviews.$sessionId";
import * as figuresXlsx from "~/routes/proposals.figures[.]xlsx";
import * as topTenApi from "~/routes/api.v1.proposals.$proposalId.top-ten";
import { createRound, reviewSubmission } from "~/modules/review-chain/review-chain.server";
import { honoursOf } from "~/modules/honours/honours.server";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 16: 合理化建议 and 技术创新成果 through the API, on SQLite and on PostgreSQL: credit shares,
// the I-1/I-2 sheets and their maxima, recusal of co-authors' colleagues, the dispute block (I-2),
// and the grade that only a confirmed benefit moves.

type Route = { action?: unknown; loader?: unknown };
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
let p: Awaited<ReturnType<typeof createProvince>>;
let enterpriseC: { id: string };
const m: Record<string, { id: string; name: string }> = {};

const cookies: Record<string, string> = {};
async function as(name: string, grants: { role: string; orgId: string }[], memberId?: string) {
  const u = await createUser(grants, { memberId });
  userIds[name] = u.id;
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}

async function call(route: Route, method: string, path: string, who: string, json?: unknown, params: Record<string, string> = {}) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The same call with an English Accept-Language: the API answers in the reader's language. */
async function callEn(route: Route, method: string, path: string, who: string, json?: unknown, params: Record<string, string> = {}) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json, headers: { "Accept-Language": "en" } }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const proposalInput = (title: string, authors: { memberId: string; share: number | string }[], extra: Record<string, unknown> = {}) => ({
  kind: "proposal", category: "efficiency", title, problem: "换模时间长，影响产能", content: "采用快速换模夹具，预置定位销", expectedBenefit: "每年节约工时约 2000 小时",
  expectedBenefitYuan: 800_000, authors, submit: true, ...extra,
});

async function counts() {
  return { proposals: await db.proposal.count(), authors: await db.proposalAuthor.count(), scores: await db.proposalScore.count(), events: await db.event.count({ where: { entityType: "Proposal" } }) };
}

beforeAll(async () => {
  p = await createProvince();
  enterpriseC = await createOrg({ type: "grassroots", parent: p.districtA, name: `丙企业工会${uid()}` });
  m.lead = await createMember(p.teamA.id, { name: `王建军${uid().slice(0, 2)}` });
  m.coauthor = await createMember(p.enterpriseA.id, { name: `刘小梅${uid().slice(0, 2)}` });
  m.duplicate = await createMember(p.enterpriseA.id, { name: `陈志刚${uid().slice(0, 2)}` });
  m.outsider = await createMember(p.enterpriseB.id, { name: `外市职工${uid().slice(0, 2)}` });
  m.colleagueJudge = await createMember(p.enterpriseA.id, { name: `同单位委员${uid().slice(0, 2)}` });
  for (let i = 1; i <= 3; i++) m[`judge${i}`] = await createMember(enterpriseC.id, { name: `评委${i}${uid().slice(0, 2)}` });
  await db.member.updateMany({ where: { id: { in: [m.lead.id, m.coauthor.id] } }, data: { isFrontline: true } });
  await as("lead", [{ role: "worker", orgId: p.enterpriseA.id }], m.lead.id);
  await as("coauthor", [{ role: "worker", orgId: p.enterpriseA.id }], m.coauthor.id);
  await as("duplicate", [{ role: "worker", orgId: p.enterpriseA.id }], m.duplicate.id);
  await as("office", [{ role: "grassroots_contact", orgId: p.enterpriseA.id }]);
  await as("officeB", [{ role: "grassroots_contact", orgId: p.enterpriseB.id }]);
  await as("finance", [{ role: "finance", orgId: p.enterpriseA.id }]);
  await as("financeB", [{ role: "finance", orgId: p.enterpriseB.id }]);
  await as("organiserA", [{ role: "organiser", orgId: p.cityA.id }]);
  for (let i = 1; i <= 3; i++) await as(`judge${i}`, [{ role: "committee", orgId: p.cityA.id }], m[`judge${i}`].id);
  await as("colleagueJudge", [{ role: "committee", orgId: p.cityA.id }], m.colleagueJudge.id);
  await as("farJudge", [{ role: "committee", orgId: p.cityB.id }]);
});

let proposalId = "";
let duplicateId = "";

describe("submission from a phone (issue 16 item 1)", () => {
  it("refuses shares that do not add to 100 %, names the sum, and writes nothing", async () => {
    const before = await counts();
    const r = await call(proposalsApi, "POST", "/api/v1/proposals", "lead", proposalInput("快速换模", [{ memberId: m.lead.id, share: 60 }, { memberId: m.coauthor.id, share: 30 }]));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^作者贡献比例合计须为 100%，现为 90%/);
    const en = await callEn(proposalsApi, "POST", "/api/v1/proposals", "lead", proposalInput("快速换模", [{ memberId: m.lead.id, share: 60 }, { memberId: m.coauthor.id, share: 30 }]));
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/^the authors' shares must add up to 100 %; they add up to 90%/);
    const badPercent = await call(proposalsApi, "POST", "/api/v1/proposals", "lead", proposalInput("快速换模", [{ memberId: m.lead.id, share: "33.333" }]));
    expect(badPercent.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses a co-author from another city's unit", async () => {
    const r = await call(proposalsApi, "POST", "/api/v1/proposals", "lead", proposalInput("跨单位", [{ memberId: m.lead.id, share: 50 }, { memberId: m.outsider.id, share: 50 }]));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/本单位/);
  });

  it("keeps a draft, then submits it with a co-author at 60/40; both authors are told", async () => {
    const draft = await call(proposalsApi, "POST", "/api/v1/proposals", "lead", proposalInput("冲压线快速换模夹具", [{ memberId: m.lead.id, share: 60 }, { memberId: m.coauthor.id, share: 40 }], { submit: false }));
    expect(draft.status).toBe(201);
    expect(draft.body.state).toBe("draft");
    proposalId = draft.body.id;
    const submitted = await call(proposalApi, "PUT", `/api/v1/proposals/${proposalId}`, "lead", proposalInput("冲压线快速换模夹具", [{ memberId: m.lead.id, share: 60 }, { memberId: m.coauthor.id, share: 40 }]), { proposalId });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: "submitted", unit: { id: p.enterpriseA.id } });
    expect(submitted.body.authors.map((a: { share: number }) => a.share)).toEqual([6000, 4000]);
    const mine = await call(proposalsApi, "GET", "/api/v1/proposals", "coauthor");
    expect(mine.body.proposals.map((x: { id: string }) => x.id)).toContain(proposalId);
    expect(mine.body.notifications.some((n: { message: string }) => /已提交/.test(n.message))).toBe(true);
    const events = await db.event.findMany({ where: { entityType: "Proposal", entityId: proposalId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["proposal.drafted", "proposal.submitted"]);
  });

  it("another unit's office cannot see it; its own office can", async () => {
    expect((await call(proposalApi, "GET", `/api/v1/proposals/${proposalId}`, "officeB", undefined, { proposalId })).status).toBe(403);
    const inbox = await call(inboxApi, "GET", "/api/v1/proposal-inbox", "office");
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toContain(proposalId);
    const other = await call(inboxApi, "GET", "/api/v1/proposal-inbox", "officeB");
    expect(other.body.items.map((x: { id: string }) => x.id)).not.toContain(proposalId);
  });
});

describe("the union office: merge and review (issue 16 item 2)", () => {
  it("merges a duplicate keeping every author, shares rescaled to 100 %", async () => {
    const dup = await call(proposalsApi, "POST", "/api/v1/proposals", "duplicate", proposalInput("冲压换模改进", [{ memberId: m.duplicate.id, share: 100 }]));
    duplicateId = dup.body.id;
    const outsiderTry = await call(mergesApi, "POST", "/api/v1/proposal-merges", "officeB", { targetId: proposalId, duplicateIds: [duplicateId] });
    expect(outsiderTry.status).toBe(403);
    const r = await call(mergesApi, "POST", "/api/v1/proposal-merges", "office", { targetId: proposalId, duplicateIds: [duplicateId] });
    expect(r.status).toBe(200);
    expect(r.body.authors.map((a: { memberId: string; share: number }) => [a.memberId, a.share])).toEqual([[m.lead.id, 3000], [m.coauthor.id, 2000], [m.duplicate.id, 5000]]);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: duplicateId } })).state).toBe("merged");
    const dupAuthor = await call(proposalsApi, "GET", "/api/v1/proposals", "duplicate");
    expect(dupAuthor.body.notifications.map((n: { message: string }) => n.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^「冲压换模改进」与「冲压线快速换模夹具」内容相同，已合并办理，您仍是作者/)]));
  });

  it("sends it to this half-year's review session (I-2)", async () => {
    const r = await call(reviewsApi, "POST", "/api/v1/proposal-reviews", "office", { proposalIds: [proposalId] });
    expect(r.status).toBe(200);
    const session = await db.proposalReviewSession.findUniqueOrThrow({ where: { id: r.body.sessionIds[0] } });
    expect(session.sessionKey).toMatch(/^\d{4}-[12]$/);
    expect(session.orgId).toBe(p.enterpriseA.id);
    // withdrawal only until review
    const late = await call(withdrawApi, "POST", `/api/v1/proposals/${proposalId}/withdraw`, "lead", undefined, { proposalId });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/^已进入评审的建议不能撤回/);
  });
});

describe("committee scoring (rules I-1, S-31)", () => {
  const sheet = (technical: number, benefit: number) => ({ items: { technical, benefit, scope: 17, practicality: 17 } });

  it("the office names the session's committee from the accounts in scope (I-2); no one else scores", async () => {
    const sessionId = (await db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).reviewSessionId!;
    const before = await counts();
    const notNamed = await call(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "judge1", sheet(27, 28), { proposalId });
    expect(notNamed.status).toBe(403);
    expect(notNamed.body.error.code).toBe("not_on_committee");
    const far = await call(committeeApi, "PUT", "/api/v1/proposal-review-sessions/x/committee", "office", { userIds: [userIds.judge1, userIds.farJudge] }, { sessionId });
    expect(far.status).toBe(400);
    expect(far.body.error.message).toMatch(/^所选账号不是本单位范围内的评审委员/);
    expect(await db.proposalCommitteeMember.count({ where: { sessionId } })).toBe(0);
    expect((await call(committeeApi, "PUT", "/api/v1/proposal-review-sessions/x/committee", "officeB", { userIds: [userIds.judge1] }, { sessionId })).status).toBe(403);
    expect(await counts()).toEqual(before);
    const named = await call(committeeApi, "PUT", "/api/v1/proposal-review-sessions/x/committee", "office", { userIds: [userIds.judge1, userIds.judge2, userIds.judge3, userIds.colleagueJudge] }, { sessionId });
    expect(named.status).toBe(200);
    const members = named.body.committee.members as { userId: string; recusals: string[] }[];
    expect(members.map((x) => x.userId).sort()).toEqual([userIds.judge1, userIds.judge2, userIds.judge3, userIds.colleagueJudge].sort());
    // the colleague of the co-authors is named but shown as recusing from this proposal (rule S-31)
    expect(members.find((x) => x.userId === userIds.colleagueJudge)!.recusals).toEqual(["冲压线快速换模夹具"]);
    expect(members.find((x) => x.userId === userIds.judge1)!.recusals).toEqual([]);
    // a committee account not named does not even see the session
    expect((await call(sessionApi, "GET", "/api/v1/proposal-review-sessions/x", "farJudge", undefined, { sessionId })).status).toBe(403);
    const events = await db.event.findMany({ where: { entityType: "ProposalReviewSession", entityId: sessionId } });
    expect(events.map((e) => e.action)).toEqual(["proposal.committee-named"]);
  });

  it("refuses a mark above the item's maximum, and writes nothing", async () => {
    const before = await counts();
    const r = await call(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "judge1", { items: { technical: 31, benefit: 20, scope: 15, practicality: 15 } }, { proposalId });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^「技术水平」满分 30 分，不能打 31 分/);
    const en = await callEn(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "judge1", { items: { technical: 31, benefit: 20, scope: 15, practicality: 15 } }, { proposalId });
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/^Technical level is out of 30: 31 is above the maximum/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a committee member from the authors' unit (recusal), and writes nothing", async () => {
    const before = await counts();
    const r = await call(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "colleagueJudge", sheet(27, 28), { proposalId });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("recusal");
    expect(r.body.error.message).toMatch(/同一单位/);
    const en = await callEn(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "colleagueJudge", sheet(27, 28), { proposalId });
    expect(en.status).toBe(403);
    expect(en.body.error.message).toMatch(/^an author is a colleague in the member's own unit .*: recusal required/);
    expect(await counts()).toEqual(before);
    const view = await call(sessionApi, "GET", "/api/v1/proposal-review-sessions/x", "colleagueJudge", undefined, { sessionId: (await db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).reviewSessionId! });
    expect(view.body.proposals[0].recusal).toMatch(/回避/);
  });

  it("the session page answers a recused member's sheet inline (403 with the message, no error page) and changes nothing", async () => {
    const before = await counts();
    const sessionId = (await db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).reviewSessionId!;
    const post = async (lang?: string) => {
      const form = { proposalId, "item.technical": "27", "item.benefit": "28", "item.scope": "17", "item.practicality": "17" };
      const headers: Record<string, string> = lang ? { "Accept-Language": lang } : {};
      return (sessionPage.action as (a: unknown) => Promise<Response>)({ request: makeRequest(`/proposals/reviews/${sessionId}`, { cookie: cookies.colleagueJudge, form, headers }), params: { sessionId }, context: ctx })
        .then((r) => ({ thrown: false, r }), (r: unknown) => ({ thrown: true, r: r as Response }));
    };
    const zh = await post();
    expect(zh.thrown).toBe(false);
    expect(zh.r.status).toBe(403);
    const body = (await zh.r.json()) as { ok: boolean; message: string; proposalId: string };
    expect(body).toMatchObject({ ok: false, proposalId });
    expect(body.message).toMatch(/同一单位/);
    expect(await counts()).toEqual(before);
  });

  it("cannot be adopted with fewer than three sheets", async () => {
    await call(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "judge1", sheet(27, 28), { proposalId });
    const r = await call(decisionApi, "POST", `/api/v1/proposals/${proposalId}/decision`, "office", { decision: "adopt" }, { proposalId });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/至少需要 3 名/);
  });

  it("three members score; the committee's marks are their mean item by item", async () => {
    await call(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "judge2", sheet(26, 27), { proposalId });
    const r = await call(scoreApi, "PUT", `/api/v1/proposals/${proposalId}/score`, "judge3", sheet(28, 29), { proposalId });
    expect(r.status).toBe(200);
    expect(r.body.committee.items).toEqual({ technical: 2700, benefit: 2800, scope: 1700, practicality: 1700 });
    expect(r.body.committeeTotal).toBe(8900);
  });
});

describe("adoption and the benefit-driven grade", () => {
  it("adopted: graded provisionally with the benefit item held to the lowest tier (no confirmed figure)", async () => {
    const r = await call(decisionApi, "POST", `/api/v1/proposals/${proposalId}/decision`, "office", { decision: "adopt" }, { proposalId });
    expect(r.status).toBe(200);
    // 27 + min(28, 14) + 17 + 17 = 75 → 二等奖
    expect(r.body).toMatchObject({ state: "adopted", gradeTotal: 7500, grade: "second", gradeProvisional: true, rewardYuan: 3000 });
  });

  it("the office reports a measured figure: it waits for the finance office and moves nothing", async () => {
    await call(implementationApi, "POST", `/api/v1/proposals/${proposalId}/implementation`, "office", { note: "已在冲压二线推广" }, { proposalId });
    const before = await db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    const missing = await call(benefitApi, "POST", `/api/v1/proposals/${proposalId}/benefit`, "office", {}, { proposalId });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^请填写经测算的年度经济效益/);
    // the office cannot confirm its own figure; only 财务 can
    const selfConfirm = await call(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "office", { decision: "confirm", financeReference: "自批" }, { proposalId });
    expect(selfConfirm.status).toBe(403);
    const r = await call(benefitApi, "POST", `/api/v1/proposals/${proposalId}/benefit`, "office", { annualBenefitYuan: 650_000, note: "按半年节约额折算" }, { proposalId });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: "implemented", benefitClaimYuan: 650_000, confirmedBenefitYuan: null, grade: before.grade, gradeTotal: before.gradeTotal, gradeProvisional: true });
    const queue = await call(benefitQueueApi, "GET", "/api/v1/proposal-benefit-queue", "finance");
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(proposalId);
    const otherQueue = await call(benefitQueueApi, "GET", "/api/v1/proposal-benefit-queue", "financeB");
    expect(otherQueue.body.items.map((x: { id: string }) => x.id)).not.toContain(proposalId);
    expect((await call(benefitQueueApi, "GET", "/api/v1/proposal-benefit-queue", "office")).status).toBe(403);
  });

  it("finance refuses with a reason: the claim is cleared, the grade stays, the authors are told", async () => {
    const before = await counts();
    const noReason = await call(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "finance", { decision: "refuse" }, { proposalId });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/^请填写不予确认的理由/);
    const noRef = await call(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "finance", { decision: "confirm" }, { proposalId });
    expect(noRef.status).toBe(400);
    expect(noRef.body.error.message).toMatch(/财务部门确认/);
    const outsider = await call(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "financeB", { decision: "confirm", financeReference: "财确〔2026〕1号" }, { proposalId });
    expect(outsider.status).toBe(403);
    expect(await counts()).toEqual(before);
    const r = await call(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "finance", { decision: "refuse", reason: "缺少能耗计量台账" }, { proposalId });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: "implemented", benefitClaimYuan: null, benefitRejection: "缺少能耗计量台账", confirmedBenefitYuan: null, grade: "second", gradeProvisional: true });
    const mine = await call(proposalsApi, "GET", "/api/v1/proposals", "lead");
    expect(mine.body.notifications[0].message).toMatch(/未获财务确认：缺少能耗计量台账/);
    const again = await call(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "finance", { decision: "confirm", financeReference: "财确〔2026〕18号" }, { proposalId });
    expect(again.status).toBe(409);
  });

  it("reported again and confirmed by finance on its page, ¥650k moves the grade to 一等奖 and the authors are told", async () => {
    await call(benefitApi, "POST", `/api/v1/proposals/${proposalId}/benefit`, "office", { annualBenefitYuan: 650_000, note: "补充能耗计量台账" }, { proposalId });
    // issue 16 bad input: a figure without the finance office's confirmation (no reference) moves no grade
    const held = await db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    const eventsBefore = await db.event.count({ where: { entityType: "Proposal", entityId: proposalId } });
    const unconfirmed = await call(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "finance", { decision: "confirm" }, { proposalId });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.message).toMatch(/^效益数字须经财务部门确认（确认人和确认文号）后才能改变等级/);
    const unconfirmedEn = await callEn(benefitConfirmationApi, "POST", `/api/v1/proposals/${proposalId}/benefit-confirmation`, "finance", { decision: "confirm", financeReference: " " }, { proposalId });
    expect(unconfirmedEn.status).toBe(400);
    expect(unconfirmedEn.body.error.message).toMatch(/^a benefit figure moves a grade only with the finance office's confirmation/);
    const still = await db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect({ state: still.state, grade: still.grade, gradeTotal: still.gradeTotal, confirmed: still.confirmedBenefitYuan }).toEqual({ state: held.state, grade: held.grade, gradeTotal: held.gradeTotal, confirmed: null });
    expect(await db.event.count({ where: { entityType: "Proposal", entityId: proposalId } })).toBe(eventsBefore);
    const page = await (financePage.loader as (a: unknown) => Promise<{ rows: { id: string }[] }>)({ request: makeRequest("/proposals/finance", { cookie: cookies.finance }), params: {}, context: ctx });
    expect(page.rows.map((x) => x.id)).toContain(proposalId);
    const form = { proposalId, decision: "confirm", financeReference: "财确〔2026〕18号" };
    const res = await (financePage.action as (a: unknown) => Promise<Response>)({ request: makeRequest("/proposals/finance", { method: "POST", cookie: cookies.finance, form }), params: {}, context: ctx });
    expect(res.status).toBe(302);
    const r = await call(proposalApi, "GET", `/api/v1/proposals/${proposalId}`, "office", undefined, { proposalId });
    // 27 + 28 (inside 26–30 for ≥ ¥500k) + 17 + 17 = 89
    expect(r.body).toMatchObject({ state: "benefit_confirmed", confirmedBenefitYuan: 650_000, financeReference: "财确〔2026〕18号", gradeTotal: 8900, grade: "first", gradeProvisional: false, rewardYuan: 5000 });
    expect(r.body.financeConfirmedBy).toBeTruthy();
    const mine = await call(proposalsApi, "GET", "/api/v1/proposals", "lead");
    expect(mine.body.notifications[0].message).toMatch(/一等奖/);
    const actions = (await db.event.findMany({ where: { entityType: "Proposal", entityId: proposalId }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["proposal.merged-into", "proposal.sent-to-review", "proposal.scored", "proposal.adopted", "proposal.implemented", "proposal.benefit-reported", "proposal.benefit-refused", "proposal.benefit-confirmed"]));
  });
});

describe("rule I-2: a disputed innovation cannot go forward", () => {
  it("an open dispute blocks sending to review; resolved, it goes", async () => {
    const r = await call(proposalsApi, "POST", "/api/v1/proposals", "coauthor", { ...proposalInput("激光对中装置", [{ memberId: m.coauthor.id, share: 100 }]), kind: "innovation" });
    const id = r.body.id;
    const d = await call(disputesApi, "POST", `/api/v1/proposals/${id}/disputes`, "duplicate", { kind: "ip", description: "专利权属不清" }, { proposalId: id });
    expect(d.status).toBe(403);
    const raised = await call(disputesApi, "POST", `/api/v1/proposals/${id}/disputes`, "office", { kind: "authorship", description: "陈志刚称参与设计" }, { proposalId: id });
    expect(raised.status).toBe(201);
    const before = await counts();
    const blocked = await call(reviewsApi, "POST", "/api/v1/proposal-reviews", "office", { proposalIds: [id] });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/^存在未解决的署名争议/);
    expect(await counts()).toEqual(before);
    const resolved = await call(resolutionApi, "POST", `/api/v1/proposal-disputes/x/resolution`, "office", { resolution: "经核实，陈志刚未参与" }, { disputeId: raised.body.disputes[0].id });
    expect(resolved.status).toBe(200);
    expect((await call(reviewsApi, "POST", "/api/v1/proposal-reviews", "office", { proposalIds: [id] })).status).toBe(200);
  });
});

describe("figures (issue 16 item 5)", () => {
  it("per unit: proposals per 100 workers, adoption rate, confirmed benefit, front-line share", async () => {
    const r = await call(figuresApi, "GET", "/api/v1/proposal-figures", "office");
    expect(r.status).toBe(200);
    const unit = r.body.units.find((u: { id: string }) => u.id === p.enterpriseA.id);
    // counted: the merged proposal (once) and the innovation; one decided and adopted
    expect(unit).toMatchObject({ proposals: 2, decided: 1, adopted: 1, adoptionRate: 100, confirmedBenefitYuan: 650_000 });
    expect(unit.workers).toBe(4);
    expect(unit.per100).toBe(50);
    // authors: lead (front line), coauthor (front line), duplicate; coauthor again on the innovation
    expect(unit.frontlineShare).toBe(75);
    expect(r.body.units.map((u: { id: string }) => u.id)).not.toContain(p.enterpriseB.id);
  });
});

describe("the pages (issue 16 item 3)", () => {
  const page = async (route: Route, path: string, who: string, params: Record<string, string> = {}, form?: Record<string, string>) => {
    const fn = (form ? route.action : route.loader) as (args: unknown) => Promise<Response | Record<string, unknown>>;
    try {
      return await fn({ request: makeRequest(path, { cookie: cookies[who], form }), params, context: ctx });
    } catch (thrown) {
      return thrown as Response;
    }
  };

  it("a worker's page lists their proposals and messages; the phone form refuses shares that do not add up, writing nothing", async () => {
    const mine = (await page(myPage, "/proposals", "lead")) as { proposals: { id: string }[]; notifications: unknown[] };
    expect(mine.proposals.map((x) => x.id)).toContain(proposalId);
    expect(mine.notifications.length).toBeGreaterThan(3);
    const before = await counts();
    const bad = (await page(newPage, "/proposals/new", "lead", {}, {
      kind: "proposal", category: "safety", title: "安全护栏加高", "authors.0.memberId": m.lead.id, "authors.0.share": "60", "authors.1.memberId": m.coauthor.id, "authors.1.share": "30", intent: "submit",
    })) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/合计须为 100%/);
    expect(await counts()).toEqual(before);
    const ok = (await page(newPage, "/proposals/new", "lead", {}, {
      kind: "proposal", category: "safety", title: "安全护栏加高", "authors.0.memberId": m.lead.id, "authors.0.share": "70", "authors.1.memberId": m.coauthor.id, "authors.1.share": "30", intent: "draft",
    })) as Response;
    expect(ok.status).toBe(302);
    const id = ok.headers.get("Location")!.split("/").pop()!;
    const detail = (await page(detailPage, `/proposals/${id}`, "coauthor", { proposalId: id })) as { proposal: { state: string; can: { edit: boolean } } };
    expect(detail.proposal).toMatchObject({ state: "draft", can: { edit: true } });
    const submitted = (await page(detailPage, `/proposals/${id}`, "coauthor", { proposalId: id }, { intent: "submit" })) as Response;
    expect(submitted.status).toBe(302);
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).state).toBe("submitted");
    const outsider = (await page(detailPage, `/proposals/${id}`, "officeB", { proposalId: id }, { intent: "withdraw" })) as Response;
    expect(outsider.status).toBe(403);
  });

  it("the office's inbox, the committee's session page and the Excel export", async () => {
    const inbox = (await page(inboxPage, "/proposals/inbox?state=", "office")) as { rows: { id: string }[] };
    expect(inbox.rows.map((r) => r.id)).toContain(proposalId);
    const sessionId = (await db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).reviewSessionId!;
    const session = (await page(sessionPage, `/proposals/reviews/${sessionId}`, "judge1", { sessionId })) as { reviewer: boolean; proposals: { id: string; recusal: string | null }[] };
    expect(session.reviewer).toBe(true);
    expect(session.proposals.find((x) => x.id === proposalId)?.recusal).toBeNull();
    const xlsx = (await page(figuresXlsx, "/proposals/figures.xlsx", "office")) as Response;
    expect(xlsx.headers.get("Content-Type")).toMatch(/spreadsheetml/);
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });
});

describe("rule I-3: the yearly top ten through the review chain into the honours register", () => {
  it("a disputed result is refused; resolved, it is nominated, approved, and every author holds the title", async () => {
    const organiser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
    const reviewerUser = await createUser([{ role: "reviewer", orgId: p.cityA.id }]);
    const organiserSession = (await loadUserForToken(organiser.id, "t"))!;
    const round = await createRound(organiserSession, { subjectType: "proposals.top-ten", title: `年度十佳合理化建议${uid()}`, topOrgId: p.cityA.id, reviewingTypes: [] }, { userId: organiser.id, requestId: null });
    const raised = await call(disputesApi, "POST", `/api/v1/proposals/${proposalId}/disputes`, "office", { kind: "ip", description: "外单位主张专利权" }, { proposalId });
    const before = { subs: await db.reviewSubmission.count(), ...(await counts()) };
    const blocked = await call(topTenApi, "POST", `/api/v1/proposals/${proposalId}/top-ten`, "office", { roundId: round.id }, { proposalId });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/知识产权争议/);
    const blockedEn = await callEn(topTenApi, "POST", `/api/v1/proposals/${proposalId}/top-ten`, "office", { roundId: round.id }, { proposalId });
    expect(blockedEn.status).toBe(409);
    expect(blockedEn.body.error.message).toMatch(/an open IP dispute: nothing goes forward until it is resolved/);
    expect({ subs: await db.reviewSubmission.count(), ...(await counts()) }).toEqual(before);
    const disputeId = raised.body.disputes.find((d: { status: string }) => d.status === "open").id;
    await call(resolutionApi, "POST", "/api/v1/proposal-disputes/x/resolution", "office", { resolution: "专利检索无冲突" }, { disputeId });
    const ok = await call(topTenApi, "POST", `/api/v1/proposals/${proposalId}/top-ten`, "office", { roundId: round.id }, { proposalId });
    expect(ok.status).toBe(200);
    const submissionId = ok.body.topTenSubmissionId as string;
    expect(submissionId).toBeTruthy();
    const reviewerSession = (await loadUserForToken(reviewerUser.id, "t"))!;
    const decided = await reviewSubmission(reviewerSession, submissionId, { level: 0, action: "recommend" }, { userId: reviewerUser.id, requestId: null });
    expect(decided.status).toBe("approved");
    for (const author of [m.lead, m.coauthor, m.duplicate]) {
      const honours = await honoursOf({ memberId: author.id });
      expect(honours.map((h) => [h.title, h.level, h.source])).toContainEqual(["十佳合理化建议", "city", "proposals"]);
    }
  });
});

describe("stored settings per organisation (issue 16: every number a setting with its default)", () => {
  it("the defaults until set; bad input refused with the reason and nothing stored; a parent's record rules its units", async () => {
    const first = await call(settingsApi, "GET", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ fromOrgId: null, settings: { minReviewers: 3, gradeThresholds: { first: 8500 }, rewardYuan: { first: 5000 } } });
    expect((await call(settingsApi, "GET", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "office")).status).toBe(403);
    const good = { ...first.body.settings, minReviewers: 4, rewardYuan: { first: 8000, second: 4000, third: 1500, encouragement: 300 } };
    const events = await db.event.count({ where: { entityType: "ProposalSettings" } });
    const unordered = await call(settingsApi, "PUT", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA", { ...good, gradeThresholds: { first: 7000, second: 7500, third: 6500, encouragement: 5000 } });
    expect(unordered.status).toBe(400);
    expect(unordered.body.error.message).toMatch(/^设置有误：分数线须依次降低：一等奖 70 > 二等奖 75/);
    const outOfRange = await call(settingsApi, "PUT", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA", { ...good, minReviewers: 0 });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.message).toMatch(/最少评审委员数为 1 至 20/);
    // the page's form: a threshold that is not a number is refused the same way, nothing stored
    const form = { orgId: p.cityA.id, reviewSessionsPerYear: "2", aggregation: "mean", trimFrom: "5", minReviewers: "3", "gradeThresholds.first": "八十五", "gradeThresholds.second": "75", "gradeThresholds.third": "65", "gradeThresholds.encouragement": "50", "rewardYuan.first": "5000", "rewardYuan.second": "3000", "rewardYuan.third": "1000", "rewardYuan.encouragement": "200", "topTenWindowYears.proposal": "2", "topTenWindowYears.innovation": "3", topTenCount: "10" };
    const pageRefused = await (settingsPage.action as (a: unknown) => Promise<Response>)({ request: makeRequest("/proposals/settings", { method: "POST", cookie: cookies.organiserA, form }), params: {}, context: ctx });
    expect(pageRefused.status).toBe(400);
    expect(await db.proposalSettingsRecord.count({ where: { orgId: p.cityA.id } })).toBe(0);
    expect(await db.event.count({ where: { entityType: "ProposalSettings" } })).toBe(events);

    const saved = await call(settingsApi, "PUT", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA", good);
    expect(saved.status).toBe(200);
    expect(await db.event.count({ where: { entityType: "ProposalSettings" } })).toBe(events + 1);
    // enterprise A (below city A) now needs four sheets before adoption; enterprise B (city B) still three
    const innovation = await db.proposal.findFirstOrThrow({ where: { title: "激光对中装置", unitId: p.enterpriseA.id } });
    expect(innovation.state).toBe("in_review");
    const r = await call(decisionApi, "POST", `/api/v1/proposals/${innovation.id}/decision`, "office", { decision: "adopt" }, { proposalId: innovation.id });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/至少需要 4 名/);
    const page = await (settingsPage.loader as (a: unknown) => Promise<{ fromOrgId: string; settings: { minReviewers: number } }>)({ request: makeRequest("/proposals/settings", { cookie: cookies.organiserA }), params: {}, context: ctx });
    expect(page).toMatchObject({ fromOrgId: p.cityA.id, settings: { minReviewers: 4 } });
  });
});
