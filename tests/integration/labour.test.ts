import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as projectsApi from "~/routes/api.v1.labour.projects";
import * as projectApi from "~/routes/api.v1.labour.projects.$projectId";
import * as periodApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId";
import * as scoresApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.scores";
import * as signApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.sign";
import * as awardApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.award";
import * as teamMonthsApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.team-months";
import * as eventsApi from "~/routes/api.v1.labour.projects.$projectId.events";
import * as accidentsApi from "~/routes/api.v1.labour.projects.$projectId.accidents";
import * as yearEndApi from "~/routes/api.v1.labour.projects.$projectId.year-end";
import * as safeDaysApi from "~/routes/api.v1.labour.projects.$projectId.safe-days";
import * as reportsApi from "~/routes/api.v1.labour.projects.$projectId.safety-reports";
import * as rosterApi from "~/routes/api.v1.labour.projects.$projectId.roster";
import { TEMPLATE_QIBI_YICHUANG } from "~/modules/labour/indicators";
import * as listPage from "~/routes/labour._index";
import * as projectPage from "~/routes/labour.$projectId._index";
import * as periodPage from "~/routes/labour.$projectId.periods.$periodId._index";
import * as screenPage from "~/routes/labour.$projectId.periods.$periodId.screen";
import * as ledgerPage from "~/routes/labour.$projectId.ledger";
import * as yearEndPage from "~/routes/labour.$projectId.year-end";
import * as safeDaysPage from "~/routes/labour.$projectId.safe-days";
import * as noticePdf from "~/routes/labour.$projectId.periods.$periodId.notice[.]pdf";
import * as noticeXlsx from "~/routes/labour.$projectId.periods.$periodId.notice[.]xlsx";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, TEST_PASSWORD, uid } from "../factories";

// Issue 14, 劳动竞赛, through the API routes with real Requests, on SQLite and on PostgreSQL:
// application up the review chain (L-2), weights (L-1), committee scoring and signatures (L-11),
// events (L-4), banners and the ledger (L-3, L-5), vetoes with 就高不就低 (L-7, A-12), the
// year-end roll-up (L-6, L-9) and the 百日 campaign.

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const tokens: Record<string, string> = {};

const cookies: Record<string, string> = {};
async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}

async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const orgs: Record<string, { id: string; path: string; depth: number }> = {};
let roundId: string;
let projectId: string;
let unit: Record<string, string> = {};
let periods: { id: string; label: string; from: string }[] = [];

const RUBRIC = TEMPLATE_QIBI_YICHUANG.indicators.filter((i) => i.method === "rubric").map((i) => i.key);
const rosterLines = () => [
  { kind: "unit", name: "中铁测试局" },
  { kind: "section", name: "一标段", parent: "中铁测试局", orgId: orgs.s1.id },
  { kind: "section", name: "二标段", parent: "中铁测试局", orgId: orgs.s2.id },
  { kind: "area", name: "一工区", parent: "一标段", orgId: orgs.w1.id },
  { kind: "area", name: "二工区", parent: "二标段", orgId: orgs.w2.id },
  { kind: "team", name: "钢筋班", parent: "一工区" },
  { kind: "builder", name: "张伟", parent: "钢筋班", startOnSite: "2025-03-01" },
  { kind: "builder", name: "李强", parent: "钢筋班", startOnSite: "2026-04-01" },
];
const apply = (who: string, body: object) => call(projectsApi, "POST", "/api/v1/labour/projects", {}, who, body);
const base = () => ({ orgId: p.enterpriseA.id, name: `引水工程劳动竞赛${uid()}`, owner: "省水利厅", startDate: "2026-01-01", endDate: "2026-12-31", frequency: "month", template: "qibi-yichuang", roster: rosterLines() });
const pp = (periodId: string) => ({ projectId, periodId });
const scores = (periodId: string, who: string, body: object) => call(scoresApi, "POST", `/api/v1/labour/projects/${projectId}/periods/${periodId}/scores`, pp(periodId), who, body);
const sign = (periodId: string, who: string) => call(signApi, "POST", "/sign", pp(periodId), who, { password: TEST_PASSWORD });
const award = (periodId: string) => call(awardApi, "POST", "/award", pp(periodId), "applicant");
const period = (periodId: string) => call(periodApi, "GET", "/period", pp(periodId), "applicant");
const event = (body: object) => call(eventsApi, "POST", "/events", { projectId }, "applicant", body);

