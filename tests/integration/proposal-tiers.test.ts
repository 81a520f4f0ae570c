import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as settingsApi from "~/routes/api.v1.proposal-settings";
import * as settingsPage from "~/routes/proposals.settings";
import * as benefitApi from "~/routes/api.v1.proposals.$proposalId.benefit";
import * as benefitConfirmationApi from "~/routes/api.v1.proposals.$proposalId.benefit-confirmation";
import { DEFAULT_PROPOSAL_SETTINGS } from "~/modules/proposals/settings";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 16 / rules I-1 and I-2: the annual-benefit tiers are settings with the documented defaults.
// The organiser edits them (page and API); tiers that do not ascend, overlap, miss ¥0 or exceed the
// item's maximum are refused with the reason and nothing stored; the grade follows the tiers in
// force for the proposal's unit once finance confirms the benefit. SQLite and PostgreSQL.

type Route = { action?: unknown; loader?: unknown };
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};
let p: Awaited<ReturnType<typeof createProvince>>;

async function as(name: string, grants: { role: string; orgId: string }[]) {
  const u = await createUser(grants);
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

/** An implemented proposal of the unit with three committee sheets: technical 28, benefit 20, scope 18, practicality 18 (84). */
async function implementedProposal(unit: { id: string; path: string; name: string }, memberId: string) {
  const items = JSON.stringify({ technical: 2800, benefit: 2000, scope: 1800, practicality: 1800 });
  return db.proposal.create({
    data: {
      kind: "proposal", category: "cost", title: `档次测试${uid()}`, unitId: unit.id, unitPath: unit.path, unitName: unit.name, state: "implemented",
      submittedAt: new Date(), decidedAt: new Date(), implementedAt: new Date(), committeeTotal: 8400, gradeTotal: 8000, grade: "second",
      authors: { create: [{ memberId, name: "作者", share: 10000, position: 0, unitId: unit.id }] },
      scores: { create: [1, 2, 3].map((i) => ({ reviewerId: `r${i}-${uid()}`, reviewerName: `委员${i}`, items, total: 8400 })) },
    },
  });
}

async function confirm(id: string, office: string, finance: string, yuan: number) {
  expect((await call(benefitApi, "POST", `/b`, office, { annualBenefitYuan: yuan, note: "实测" }, { proposalId: id })).status).toBe(200);
  const r = await call(benefitConfirmationApi, "POST", `/c`, finance, { decision: "confirm", financeReference: `财字${uid()}` }, { proposalId: id });
  expect(r.status).toBe(200);
  return r.body;
}

const form = (orgId: string, tiers: Record<string, string>) => ({
  orgId, reviewSessionsPerYear: "2", aggregation: "mean", trimFrom: "5", minReviewers: "3",
  "gradeThresholds.first": "85", "gradeThresholds.second": "75", "gradeThresholds.third": "65", "gradeThresholds.encouragement": "50",
  "rewardYuan.first": "5000", "rewardYuan.second": "3000", "rewardYuan.third": "1000", "rewardYuan.encouragement": "200",
  "topTenWindowYears.proposal": "2", "topTenWindowYears.innovation": "3", topTenCount: "10",
  // the innovation tiers as the page shows them by default
  ...Object.fromEntries(DEFAULT_PROPOSAL_SETTINGS.benefitTiers.innovation.flatMap((t, i) => [[`benefitTiers.innovation.${i}.fromYuan`, String(t.fromYuan)], [`benefitTiers.innovation.${i}.minMark`, String(t.minMark / 100)], [`benefitTiers.innovation.${i}.maxMark`, String(t.maxMark / 100)]])),
  ...tiers,
});

async function page(who: string, body: Record<string, string>) {
  const res = await (settingsPage.action as (a: unknown) => Promise<Response>)({ request: makeRequest("/proposals/settings", { method: "POST", cookie: cookies[who], form: body }), params: {}, context: ctx });
  return { status: res.status, body: res.status === 302 ? null : await res.json() };
}

let memberA = "";
let memberB = "";

beforeAll(async () => {
  p = await createProvince();
  memberA = (await createMember(p.enterpriseA.id)).id;
  memberB = (await createMember(p.enterpriseB.id)).id;
  await as("organiserA", [{ role: "organiser", orgId: p.cityA.id }]);
  await as("officeA", [{ role: "grassroots_contact", orgId: p.enterpriseA.id }]);
  await as("officeB", [{ role: "grassroots_contact", orgId: p.enterpriseB.id }]);
  await as("financeA", [{ role: "finance", orgId: p.enterpriseA.id }]);
  await as("financeB", [{ role: "finance", orgId: p.enterpriseB.id }]);
});

describe("benefit tiers as settings (rules I-1, I-2)", () => {
  it("the defaults are the documented tiers", async () => {
    const r = await call(settingsApi, "GET", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA");
    expect(r.body.settings.benefitTiers.proposal).toEqual([{ fromYuan: 0, minMark: 1000, maxMark: 1400 }, { fromYuan: 100000, minMark: 1500, maxMark: 2500 }, { fromYuan: 500000, minMark: 2600, maxMark: 3000 }]);
    expect(r.body.settings.benefitTiers.innovation.map((t: { fromYuan: number; maxMark: number }) => [t.fromYuan, t.maxMark])).toEqual([[0, 1000], [500000, 1500], [1000000, 2000], [3000000, 3000], [6000000, 4000]]);
  });

  it("refuses tiers that do not ascend, overlap, miss ¥0 or exceed the item's maximum, and stores nothing", async () => {
    const events = await db.event.count({ where: { entityType: "ProposalSettings" } });
    const base = (await call(settingsApi, "GET", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA")).body.settings;
    const put = (proposal: unknown) => call(settingsApi, "PUT", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA", { ...base, benefitTiers: { ...base.benefitTiers, proposal } });
    const descending = await put([{ fromYuan: 0, minMark: 1000, maxMark: 1400 }, { fromYuan: 500000, minMark: 2600, maxMark: 3000 }, { fromYuan: 100000, minMark: 1500, maxMark: 2500 }]);
    expect(descending.status).toBe(400);
    expect(descending.body.error.message).toMatch(/合理化建议.*效益档次须按金额从低到高排列：第 3 档起点 10万元 不高于第 2 档 50万元/);
    const overlap = await put([{ fromYuan: 0, minMark: 1000, maxMark: 1600 }, { fromYuan: 100000, minMark: 1500, maxMark: 2500 }]);
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.message).toMatch(/第 2 档分数 15–25 与第 1 档 10–16 重叠/);
    const noZero = await put([{ fromYuan: 1000, minMark: 1000, maxMark: 3000 }]);
    expect(noZero.body.error.message).toMatch(/最低的效益档次须从 0 元起/);
    const aboveMax = await put([{ fromYuan: 0, minMark: 1000, maxMark: 3500 }]);
    expect(aboveMax.body.error.message).toMatch(/第 1 档的最高分 35 超过经济效益满分 30/);
    const pageBad = await page("organiserA", form(p.cityA.id, { "benefitTiers.proposal.0.fromYuan": "0", "benefitTiers.proposal.0.minMark": "20", "benefitTiers.proposal.0.maxMark": "10" }));
    expect(pageBad.status).toBe(400);
    expect(pageBad.body.message).toMatch(/第 1 档的最低分 20 高于最高分 10/);
    expect(await db.proposalSettingsRecord.count({ where: { orgId: p.cityA.id } })).toBe(0);
    expect(await db.event.count({ where: { entityType: "ProposalSettings" } })).toBe(events);
  });

  it("the grade follows the tiers in force for the unit once finance confirms the benefit", async () => {
    // city A: a benefit of ¥150k and above is the top tier (26–30); city B keeps the defaults
    const saved = await page("organiserA", form(p.cityA.id, {
      "benefitTiers.proposal.0.fromYuan": "0", "benefitTiers.proposal.0.minMark": "10", "benefitTiers.proposal.0.maxMark": "14",
      "benefitTiers.proposal.1.fromYuan": "50000", "benefitTiers.proposal.1.minMark": "15", "benefitTiers.proposal.1.maxMark": "25",
      "benefitTiers.proposal.2.fromYuan": "150000", "benefitTiers.proposal.2.minMark": "26", "benefitTiers.proposal.2.maxMark": "30",
    }));
    expect(saved.status).toBe(302);
    const stored = (await call(settingsApi, "GET", `/api/v1/proposal-settings?orgId=${p.cityA.id}`, "organiserA")).body;
    expect(stored.fromOrgId).toBe(p.cityA.id);
    expect(stored.settings.benefitTiers.proposal[2]).toEqual({ fromYuan: 150000, minMark: 2600, maxMark: 3000 });

    const a = await implementedProposal(p.enterpriseA, memberA);
    const b = await implementedProposal(p.enterpriseB, memberB);
    const gradedA = await confirm(a.id, "officeA", "financeA", 200_000);
    const gradedB = await confirm(b.id, "officeB", "financeB", 200_000);
    // A: the committee's benefit mark 20 is brought up into 26–30 → 84 - 20 + 26 = 90 → first prize
    expect(gradedA).toMatchObject({ state: "benefit_confirmed", gradeTotal: 9000, grade: "first", rewardYuan: 5000 });
    // B (defaults): ¥200k is in 15–25, the mark 20 stays → 84 → second prize
    expect(gradedB).toMatchObject({ state: "benefit_confirmed", gradeTotal: 8400, grade: "second", rewardYuan: 3000 });
  });
});
