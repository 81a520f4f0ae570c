import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { recordHonour } from "~/modules/honours/honours.server";
import { CITY_SHEET_A10 } from "~/modules/ankang/standard-sheets";
import { drawAmongAllCorrect } from "~/modules/ankang/quiz";
import { clearQuizCaches } from "~/modules/ankang/quiz.server";
import { ankangFileFor } from "~/modules/ankang/hazards.server";
import { optionalUpload } from "~/modules/ankang/uploads.server";
import { SETTING_NUMBER_FIELDS, settingFieldValue, sheetEditorRows } from "~/modules/ankang/page-forms";
import { ankangSettingsFrom, DEFAULT_ANKANG_SETTINGS } from "~/modules/ankang/settings";
import * as cyclesApi from "~/routes/api.v1.ankang.cycles";
import * as cycleApi from "~/routes/api.v1.ankang.cycles.$cycleId";
import * as settingsApi from "~/routes/api.v1.ankang.cycles.$cycleId.settings";
import * as sheetsApi from "~/routes/api.v1.ankang.cycles.$cycleId.sheets";
import * as enrolApi from "~/routes/api.v1.ankang.cycles.$cycleId.enrolments";
import * as enrolmentApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId";
import * as selfApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId.self-assessment";
import * as reviewApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId.review";
import * as activityApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId.activities";
import * as standingsApi from "~/routes/api.v1.ankang.cycles.$cycleId.standings";
import * as quotaApi from "~/routes/api.v1.ankang.cycles.$cycleId.quotas";
import * as titlesApi from "~/routes/api.v1.ankang.cycles.$cycleId.titles";
import * as eligibilityApi from "~/routes/api.v1.ankang.cycles.$cycleId.eligibility";
import * as decisionsApi from "~/routes/api.v1.ankang.cycles.$cycleId.titles.record-decisions";
import * as withdrawApi from "~/routes/api.v1.ankang.cycles.$cycleId.titles.withdraw-lapsed";
import * as hazardsApi from "~/routes/api.v1.hazards";
import * as hazardApi from "~/routes/api.v1.hazards.$hazardId";
import * as hazardActionApi from "~/routes/api.v1.hazards.$hazardId.actions";
import * as questionsApi from "~/routes/api.v1.quiz-questions";
import * as quizzesApi from "~/routes/api.v1.quizzes";
import * as quizApi from "~/routes/api.v1.quizzes.$quizId";
import * as startApi from "~/routes/api.v1.quizzes.$quizId.start";
import * as answersApi from "~/routes/api.v1.quizzes.$quizId.answers";
import * as seedApi from "~/routes/api.v1.quizzes.$quizId.seed";
import * as prizesApi from "~/routes/api.v1.quizzes.$quizId.prizes";
import * as verifyApi from "~/routes/api.v1.quizzes.$quizId.draw-verification";
import * as resultsApi from "~/routes/api.v1.quizzes.$quizId.results";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as chainReviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as cyclesPage from "~/routes/ankang._index";
import * as cyclePage from "~/routes/ankang.$cycleId";
import * as enrolmentPage from "~/routes/ankang.enrolments.$enrolmentId";
import * as dashboardPage from "~/routes/ankang.$cycleId.dashboard";
import * as hazardsPage from "~/routes/hazards";
import * as quizzesPage from "~/routes/quiz._index";
import * as quizPage from "~/routes/quiz.$quizId";
import * as verifyPage from "~/routes/verify.$code";
import * as honourPage from "~/routes/honours_.$honourId";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 15, the 安康杯 (rules A-1 … A-15), through the API routes with real Requests, on SQLite
// and on PostgreSQL: basic conditions, bonus cap, veto, thresholds, no-repeat, 示范, quota,
// hazard counting, quiz once-only and draw reproducibility.

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};

async function as(name: string, grants: { role: string; orgId: string }[], memberId?: string) {
  const u = await createUser(grants, { memberId });
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
  userIds[name] = u.id;
}

async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The same call with an Accept-Language (brief ux item 8: reasons in the request's language). */
async function callIn(lang: string, route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, params: Record<string, string>, who: string) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], headers: { "Accept-Language": lang } }), params, context: ctx });
  return { status: response.status, body: JSON.parse(await response.text()) };
}
const CJK = /[\u3400-\u9fff]/;

const items = CITY_SHEET_A10.sections.flatMap((s) => s.items);
/** entries at a fraction of each item's maximum (rounded to halves), with overrides */
const entriesAt = (fraction: number, over: Record<string, number> = {}) => ({
  items: items.map((i) => ({ itemCode: i.code, score: over[i.code] ?? Math.round(i.maxPoints * fraction * 2) / 2 })),
  bonus: [] as { itemCode: string; score: number }[],
  vetoes: [] as string[],
});

let cycleId: string;
let emergency: { id: string };
let year: number;

async function enrolledUnit(name: string, opts: { agreement?: boolean; teams?: number } = {}) {
  const unit = await createOrg({ type: "grassroots", parent: p.districtA, name: `${name}${uid()}` });
  const teams = [];
  for (let i = 0; i < (opts.teams ?? 0); i++) teams.push(await createOrg({ type: "team", parent: unit, name: `${name}班组${i}` }));
  const r = await call(enrolApi, "POST", `/api/v1/ankang/cycles/${cycleId}/enrolments`, { cycleId }, "organiser", {
    unitId: unit.id, hasCompetitionBody: true, hasPlan: true, agreementSignedOn: opts.agreement === false ? null : `${year - 1}-06-01`, teamIds: teams.map((t) => t.id), workerCount: 120,
  });
  expect(r.status).toBe(201);
  return { unit, teams, enrolmentId: r.body.id as string };
}

async function assess(enrolmentId: string, self: ReturnType<typeof entriesAt>, review: ReturnType<typeof entriesAt> = self) {
  expect((await call(selfApi, "POST", "/x", { enrolmentId }, "organiser", { entries: self, submit: true })).status).toBe(200);
  const r = await call(reviewApi, "POST", "/x", { enrolmentId }, "assessor", { entries: review, submit: true, reviewerIds: [userIds.assessor2] });
  expect(r.status).toBe(200);
}

const eligibility = async (holderOrgId: string, kind = "winnerUnit", memberId?: string) =>
  (await call(eligibilityApi, "GET", `/api/v1/ankang/cycles/${cycleId}/eligibility?holderOrgId=${holderOrgId}&kind=${kind}${memberId ? `&memberId=${memberId}` : ""}`, { cycleId }, "organiser")).body;

beforeAll(async () => {
  p = await createProvince();
  year = 2026;
  emergency = await createOrg({ type: "city", parent: p.province, name: `甲市应急管理局${uid()}` });
  await as("organiser", [{ role: "organiser", orgId: p.cityA.id }]);
  await as("assessor", [{ role: "safety_staff", orgId: p.cityA.id }]);
  await as("assessor2", [{ role: "safety_staff", orgId: emergency.id }]);
  await as("contact", [{ role: "safety_contact", orgId: p.enterpriseA.id }]);
  await as("otherContact", [{ role: "safety_contact", orgId: p.enterpriseB.id }]);
  const created = await call(cyclesApi, "POST", "/api/v1/ankang/cycles", {}, "organiser", {
    name: "2025–2026年度", startYear: 2025, endYear: 2026, orgId: p.cityA.id, level: "city", committee: [{ orgId: emergency.id, role: "emergency" }],
  });
  expect(created.status).toBe(201);
  cycleId = created.body.id;
  expect((await call(sheetsApi, "POST", "/x", { cycleId }, "organiser", { title: "市级考核评分表", definition: CITY_SHEET_A10 })).status).toBe(201);
});

