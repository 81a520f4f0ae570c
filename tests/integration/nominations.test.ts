import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { seedPublishedCalendar } from "~/modules/calendar/calendar.server";
import { addCalendarDays, beijingDate } from "~/modules/calendar/working-days";
import type { RatioRule } from "~/modules/nominations/ratios";
import * as campaignsApi from "~/routes/api.v1.campaigns";
import * as campaignApi from "~/routes/api.v1.campaigns.$campaignId";
import * as settingsApi from "~/routes/api.v1.campaigns.$campaignId.settings";
import * as capsApi from "~/routes/api.v1.campaigns.$campaignId.control-caps";
import * as deadlineApi from "~/routes/api.v1.campaigns.$campaignId.apply-deadline";
import * as levelApi from "~/routes/api.v1.campaigns.$campaignId.levels.$orgId";
import * as heldBackApi from "~/routes/api.v1.campaigns.$campaignId.levels.$orgId.held-back";
import * as sendUpApi from "~/routes/api.v1.campaigns.$campaignId.levels.$orgId.send-up";
import * as nominationsApi from "~/routes/api.v1.nominations";
import * as nominationApi from "~/routes/api.v1.nominations.$nominationId";
import * as submitApi from "~/routes/api.v1.nominations.$nominationId.submit";
import * as quotasApi from "~/routes/api.v1.review-rounds.$roundId.quotas";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as noticesApi from "~/routes/api.v1.review-rounds.$roundId.notices";
import * as levelPage from "~/routes/campaigns.$campaignId.levels.$orgId";
import * as nominationPage from "~/routes/nominations.$nominationId._index";
import * as newNominationPage from "~/routes/nominations.new";
import * as pdfRoute from "~/routes/nominations.$nominationId.form[.]pdf";
import * as xlsxRoute from "~/routes/campaigns.$campaignId.summary[.]xlsx";
import * as chartsPage from "~/routes/campaigns.$campaignId.charts";
import * as campaignPage from "~/routes/campaigns.$campaignId._index";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import ExcelJS from "exceljs";
import { SUMMARY_COLUMNS } from "~/modules/nominations/exports.server";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 13 items 2–4 and 9: campaigns, nomination forms with the grass-roots step, each
// level's list with its structure panel, quotas and 控制数, the deadline rule (N-38), and the
// review chain's return / refuse / recommend at three levels, through the API with real
// Requests, on SQLite and on PostgreSQL.

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

