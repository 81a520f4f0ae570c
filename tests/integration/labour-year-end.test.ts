import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as campaignsApi from "~/routes/api.v1.campaigns";
import * as projectsApi from "~/routes/api.v1.labour.projects";
import * as projectApi from "~/routes/api.v1.labour.projects.$projectId";
import * as scoresApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.scores";
import * as signApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.sign";
import * as awardApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.award";
import * as yearEndApi from "~/routes/api.v1.labour.projects.$projectId.year-end";
import * as confirmApi from "~/routes/api.v1.labour.projects.$projectId.year-end.confirm";
import * as recommendApi from "~/routes/api.v1.labour.projects.$projectId.year-end.recommendations";
import * as yearEndPage from "~/routes/labour.$projectId.year-end";
import { TEMPLATE_QIBI_YICHUANG } from "~/modules/labour/indicators";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, TEST_PASSWORD, uid } from "../factories";

// Issue 14 item 6 (rules L-6, L-9, L-10): the organiser confirms the year's results into the
// honours register, once, and recommends a winner into an open 单列 工人先锋号 / 五一 campaign as a
// draft nomination with its evidence. Through the API routes and the page; SQLite and PostgreSQL.
// Two quarterly periods: 一标段 and 一工区 take both banners, so 二标段 and its 二工区 win none
// all year and get no year-end award (L-6).

