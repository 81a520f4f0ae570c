import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as projectsApi from "~/routes/api.v1.labour.projects";
import * as projectApi from "~/routes/api.v1.labour.projects.$projectId";
import * as settingsApi from "~/routes/api.v1.labour.projects.$projectId.settings";
import * as periodApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId";
import * as boardApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.board";
import * as scoresApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.scores";
import * as signApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.sign";
import * as awardApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.award";
import * as teamMonthsApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.team-months";
import * as eventsApi from "~/routes/api.v1.labour.projects.$projectId.events";
import * as yearEndApi from "~/routes/api.v1.labour.projects.$projectId.year-end";
import * as settingsPage from "~/routes/labour.$projectId.settings";
import * as openapiRoute from "~/routes/api.v1.openapi[.]json";
import * as projectPage from "~/routes/labour.$projectId._index";
import { TEMPLATE_QIBI_YICHUANG, TEMPLATE_SIBAO_LIANGCHUANG } from "~/modules/labour/indicators";
import { YEAR_END_REASONS } from "~/modules/labour/year-end";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, TEST_PASSWORD, uid } from "../factories";

// Issue 14: the project's rules are settings the organiser changes after creating the project,
// through GET/PUT /api/v1/labour/projects/{id}/settings and the page /labour/{id}/settings; on
// SQLite and PostgreSQL. A saved change reorders the boards (tie-breaks, rule L-3), changes the
// month's best team (attendance threshold, rule L-7) and the year-end (rule L-6) at once; a bad
// value changes nothing; only the organiser may; a signed period needs a correction reason (L-11).
// Also: the 四保两创 template (rule L-1) makes a working project.

let p: Awaited<ReturnType<typeof createProvince>>;
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};
async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}
async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST" | "PUT", params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest("/api/v1/x", { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

let roundId: string;
const orgs: Record<string, { id: string; path: string; depth: number }> = {};

/** A one-month project applied by `applicant` and accepted up the chain; its roster ids by name and its period. */
async function acceptedProject(template: string, roster: object[]) {
  const res = await call(projectsApi, "POST", {}, "applicant", { orgId: p.enterpriseA.id, name: `设置测试工程${uid()}`, owner: "省交通厅", startDate: "2026-01-01", endDate: "2026-01-31", frequency: "month", template, roster, roundId });
  expect(res.status).toBe(201);
  const projectId = res.body.id as string;
  const view = (await call(projectApi, "GET", { projectId }, "applicant")).body;
  expect((await call(reviewApi, "POST", { submissionId: view.project.submissionId }, "district", { level: 0, action: "recommend" })).status).toBe(200);
  expect((await call(reviewApi, "POST", { submissionId: view.project.submissionId }, "city", { level: 1, action: "recommend" })).status).toBe(200);
  const unit: Record<string, string> = Object.fromEntries(view.roster.map((r: { name: string; id: string }) => [r.name, r.id]));
  return { projectId, unit, periodId: view.periods[0].id as string };
}