type Route = { action?: unknown; loader?: unknown };
async function call(route: Route, method: "GET" | "POST" | "PUT", path: string, params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const today = beijingDate(new Date());
/** A complete grass-roots step: the congress voted, the unit's notice of 5 working days has ended (rule N-31). */
const grassroots = { congressDate: addCalendarDays(today, -30), congressPresent: 100, congressFor: 90, congressAgainst: 3, localNoticeStart: addCalendarDays(today, -28), localNoticeDays: 5, localNoticeOutcome: "无异议" };

let medalRule: RatioRule;

async function newCampaign(ratioRules?: RatioRule[], extra: Record<string, unknown> = {}) {
  const created = await call(campaignsApi, "POST", "/api/v1/campaigns", {}, "manager", {
    title: `${new Date().getFullYear()}年五一劳动奖推荐${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"], awards: ["奖章", "先锋号"],
    level: "provincial", year: 2026, ...extra,
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  if (ratioRules) expect((await call(settingsApi, "POST", `/api/v1/campaigns/${id}/settings`, { campaignId: id }, "manager", { ratioRules })).status).toBe(200);
  return { id, roundId: created.body.roundId as string };
}

async function nominate(campaignId: string, over: Record<string, unknown> = {}, who = "contact", orgId = p.enterpriseA.id) {
  const res = await call(nominationsApi, "POST", "/api/v1/nominations", {}, who, {
    campaignId, award: "奖章", orgId, name: `候选人${uid().slice(0, 3)}`, categories: ["产业工人"], deedsShort: "扎根生产一线二十年，主持焊接工艺攻关。", ...grassroots, ...over,
  });
  return res;
}

async function nominateAndSubmit(campaignId: string, over: Record<string, unknown> = {}) {
  const created = await nominate(campaignId, over);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await call(submitApi, "POST", `/api/v1/nominations/${created.body.id}/submit`, { nominationId: created.body.id }, "contact");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return { id: created.body.id as string, submissionId: submitted.body.submissionId as string };
}

const level = (campaignId: string, orgId: string, who = "district") => call(levelApi, "GET", `/api/v1/campaigns/${campaignId}/levels/${orgId}`, { campaignId, orgId }, who);
const sendUp = (campaignId: string, orgId: string, who: string, reason?: string) =>
  call(sendUpApi, "POST", `/api/v1/campaigns/${campaignId}/levels/${orgId}/send-up`, { campaignId, orgId }, who, reason ? { reason } : {});
const holdBack = (campaignId: string, orgId: string, nominationId: string, heldBack: boolean, who = "district") =>
  call(heldBackApi, "POST", `/api/v1/campaigns/${campaignId}/levels/${orgId}/held-back`, { campaignId, orgId }, who, { nominationId, heldBack });
const result = (panel: { results: { id: string }[] }, id: string) => panel.results.find((r) => r.id === id) as Record<string, unknown>;

beforeAll(async () => {
  await seedPublishedCalendar();
  p = await createProvince();
  await as("organiser", p.province.id, "manager");
  await as("reviewer", p.districtA.id, "district");
  await as("reviewer", p.cityA.id, "city");
  await as("reviewer", p.province.id, "province");
  await as("grassroots_contact", p.enterpriseA.id, "contact");
  await as("grassroots_contact", p.enterpriseB.id, "otherContact");
  medalRule = { id: "medal-industrial", label: "奖章：产业工人", kind: "min_share", percent: 35, base: { field: "award", values: ["奖章"] }, match: { field: "category", values: ["产业工人"] }, hard: true, source: "N-10" };
});

describe("nomination forms: bad input gets a reason and changes nothing", () => {
  it("short deeds over 500 characters, two 人员类别, a collective award with a category", async () => {
    const { id } = await newCampaign([]);
    const before = await db.nomination.count({ where: { campaignId: id } });
    const long = await nominate(id, { deedsShort: "事".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain("简要事迹不能超过 500 字");
    const two = await nominate(id, { categories: ["产业工人", "农民工"] });
    expect(two.status).toBe(400);
    expect(two.body.error.message).toContain("人员类别必须且只能选择一项");
    const team = await nominate(id, { award: "先锋号", name: "焊接一班", categories: ["产业工人"] });
    expect(team.status).toBe(400);
    const notInCampaign = await nominate(id, { award: "奖状" });
    expect(notInCampaign.status).toBe(400);
    // the full deeds have their own limit (3,000 characters by default)
    const longDeeds = await nominate(id, { deedsLong: "迹".repeat(3001) });
    expect(longDeeds.status).toBe(400);
    expect(longDeeds.body.error.message).toContain("详细事迹不能超过 3000 字");
    // another unit's contact cannot nominate for this unit
    expect((await nominate(id, {}, "otherContact")).status).toBe(403);
    expect(await db.nomination.count({ where: { campaignId: id } })).toBe(before);
    expect((await nominate(id, { deedsLong: "迹".repeat(3000) })).status).toBe(201);
  });

  it("the campaign's review steps: 两审三公示 by default (rule N-30), the municipal 劳模 template on request (rule N-35)", async () => {
    const { id } = await newCampaign([]);
    const steps = async (campaignId: string) => ((await call(campaignApi, "GET", `/api/v1/campaigns/${campaignId}`, { campaignId }, "manager")).body.campaign.steps as { label: string; kind: string }[]);
    const national = await steps(id);
    expect(national.filter((s) => s.kind === "review").map((s) => s.label)).toEqual(["初审", "复审"]);
    expect(national.filter((s) => s.kind === "notice")).toHaveLength(3);
    expect(national.at(-1)).toMatchObject({ kind: "approve" });
    const municipal = await newCampaign([], { stepTemplate: "municipal-model-worker", awards: ["劳模"] });
    expect((await steps(municipal.id)).map((s) => s.label)).toEqual(["基层单位民主评议", "县级评审机构审核并征求意见", "市劳模评审办公室初审", "市评审委员会审定", "媒体公示", "市政府批准"]);
    const unknown = await call(campaignsApi, "POST", "/api/v1/campaigns", {}, "manager", { title: `未知模板${uid()}`, topOrgId: p.province.id, reviewingTypes: ["city"], awards: ["奖章"], level: "provincial", year: 2026, stepTemplate: "three-reviews" });
    expect(unknown.status).toBe(400);
  });

  it("reuses the member record, and refuses a member of another unit", async () => {
    const { id } = await newCampaign([]);
    const member = await createMember(p.enterpriseA.id, { name: "钱卫东" });
    const ok = await nominate(id, { memberId: member.id, name: "" });
    expect(ok.status).toBe(201);
    const stored = await db.nomination.findUniqueOrThrow({ where: { id: ok.body.id } });
    expect(stored).toMatchObject({ name: "钱卫东", sex: member.sex, memberId: member.id, ownership: "非公" });
    const stranger = await createMember(p.enterpriseB.id);
    expect((await nominate(id, { memberId: stranger.id })).status).toBe(400);
  });

  it("cannot be submitted before the congress decision and a 5-working-day unit notice (rules N-31, N-32)", async () => {
    const { id } = await newCampaign([]);
    const short = await nominate(id, { localNoticeDays: 4 });
    const res = await call(submitApi, "POST", `/api/v1/nominations/${short.body.id}/submit`, { nominationId: short.body.id }, "contact");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("不少于 5 个工作日");
    const leader = await nominate(id, { isLeader: true, pollTotal: 200, pollFor: 160 });
    const poll = await call(submitApi, "POST", `/api/v1/nominations/${leader.body.id}/submit`, { nominationId: leader.body.id }, "contact");
    expect(poll.status).toBe(400);
    expect(poll.body.error.message).toContain("民意测评赞成率 80%");
    expect(await db.reviewSubmission.count({ where: { subjectId: { in: [short.body.id, leader.body.id] } } })).toBe(0);
    // the unit's notice end is counted on the holiday calendar
    const stored = await db.nomination.findUniqueOrThrow({ where: { id: short.body.id } });
    expect(stored.localNoticeEnd! > stored.localNoticeStart!).toBe(true);
  });
});

describe("a level's list and its structure panel (rules N-10 … N-20)", () => {
  it("min share, hard: the panel shows the shortfall, the list cannot go up, holding back fixes it", async () => {
    const { id } = await newCampaign([medalRule]);
    const a = await nominateAndSubmit(id, { categories: ["产业工人"] });
    const b = await nominateAndSubmit(id, { categories: ["科教人员"] });
    const c = await nominateAndSubmit(id, { categories: ["科教人员"] });
    const list = await level(id, p.districtA.id);
    expect(list.status).toBe(200);
    expect(result(list.body.panel, "medal-industrial")).toMatchObject({ count: 1, base: 3, figure: 33.3, met: false, toReplace: 1, toAdd: 1 });
    expect(list.body.panel.mayGoUp).toBe(false);
    const blocked = await sendUp(id, p.districtA.id, "district");
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe("ratio_unmet");
    expect(blocked.body.error.message).toContain("奖章：产业工人");
    expect(await db.reviewSubmission.count({ where: { id: { in: [a.submissionId, b.submissionId, c.submissionId] }, currentLevel: 0 } })).toBe(3);
    // the city cannot touch the district's list
    expect((await holdBack(id, p.districtA.id, b.id, true, "city")).status).toBe(403);
    const panel = await holdBack(id, p.districtA.id, b.id, true);
    expect(panel.status).toBe(200);
    expect(result(panel.body, "medal-industrial")).toMatchObject({ count: 1, base: 2, figure: 50, met: true });
    const sent = await sendUp(id, p.districtA.id, "district");
    expect(sent.body).toMatchObject({ sent: 2, refused: [] });
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: b.submissionId } })).currentLevel).toBe(0);
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: a.submissionId } })).currentLevel).toBe(1);
    // the sent candidates stay in the district's figures
    expect((await level(id, p.districtA.id)).body.panel.counts).toMatchObject({ sent: 2, here: 1, heldBack: 1 });
  });

  it("advisory rules let the list go up only with a written reason", async () => {
    const { id } = await newCampaign([{ ...medalRule, hard: false }]);
    await nominateAndSubmit(id, { categories: ["科教人员"] });
    const noReason = await sendUp(id, p.districtA.id, "district");
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.code).toBe("reason_required");
    const withReason = await sendUp(id, p.districtA.id, "district", "本区产业工人候选人均未完成本单位公示，经研究先行上报");
    expect(withReason.body.sent).toBe(1);
    const event = await db.event.findFirst({ where: { action: "nomination-list.sent-up", entityId: id } });
    expect(JSON.parse(event!.after!).reason).toContain("先行上报");
  });

  it("max share, base and excluded: 企业负责人 ≤ 13 %, 县处级 ≤ 20 % of 机关事业, 厅局级 excluded (rules N-13, N-20)", async () => {
    const rules: RatioRule[] = [
      { id: "heads", label: "企业负责人", kind: "max_share", percent: 13, base: { field: "kind", values: ["individual"] }, match: { field: "category", values: ["企业负责人"] }, hard: true },
      { id: "county", label: "县处级（机关事业）", kind: "max_share", percent: 20, base: { field: "unitType", values: ["机关", "事业"] }, match: { field: "cadreRank", values: ["县处级"] }, hard: true },
      { id: "bureau", label: "厅局级不参加", kind: "excluded", match: { field: "cadreRank", values: ["厅局级"] }, hard: true },
    ];
    const { id } = await newCampaign(rules);
    for (let i = 0; i < 7; i++) await nominateAndSubmit(id, { categories: ["产业工人"] });
    const head = await nominateAndSubmit(id, { categories: ["企业负责人"] });
    const cadre = await nominateAndSubmit(id, { categories: ["县处级干部"], cadreRank: "县处级", unitType: "机关" });
    const bureau = await nominateAndSubmit(id, { categories: ["县处级干部"], cadreRank: "厅局级", unitType: "事业" });
    const panel = (await level(id, p.districtA.id)).body.panel;
    expect(result(panel, "heads")).toMatchObject({ count: 1, base: 10, figure: 10, met: true });
    expect(result(panel, "county")).toMatchObject({ count: 1, base: 2, figure: 50, met: false, toRemove: 1 });
    expect(result(panel, "bureau")).toMatchObject({ count: 1, met: false });
    await holdBack(id, p.districtA.id, bureau.id, true);
    const afterBureau = await holdBack(id, p.districtA.id, cadre.id, true);
    expect(afterBureau.body).toMatchObject({ mayGoUp: true });
    const second = await nominateAndSubmit(id, { categories: ["企业负责人"] });
    const heads = await level(id, p.districtA.id);
    expect(result(heads.body.panel, "heads")).toMatchObject({ count: 2, base: 9, figure: 22.2, met: false, toRemove: 1 });
    await holdBack(id, p.districtA.id, second.id, true);
    expect((await sendUp(id, p.districtA.id, "district")).body.sent).toBe(8);
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: head.submissionId } })).currentLevel).toBe(1);
  });

  it("名额 by category and 控制数 block the list (rules N-13, N-16)", async () => {
    const { id, roundId } = await newCampaign([]);
    const quota = await call(quotasApi, "POST", `/api/v1/review-rounds/${roundId}/quotas`, { roundId }, "manager", { orgId: p.districtA.id, category: "产业工人", limit: 1 });
    expect(quota.status).toBe(200);
    const cap = await call(capsApi, "POST", `/api/v1/campaigns/${id}/control-caps`, { campaignId: id }, "manager", { orgId: p.districtA.id, category: "企业负责人", limit: 0 });
    expect(cap.status).toBe(200);
    expect((await call(capsApi, "POST", `/api/v1/campaigns/${id}/control-caps`, { campaignId: id }, "district", { orgId: p.districtA.id, category: "企业负责人", limit: 9 })).status).toBe(403);
    const x = await nominateAndSubmit(id, { categories: ["产业工人"] });
    const y = await nominateAndSubmit(id, { categories: ["产业工人"] });
    const head = await nominateAndSubmit(id, { categories: ["企业负责人"] });
    const panel = (await level(id, p.districtA.id)).body.panel;
    expect(result(panel, "quota-产业工人")).toMatchObject({ count: 2, met: false, toRemove: 1, requirement: "≤ 1 名" });
    expect(result(panel, "cap-企业负责人")).toMatchObject({ count: 1, met: false, toRemove: 1 });
    const blocked = await sendUp(id, p.districtA.id, "district");
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.message).toContain("企业负责人控制数");
    await holdBack(id, p.districtA.id, y.id, true);
    await holdBack(id, p.districtA.id, head.id, true);
    expect((await sendUp(id, p.districtA.id, "district")).body).toMatchObject({ sent: 1 });
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: x.submissionId } })).currentLevel).toBe(1);
    // the chain's own per-candidate quota still holds: the held-back one cannot slip up alone
    const slip = await call(reviewApi, "POST", `/api/v1/submissions/${y.submissionId}/review`, { submissionId: y.submissionId }, "district", { level: 0, action: "recommend" });
    expect(slip.status).toBe(400);
    expect(slip.body.error.code).toBe("over_quota");
  });
});

describe("差额: more candidates than places where the campaign asks for it (rule N-16)", () => {
  it("120 % with 4 places filled needs 5 candidates at the level: the list cannot go up, nothing moves; one more candidate and it goes", async () => {
    const { id, roundId } = await newCampaign([], { competitivePct: 120 });
    expect((await call(quotasApi, "POST", `/api/v1/review-rounds/${roundId}/quotas`, { roundId }, "manager", { orgId: p.districtA.id, category: "产业工人", limit: 4 })).status).toBe(200);
    const four = [];
    for (let i = 0; i < 4; i++) four.push(await nominateAndSubmit(id, { categories: ["产业工人"] }));
    const panel = (await level(id, p.districtA.id)).body.panel;
    expect(result(panel, "competitive-产业工人")).toMatchObject({ kind: "competitive", hard: true, count: 4, base: 4, met: false, toAdd: 1, toRemove: 1, requirement: "≥ 120%（5 名）" });
    expect(result(panel, "quota-产业工人")).toMatchObject({ met: true });
    expect(panel.mayGoUp).toBe(false);
    const before = await db.event.count({ where: { entityId: id } });
    const blocked = await sendUp(id, p.districtA.id, "district");
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.code).toBe("competitive_shortfall");
    expect(blocked.body.error.message).toContain("差额");
    expect(blocked.body.error.message).toContain("至少 5 名");
    expect(await db.reviewSubmission.count({ where: { id: { in: four.map((n) => n.submissionId) }, currentLevel: 0 } })).toBe(4);
    expect(await db.event.count({ where: { entityId: id } })).toBe(before);
    // the English page gets the English half
    const page = await levelPage.action({
      request: makeRequest(`/campaigns/${id}/levels/${p.districtA.id}`, { method: "POST", cookie: `${cookies.district}; gs_lng=${encodeURIComponent(btoa(JSON.stringify("en")))}`, form: { intent: "send" } }),
      params: { campaignId: id, orgId: p.districtA.id }, context: ctx,
    } as never) as Response;
    const answer = await page.json() as { ok: boolean; message: string };
    expect(answer.ok).toBe(false);
    expect(answer.message).toMatch(/competitive selection/);
    expect(answer.message).not.toMatch(/差额/);
    // a fifth candidate reaches the level: one of the five is held back (名额 4), the pool of five is enough
    const fifth = await nominateAndSubmit(id, { categories: ["产业工人"] });
    const held = await holdBack(id, p.districtA.id, fifth.id, true);
    expect(result(held.body, "competitive-产业工人")).toMatchObject({ count: 5, base: 4, met: true });
    expect((await sendUp(id, p.districtA.id, "district")).body).toMatchObject({ sent: 4, refused: [] });
  });
});

describe("the chain at three levels with nominations (rule N-30)", () => {
  it("district sends up, the city returns one and refuses another, the corrected one climbs, the province approves its list", async () => {
    const { id, roundId } = await newCampaign([medalRule]);
    const worker = await createMember(p.enterpriseA.id, { name: "孙建军" });
    const a = await nominateAndSubmit(id, { categories: ["产业工人"], memberId: worker.id, name: "" });
    const b = await nominateAndSubmit(id, { categories: ["产业工人"] });
    const c = await nominateAndSubmit(id, { categories: ["产业工人"] });
    expect((await sendUp(id, p.districtA.id, "district")).body.sent).toBe(3);
    const review = (s: string, who: string, body: object) => call(reviewApi, "POST", `/api/v1/submissions/${s}/review`, { submissionId: s }, who, body);
    expect((await review(b.submissionId, "city", { level: 1, action: "return", reason: "事迹材料缺少量化数据" })).body).toMatchObject({ status: "returned", currentLevel: 1 });
    expect((await review(c.submissionId, "city", { level: 1, action: "refuse", reason: "近三年所在单位发生安全事故" })).body).toMatchObject({ status: "refused" });
    // a returned form is editable again; a submitted one was not
    const form = await db.nomination.findUniqueOrThrow({ where: { id: b.id } });
    const corrected = await call(nominationApi, "PUT", `/api/v1/nominations/${b.id}`, { nominationId: b.id }, "contact", {
      campaignId: id, award: "奖章", orgId: p.enterpriseA.id, name: form.name, categories: ["产业工人"], ...grassroots, deedsShort: "焊缝一次合格率由 96% 提升到 99.6%，年节约成本 120 万元。",
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect((await call(nominationApi, "PUT", `/api/v1/nominations/${a.id}`, { nominationId: a.id }, "contact", { campaignId: id, award: "奖章", orgId: p.enterpriseA.id, name: "改名", categories: ["产业工人"] })).status).toBe(409);
    expect((await call(submitApi, "POST", `/api/v1/nominations/${b.id}/submit`, { nominationId: b.id }, "contact")).body).toMatchObject({ status: "pending" });
    const city = await level(id, p.cityA.id, "city");
    expect(city.body.rows.map((r: { id: string; state: string }) => [r.id, r.state]).sort()).toEqual([[a.id, "here"], [b.id, "here"], [c.id, "refused"]].sort());
    expect((await sendUp(id, p.cityA.id, "city")).body.sent).toBe(2);
    // 两审三公示 in a provincial campaign: its 省级 and 全国 notices are the province's own, held and ended before it approves (rules N-30, N-33)
    const notice = await call(noticesApi, "POST", `/api/v1/review-rounds/${roundId}/notices`, { roundId }, "province", {
      orgId: p.province.id, title: "推荐对象公示", windowKind: "calendar", windowDays: 7, startsOn: addCalendarDays(today, -20), submissionIds: [a.submissionId, b.submissionId],
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    const top = await sendUp(id, p.province.id, "province");
    expect(top.body).toMatchObject({ sent: 2, approved: true });
    expect((await db.reviewSubmission.findMany({ where: { id: { in: [a.submissionId, b.submissionId] } } })).map((s) => s.status)).toEqual(["approved", "approved"]);
    expect(await db.event.count({ where: { action: "nomination-list.approved", entityId: id } })).toBe(1);
    // the approved member enters the honours register (onListApproved → recordHonour)
    const honours = await db.honour.findMany({ where: { source: "nomination", sourceId: a.id } });
    expect(honours).toHaveLength(1);
    expect(honours[0]).toMatchObject({ memberId: worker.id, level: "provincial", year: 2026 });
    expect(honours[0].title).toContain("五一劳动奖章");
    // the campaign's list says where each one ended, not a bare "submitted" (an office reads it as the outcome)
    const campaign = await call(campaignApi, "GET", `/api/v1/campaigns/${id}`, { campaignId: id }, "manager");
    const state = Object.fromEntries(campaign.body.nominations.map((n: { id: string; status: string; reviewStatus: string | null }) => [n.id, [n.status, n.reviewStatus]]));
    expect(state).toEqual({ [a.id]: ["submitted", "approved"], [b.id]: ["submitted", "approved"], [c.id]: ["submitted", "refused"] });
  });
});

describe("deadlines (rule N-38)", () => {
  it("after the deadline nothing is taken, and late or uncorrected material is withdrawn", async () => {
    const { id } = await newCampaign([], { grassrootsDeadline: addCalendarDays(today, 10) });
    const draft = await nominate(id);
    const returned = await nominateAndSubmit(id);
    const kept = await nominateAndSubmit(id);
    await call(reviewApi, "POST", `/api/v1/submissions/${returned.submissionId}/review`, { submissionId: returned.submissionId }, "district", { level: 0, action: "return", reason: "缺少公示材料" });
    expect((await call(settingsApi, "POST", `/api/v1/campaigns/${id}/settings`, { campaignId: id }, "manager", { deadlines: [{ scope: "grassroots", date: addCalendarDays(today, -1) }] })).status).toBe(200);
    const late = await nominate(id);
    expect(late.status).toBe(400);
    expect(late.body.error.message).toContain("视为自动放弃");
    const resubmit = await call(submitApi, "POST", `/api/v1/nominations/${returned.id}/submit`, { nominationId: returned.id }, "contact");
    expect(resubmit.status).toBe(400);
    const applied = await call(deadlineApi, "POST", `/api/v1/campaigns/${id}/apply-deadline`, { campaignId: id }, "manager");
    expect(applied.body).toMatchObject({ withdrawn: 2 });
    expect((await db.nomination.findUniqueOrThrow({ where: { id: draft.body.id } })).status).toBe("withdrawn");
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: returned.submissionId } })).status).toBe("withdrawn");
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: kept.submissionId } })).status).toBe("pending");
    const campaign = await call(campaignApi, "GET", `/api/v1/campaigns/${id}`, { campaignId: id }, "manager");
    expect(campaign.body.nominations.filter((n: { status: string }) => n.status === "withdrawn")).toHaveLength(2);
  });
});

describe("pages and exports (issue 13 item 8)", () => {
  const page = async (route: { loader?: unknown; action?: unknown }, path: string, params: Record<string, string>, who: string, form?: Record<string, string>) => {
    const fn = (form ? route.action : route.loader) as (args: unknown) => Promise<Response | unknown>;
    try {
      const out = await fn({ request: makeRequest(path, { cookie: cookies[who], form }), params, context: ctx });
      return out instanceof Response ? out : Response.json(out);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };

  it("the level page ticks a candidate off the list and answers the new panel; the send form reports a blocked list", async () => {
    const { id } = await newCampaign([medalRule]);
    const a = await nominateAndSubmit(id, { categories: ["科教人员"] });
    await nominateAndSubmit(id, { categories: ["产业工人"] });
    const params = { campaignId: id, orgId: p.districtA.id };
    const loaded = await (await page(levelPage, `/campaigns/${id}/levels/${p.districtA.id}`, params, "district")).json();
    expect(loaded.panel.mayGoUp).toBe(true);
    expect(loaded.rows).toHaveLength(2);
    const put = await (await page(levelPage, `/campaigns/${id}/levels/${p.districtA.id}`, params, "district", { intent: "hold", nominationId: a.id, heldBack: "true" })).json();
    expect(put.panel.counts).toMatchObject({ included: 1, heldBack: 1 });
    const back = await (await page(levelPage, `/campaigns/${id}/levels/${p.districtA.id}`, params, "district", { intent: "hold", nominationId: a.id, heldBack: "false" })).json();
    expect(back.panel.counts.included).toBe(2);
    await nominateAndSubmit(id, { categories: ["科教人员"] });
    const blocked = await page(levelPage, `/campaigns/${id}/levels/${p.districtA.id}`, params, "district", { intent: "send" });
    expect(blocked.status).toBe(422);
    expect((await blocked.json()).message).toContain("结构比例未达要求");
    // a worker of another unit sees nothing of it
    expect((await page(levelPage, `/campaigns/${id}/levels/${p.districtA.id}`, params, "otherContact")).status).toBe(403);
    // the campaign page offers each reviewer the lists it may open, and no other: the city's
    // reviewer is not sent to the district's list (which answers 403), the district's reviewer is
    const offered = async (who: string) => ((await (await page(campaignPage, `/campaigns/${id}`, { campaignId: id }, who)).json()).levels as { id: string }[]).map((l) => l.id);
    expect(await offered("city")).toEqual([p.cityA.id]);
    expect((await page(levelPage, `/campaigns/${id}/levels/${p.districtA.id}`, params, "city")).status).toBe(403);
    expect(await offered("district")).toEqual([p.districtA.id]);
    expect(await offered("manager")).toEqual(expect.arrayContaining([p.province.id, p.cityA.id, p.districtA.id]));
  });

  it("the forms: a new nomination from the page, the returned message on bad input, and the form page", async () => {
    const { id } = await newCampaign([]);
    expect((await page(newNominationPage, `/nominations/new?campaign=${id}`, {}, "contact")).status).toBe(200);
    const bad = await page(newNominationPage, `/nominations/new?campaign=${id}`, {}, "contact", { campaignId: id, award: "奖章", orgId: p.enterpriseA.id, name: "吴", deedsShort: "字".repeat(501) });
    expect(bad.status).toBe(400);
    const created = await page(newNominationPage, `/nominations/new?campaign=${id}`, {}, "contact", { campaignId: id, award: "先锋号", orgId: p.enterpriseA.id, name: "焊接一班", isTeamOrOffice: "on", deedsShort: "连续五年零事故。" });
    expect(created.status).toBe(302);
    const nominationId = created.headers.get("Location")!.split("/").pop()!;
    expect(await db.nomination.findUniqueOrThrow({ where: { id: nominationId } })).toMatchObject({ kind: "collective", isTeamOrOffice: true, status: "draft" });
    const view = await (await page(nominationPage, `/nominations/${nominationId}`, { nominationId }, "contact")).json();
    expect(view.editable).toBe(true);
    expect((await page(nominationPage, `/nominations/${nominationId}`, { nominationId }, "otherContact")).status).toBe(404);
  });

  it("推荐审批表 PDF, 汇总表 xlsx in the usual column order, and the structure breakdown", async () => {
    const { id } = await newCampaign([]);
    const member = await createMember(p.enterpriseA.id, { name: "郑晓峰" });
    const n = await nominateAndSubmit(id, { memberId: member.id, name: "", categories: ["产业工人"], isMigrantWorker: true, education: "大学专科" });
    await nominateAndSubmit(id, { award: "先锋号", name: "装配二班", categories: [], isTeamOrOffice: true });

    const pdf = await page(pdfRoute, `/nominations/${n.id}/form.pdf`, { nominationId: n.id }, "contact");
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), isEvalSupported: false, useSystemFonts: false }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
    expect(text).toContain("五一劳动奖章推荐审批表");
    expect(text).toContain("郑晓峰");
    expect(text).toContain("（盖章）");
    expect(text).toContain("负责人签字");
    expect(text).not.toMatch(/\d{17}[\dX]/);

    const xlsx = await page(xlsxRoute, `/campaigns/${id}/summary.xlsx`, { campaignId: id }, "manager");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([...SUMMARY_COLUMNS]);
    const names = [sheet.getRow(3).getCell(3).value, sheet.getRow(4).getCell(3).value];
    expect(names).toEqual(expect.arrayContaining(["郑晓峰", "装配二班"]));

    const charts = await (await page(chartsPage, `/campaigns/${id}/charts`, { campaignId: id }, "manager")).json();
    expect(charts.total).toBe(2);
    expect(charts.byCategory.find((b: { label: string }) => b.label === "产业工人").value).toBe(1);
    expect(charts.byEducation).toEqual([{ label: "专科及以上", value: 1 }, { label: "专科以下", value: 0 }]);
  });
});