/** Every committee member scores every rubric item: S1 best, then W1, W2, S2. */
async function scoreWholePeriod(periodId: string, levels: Record<string, number> = { 一标段: 95, 二标段: 85, 一工区: 90, 二工区: 88 }) {
  for (const who of ["m1", "m2", "m3"]) {
    const entries = Object.entries(levels).flatMap(([name, v]) => RUBRIC.map((k) => ({ unitId: unit[name], indicatorKey: k, value: String(v) })));
    expect((await scores(periodId, who, { entries })).status).toBe(200);
  }
  const entries = Object.keys(levels).map((name) => ({ unitId: unit[name], indicatorKey: "progress", plan: 100, actual: name === "二工区" ? 120 : 100 }));
  expect((await scores(periodId, "applicant", { entries })).status).toBe(200);
}

beforeAll(async () => {
  p = await createProvince();
  orgs.s1 = await createOrg({ type: "team", parent: p.enterpriseA, name: `一标段项目部${uid()}` });
  orgs.s2 = await createOrg({ type: "team", parent: p.enterpriseA, name: `二标段项目部${uid()}` });
  // work areas: organisations under the sections' (a 工区 accident counts against its 标段 too, through the roster)
  orgs.w1 = await createOrg({ type: "team", parent: p.enterpriseB, name: `一工区${uid()}` });
  orgs.w2 = await createOrg({ type: "team", parent: p.enterpriseB, name: `二工区${uid()}` });
  await as("labour_organiser", p.enterpriseA.id, "applicant");
  await as("labour_organiser", p.enterpriseB.id, "otherUnion");
  await as("organiser", p.cityA.id, "city");
  await as("reviewer", p.districtA.id, "district");
  for (const m of ["m1", "m2", "m3", "m4"]) await as("labour_committee", p.enterpriseA.id, m);
  // the accidents of the w1/w2 organisations are recorded by someone allowed there
  await as("labour_organiser", p.province.id, "safety");
  const round = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "city", { subjectType: "competition.project", title: `2026年劳动竞赛项目申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"] });
  expect(round.status).toBe(201);
  roundId = round.body.id;
});

describe("applying (rules L-1, L-2)", () => {
  it("weights that do not sum to 100 % are refused with the sum named, and nothing is written", async () => {
    const before = await db.labourProject.count();
    const indicators = TEMPLATE_QIBI_YICHUANG.indicators.map((i, n) => ({ ...i, weight: n === 0 ? 1200 : i.weight }));
    const res = await apply("applicant", { ...base(), indicators });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/指标权重合计须为 100%，现为 99.50%/);
    expect(await db.labourProject.count()).toBe(before);
  });
  it("a committee smaller than three is refused (L-11)", async () => {
    const res = await apply("applicant", { ...base(), minSigners: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/至少 3 人/);
  });
  it("another union cannot apply for this one", async () => {
    expect((await apply("otherUnion", base())).status).toBe(403);
  });
  it("applies with a roster and 12 monthly periods, climbs district → city and is accepted (纳入管理)", async () => {
    const res = await apply("applicant", { ...base(), roundId });
    expect(res.status).toBe(201);
    projectId = res.body.id;
    const before = await call(projectApi, "GET", "/p", { projectId }, "applicant");
    expect(before.body.project.status).toBe("submitted");
    expect(before.body.periods).toHaveLength(12);
    unit = Object.fromEntries(before.body.roster.map((r: { name: string; id: string }) => [r.name, r.id]));
    periods = before.body.periods;
    // scoring waits for acceptance
    expect((await scores(periods[0].id, "m1", { entries: [{ unitId: unit["一标段"], indicatorKey: "party", value: "90" }] })).status).toBe(409);
    const submissionId = before.body.project.submissionId;
    expect((await call(reviewApi, "POST", "/r", { submissionId }, "district", { level: 0, action: "recommend" })).status).toBe(200);
    expect((await call(reviewApi, "POST", "/r", { submissionId }, "city", { level: 1, action: "recommend" })).status).toBe(200);
    const after = await call(projectApi, "GET", "/p", { projectId }, "city");
    expect(after.body.project.status).toBe("accepted");
    // the other union sees nothing of it
    expect((await call(projectApi, "GET", "/p", { projectId }, "otherUnion")).status).toBe(403);
  });
  it("the roster takes additions with a known parent only", async () => {
    expect((await call(rosterApi, "POST", "/r", { projectId }, "applicant", { kind: "team", name: "木工班", parent: "没有这个工区" })).status).toBe(400);
    const added = await call(rosterApi, "POST", "/r", { projectId }, "applicant", { kind: "team", name: "木工班", parent: "二工区" });
    expect(added.status).toBe(201);
    unit["木工班"] = added.body.id;
  });
});

describe("a month of assessment (rules L-3, L-4, L-5, L-11)", () => {
  it("a score above the item's maximum is refused and nothing of the entry is saved", async () => {
    const res = await scores(periods[0].id, "m1", { entries: [{ unitId: unit["一标段"], indicatorKey: "party", value: "90" }, { unitId: unit["二标段"], indicatorKey: "party", value: "100.5" }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/不能超过满分 100.00/);
    expect(await db.labourScore.count({ where: { periodId: periods[0].id } })).toBe(0);
  });
  it("an event for a unit not on the roster, or dated outside the project, is refused", async () => {
    expect((await event({ unitId: "nobody", typeKey: "authority-criticism", date: "2026-01-10" })).status).toBe(400);
    const outside = await event({ unitId: unit["二标段"], typeKey: "authority-criticism", date: "2027-01-10" });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/日期须在项目期间/);
  });
  it("banners wait for three signatures and complete scores", async () => {
    const jan = periods[0].id;
    await scoreWholePeriod(jan);
    expect((await award(jan)).body.error.code).toBe("not_enough_signatures");
    expect((await sign(jan, "m1")).status).toBe(200);
    expect((await sign(jan, "m2")).status).toBe(200);
    const two = await award(jan);
    expect(two.status).toBe(409);
    expect(two.body.error.message).toMatch(/至少 3 名委员签字/);
    // a member with no sheet cannot sign
    expect((await sign(jan, "m4")).body.error.code).toBe("sheet_incomplete");
    expect((await sign(jan, "m3")).body.status).toBe("signed");
  });
  it("a signed period changes only with a correction reason, which the event log keeps", async () => {
    const jan = periods[0].id;
    const entry = { entries: [{ unitId: unit["二标段"], indicatorKey: "party", value: "84" }] };
    const refused = await scores(jan, "m1", entry);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("correction_reason_required");
    expect((await scores(jan, "m1", { ...entry, correctionReason: "复核后更正党建得分" })).status).toBe(200);
    const ev = await db.event.findFirst({ where: { action: "labour.score.corrected", entityId: jan }, orderBy: { id: "desc" } });
    expect(JSON.parse(ev!.after!).correctionReason).toBe("复核后更正党建得分");
  });
  it("a 通报批评 takes points off the safety indicator (L-4)", async () => {
    expect((await event({ unitId: unit["二标段"], typeKey: "authority-criticism", date: "2026-01-20", note: "上级检查通报" })).status).toBe(201);
    const board = (await period(periods[0].id)).body.board as { name: string; scores: Record<string, number> }[];
    expect(board.find((b) => b.name === "二标段")!.scores.safety).toBe(9500);
    expect(board.find((b) => b.name === "一标段")!.scores.safety).toBe(10000);
  });
  it("the month's best team needs recorded attendance of at least 95 %: bad input changes nothing (L-7)", async () => {
    const jan = periods[0].id;
    const teamMonth = (body: object, who = "m1") => call(teamMonthsApi, "POST", "/team-months", pp(jan), who, body);
    const notTeam = await teamMonth({ unitId: unit["一标段"], attendance: 99, correctionReason: "补登出勤" });
    expect(notTeam.status).toBe(400);
    expect(notTeam.body.error.message).toMatch(/出勤率只能为名录中的班组登记/);
    const over = await teamMonth({ unitId: unit["钢筋班"], attendance: "100.5", correctionReason: "补登出勤" });
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.body.error)).toMatch(/出勤率应为 0 至 100/);
    // the period is signed (rule L-11): a change needs its correction reason
    expect((await teamMonth({ unitId: unit["钢筋班"], attendance: 94.5 })).body.error.code).toBe("correction_reason_required");
    expect((await teamMonth({ unitId: unit["钢筋班"], attendance: 94.5 }, "otherUnion")).status).toBe(403);
    expect(await db.labourTeamMonth.count({ where: { periodId: jan } })).toBe(0);
    expect((await teamMonth({ unitId: unit["钢筋班"], attendance: 94.5, correctionReason: "补登出勤" })).status).toBe(200);
    expect((await teamMonth({ unitId: unit["木工班"], attendance: "96", correctionReason: "补登出勤" })).status).toBe(200);
    const ev = await db.event.findFirst({ where: { action: "labour.team-month.recorded" }, orderBy: { id: "desc" } });
    expect(JSON.parse(ev!.after!)).toMatchObject({ team: "木工班", attendance: 9600, correctionReason: "补登出勤" });
    const rows = (await period(jan)).body.teamAward as { name: string; eligible: boolean; reasons: string[] }[];
    expect(rows.find((r) => r.name === "钢筋班")).toMatchObject({ eligible: false, reasons: ["出勤率 94.5% 低于 95% / attendance below 95 %"] });
    expect(rows.find((r) => r.name === "木工班")).toMatchObject({ eligible: true, reasons: [] });
  });
  it("awards the banner to the first 标段 and the first 工区 separately, with rewards and penalties in the ledger (L-3, L-5)", async () => {
    const res = await award(periods[0].id);
    expect(res.status).toBe(200);
    expect(res.body.banners.filter((b: { group: string }) => b.group !== "team").map((b: { unitId: string }) => b.unitId).sort()).toEqual([unit["一标段"], unit["一工区"]].sort());
    // rule L-7: the best team is the one whose attendance held, not the vetoed 钢筋班
    expect(res.body.banners.filter((b: { group: string }) => b.group === "team").map((b: { unitId: string }) => b.unitId)).toEqual([unit["木工班"]]);
    expect(await db.labourBanner.findMany({ where: { periodId: periods[0].id, grp: "team" }, select: { unitId: true } })).toEqual([{ unitId: unit["木工班"] }]);
    expect((await award(periods[0].id)).body.error.code).toBe("already_awarded");
    const project = (await call(projectApi, "GET", "/p", { projectId }, "applicant")).body;
    const net = (name: string) => project.ledger.filter((l: { name: string }) => l.name === name).reduce((s: number, l: { amount: number }) => s + l.amount, 0);
    expect(net("一标段")).toBe(20_000 + 5_000);
    expect(net("二标段")).toBe(-2_000);
    expect(net("一工区")).toBe(10_000);
    // the awarded period is closed to changes
    expect((await scores(periods[0].id, "m1", { entries: [{ unitId: unit["二标段"], indicatorKey: "party", value: "80" }], correctionReason: "x" })).status).toBe(409);
  });
});

describe("vetoes (rules L-7, A-12)", () => {
  it("an accident dated outside the project is refused and nothing is recorded", async () => {
    const before = await db.incident.count();
    const res = await call(accidentsApi, "POST", "/a", { projectId }, "applicant", { unitId: unit["一标段"], kind: "safety_accident", severity: "minor_injury", occurredOn: "2025-12-20", title: "脚手架划伤" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/日期须在项目期间/);
    expect(await db.incident.count()).toBe(before);
  });
  it("one minor accident with its own 安全处罚 counts once, the most severe (就高不就低, 不累计)", async () => {
    const acc = await call(accidentsApi, "POST", "/a", { projectId }, "applicant", { unitId: unit["一标段"], kind: "safety_accident", severity: "minor_injury", occurredOn: "2026-02-10", title: "钢筋加工划伤" });
    expect(acc.status).toBe(201);
    expect((await event({ unitId: unit["一标段"], typeKey: "safety-penalty", date: "2026-02-11", accidentId: acc.body.id })).status).toBe(201);
    const feb = periods[1].id;
    await scoreWholePeriod(feb);
    const board = (await period(feb)).body.board as { name: string; scores: Record<string, number> }[];
    // rule −5 and the penalty −8 compete: only −8 applies
    expect(board.find((b) => b.name === "一标段")!.scores.safety).toBe(9200);
  });
  it("a fatal accident in a 工区 sets safety to 0 for the year and disqualifies the 工区 and its 标段", async () => {
    const acc = await call(accidentsApi, "POST", "/a", { projectId }, "safety", { unitId: unit["二工区"], kind: "safety_accident", severity: "fatal", occurredOn: "2026-03-05", title: "高处坠落" });
    expect(acc.status).toBe(201);
    const log = await db.event.findFirst({ where: { action: "labour.accident.applied", entityId: projectId }, orderBy: { id: "desc" } });
    expect(JSON.parse(log!.after!).unitId).toBe(unit["二工区"]);
    for (const pr of [periods[1].id, periods[2].id]) {
      const board = (await period(pr)).body.board as { name: string; scores: Record<string, number>; disqualified: boolean; rank: number | null }[];
      for (const name of ["二工区", "二标段"]) {
        const row = board.find((b) => b.name === name)!;
        expect(row.disqualified).toBe(true);
        expect(row.rank).toBeNull();
        if (pr === periods[1].id) expect(row.scores.safety).toBe(0);
      }
    }
  });
});

describe("the year-end roll-up (rules L-6, L-8, L-9)", () => {
  it("refuses the vetoed section, keeps the eligible builder and refuses the one under a year on site", async () => {
    const res = await call(yearEndApi, "GET", "/y", { projectId }, "applicant");
    expect(res.status).toBe(200);
    const refusedNames = res.body.refused.map((r: { name: string }) => r.name);
    expect(refusedNames).toContain("二标段");
    expect(res.body.awards.filter((a: { award: string }) => a.award === "先进单位").map((a: { name: string }) => a.name)).toEqual(["一标段"]);
    const builders = Object.fromEntries(res.body.builders.map((b: { name: string; reasons: string[] }) => [b.name, b.reasons]));
    expect(builders["张伟"]).toEqual([]);
    expect(builders["李强"][0]).toMatch(/不满 1 年/);
  });
});

describe("百日安全生产无事故", () => {
  let campaignId: string;
  const today = new Date().toISOString().slice(0, 10);
  const start = new Date(Date.now() - 9 * 86_400_000).toISOString().slice(0, 10);
  it("shows each unit's safe days and resets on an accident", async () => {
    const res = await apply("applicant", { orgId: p.enterpriseA.id, name: `百日安全竞赛${uid()}`, kind: "campaign", template: "bairi-anquan", startDate: start, endDate: start, lengthDays: 100, roundId, roster: rosterLines().filter((l) => l.kind !== "builder") });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
    expect(res.body.endDate).toBe(new Date(Date.parse(`${start}T00:00:00Z`) + 99 * 86_400_000).toISOString().slice(0, 10));
    const board = await call(safeDaysApi, "GET", "/s", { projectId: campaignId }, "applicant");
    expect(board.body.countdown).toMatchObject({ elapsed: 10, remaining: 90 });
    const days = (name: string, b = board) => b.body.board.find((x: { name: string }) => x.name === name).safeDays;
    expect(days("一工区")).toBe(10);
    expect((await call(reportsApi, "POST", "/r", { projectId: campaignId }, "applicant", { unitId: board.body.units[1].id, date: today, status: "safe" })).status).toBe(201);
    const rosterOf = (await call(projectApi, "GET", "/p", { projectId: campaignId }, "applicant")).body.roster as { id: string; name: string }[];
    const w1 = rosterOf.find((r) => r.name === "一工区")!.id;
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await call(accidentsApi, "POST", "/a", { projectId: campaignId }, "safety", { unitId: w1, kind: "safety_accident", severity: "minor_injury", occurredOn: yesterday, title: "搬运扭伤" })).status).toBe(201);
    const after = await call(safeDaysApi, "GET", "/s", { projectId: campaignId }, "applicant");
    expect(days("一工区", after)).toBe(1);
    expect(days("一标段", after)).toBe(1);
    expect(days("二工区", after)).toBe(10);
  });
});

describe("pages", () => {
  const page = async (route: { loader?: unknown }, path: string, params: Record<string, string>, who = "applicant") => {
    const fn = route.loader as (args: unknown) => Promise<unknown>;
    try {
      const out = await fn({ request: makeRequest(path, { cookie: cookies[who] }), params, context: ctx });
      return out instanceof Response ? out : new Response(JSON.stringify(out), { status: 200 });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };
  it("every labour page answers for the project's people and refuses another union", async () => {
    const jan = periods[0].id;
    expect((await page(listPage, "/labour", {})).status).toBe(200);
    expect((await page(projectPage, `/labour/${projectId}`, { projectId })).status).toBe(200);
    expect((await page(periodPage, "/x", { projectId, periodId: jan }, "m1")).status).toBe(200);
    expect((await page(screenPage, "/x", { projectId, periodId: jan })).status).toBe(200);
    expect((await page(ledgerPage, "/x", { projectId })).status).toBe(200);
    expect((await page(yearEndPage, "/x", { projectId })).status).toBe(200);
    expect((await page(projectPage, `/labour/${projectId}`, { projectId }, "otherUnion")).status).toBe(403);
    expect((await page(safeDaysPage, "/x", { projectId })).status).toBe(400);
    const xlsx = await page(noticeXlsx, "/x", { projectId, periodId: jan });
    expect(xlsx.headers.get("Content-Type")).toMatch(/spreadsheetml/);
    const pdf = await page(noticePdf, "/x", { projectId, periodId: jan });
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });
});

describe("banners per group and ties as the project sets them (rules L-3, L-5)", () => {
  /** A one-month project whose two 标段 tie for first (no organisations linked: the accidents above do not reach it). */
  async function tiedMonth(extra: object) {
    const res = await apply("applicant", { ...base(), endDate: "2026-01-31", roster: rosterLines().map(({ orgId: _orgId, ...line }) => line), roundId, ...extra });
    expect(res.status).toBe(201);
    projectId = res.body.id;
    const view = (await call(projectApi, "GET", "/p", { projectId }, "applicant")).body;
    unit = Object.fromEntries(view.roster.map((r: { name: string; id: string }) => [r.name, r.id]));
    expect((await call(reviewApi, "POST", "/r", { submissionId: view.project.submissionId }, "district", { level: 0, action: "recommend" })).status).toBe(200);
    expect((await call(reviewApi, "POST", "/r", { submissionId: view.project.submissionId }, "city", { level: 1, action: "recommend" })).status).toBe(200);
    const jan = view.periods[0].id as string;
    await scoreWholePeriod(jan, { 一标段: 90, 二标段: 90, 一工区: 88, 二工区: 85 });
    for (const m of ["m1", "m2", "m3"]) expect((await sign(jan, m)).status).toBe(200);
    return jan;
  }
  const bannersOf = (body: { banners: { unitId: string; group: string }[] }, group: string) => body.banners.filter((b) => b.group === group).map((b) => b.unitId).sort();

  it("a banner count outside 1 … 20 is refused with the reason and no project is written", async () => {
    const before = await db.labourProject.count();
    const res = await apply("applicant", { ...base(), bannerTopK: 0 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/流动红旗名额应为 1 至 20 的整数/);
    expect(await db.labourProject.count()).toBe(before);
  });

  it("ties shared (the default): both 标段 tied for first take the banner and its reward", async () => {
    const jan = await tiedMonth({});
    const board = (await period(jan)).body.board as { name: string; rank: number | null; group: string }[];
    expect(board.filter((b) => b.group === "section").map((b) => b.rank)).toEqual([1, 1]);
    const res = await award(jan);
    expect(res.status).toBe(200);
    expect(bannersOf(res.body, "section")).toEqual([unit["一标段"], unit["二标段"]].sort());
    expect(bannersOf(res.body, "area")).toEqual([unit["一工区"]]);
    const lines = await db.labourLedgerLine.findMany({ where: { projectId, kind: "banner" } });
    expect(lines.map((l) => [l.unitId, l.amount]).sort()).toEqual([[unit["一标段"], 20_000], [unit["二标段"], 20_000], [unit["一工区"], 10_000]].sort());
  });

  it("ties refused: a tie across the cut gives the 标段 banner to neither; the untied 工区 still takes its own", async () => {
    const jan = await tiedMonth({ bannerTies: "none" });
    const res = await award(jan);
    expect(res.status).toBe(200);
    expect(bannersOf(res.body, "section")).toEqual([]);
    expect(bannersOf(res.body, "area")).toEqual([unit["一工区"]]);
  });

  it("the top two: both 工区 take a banner", async () => {
    const jan = await tiedMonth({ bannerTopK: "2" });
    const res = await award(jan);
    expect(bannersOf(res.body, "area")).toEqual([unit["一工区"], unit["二工区"]].sort());
    expect(bannersOf(res.body, "section")).toEqual([unit["一标段"], unit["二标段"]].sort());
  });
});