let p: Awaited<ReturnType<typeof createProvince>>;
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};
async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}
async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest("/api/v1/x", { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const orgs: Record<string, { id: string; path: string; depth: number }> = {};
let projectId: string;
let unit: Record<string, string> = {};
let periods: { id: string }[] = [];
const builderOld = `张伟${uid().slice(0, 4)}`;
const builderNew = `李强${uid().slice(0, 4)}`;
const projectName = `引水工程劳动竞赛${uid()}`;
const RUBRIC = TEMPLATE_QIBI_YICHUANG.indicators.filter((i) => i.method === "rubric").map((i) => i.key);

async function scoreAndAward(periodId: string) {
  const levels: Record<string, number> = { 一标段: 95, 二标段: 85, 一工区: 90, 二工区: 88, 钢筋班: 92 };
  for (const who of ["m1", "m2", "m3"]) {
    const entries = Object.entries(levels).flatMap(([name, v]) => RUBRIC.map((k) => ({ unitId: unit[name], indicatorKey: k, value: String(v) })));
    expect((await call(scoresApi, "POST", { projectId, periodId }, who, { entries })).status).toBe(200);
  }
  const entries = ["一标段", "二标段", "一工区", "二工区"].map((name) => ({ unitId: unit[name], indicatorKey: "progress", plan: 100, actual: name === "一工区" ? 112 : 100 }));
  expect((await call(scoresApi, "POST", { projectId, periodId }, "applicant", { entries })).status).toBe(200);
  for (const who of ["m1", "m2", "m3"]) expect((await call(signApi, "POST", { projectId, periodId }, who, { password: TEST_PASSWORD })).status).toBe(200);
  const awarded = await call(awardApi, "POST", { projectId, periodId }, "applicant");
  expect(awarded.status).toBe(200);
  expect(awarded.body.banners.map((b: { unitId: string }) => b.unitId).sort()).toEqual([unit["一标段"], unit["一工区"]].sort());
}

beforeAll(async () => {
  p = await createProvince();
  orgs.s1 = await createOrg({ type: "team", parent: p.enterpriseA, name: `一标段项目部${uid()}` });
  orgs.s2 = await createOrg({ type: "team", parent: p.enterpriseA, name: `二标段项目部${uid()}` });
  orgs.w1 = await createOrg({ type: "team", parent: p.enterpriseA, name: `一工区${uid()}` });
  orgs.w2 = await createOrg({ type: "team", parent: p.enterpriseA, name: `二工区${uid()}` });
  orgs.team = await createOrg({ type: "team", parent: p.enterpriseA, name: `钢筋班${uid()}` });
  await createMember(orgs.team.id, { name: builderOld });
  await createMember(orgs.team.id, { name: builderNew });
  await as("labour_organiser", p.enterpriseA.id, "applicant");
  await as("labour_organiser", p.enterpriseB.id, "otherUnion");
  await as("organiser", p.cityA.id, "city");
  await as("reviewer", p.districtA.id, "district");
  for (const m of ["m1", "m2", "m3"]) await as("labour_committee", p.enterpriseA.id, m);
  const round = await call(roundsApi, "POST", {}, "city", { subjectType: "competition.project", title: `2026年劳动竞赛项目申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"] });
  expect(round.status).toBe(201);
  const applied = await call(projectsApi, "POST", {}, "applicant", {
    orgId: p.enterpriseA.id, name: projectName, owner: "省水利厅", startDate: "2026-01-01", endDate: "2026-06-30", frequency: "quarter", template: "qibi-yichuang", roundId: round.body.id,
    roster: [
      { kind: "unit", name: "中铁测试局" },
      { kind: "section", name: "一标段", parent: "中铁测试局", orgId: orgs.s1.id },
      { kind: "section", name: "二标段", parent: "中铁测试局", orgId: orgs.s2.id },
      { kind: "area", name: "一工区", parent: "一标段", orgId: orgs.w1.id },
      { kind: "area", name: "二工区", parent: "二标段", orgId: orgs.w2.id },
      { kind: "team", name: "钢筋班", parent: "一工区", orgId: orgs.team.id },
      { kind: "builder", name: builderOld, parent: "钢筋班", startOnSite: "2025-03-01" },
      { kind: "builder", name: builderNew, parent: "钢筋班", startOnSite: "2026-04-01" },
    ],
  });
  expect(applied.status).toBe(201);
  projectId = applied.body.id;
  const submissionId = applied.body.submissionId;
  expect((await call(reviewApi, "POST", { submissionId }, "district", { level: 0, action: "recommend" })).status).toBe(200);
  expect((await call(reviewApi, "POST", { submissionId }, "city", { level: 1, action: "recommend" })).status).toBe(200);
  const project = (await call(projectApi, "GET", { projectId }, "applicant")).body;
  expect(project.project.status).toBe("accepted");
  unit = Object.fromEntries(project.roster.map((r: { name: string; id: string }) => [r.name, r.id]));
  periods = project.periods;
  expect(periods).toHaveLength(2);
});

const confirm = (who: string, builders: string[] = []) => call(confirmApi, "POST", { projectId }, who, { builders });
const labourHonours = () => db.honour.findMany({ where: { source: "labour", sourceId: { startsWith: `${projectId}:` } }, orderBy: { title: "asc" } });

describe("confirming the year into the honours register (L-6, L-9)", () => {
  it("waits until every period's banners are awarded, and writes nothing before", async () => {
    await scoreAndAward(periods[0].id);
    const res = await confirm("applicant");
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/还有 1 个考评期未颁发流动红旗/);
    expect(await labourHonours()).toHaveLength(0);
  });

  it("refuses a builder under a year on site (L-9) and another union's organiser, writing nothing", async () => {
    await scoreAndAward(periods[1].id);
    const bad = await confirm("applicant", [unit[builderOld], unit[builderNew]]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(new RegExp(`建设者「${builderNew}」不能评为优秀建设者：在现场工作不满 1 年`));
    expect((await confirm("otherUnion")).status).toBe(403);
    expect(await labourHonours()).toHaveLength(0);
  });

  it("records each award once for its organisation or member; the units without a banner all year get none (L-6)", async () => {
    const roll = (await call(yearEndApi, "GET", { projectId }, "applicant")).body;
    expect(roll.refused.filter((r: { reasons: string[] }) => r.reasons.some((x) => /L-6/.test(x))).map((r: { name: string }) => r.name).sort()).toEqual(["二工区", "二标段"]);
    const res = await confirm("applicant", [unit[builderOld]]);
    expect(res.status).toBe(200);
    expect(res.body.skipped).toEqual([]);
    const honours = await labourHonours();
    expect(honours.length).toBe(res.body.recorded.length);
    const byTitle = (suffix: string) => honours.filter((h) => h.title === `${projectName}${suffix}`);
    expect(byTitle("先进单位").map((h) => h.orgId)).toEqual([orgs.s1.id]);
    expect(byTitle("先进班组").map((h) => h.orgId)).toEqual([orgs.team.id]);
    expect(byTitle("进度奖").map((h) => h.orgId)).toEqual([orgs.w1.id]);
    const builder = byTitle("优秀建设者");
    expect(builder).toHaveLength(1);
    expect(builder[0]).toMatchObject({ holderName: builderOld, orgId: null, unitId: orgs.team.id, sourceId: `${projectId}:${unit[builderOld]}` });
    expect(builder[0].memberId).toBeTruthy();
    for (const h of honours) expect(h).toMatchObject({ year: 2026, level: "city", issuingBody: p.cityA.name, source: "labour", revokedAt: null });
    // rule L-6: nothing for 二标段 or 二工区
    const losers = [orgs.s2.id, orgs.w2.id];
    expect(honours.filter((h) => losers.includes(h.unitId))).toHaveLength(0);
    expect(await db.event.count({ where: { action: "honour.recorded", entityId: { in: honours.map((h) => h.id) } } })).toBe(honours.length);
    expect(await db.event.count({ where: { action: "labour.year-end.confirmed", entityId: projectId } })).toBe(1);
  });

  it("confirming again records nothing twice", async () => {
    const before = (await labourHonours()).length;
    const again = await confirm("applicant", [unit[builderOld]]);
    expect(again.status).toBe(200);
    expect(again.body.recorded).toEqual([]);
    expect(again.body.existing).toBe(before);
    expect((await labourHonours()).length).toBe(before);
    expect(await db.event.count({ where: { action: "labour.year-end.confirmed", entityId: projectId } })).toBe(1);
  });
});

describe("recommending a winner into a 工人先锋号 / 五一 campaign (L-10)", () => {
  let campaignId: string;
  it("a winning collective becomes a draft 工人先锋号 nomination in the open 单列 campaign, with the register's titles as evidence", async () => {
    const created = await call(campaignsApi, "POST", {}, "city", { title: `2026年市工人先锋号竞赛单列推荐${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"], awards: ["先锋号", "奖章"], level: "city", year: 2026, listing: "single" });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    const unitHonour = (await labourHonours()).find((h) => h.title === `${projectName}先进单位`)!;
    // a collective is not a 奖章 candidate: refused, nothing written
    const wrong = await call(recommendApi, "POST", { projectId }, "applicant", { honourId: unitHonour.id, campaignId, award: "奖章" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/推荐对象须为个人/);
    expect(await db.honourRecommendation.count({ where: { source: "labour", sourceId: unitHonour.sourceId! } })).toBe(0);

    const res = await call(recommendApi, "POST", { projectId }, "applicant", { honourId: unitHonour.id, campaignId, award: "先锋号" });
    expect(res.status).toBe(201);
    expect(res.body.honour).toBe("市工人先锋号");
    const nomination = await db.nomination.findUniqueOrThrow({ where: { id: res.body.nominationId } });
    expect(nomination).toMatchObject({ campaignId, award: "先锋号", kind: "collective", orgId: p.enterpriseA.id, name: unitHonour.holderName, isTeamOrOffice: true, memberId: null });
    expect(nomination.deedsShort).toContain(`${projectName}先进单位`);
    expect(nomination.deedsShort).toContain("L-10");
    const rec = await db.honourRecommendation.findUniqueOrThrow({ where: { id: res.body.recommendationId } });
    expect(rec).toMatchObject({ status: "used", nominationId: nomination.id, memberId: "", source: "labour" });
    expect(await db.event.count({ where: { action: "nomination.created", entityId: nomination.id } })).toBe(1);
    // once only
    const twice = await call(recommendApi, "POST", { projectId }, "applicant", { honourId: unitHonour.id, campaignId, award: "先锋号" });
    expect(twice.status).toBe(409);
    expect(await db.nomination.count({ where: { campaignId, name: unitHonour.holderName } })).toBe(1);
  });

  it("an outstanding builder becomes a draft 五一劳动奖章 nomination for the member", async () => {
    const builder = (await labourHonours()).find((h) => h.title === `${projectName}优秀建设者`)!;
    const res = await call(recommendApi, "POST", { projectId }, "applicant", { honourId: builder.id, campaignId, award: "奖章" });
    expect(res.status).toBe(201);
    const nomination = await db.nomination.findUniqueOrThrow({ where: { id: res.body.nominationId } });
    expect(nomination).toMatchObject({ kind: "individual", memberId: builder.memberId, award: "奖章", name: builderOld });
    expect(nomination.rewardsPenalties).toContain("优秀建设者");
  });

  it("a campaign that does not award it, or is not a 单列 listing, is refused and nothing is written", async () => {
    const regular = await call(campaignsApi, "POST", {}, "city", { title: `2026年市五一常规${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"], awards: ["先锋号"], level: "city", year: 2026, listing: "regular" });
    expect(regular.status).toBe(201);
    const team = (await labourHonours()).find((h) => h.title === `${projectName}先进班组`)!;
    const before = await db.honourRecommendation.count();
    const res = await call(recommendApi, "POST", { projectId }, "applicant", { honourId: team.id, campaignId: regular.body.id, award: "先锋号" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/单列表彰/);
    const noAward = await call(recommendApi, "POST", { projectId }, "applicant", { honourId: team.id, campaignId, award: "奖状" });
    expect(noAward.status).toBe(400);
    expect(noAward.body.error.message).toMatch(/不评「五一劳动奖状」/);
    expect(await db.honourRecommendation.count()).toBe(before);
  });

  it("the year-end page shows the register entries and their recommendations", async () => {
    const fn = yearEndPage.loader as (args: unknown) => Promise<{ honours: { title: string; recommendations: { honour: string }[] }[]; canManage: boolean; openPeriods: number }>;
    const d = await fn({ request: makeRequest(`/labour/${projectId}/year-end`, { cookie: cookies.applicant }), params: { projectId }, context: ctx });
    expect(d.canManage).toBe(true);
    expect(d.openPeriods).toBe(0);
    expect(d.honours.find((h) => h.title === `${projectName}先进单位`)!.recommendations.map((r) => r.honour)).toEqual(["市工人先锋号"]);
  });
});