describe("cycle, committee and enrolment (rules A-1 … A-3)", () => {
  it("a unit enrols with its agreement and teams; a team of another unit is refused", async () => {
    const r = await call(enrolApi, "POST", "/x", { cycleId }, "contact", { unitId: p.enterpriseA.id, hasCompetitionBody: true, hasPlan: true, agreementSignedOn: "2025-06-01", teamIds: [p.teamA.id] });
    expect(r.status).toBe(201);
    const again = await call(enrolApi, "POST", "/x", { cycleId }, "contact", { unitId: p.enterpriseA.id, teamIds: [] });
    expect(again.status).toBe(409);
    // enterpriseB is in city B: outside the cycle and outside the contact's scope
    expect((await call(enrolApi, "POST", "/x", { cycleId }, "otherContact", { unitId: p.enterpriseB.id })).status).toBe(400);
    const other = await createOrg({ type: "grassroots", parent: p.districtA });
    const foreignTeam = await createOrg({ type: "team", parent: other });
    const bad = await call(enrolApi, "POST", "/x", { cycleId }, "organiser", { unitId: other.id, teamIds: [foreignTeam.id, p.teamA.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("班组须属于本参赛单位");
  });

  it("the co-organiser's assessor sees the cycle; another city's contact does not", async () => {
    expect((await call(cycleApi, "GET", "/x", { cycleId }, "assessor2")).status).toBe(200);
    expect((await call(cycleApi, "GET", "/x", { cycleId }, "otherContact")).status).toBe(403);
  });
});

describe("self-assessment and review", () => {
  it("refuses a score above the maximum and a bonus above the cap, and writes nothing", async () => {
    const { enrolmentId } = await enrolledUnit("超分单位");
    const over = entriesAt(1, { "1.2": 5 });
    const r = await call(selfApi, "POST", "/x", { enrolmentId }, "organiser", { entries: over, submit: false });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("超过该项满分 4");
    const bonus = entriesAt(1);
    bonus.bonus = [{ itemCode: "B1", score: 2 }, { itemCode: "B2", score: 2 }, { itemCode: "B3", score: 1 }];
    const b = await call(selfApi, "POST", "/x", { enrolmentId }, "organiser", { entries: bonus, submit: false });
    expect(b.status).toBe(422);
    expect(b.body.error.message).toContain("超过上限 4 分");
    expect(await db.ankangAssessment.count({ where: { enrolmentId } })).toBe(0);
  });

  it("refuses submitting with an item unscored; a draft is kept", async () => {
    const { enrolmentId } = await enrolledUnit("漏项单位");
    const e = entriesAt(1);
    e.items = e.items.filter((i) => i.itemCode !== "3.2");
    const r = await call(selfApi, "POST", "/x", { enrolmentId }, "organiser", { entries: e, submit: true });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("3.2");
    const draft = await call(selfApi, "POST", "/x", { enrolmentId }, "organiser", { entries: e, submit: false });
    expect(draft.body).toMatchObject({ status: "draft", unscored: ["3.2"] });
  });

  it("the review needs a team of two, and the per-item difference shows", async () => {
    const { enrolmentId } = await enrolledUnit("差异单位");
    await call(selfApi, "POST", "/x", { enrolmentId }, "organiser", { entries: entriesAt(1), submit: true });
    const alone = await call(reviewApi, "POST", "/x", { enrolmentId }, "assessor", { entries: entriesAt(1), submit: true });
    expect(alone.status).toBe(400);
    expect(alone.body.error.message).toContain("至少 2 人");
    // the unit itself cannot review
    expect((await call(reviewApi, "POST", "/x", { enrolmentId }, "contact", { entries: entriesAt(1), submit: true })).status).toBe(403);
    const ok = await call(reviewApi, "POST", "/x", { enrolmentId }, "assessor2", { entries: entriesAt(1, { "2.1": 5 }), submit: true, reviewerIds: [userIds.assessor] });
    expect(ok.body).toMatchObject({ status: "submitted", total: 98 });
    const view = await call(enrolmentApi, "GET", "/x", { enrolmentId }, "assessor");
    expect(view.body.differences.find((d: { itemCode: string }) => d.itemCode === "2.1")).toMatchObject({ self: 7, review: 5, difference: -2 });
    expect(view.body.finalScore).toBe(98);
    // submitted: no more changes
    expect((await call(selfApi, "POST", "/x", { enrolmentId }, "organiser", { entries: entriesAt(0.5), submit: false })).status).toBe(409);
  });

  it("logs an activity of the ten actions against sheet items", async () => {
    const { enrolmentId } = await enrolledUnit("活动单位");
    const r = await call(activityApi, "POST", "/x", { enrolmentId }, "organiser", { action: "drill", title: "消防应急疏散演练", heldOn: "2025-06-16", participants: 230, itemCodes: ["2.5"] });
    expect(r.status).toBe(201);
    expect((await call(activityApi, "POST", "/x", { enrolmentId }, "organiser", { action: "drill", title: "x", heldOn: "2025-06-16", participants: 1, itemCodes: ["9.9"] })).status).toBe(400);
    const view = await call(enrolmentApi, "GET", "/x", { enrolmentId }, "organiser");
    expect(view.body.activities[0]).toMatchObject({ action: "drill", participants: 230, itemCodes: ["2.5"] });
  });
});

describe("basic conditions, veto and thresholds (rules A-6, A-10, A-12)", () => {
  it("a serious injury in the cycle refuses the title with the reason; a minor one does not", async () => {
    const hurt = await enrolledUnit("重伤单位");
    await assess(hurt.enrolmentId, entriesAt(1));
    expect((await eligibility(hurt.unit.id)).eligible).toBe(true);
    const team = await createOrg({ type: "team", parent: hurt.unit });
    await db.incident.create({ data: { orgId: team.id, orgPath: team.path, kind: "safety_accident", severity: "minor_injury", occurredOn: new Date("2025-08-01T00:00:00Z"), title: "手部擦伤" } });
    expect((await eligibility(hurt.unit.id)).eligible).toBe(true);
    await db.incident.create({ data: { orgId: team.id, orgPath: team.path, kind: "safety_accident", severity: "serious_injury", occurredOn: new Date("2026-03-02T00:00:00Z"), title: "高处坠落" } });
    const e = await eligibility(hurt.unit.id);
    expect(e.eligible).toBe(false);
    expect(e.refusals.map((r: { code: string }) => r.code)).toEqual(["condition.noSeriousAccident"]);
    expect(e.refusals[0].reason).toContain("重伤及以上");
  });

  it("each failing basic condition is a reason: no body, no plan, self < 80, a section below 80 %", async () => {
    const u = await enrolledUnit("条件单位");
    await call(enrolmentApi, "POST", "/x", { enrolmentId: u.enrolmentId }, "organiser", { hasCompetitionBody: false, hasPlan: false, agreementSignedOn: "2025-06-01", teamIds: [] });
    await assess(u.enrolmentId, entriesAt(0.79), entriesAt(1));
    const codes = (await eligibility(u.unit.id)).refusals.map((r: { code: string }) => r.code);
    expect(codes).toEqual(["condition.competitionBody", "condition.plan", "condition.selfAssessment", "condition.sectionRate"]);
  });

  it("a veto item voids the result (一票否决)", async () => {
    const u = await enrolledUnit("否决单位");
    const v = entriesAt(1);
    v.vetoes = ["V1"];
    await assess(u.enrolmentId, entriesAt(1), v);
    const e = await eligibility(u.unit.id);
    expect(e.refusals.map((r: { code: string }) => r.code)).toEqual(["veto"]);
    expect(e.refusals[0].reason).toContain("未组织开展竞赛活动");
  });

  it("the threshold is the review's score against the level's setting (90 for a city by default)", async () => {
    const u = await enrolledUnit("门槛单位");
    await assess(u.enrolmentId, entriesAt(1), entriesAt(0.89));
    const e = await eligibility(u.unit.id);
    expect(e.refusals.map((r: { code: string }) => r.code)).toEqual(["threshold"]);
    const s = await call(settingsApi, "POST", "/x", { cycleId }, "organiser", { winnerThreshold: { city: 85, provincial: 95, national: 98 } });
    expect(s.status).toBe(200);
    expect((await eligibility(u.unit.id)).eligible).toBe(true);
    await call(settingsApi, "POST", "/x", { cycleId }, "organiser", { winnerThreshold: { city: 90, provincial: 95, national: 98 } });
    // the assessor may not change settings
    expect((await call(settingsApi, "POST", "/x", { cycleId }, "assessor", { bonusCap: 10 })).status).toBe(403);
  });

  it("needs the signed agreement", async () => {
    const u = await enrolledUnit("无协议单位", { agreement: false });
    await assess(u.enrolmentId, entriesAt(1));
    expect((await eligibility(u.unit.id)).refusals.map((r: { code: string }) => r.code)).toEqual(["agreement"]);
  });

  it("answers the reasons in the request's language (?lang, else Accept-Language), not as one 中文 / English string", async () => {
    const u = await enrolledUnit("语言单位", { agreement: false });
    await assess(u.enrolmentId, entriesAt(1));
    const path = `/api/v1/ankang/cycles/${cycleId}/eligibility?holderOrgId=${u.unit.id}&kind=winnerUnit`;
    const en = await callIn("en-GB,en;q=0.9", eligibilityApi, "GET", path, { cycleId }, "organiser");
    expect(en.status).toBe(200);
    expect(en.body.refusals.map((r: { code: string }) => r.code)).toEqual(["agreement"]);
    const enReason = en.body.refusals[0].reason as string;
    expect(CJK.test(enReason), enReason).toBe(false);
    expect(enReason).toMatch(/agreement/i);
    const zh = await callIn("zh-CN", eligibilityApi, "GET", path, { cycleId }, "organiser");
    const zhReason = zh.body.refusals[0].reason as string;
    expect(zhReason).toMatch(CJK);
    expect(zhReason).not.toContain(" / ");
    expect(zhReason).not.toMatch(/agreement/i);
    // ?lang wins over Accept-Language
    const asked = await callIn("zh-CN", eligibilityApi, "GET", `${path}&lang=en`, { cycleId }, "organiser");
    expect(asked.body.refusals[0].reason).toBe(enReason);
    const standings = await callIn("en", standingsApi, "GET", `/api/v1/ankang/cycles/${cycleId}/standings`, { cycleId }, "assessor");
    const mine = standings.body.items.find((i: { unitId: string }) => i.unitId === u.unit.id);
    expect(mine.refusals).toEqual([enReason]);
    const all = standings.body.items.flatMap((i: { refusals: string[] }) => i.refusals) as string[];
    expect(all.length).toBeGreaterThan(1);
    for (const r of all) expect(r).not.toMatch(/[\u3400-\u9fff].* \/ [A-Za-z]/);
  });

  it("ranks the cycle's units with reasons", async () => {
    const r = await call(standingsApi, "GET", "/x", { cycleId }, "assessor");
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(3);
    expect(r.body.items[0].rank).toBe(1);
    expect((await call(standingsApi, "GET", "/x", { cycleId }, "contact")).status).toBe(403);
  });
});

describe("no repeat, 示范, quota, recommendation and honours (rules A-5 … A-8, A-13, A-15)", () => {
  let roundId: string;
  beforeAll(async () => {
    const r = await call(roundsApi, "POST", "/x", {}, "organiser", { subjectType: "ankang.title", title: `安康杯称号推荐${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"] });
    expect(r.status).toBe(201);
    roundId = r.body.id;
    await as("districtAssessor", [{ role: "safety_staff", orgId: p.districtA.id }]);
  });

  const honour = (orgId: string, title: string, level: string, y: number) =>
    db.$transaction((tx) => recordHonour(tx, { orgId, title, level: level as "city", year: y, issuingBody: "甲市总工会", source: "manual" }, { userId: null, requestId: null }));

  it("a city 优胜单位 is not awarded again within 5 years; 6 years later it is", async () => {
    const recent = await enrolledUnit("近年获奖单位");
    await assess(recent.enrolmentId, entriesAt(1));
    await honour(recent.unit.id, "2022–2023年度安康杯竞赛优胜单位", "city", 2023);
    expect((await eligibility(recent.unit.id)).refusals.map((r: { code: string }) => r.code)).toEqual(["noRepeat"]);
    const old = await enrolledUnit("早年获奖单位");
    await assess(old.enrolmentId, entriesAt(1));
    await honour(old.unit.id, "2019–2020年度安康杯竞赛优胜单位", "city", 2020);
    expect((await eligibility(old.unit.id)).eligible).toBe(true);
  });

  it("示范企业 needs five consecutive national 优胜 and full marks; A-13 marks five consecutive years", async () => {
    const m = await enrolledUnit("示范单位");
    await assess(m.enrolmentId, entriesAt(1));
    for (const y of [2021, 2022, 2023, 2024]) await honour(m.unit.id, `安康杯竞赛优胜单位（${y}）`, "national", y);
    let e = await eligibility(m.unit.id, "modelEnterprise");
    expect(e.refusals.map((r: { code: string }) => r.code)).toEqual(["model"]);
    await honour(m.unit.id, "安康杯竞赛优胜单位（2025）", "national", 2025);
    e = await eligibility(m.unit.id, "modelEnterprise");
    expect(e.eligible).toBe(true);
    expect(e.mayDayEligible).toBe(false);
    await honour(m.unit.id, "安康杯竞赛优胜单位（2026）", "national", 2026);
    expect((await eligibility(m.unit.id, "modelEnterprise")).mayDayEligible).toBe(true);
    const notFull = await enrolledUnit("非满分单位");
    await assess(notFull.enrolmentId, entriesAt(1, { "1.1": 3 }));
    for (const y of [2021, 2022, 2023, 2024, 2025]) await honour(notFull.unit.id, `安康杯竞赛优胜单位（${y}）`, "national", y);
    expect((await eligibility(notFull.unit.id, "modelEnterprise")).refusals[0].reason).toContain("满分");
  });

  it("recommends up the chain, the chain approves, the title enters the honours register; the quota refuses the next", async () => {
    const a = await enrolledUnit("推荐单位甲");
    const b = await enrolledUnit("推荐单位乙");
    await assess(a.enrolmentId, entriesAt(1));
    await assess(b.enrolmentId, entriesAt(1));
    expect((await call(quotaApi, "POST", "/x", { cycleId }, "organiser", { orgId: p.districtA.id, kind: "winnerUnit", allowed: 1 })).status).toBe(200);
    await as("abContact", [{ role: "safety_contact", orgId: a.unit.id }, { role: "safety_contact", orgId: b.unit.id }]);
    const rec = await call(titlesApi, "POST", "/x", { cycleId }, "abContact", { holderOrgId: a.unit.id, kind: "winnerUnit", roundId });
    expect(rec.status).toBe(201);
    const over = await call(titlesApi, "POST", "/x", { cycleId }, "abContact", { holderOrgId: b.unit.id, kind: "winnerUnit", roundId });
    expect(over.status).toBe(422);
    expect(over.body.error.message).toContain("名额 1 个已用完");
    expect(await db.ankangTitle.count({ where: { holderOrgId: b.unit.id } })).toBe(0);
    // 初审 at the district, approval at the city
    expect((await call(chainReviewApi, "POST", "/x", { submissionId: rec.body.submissionId }, "districtAssessor", { level: 0, action: "recommend" })).status).toBe(200);
    expect((await call(chainReviewApi, "POST", "/x", { submissionId: rec.body.submissionId }, "assessor", { level: 1, action: "recommend" })).body).toMatchObject({ status: "approved" });
    const d = await call(decisionsApi, "POST", "/x", { cycleId }, "organiser");
    expect(d.body.approved).toBeGreaterThanOrEqual(1);
    const honours = await db.honour.findMany({ where: { orgId: a.unit.id } });
    expect(honours.map((h) => [h.title, h.level, h.year, h.source])).toEqual([["2025–2026年度安康杯竞赛优胜单位", "city", 2026, "ankang"]]);
    // recording again does not duplicate
    await call(decisionsApi, "POST", "/x", { cycleId }, "organiser");
    expect(await db.honour.count({ where: { orgId: a.unit.id } })).toBe(1);
    const list = await call(titlesApi, "GET", "/x", { cycleId }, "organiser");
    expect(list.body.quotas.find((q: { orgId: string }) => q.orgId === p.districtA.id)).toMatchObject({ allowed: 1, used: 1 });
  });

  it("a unit failing a basic condition is refused with the reason and nothing is written", async () => {
    const u = await enrolledUnit("不合格推荐单位");
    await assess(u.enrolmentId, entriesAt(0.7), entriesAt(1));
    const r = await call(titlesApi, "POST", "/x", { cycleId }, "organiser", { holderOrgId: u.unit.id, kind: "organisingUnit", roundId });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("自评得分");
    expect(await db.ankangTitle.count({ where: { holderOrgId: u.unit.id } })).toBe(0);
  });

  it("优秀组织单位 only from unions of 乡镇(街道) level or higher, regulators and above-scale enterprises: a refusal names A-8 and writes nothing (rule A-8)", async () => {
    const u = await enrolledUnit("小微企业");
    await assess(u.enrolmentId, entriesAt(1));
    const before = { events: await db.event.count(), submissions: await db.reviewSubmission.count() };
    const r = await call(titlesApi, "POST", "/x", { cycleId }, "organiser", { holderOrgId: u.unit.id, kind: "organisingUnit", roundId });
    expect(r.status).toBe(422);
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["candidacy"]);
    // what people read has no rule codes; the refusal the API hands back names the rule
    expect(r.body.error.message).toBe("不符合推荐条件：优秀组织单位须从乡镇（街道）及以上的安全生产监管部门、行业主管部门、工会或规模以上企业中推选，本单位为「基层工会」");
    expect(r.body.error.refusals).toEqual([{ code: "candidacy", reason: expect.stringContaining("（规则 A-8）") }]);
    expect(await db.ankangTitle.count({ where: { holderOrgId: u.unit.id } })).toBe(0);
    expect({ events: await db.event.count(), submissions: await db.reviewSubmission.count() }).toEqual(before);
    // the winning-unit title does not ask (its district's quota is used up above, nothing else)
    expect((await eligibility(u.unit.id)).refusals.map((x: { code: string }) => x.code)).toEqual(["quota"]);
    // marked 规模以上企业 where organisations are edited, the same unit may be recommended
    await db.organisation.update({ where: { id: u.unit.id }, data: { unitCategory: "aboveScaleEnterprise" } });
    expect((await eligibility(u.unit.id, "organisingUnit")).eligible).toBe(true);
    const ok = await call(titlesApi, "POST", "/x", { cycleId }, "organiser", { holderOrgId: u.unit.id, kind: "organisingUnit", roundId });
    expect(ok.status).toBe(201);
  });

  it("a street union and a safety regulator enrolled in the cycle may be 优秀组织单位; a department that regulates nothing may not (rule A-8)", async () => {
    const street = await createOrg({ type: "street", parent: p.districtA, name: `西湖街道工会${uid()}` });
    const regulator = await createOrg({ type: "department", parent: p.districtA, name: `区应急管理局${uid()}` });
    const tax = await createOrg({ type: "department", parent: p.districtA, name: `区税务局${uid()}` });
    await db.organisation.update({ where: { id: regulator.id }, data: { unitCategory: "safetyRegulator" } });
    for (const org of [street, regulator, tax]) {
      const e = await call(enrolApi, "POST", "/x", { cycleId }, "organiser", { unitId: org.id, hasCompetitionBody: true, hasPlan: true, agreementSignedOn: `${year - 1}-06-01`, teamIds: [], workerCount: 20 });
      expect(e.status).toBe(201);
      await assess(e.body.id, entriesAt(1));
    }
    expect((await eligibility(street.id, "organisingUnit")).eligible).toBe(true);
    expect((await eligibility(regulator.id, "organisingUnit")).eligible).toBe(true);
    const refused = await eligibility(tax.id, "organisingUnit");
    expect(refused.refusals.map((r: { code: string }) => r.code)).toEqual(["candidacy"]);
    // the cycle's setting narrows it: only city-level unions and up
    const narrowed = await call(settingsApi, "POST", "/x", { cycleId }, "organiser", { organisingUnitUnionTypes: ["national", "provincial", "city"] });
    expect(narrowed.status).toBe(200);
    try {
      expect((await eligibility(street.id, "organisingUnit")).refusals.map((r: { code: string }) => r.code)).toEqual(["candidacy"]);
      expect((await eligibility(regulator.id, "organisingUnit")).eligible).toBe(true);
    } finally {
      await call(settingsApi, "POST", "/x", { cycleId }, "organiser", { organisingUnitUnionTypes: DEFAULT_ANKANG_SETTINGS.organisingUnitUnionTypes });
    }
  });

  it("a holder that did not compete loses the title (rule A-7)", async () => {
    const lapsed = await createOrg({ type: "grassroots", parent: p.districtA, name: `未参赛单位${uid()}` });
    const h = await honour(lapsed.id, "2023–2024年度安康杯竞赛优胜单位", "city", 2024);
    const r = await call(withdrawApi, "POST", "/x", { cycleId }, "organiser");
    expect(r.body.withdrawn.map((w: { honourId: string }) => w.honourId)).toContain(h.id);
    const after = await db.honour.findUniqueOrThrow({ where: { id: h.id } });
    expect(after.revokedAt).not.toBeNull();
    expect(after.revocationReason).toContain("未参加");
  });

  it("a title won through the 安康杯 has a /verify code; its holder sits the next cycle out and the title is withdrawn: the register, the title and /verify say so with the reason (rule A-7)", async () => {
    const past = await call(cyclesApi, "POST", "/api/v1/ankang/cycles", {}, "organiser", { name: `2023–2024年度${uid()}`, startYear: 2023, endYear: 2024, orgId: p.cityA.id, level: "city", committee: [] });
    expect(past.status).toBe(201);
    const pastId = past.body.id as string;
    expect((await call(sheetsApi, "POST", "/x", { cycleId: pastId }, "organiser", { title: "市级考核评分表", definition: CITY_SHEET_A10 })).status).toBe(201);
    const unit = await createOrg({ type: "grassroots", parent: p.districtA, name: `往届优胜单位${uid()}` });
    const e = await call(enrolApi, "POST", "/x", { cycleId: pastId }, "organiser", { unitId: unit.id, hasCompetitionBody: true, hasPlan: true, agreementSignedOn: "2023-06-01", teamIds: [], workerCount: 80 });
    expect(e.status).toBe(201);
    await assess(e.body.id, entriesAt(1));
    const rec = await call(titlesApi, "POST", "/x", { cycleId: pastId }, "organiser", { holderOrgId: unit.id, kind: "winnerUnit", roundId });
    expect(rec.status).toBe(201);
    expect((await call(chainReviewApi, "POST", "/x", { submissionId: rec.body.submissionId }, "districtAssessor", { level: 0, action: "recommend" })).status).toBe(200);
    expect((await call(chainReviewApi, "POST", "/x", { submissionId: rec.body.submissionId }, "assessor", { level: 1, action: "recommend" })).body).toMatchObject({ status: "approved" });
    expect((await call(decisionsApi, "POST", "/x", { cycleId: pastId }, "organiser")).body.approved).toBe(1);
    const won = await db.honour.findFirstOrThrow({ where: { orgId: unit.id, source: "ankang" } });
    expect(won.verifyCode).toMatch(/^[a-z2-7]{26}$/);
    const verify = () => (verifyPage.loader as (a: unknown) => Promise<{ status: string; revocationReason?: string | null }>)({ request: makeRequest(`/verify/${won.verifyCode}`), params: { code: won.verifyCode }, context: ctx });
    expect(await verify()).toMatchObject({ status: "valid", revocationReason: null });

    // 2025–2026: the unit does not enrol
    const r = await call(withdrawApi, "POST", "/x", { cycleId }, "organiser");
    expect(r.body.withdrawn.map((w: { honourId: string }) => w.honourId)).toContain(won.id);
    expect(await verify()).toMatchObject({ status: "revoked", revocationReason: expect.stringContaining("本周期未参加安康杯竞赛，撤销称号") });
    const title = await db.ankangTitle.findUniqueOrThrow({ where: { id: rec.body.id } });
    expect(title.status).toBe("withdrawn");
    expect(title.withdrawnReason).toContain("未参加");
    const listed = (await call(titlesApi, "GET", "/x", { cycleId: pastId }, "organiser")).body.titles.find((t: { id: string }) => t.id === rec.body.id);
    expect(listed).toMatchObject({ status: "withdrawn", withdrawnReason: expect.stringContaining("Did not compete") });
    expect(await db.event.count({ where: { action: "ankang.title-withdrawn", entityId: rec.body.id } })).toBe(1);
    // the register's page of the honour
    const cookie = await sessionCookieFor(userIds.organiser);
    const page = (await (honourPage.loader as (a: unknown) => Promise<{ honour: { revokedAt: string | null; revocationReason: string | null } }>)({ request: makeRequest(`/honours/${won.id}`, { cookie }), params: { honourId: won.id }, context: ctx }));
    expect(page.honour.revokedAt).not.toBeNull();
    expect(page.honour.revocationReason).toContain("未参加");
    // run again: nothing more to withdraw
    const again = await call(withdrawApi, "POST", "/x", { cycleId }, "organiser");
    expect(again.body.withdrawn.map((w: { honourId: string }) => w.honourId)).not.toContain(won.id);
    expect(await db.event.count({ where: { action: "ankang.title-withdrawn", entityId: rec.body.id } })).toBe(1);
  });

  it("a holder that competes and fails loses the title with the failing reasons; one that passes keeps it (rule A-7)", async () => {
    const failing = await enrolledUnit("考核不合格的往届单位");
    await assess(failing.enrolmentId, entriesAt(0.7));
    const passing = await enrolledUnit("考核合格的往届单位");
    await assess(passing.enrolmentId, entriesAt(1));
    const lost = await honour(failing.unit.id, "2023–2024年度安康杯竞赛优胜单位", "city", 2024);
    const kept = await honour(passing.unit.id, "2023–2024年度安康杯竞赛优胜单位", "city", 2024);
    const r = await call(withdrawApi, "POST", "/x", { cycleId }, "organiser");
    const ids = r.body.withdrawn.map((w: { honourId: string }) => w.honourId);
    expect(ids).toContain(lost.id);
    expect(ids).not.toContain(kept.id);
    const reason = (await db.honour.findUniqueOrThrow({ where: { id: lost.id } })).revocationReason!;
    expect(reason).toMatch(/^本周期考核不合格（.*自评得分 [\d.]+ 低于 80 分.*），撤销称号/);
    expect((await db.honour.findUniqueOrThrow({ where: { id: kept.id } })).revokedAt).toBeNull();
  });

  it("a recommendation below the threshold or inside the no-repeat window is refused with the reason and writes nothing (rules A-6, A-7)", async () => {
    const low = await enrolledUnit("分数不够单位");
    await assess(low.enrolmentId, entriesAt(0.85));
    const recent = await enrolledUnit("近年已获称号单位");
    await assess(recent.enrolmentId, entriesAt(1));
    await honour(recent.unit.id, "2022–2023年度安康杯竞赛优胜单位", "city", 2023);
    const before = { titles: await db.ankangTitle.count(), submissions: await db.reviewSubmission.count(), events: await db.event.count() };
    const refused = async (holderOrgId: string) => (await call(titlesApi, "POST", "/x", { cycleId }, "organiser", { holderOrgId, kind: "winnerUnit", roundId })).body.error;
    const lowError = await refused(low.unit.id);
    expect(lowError.refusals.map((x: { code: string }) => x.code)).toContain("threshold");
    expect(lowError.message).toContain("低于市级优胜门槛 90 分");
    const recentError = await refused(recent.unit.id);
    expect(recentError.refusals.map((x: { code: string }) => x.code)).toContain("noRepeat");
    expect(recentError.message).toContain("5 年内不重复授予");
    expect({ titles: await db.ankangTitle.count(), submissions: await db.reviewSubmission.count(), events: await db.event.count() }).toEqual(before);
  });
});

describe("withdrawn titles in the request's language (brief ux item 8)", () => {
  const honour = (orgId: string, title: string, level: string, y: number) =>
    db.$transaction((tx) => recordHonour(tx, { orgId, title, level: level as "city", year: y, issuingBody: "甲市总工会", source: "manual" }, { userId: null, requestId: null }));
  it("answers each withdrawal's reason in English or Chinese, and keeps both in the register", async () => {
    const lapsed = await createOrg({ type: "grassroots", parent: p.districtA, name: `未参赛单位乙${uid()}` });
    const h = await honour(lapsed.id, "2023–2024年度安康杯竞赛优胜单位", "city", 2024);
    const r = await callIn("en", withdrawApi, "POST", `/api/v1/ankang/cycles/${cycleId}/titles/withdraw-lapsed`, { cycleId }, "organiser");
    expect(r.status).toBe(200);
    const mine = r.body.withdrawn.find((w: { honourId: string }) => w.honourId === h.id);
    expect(CJK.test(mine.reason), mine.reason).toBe(false);
    const kept = (await db.honour.findUniqueOrThrow({ where: { id: h.id } })).revocationReason!;
    expect(kept).toContain("未参加");
    expect(kept).toContain(mine.reason);
  });
});

/** a photo after the fix, base64 as the API takes it (files/api-upload.ts) */
const AFTER_PHOTO = { filename: "整改后.png", contentBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString("base64") };

describe("hazards (rules A-4, A-8)", () => {
  let worker: { id: string };
  let hazardId: string;
  beforeAll(async () => {
    const member = await createMember(p.teamA.id, { name: `吹哨人${uid().slice(0, 3)}` });
    worker = member;
    await as("worker", [{ role: "worker", orgId: p.teamA.id }], member.id);
  });

  it("a worker reports anonymously; the unit sees no reporter, the safety staff do", async () => {
    const r = await call(hazardsApi, "POST", "/x", {}, "worker", { place: "二号车间东侧配电柜", description: "配电柜门锁损坏，带电部位裸露", anonymous: true });
    expect(r.status).toBe(201);
    hazardId = r.body.id;
    const h = await db.ankangHazard.findUniqueOrThrow({ where: { id: hazardId } });
    expect([h.unitId, h.teamId]).toEqual([p.enterpriseA.id, p.teamA.id]);
    expect((await call(hazardApi, "GET", "/x", { hazardId }, "contact")).body.reporter).toBeNull();
    expect((await call(hazardApi, "GET", "/x", { hazardId }, "assessor")).body.reporter).toContain("测试用户");
    expect((await call(hazardApi, "GET", "/x", { hazardId }, "otherContact")).status).toBe(403);
    // the event log does not name the reporter
    const ev = await db.event.findFirstOrThrow({ where: { action: "ankang.hazard-reported", entityId: hazardId } });
    expect(ev.actorId).toBeNull();
    expect(worker.id).toBeTruthy();
  });

  it("refuses closing without a fix record, then assigns, fixes and closes with a photo", async () => {
    const noFix = await call(hazardActionApi, "POST", "/x", { hazardId }, "contact", { action: "close", closePhoto: AFTER_PHOTO });
    expect(noFix.status).toBe(400);
    expect(noFix.body.error.message).toContain("没有整改记录");
    expect((await db.ankangHazard.findUniqueOrThrow({ where: { id: hazardId } })).status).toBe("reported");
    expect((await call(hazardActionApi, "POST", "/x", { hazardId }, "worker", { action: "assign", assignee: "x" })).status).toBe(403);
    expect((await call(hazardActionApi, "POST", "/x", { hazardId }, "contact", { action: "assign", assignee: "设备科 李工" })).body.status).toBe("assigned");
    expect((await call(hazardActionApi, "POST", "/x", { hazardId }, "contact", { action: "fix", fixNote: "更换门锁并加装警示标识" })).body.status).toBe("fixed");
    expect((await call(hazardActionApi, "POST", "/x", { hazardId }, "contact", { action: "close", closePhoto: AFTER_PHOTO })).body.status).toBe("closed");
  });

  it("open and overdue hazards count against the team's 优胜班组", async () => {
    const u = await enrolledUnit("班组单位", { teams: 1 });
    await assess(u.enrolmentId, entriesAt(1));
    const team = u.teams[0]!;
    expect((await eligibility(team.id, "winnerTeam")).eligible).toBe(true);
    await db.ankangHazard.create({ data: { unitId: u.unit.id, unitPath: u.unit.path, teamId: team.id, place: "库房", description: "通道堵塞", dueAt: new Date(Date.now() - 86_400_000) } });
    const e = await eligibility(team.id, "winnerTeam");
    expect(e.refusals.map((r: { code: string }) => r.code)).toEqual(["hazards"]);
    expect(e.refusals[0].reason).toContain("逾期未整改");
  });
});

describe("the quiz (rule A-14)", () => {
  let quizId: string;
  const takers: string[] = [];
  let questionIds: string[] = [];
  beforeAll(async () => {
    const q1 = await call(questionsApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, kind: "single", stem: "安全生产月是每年的几月？", options: ["五月", "六月", "七月", "八月"], answer: ["B"] });
    const q2 = await call(questionsApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, kind: "multiple", stem: "三违是指哪些？", options: ["违章指挥", "违章作业", "违反劳动纪律", "违规停车"], answer: ["A", "B", "C"] });
    const q3 = await call(questionsApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, kind: "truefalse", stem: "发现事故隐患应立即报告。", options: ["对", "错"], answer: ["A"] });
    expect([q1.status, q2.status, q3.status]).toEqual([201, 201, 201]);
    const bad = await call(questionsApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, kind: "single", stem: "答案不在选项中", options: ["甲", "乙"], answer: ["C"] });
    expect(bad.status).toBe(400);
    questionIds = [q1.body.id, q2.body.id, q3.body.id];
    const quiz = await call(quizzesApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, title: "安康杯知识竞赛", opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 3600_000).toISOString(), durationSeconds: 600, questionIds, prizeMode: "draw" });
    expect(quiz.status).toBe(201);
    quizId = quiz.body.id;
    for (let i = 0; i < 6; i++) {
      const m = await createMember(p.enterpriseA.id);
      await as(`taker${i}`, [{ role: "worker", orgId: p.enterpriseA.id }], m.id);
      takers.push(`taker${i}`);
    }
  });

  const right = () => ({ [questionIds[0]!]: ["B"], [questionIds[1]!]: ["C", "A", "B"], [questionIds[2]!]: ["A"] });

  it("each member answers once, scored at once; the answers are not shown before the start", async () => {
    const before = await call(quizApi, "GET", "/x", { quizId }, "taker0");
    expect(before.body.state).toBe("open");
    expect(before.body.questions).toEqual([]);
    const noStart = await call(answersApi, "POST", "/x", { quizId }, "taker0", { answers: right() });
    expect(noStart.status).toBe(409);
    const s = await call(startApi, "POST", "/x", { quizId }, "taker0");
    expect(s.status).toBe(200);
    expect(JSON.stringify(s.body)).not.toContain('"answer"');
    const a = await call(answersApi, "POST", "/x", { quizId }, "taker0", { answers: right() });
    expect(a.body).toMatchObject({ score: 3, maxScore: 3, allCorrect: true });
    const second = await call(answersApi, "POST", "/x", { quizId }, "taker0", { answers: right() });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain("只能答题一次");
    expect((await call(startApi, "POST", "/x", { quizId }, "taker0")).status).toBe(409);
    expect(await db.ankangQuizAttempt.count({ where: { quizId, submittedAt: { not: null } } })).toBe(1);
  });

  it("two submissions racing: exactly one counts", async () => {
    await call(startApi, "POST", "/x", { quizId }, "taker1");
    const [x, y] = await Promise.all([call(answersApi, "POST", "/x", { quizId }, "taker1", { answers: right() }), call(answersApi, "POST", "/x", { quizId }, "taker1", { answers: {} })]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
  });

  it("many members at once: starts and hand-ins written in groups, each counted once, the late one refused (A-14)", async () => {
    const crowd: string[] = [];
    for (let i = 0; i < 8; i++) {
      const m = await createMember(p.enterpriseA.id);
      await as(`crowd${i}`, [{ role: "worker", orgId: p.enterpriseA.id }], m.id);
      crowd.push(`crowd${i}`);
    }
    const starts = await Promise.all(crowd.flatMap((c) => [call(startApi, "POST", "/x", { quizId }, c), call(startApi, "POST", "/x", { quizId }, c)]));
    expect(starts.map((r) => r.status)).toEqual(Array(16).fill(200));
    for (let i = 0; i < 16; i += 2) expect(starts[i]!.body.attemptId).toBe(starts[i + 1]!.body.attemptId); // a resumed start, not a second attempt
    // one member's time limit (600 s + grace) is over
    const late = crowd[7]!;
    await db.ankangQuizAttempt.update({ where: { id: starts[14]!.body.attemptId }, data: { startedAt: new Date(Date.now() - 20 * 60_000) } });
    const hand = await Promise.all(crowd.flatMap((c) => [call(answersApi, "POST", "/x", { quizId }, c, { answers: right() }), call(answersApi, "POST", "/x", { quizId }, c, { answers: {} })]));
    const byMember = crowd.map((_, i) => [hand[2 * i]!.status, hand[2 * i + 1]!.status].sort());
    expect(byMember.slice(0, 7)).toEqual(Array(7).fill([200, 409]));
    expect(byMember[7]).toEqual([422, 422]);
    expect(hand[14]!.body.error.message).toContain("答题时间已到");
    const rows = await db.ankangQuizAttempt.findMany({ where: { id: { in: starts.map((r) => r.body.attemptId) } } });
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.submittedAt).length).toBe(7);
    for (const r of rows.filter((x) => x.submittedAt)) expect(r.durationMs).toBeGreaterThanOrEqual(0);
    // the page reads what the group wrote (dates as Prisma stores them)
    const view = await call(quizApi, "GET", "/x", { quizId }, crowd[0]!);
    expect(view.body.state).toBe("submitted");
    expect(new Date(view.body.attempt.submittedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await db.ankangQuizAttempt.count({ where: { quizId, memberId: { in: rows.map((r) => r.memberId) }, submittedAt: { not: null } } })).toBe(7);
  });

  it("the seed is published before the draw, and anyone re-runs the draw to the same winners", async () => {
    for (const t of takers.slice(2)) {
      await call(startApi, "POST", "/x", { quizId }, t);
      await call(answersApi, "POST", "/x", { quizId }, t, { answers: t === "taker5" ? {} : right() });
    }
    expect((await call(prizesApi, "POST", "/x", { quizId }, "organiser")).status).toBe(409); // still open
    const seed = await call(seedApi, "POST", "/x", { quizId }, "organiser", { seed: "2026-06-30 市总工会 公证 7731" });
    expect(seed.status).toBe(200);
    expect((await call(seedApi, "POST", "/x", { quizId }, "organiser", { seed: "another seed value" })).status).toBe(409);
    // close the quiz
    await db.ankangQuiz.update({ where: { id: quizId }, data: { closesAt: new Date(Date.now() - 60_000) } });
    clearQuizCaches();
    const handedIn = await db.ankangQuizAttempt.count({ where: { quizId, submittedAt: { not: null } } });
    const late = await call(answersApi, "POST", "/x", { quizId }, "taker5", { answers: right() });
    expect(late.status).toBe(422);
    expect(late.body.error.message).toContain("答题已结束");
    // answers after the close change nothing (issue 15's bad-input list)
    expect(await db.ankangQuizAttempt.count({ where: { quizId, submittedAt: { not: null } } })).toBe(handedIn);
    const prizes = await call(prizesApi, "POST", "/x", { quizId }, "organiser");
    expect(prizes.status).toBe(200);
    const allCorrect = await db.ankangQuizAttempt.findMany({ where: { quizId, allCorrect: true }, select: { id: true } });
    expect(prizes.body.winners.map((w: { attemptId: string }) => w.attemptId).sort()).toEqual(allCorrect.map((a) => a.id).sort());
    const v = await call(verifyApi, "GET", "/x", { quizId }, "taker3");
    expect(v.body.same).toBe(true);
    // and outside the platform: the published seed and the candidate list give the same order
    expect(drawAmongAllCorrect(v.body.candidates, v.body.seed, [{ name: "一等奖", count: 30 }, { name: "二等奖", count: 60 }, { name: "三等奖", count: 120 }])).toEqual(prizes.body.winners);
    expect((await call(prizesApi, "POST", "/x", { quizId }, "organiser")).status).toBe(409);
  });
});

describe("the pages", () => {
  it("render the cycle, an enrolment with its differences, the dashboard, hazards and the quiz for the people who use them", async () => {
    const organiser = await sessionCookieFor(userIds.organiser);
    const load = async (route: { loader: unknown }, params: Record<string, string>, cookie: string) => {
      const fn = route.loader as (args: unknown) => Promise<unknown>;
      const out = await fn({ request: makeRequest("/x", { cookie }), params, context: ctx });
      return out instanceof Response ? (await out.json()) : out;
    };
    const list = (await load(cyclesPage, {}, organiser)) as { cycles: { id: string }[] };
    expect(list.cycles.map((c) => c.id)).toContain(cycleId);
    const cycle = (await load(cyclePage, { cycleId }, organiser)) as { cycle: { enrolments: { id: string }[] }; standings: unknown[] };
    expect(cycle.cycle.enrolments.length).toBeGreaterThan(5);
    expect(cycle.standings!.length).toBe(cycle.cycle.enrolments.length);
    const enrolment = (await load(enrolmentPage, { enrolmentId: cycle.cycle.enrolments[0]!.id }, organiser)) as { e: { differences: unknown[]; conditions: unknown[] } };
    expect(enrolment.e.differences.length).toBe(16);
    expect(enrolment.e.conditions.length).toBe(5);
    const dash = (await load(dashboardPage, { cycleId }, organiser)) as { tables: { key: string; rows: unknown[] }[] };
    expect(dash.tables.map((t) => t.key)).toEqual(["region", "industry", "scores", "hazards", "quiz"]);
    expect(dash.tables.find((t) => t.key === "scores")!.rows.length).toBe(5);
    const worker = await sessionCookieFor(userIds.worker);
    const hz = (await load(hazardsPage, {}, worker)) as { hazards: { mine: boolean }[] };
    expect(hz.hazards.every((h) => h.mine)).toBe(true);
    const quizzes = (await load(quizzesPage, {}, await sessionCookieFor(userIds.taker0))) as { quizzes: { id: string; myScore: number | null }[] };
    expect(quizzes.quizzes[0]!.myScore).toBe(3);
    const quiz = (await load(quizPage, { quizId: quizzes.quizzes[0]!.id }, organiser)) as { results: { prizes: unknown[] } };
    expect(quiz.results.prizes.length).toBeGreaterThan(0);
  });
});

describe("the organiser's page forms: settings, sheet versions, recommending teams and people (issue 15)", () => {
  let cookie: string;
  const post = async (form: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const response = await (cyclePage.action as (a: unknown) => Promise<unknown>)({ request: makeRequest(`/ankang/${cycleId}`, { method: "POST", cookie, body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }), params: { cycleId }, context: ctx });
    return response instanceof Response ? { status: response.status, body: (await response.json()) as { ok: boolean; message: string; issues: { path: string; message: string }[] } } : { status: 200, body: response as { ok: boolean; message: string; issues: [] } };
  };
  const settingsForm = async (over: Record<string, string> = {}) => {
    const page = (await (cyclePage.loader as (a: unknown) => Promise<{ cycle: { settings: typeof DEFAULT_ANKANG_SETTINGS } }>)({ request: makeRequest(`/ankang/${cycleId}`, { cookie }), params: { cycleId }, context: ctx }));
    const s = page.cycle.settings;
    const form: Record<string, string> = { intent: "settings", finalScoreSource: s.finalScoreSource };
    for (const f of SETTING_NUMBER_FIELDS) form[f.name] = String(settingFieldValue(s, f));
    s.quizPrizeTiers.forEach((t, i) => { form[`tierName${i}`] = t.name; form[`tierCount${i}`] = String(t.count); });
    if (s.teamAllowsOpenHazards) form.teamAllowsOpenHazards = "on";
    for (const k of s.organisingUnitUnionTypes) form[`organisingUnitUnionType.${k}`] = "on";
    for (const k of s.organisingUnitCategories) form[`organisingUnitCategory.${k}`] = "on";
    return { ...form, ...over };
  };
  beforeAll(async () => { cookie = await sessionCookieFor(userIds.organiser); });

  it("settings: bad input answers every problem, Chinese first, and changes nothing; good input saves every setting with an event", async () => {
    const before = await db.ankangCycle.findUniqueOrThrow({ where: { id: cycleId } });
    const bad = await post(await settingsForm({ bonusCap: "60", minReviewTeam: "1.5", thresholdCity: "" }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^设置有误，未保存：/);
    expect(bad.body.issues.map((i) => i.path).sort()).toEqual(["bonusCap", "minReviewTeam", "thresholdCity"]);
    expect((await db.ankangCycle.findUniqueOrThrow({ where: { id: cycleId } })).settings).toBe(before.settings);
    const events = await db.event.count({ where: { entityId: cycleId, action: "ankang.settings-changed" } });
    const good = await post(await settingsForm({ bonusCap: "3", thresholdCity: "91", minSectionRate: "80" }));
    expect(good.body.ok).toBe(true);
    const stored = ankangSettingsFrom(JSON.parse((await db.ankangCycle.findUniqueOrThrow({ where: { id: cycleId } })).settings));
    expect(stored).toMatchObject({ bonusCap: 3, winnerThreshold: { city: 91, provincial: 95, national: 98 }, minSectionRate: 0.8, quizPrizeTiers: DEFAULT_ANKANG_SETTINGS.quizPrizeTiers });
    expect(await db.event.count({ where: { entityId: cycleId, action: "ankang.settings-changed" } })).toBe(events + 1);
    // back to the rules' defaults for the other tests
    expect((await post(await settingsForm({ bonusCap: "4", thresholdCity: "90" }))).body.ok).toBe(true);
  });

  it("sheet versions: the editor publishes a new version with items, maximum points and a veto item; bad rows publish nothing", async () => {
    const versions = await db.ankangSheetVersion.count({ where: { cycleId } });
    const cols = (rows: string[][]) => ({ rowKind: rows.map((r) => r[0]!), rowCode: rows.map((r) => r[1]!), rowTitle: rows.map((r) => r[2]!), rowMax: rows.map((r) => r[3]!), rowPer: rows.map((r) => r[4]!), rowElements: rows.map((r) => r[5]!) });
    const bad = await post({ intent: "sheet-edit", title: "坏表", ...cols([["评分项", "1.1", "无部分", "5", "", ""], ["部分", "1", "组织", "", "", ""], ["评分项", "1.2", "负分", "-2", "", ""]]) });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^评分表有误，未发布：第 1 行/);
    expect(await db.ankangSheetVersion.count({ where: { cycleId } })).toBe(versions);
    const rows = sheetEditorRows(CITY_SHEET_A10).map((r) => [r.kind, r.code, r.title, r.max, r.per, r.elements]);
    rows.push(["否决项", "V9", "发生较大及以上生产安全事故", "", "", ""]);
    const ok = await post({ intent: "sheet-edit", title: "市级考核评分表（第二版）", ...cols(rows) });
    expect(ok.body.ok).toBe(true);
    const latest = await db.ankangSheetVersion.findFirstOrThrow({ where: { cycleId }, orderBy: { version: "desc" } });
    expect(latest.version).toBe(versions + 1);
    const def = JSON.parse(latest.definition);
    expect(def.vetoItems.map((v: { code: string }) => v.code)).toContain("V9");
    expect(def.sections.flatMap((s: { items: { maxPoints: number }[] }) => s.items).reduce((a: number, i: { maxPoints: number }) => a + i.maxPoints, 0)).toBe(100);
    expect(await db.event.count({ where: { entityId: latest.id, action: "ankang.sheet-version-added" } })).toBe(1);
  });

  it("the city team recommends a 班组 and a person from the page into the review chain; an ineligible team is refused with the reason", async () => {
    const r = await call(roundsApi, "POST", "/x", {}, "organiser", { subjectType: "ankang.title", title: `安康杯班组与个人推荐${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"] });
    const roundId = r.body.id as string;
    const u = await enrolledUnit("页面推荐单位", { teams: 2 });
    await assess(u.enrolmentId, entriesAt(1));
    const person = await createMember(u.unit.id, { name: "安全标兵" });
    const page = await (cyclePage.loader as (a: unknown) => Promise<{ recommend: { holders: { id: string; team: boolean }[]; members: { id: string }[] } }>)({ request: makeRequest(`/ankang/${cycleId}`, { cookie }), params: { cycleId }, context: ctx });
    expect(page.recommend.holders.filter((h) => h.team).map((h) => h.id)).toEqual(expect.arrayContaining(u.teams.map((t) => t.id)));
    expect(page.recommend.members.map((m) => m.id)).toContain(person.id);
    const refused = await post({ intent: "recommend", holderOrgId: u.teams[1]!.id, kind: "winnerTeam", roundId, memberId: "", threeViolations: "2" });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain("三违");
    expect(await db.ankangTitle.count({ where: { holderOrgId: u.teams[1]!.id } })).toBe(0);
    const team = await post({ intent: "recommend", holderOrgId: u.teams[0]!.id, kind: "winnerTeam", roundId, memberId: "", threeViolations: "0" });
    expect(team.body.ok).toBe(true);
    const individual = await post({ intent: "recommend", holderOrgId: u.unit.id, kind: "individual", roundId, memberId: person.id, threeViolations: "0" });
    expect(individual.body.ok).toBe(true);
    const titles = await db.ankangTitle.findMany({ where: { cycleId, holderOrgPath: { startsWith: u.unit.path } }, orderBy: { kind: "asc" } });
    expect(titles.map((t) => [t.kind, t.holderName, t.status])).toEqual([["individual", "安全标兵", "recommended"], ["winnerTeam", u.teams[0]!.name, "recommended"]]);
    const submissions = await db.reviewSubmission.findMany({ where: { id: { in: titles.map((t) => t.reviewSubmissionId!) } } });
    expect(submissions.map((s) => [s.roundId, s.status])).toEqual([[roundId, "pending"], [roundId, "pending"]]);
  });
});

describe("evidence files (issue 15 §3: self-assessment with evidence, the team reviews it)", () => {
  it("the unit's evidence for an item opens for the assessment team, not for another unit's contact", async () => {
    const u = await enrolledUnit("佐证");
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const entries = entriesAt(0.9);
    // an item keeps only evidence uploaded to it: a bare id from elsewhere is refused
    const stray = (await optionalUpload(new File([png], "别处的文件.png", { type: "image/png" }), "ankang-evidence", "file-1.1", { userId: userIds.organiser!, requestId: null }))!;
    const refused = await call(selfApi, "POST", "/x", { enrolmentId: u.enrolmentId }, "organiser", { entries: { ...entries, items: [{ ...entries.items[0]!, fileIds: [stray] }, ...entries.items.slice(1)] }, submit: false });
    expect([refused.status, refused.body.error.code]).toEqual([400, "evidence_unknown"]);
    const saved = await call(selfApi, "POST", "/x", { enrolmentId: u.enrolmentId }, "organiser", { entries, submit: false, evidence: [{ itemCode: entries.items[0]!.itemCode, filename: "组委会文件.png", contentBase64: png.toString("base64") }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const self = await db.ankangAssessment.findUniqueOrThrow({ where: { enrolmentId_kind: { enrolmentId: u.enrolmentId, kind: "self" } } });
    const fileId = (JSON.parse(self.entries) as { items: { fileIds?: string[] }[] }).items[0]!.fileIds![0]!;
    const session = async (name: string) => (await loadUserForToken(userIds[name]!, "t"))!;
    const { file } = await ankangFileFor(await session("assessor"), fileId);
    expect(file.id).toBe(fileId);
    await expect(ankangFileFor(await session("assessor2"), fileId)).resolves.toBeTruthy();
    await expect(ankangFileFor(await session("otherContact"), fileId)).rejects.toMatchObject({ status: 403 });
  });
});

describe("the cycle page's settings govern the hazards' deadline and the quiz's prizes (rules A-8, A-14)", () => {
  const tiers = [{ name: "一等奖", count: 1 }, { name: "二等奖", count: 2 }];
  beforeAll(async () => {
    expect((await call(settingsApi, "POST", "/x", { cycleId }, "organiser", { hazardDueDays: 7, quizPrizeTiers: tiers })).status).toBe(200);
  });

  it("a hazard reported in the cycle's area is due after the cycle's deadline, not the default 15 days", async () => {
    const member = await createMember(p.teamA.id, { name: `报告人${uid().slice(0, 3)}` });
    await as("reporter7", [{ role: "worker", orgId: p.teamA.id }], member.id);
    const r = await call(hazardsApi, "POST", "/x", {}, "reporter7", { place: "三号仓库", description: "灭火器过期", anonymous: false });
    expect(r.status).toBe(201);
    const h = await db.ankangHazard.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(h.dueAt.getTime() - h.reportedAt.getTime()).toBe(7 * 86_400_000);
  });

  it("prizes by rank follow the cycle's tiers (ties by time), and stay as set up when the settings change later", async () => {
    const q = await call(questionsApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, kind: "truefalse", stem: "进入受限空间前应先通风检测。", options: ["对", "错"], answer: ["A"] });
    const q2 = await call(questionsApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, kind: "truefalse", stem: "安全帽可以不系下颏带。", options: ["对", "错"], answer: ["B"] });
    const quiz = await call(quizzesApi, "POST", "/x", {}, "organiser", { orgId: p.cityA.id, title: "排名奖知识竞赛", opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 3600_000).toISOString(), durationSeconds: 600, questionIds: [q.body.id, q2.body.id], prizeMode: "rank" });
    expect(quiz.status).toBe(201);
    const quizId = quiz.body.id as string;
    const sheets: Record<string, string[]>[] = [
      { [q.body.id]: ["A"], [q2.body.id]: ["B"] }, // 2
      { [q.body.id]: ["A"], [q2.body.id]: ["A"] }, // 1
      { [q.body.id]: ["A"], [q2.body.id]: ["B"] }, // 2
      { [q.body.id]: ["B"], [q2.body.id]: ["A"] }, // 0
    ];
    const attempts: string[] = [];
    for (let i = 0; i < sheets.length; i++) {
      const m = await createMember(p.enterpriseA.id);
      await as(`ranked${i}`, [{ role: "worker", orgId: p.enterpriseA.id }], m.id);
      attempts.push((await call(startApi, "POST", "/x", { quizId }, `ranked${i}`)).body.attemptId);
      expect((await call(answersApi, "POST", "/x", { quizId }, `ranked${i}`, { answers: sheets[i] })).status).toBe(200);
    }
    // the two full scores tie: the faster (ranked2) comes first
    await db.ankangQuizAttempt.update({ where: { id: attempts[0]! }, data: { durationMs: 90_000 } });
    await db.ankangQuizAttempt.update({ where: { id: attempts[2]! }, data: { durationMs: 45_000 } });
    await db.ankangQuizAttempt.update({ where: { id: attempts[1]! }, data: { durationMs: 30_000 } });
    // a later change of the settings does not change this quiz's prizes
    expect((await call(settingsApi, "POST", "/x", { cycleId }, "organiser", { quizPrizeTiers: DEFAULT_ANKANG_SETTINGS.quizPrizeTiers })).status).toBe(200);
    await db.ankangQuiz.update({ where: { id: quizId }, data: { closesAt: new Date(Date.now() - 60_000) } });
    clearQuizCaches();
    const prizes = await call(prizesApi, "POST", "/x", { quizId }, "organiser");
    expect(prizes.status).toBe(200);
    expect(prizes.body.winners.map((w: { attemptId: string; tier: string }) => [w.attemptId, w.tier])).toEqual([[attempts[2], "一等奖"], [attempts[0], "二等奖"], [attempts[1], "二等奖"]]);
    const results = await call(resultsApi, "GET", "/x", { quizId }, "organiser");
    expect(results.body.prizeTiers).toEqual(tiers);
  });
});