beforeAll(async () => {
  p = await createProvince();
  await as("labour_organiser", p.enterpriseA.id, "applicant");
  await as("labour_organiser", p.enterpriseB.id, "otherUnion");
  await as("organiser", p.cityA.id, "city");
  await as("reviewer", p.districtA.id, "district");
  for (const m of ["m1", "m2", "m3"]) await as("labour_committee", p.enterpriseA.id, m);
  orgs.s1 = await createOrg({ type: "team", parent: p.enterpriseA, name: `一标段项目部${uid()}` });
  const round = await call(roundsApi, "POST", {}, "city", { subjectType: "competition.project", title: `2026年劳动竞赛项目申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"] });
  expect(round.status).toBe(201);
  roundId = round.body.id;
});

describe("changing a project's rules (issue 14)", () => {
  const RUBRIC = TEMPLATE_QIBI_YICHUANG.indicators.filter((i) => i.method === "rubric").map((i) => i.key);
  let projectId: string;
  let periodId: string;
  let unit: Record<string, string>;
  const put = (who: string, body: object) => call(settingsApi, "PUT", { projectId }, who, body);
  const stored = async () => (await db.labourProject.findUniqueOrThrow({ where: { id: projectId }, select: { settings: true } })).settings;
  const settingsEvents = () => db.event.count({ where: { action: "labour.settings.updated", entityId: projectId } });
  const sections = async () => {
    const body = (await call(periodApi, "GET", { projectId, periodId }, "applicant")).body as { board: { name: string; group: string; rank: number | null }[] };
    return body.board.filter((b) => b.group === "section").map((b) => [b.name, b.rank]);
  };
  /** the cached board (board-cache.server.ts), as the live pages read it */
  const cachedRanks = async () => {
    const body = (await call(boardApi, "GET", { projectId, periodId }, "applicant")).body;
    const rows = JSON.stringify(body);
    return [unit["一标段"], unit["二标段"]].map((id) => rows.indexOf(id));
  };

  beforeAll(async () => {
    ({ projectId, unit, periodId } = await acceptedProject("qibi-yichuang", [
      { kind: "unit", name: "中铁测试局" },
      { kind: "section", name: "一标段", parent: "中铁测试局" }, { kind: "section", name: "二标段", parent: "中铁测试局" },
      { kind: "area", name: "一工区", parent: "一标段" }, { kind: "area", name: "二工区", parent: "二标段" },
      { kind: "team", name: "钢筋班", parent: "一工区" }, { kind: "team", name: "木工班", parent: "二工区" },
    ]));
    // the two 标段 tie on the total: 一标段 better at 党建, 二标段 better at 质量 (equal weights, rule L-1)
    const value = (name: string, key: string) => ({ 一标段: { party: 95, quality: 85 }, 二标段: { party: 85, quality: 95 } } as Record<string, Record<string, number>>)[name]?.[key]
      ?? ({ 一工区: 90, 二工区: 86, 钢筋班: 92, 木工班: 88 } as Record<string, number>)[name] ?? 90;
    for (const who of ["m1", "m2", "m3"]) {
      const entries = ["一标段", "二标段", "一工区", "二工区", "钢筋班", "木工班"].flatMap((name) => RUBRIC.map((k) => ({ unitId: unit[name], indicatorKey: k, value: String(value(name, k)) })));
      expect((await call(scoresApi, "POST", { projectId, periodId }, who, { entries })).status).toBe(200);
    }
    const entries = ["一标段", "二标段", "一工区", "二工区"].map((name) => ({ unitId: unit[name], indicatorKey: "progress", plan: 100, actual: 100 }));
    expect((await call(scoresApi, "POST", { projectId, periodId }, "applicant", { entries })).status).toBe(200);
  });

  it("GET answers the values, the documented defaults and each group's rule; the project page links the settings for its organiser", async () => {
    const res = await call(settingsApi, "GET", { projectId }, "applicant");
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ minSigners: 3, tieBreaks: [], teamVetoes: { minAttendancePercent: 95 } });
    expect(res.body.defaults.eventTable).toHaveLength(7);
    expect(res.body.rules).toMatchObject({ minSigners: "L-11", eventTable: "L-4", vetoRules: "L-7", yearEnd: "L-6, L-9" });
    expect(res.body.needsCorrectionReason).toBe(false);
    const page = await settingsPage.loader({ request: makeRequest(`/labour/${projectId}/settings`, { cookie: cookies.applicant }), params: { projectId }, context: ctx } as never);
    expect((page as { canManage: boolean }).canManage).toBe(true);
    const project = await projectPage.loader({ request: makeRequest(`/labour/${projectId}`, { cookie: cookies.applicant }), params: { projectId }, context: ctx } as never);
    expect((project as { canManage: boolean }).canManage).toBe(true);
    const doc = await (await openapiRoute.loader()).json();
    const documented = doc.paths["/labour/projects/{projectId}/settings"];
    expect(documented.get.operationId).toBe("getLabourSettings");
    expect(documented.put.operationId).toBe("saveLabourSettings");
    expect(documented.put.requestBody).toBeDefined();
  });

  it("a new tie-break order reorders the two tied 标段 at once, on the period and on the cached board (rule L-3)", async () => {
    expect(await sections()).toEqual([["一标段", 1], ["二标段", 1]]);
    await cachedRanks(); // fill the cache before the change
    const res = await put("applicant", { tieBreaks: ["quality", "party"] });
    expect(res.status).toBe(200);
    expect(res.body.changed).toEqual(["tieBreaks"]);
    expect(await sections()).toEqual([["二标段", 1], ["一标段", 2]]);
    let [first, second] = await cachedRanks();
    expect(second).toBeLessThan(first);
    expect((await put("applicant", { tieBreaks: ["party"] })).status).toBe(200);
    expect(await sections()).toEqual([["一标段", 1], ["二标段", 2]]);
    [first, second] = await cachedRanks();
    expect(first).toBeLessThan(second);
    const ev = await db.event.findFirst({ where: { action: "labour.settings.updated", entityId: projectId }, orderBy: { id: "desc" } });
    expect(JSON.parse(ev!.before!)).toEqual({ tieBreaks: ["quality", "party"] });
    expect(JSON.parse(ev!.after!)).toMatchObject({ tieBreaks: ["party"], changed: ["tieBreaks"], correctionReason: null });
  });

  it("a bad value is refused with the field named, Chinese first, and nothing changes", async () => {
    const before = await stored();
    const events = await settingsEvents();
    const few = await put("applicant", { minSigners: 2, tieBreaks: ["quality"] });
    expect(few.status).toBe(400);
    expect(few.body.error.message).toBe("评分委员会最少签字人数应为 3 至 15 的整数");
    const notIndicator = await put("applicant", { tieBreaks: ["quality", "nope"] });
    expect(notIndicator.status).toBe(400);
    expect(notIndicator.body.error.issues).toEqual([{ path: "tieBreaks.1", message: expect.stringMatching(/^并列比较指标「nope」不是本项目的指标/) }]);
    const defaults = (await call(settingsApi, "GET", { projectId }, "applicant")).body.defaults;
    const duplicate = await put("applicant", { eventTable: [...defaults.eventTable, defaults.eventTable[0]] });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toMatch(/奖罚事项第 8 行：事项代码「client-praise」重复/);
    const attendance = await put("applicant", { teamVetoes: { ...defaults.teamVetoes, minAttendancePercent: 120 } });
    expect(attendance.status).toBe(400);
    expect(JSON.stringify(attendance.body.error)).toMatch(/出勤率/);
    expect(await stored()).toBe(before);
    expect(await settingsEvents()).toBe(events);
    expect(await sections()).toEqual([["一标段", 1], ["二标段", 2]]);
  });

  it("only the project's organiser may change it: another union's organiser and a committee member get 403", async () => {
    const before = await stored();
    expect((await put("otherUnion", { tieBreaks: ["quality"] })).status).toBe(403);
    expect((await put("m1", { tieBreaks: ["quality"] })).status).toBe(403);
    const form = new URLSearchParams({ minSigners: "4" });
    const refused = await settingsPage.action({ request: new Request(`http://localhost/labour/${projectId}/settings`, { method: "POST", body: form, headers: { Cookie: cookies.m1 } }), params: { projectId }, context: ctx } as never).catch((e: unknown) => e);
    expect((refused as Response).status).toBe(403);
    expect(await stored()).toBe(before);
  });

  it("an event type that recorded events use cannot be removed", async () => {
    expect((await call(eventsApi, "POST", { projectId }, "applicant", { unitId: unit["钢筋班"], typeKey: "client-praise", date: "2026-01-12" })).status).toBe(201);
    const defaults = (await call(settingsApi, "GET", { projectId }, "applicant")).body.defaults;
    const res = await put("applicant", { eventTable: defaults.eventTable.slice(1) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/奖罚事项「client-praise」已有登记记录，不能删除/);
  });

  it("a lowered attendance threshold makes the better team the month's best team (rule L-7)", async () => {
    const teamMonth = (name: string, attendance: number) => call(teamMonthsApi, "POST", { projectId, periodId }, "m1", { unitId: unit[name], attendance });
    expect((await teamMonth("钢筋班", 93)).status).toBe(200);
    expect((await teamMonth("木工班", 97)).status).toBe(200);
    const eligible = async () => ((await call(periodApi, "GET", { projectId, periodId }, "applicant")).body.teamAward as { name: string; eligible: boolean }[]).filter((r) => r.eligible).map((r) => r.name);
    expect(await eligible()).toEqual(["木工班"]);
    const res = await put("applicant", { teamVetoes: { minAttendancePercent: 92.5, safetyAtLeast: "minor", qualityAtLeast: "general" } });
    expect(res.status).toBe(200);
    expect((await eligible()).sort()).toEqual(["木工班", "钢筋班"].sort());
  });

  it("once the period is signed a change needs a correction reason, kept in the event; the award and the year-end follow the new rules (rules L-11, L-6)", async () => {
    for (const m of ["m1", "m2", "m3"]) expect((await call(signApi, "POST", { projectId, periodId }, m, { password: TEST_PASSWORD })).status).toBe(200);
    const before = await stored();
    const refused = await put("applicant", { yearEnd: { minBanners: 0, builderYearsOnSite: 1, advancedUnits: 2, advancedTeams: 3 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("correction_reason_required");
    expect(refused.body.error.message).toMatch(/^已有考评期签字，修改竞赛规则须填写更正理由/);
    expect(await stored()).toBe(before);
    expect((await call(settingsApi, "GET", { projectId }, "applicant")).body.needsCorrectionReason).toBe(true);

    const award = await call(awardApi, "POST", { projectId, periodId }, "applicant");
    expect(award.status).toBe(200);
    const winners = (group: string) => award.body.banners.filter((b: { group: string }) => b.group === group).map((b: { unitId: string }) => b.unitId);
    expect(winners("section")).toEqual([unit["一标段"]]); // tie broken by 党建 (tieBreaks ["party"])
    expect(winners("team")).toEqual([unit["钢筋班"]]); // 93 % attendance passes the lowered threshold
    const refusedOf = async (name: string) => ((await call(yearEndApi, "GET", { projectId }, "applicant")).body.refused as { name: string; reasons: string[] }[]).find((r) => r.name === name)?.reasons ?? [];
    expect(await refusedOf("二标段")).toContain(YEAR_END_REASONS.noBanner);

    const saved = await put("applicant", { yearEnd: { minBanners: 0, builderYearsOnSite: 1, advancedUnits: 2, advancedTeams: 3 }, correctionReason: "竞赛委员会决定不设流动红旗门槛" });
    expect(saved.status).toBe(200);
    expect(await refusedOf("二标段")).not.toContain(YEAR_END_REASONS.noBanner);
    const ev = await db.event.findFirst({ where: { action: "labour.settings.updated", entityId: projectId }, orderBy: { id: "desc" } });
    expect(JSON.parse(ev!.before!)).toEqual({ yearEnd: { minBanners: 1, builderYearsOnSite: 1, advancedUnits: 2, advancedTeams: 3 } });
    expect(JSON.parse(ev!.after!)).toMatchObject({ yearEnd: { minBanners: 0 }, correctionReason: "竞赛委员会决定不设流动红旗门槛" });
  });
});

describe("the 四保两创 indicator template (rule L-1)", () => {
  it("creates a working project: its six indicators, scored, ranked, signed and awarded", async () => {
    const { projectId, unit, periodId } = await acceptedProject("sibao-liangchuang", [
      { kind: "unit", name: "中建测试局" },
      { kind: "section", name: "甲标段", parent: "中建测试局" }, { kind: "section", name: "乙标段", parent: "中建测试局" },
      { kind: "area", name: "甲工区", parent: "甲标段" },
    ]);
    const view = (await call(projectApi, "GET", { projectId }, "applicant")).body;
    expect(view.set.name).toBe("四保两创");
    expect(view.set.indicators.map((i: { key: string }) => i.key)).toEqual(TEMPLATE_SIBAO_LIANGCHUANG.indicators.map((i) => i.key));
    const rubric = TEMPLATE_SIBAO_LIANGCHUANG.indicators.filter((i) => i.method === "rubric").map((i) => i.key);
    const quantity = TEMPLATE_SIBAO_LIANGCHUANG.indicators.filter((i) => i.method === "quantity").map((i) => i.key);
    const level: Record<string, number> = { 甲标段: 94, 乙标段: 88, 甲工区: 90 };
    for (const who of ["m1", "m2", "m3"]) {
      const entries = Object.keys(level).flatMap((name) => rubric.map((k) => ({ unitId: unit[name], indicatorKey: k, value: String(level[name]) })));
      expect((await call(scoresApi, "POST", { projectId, periodId }, who, { entries })).status).toBe(200);
    }
    const entries = Object.keys(level).flatMap((name) => quantity.map((k) => ({ unitId: unit[name], indicatorKey: k, plan: 100, actual: 100 })));
    expect((await call(scoresApi, "POST", { projectId, periodId }, "applicant", { entries })).status).toBe(200);
    const period = (await call(periodApi, "GET", { projectId, periodId }, "applicant")).body;
    expect(period.missing).toEqual([]);
    const board = period.board as { name: string; rank: number; total: number; group: string }[];
    // 94 on the three rubric items (50 %), full quantities (35 %), the untouched 保环境 events item (15 %)
    expect(board.find((b) => b.name === "甲标段")).toMatchObject({ rank: 1, total: 9700 });
    expect(board.find((b) => b.name === "乙标段")).toMatchObject({ rank: 2, total: 9400 });
    for (const m of ["m1", "m2", "m3"]) expect((await call(signApi, "POST", { projectId, periodId }, m, { password: TEST_PASSWORD })).status).toBe(200);
    const award = await call(awardApi, "POST", { projectId, periodId }, "applicant");
    expect(award.status).toBe(200);
    expect(award.body.banners.map((b: { unitId: string }) => b.unitId).sort()).toEqual([unit["甲标段"], unit["甲工区"]].sort());
  });
});
