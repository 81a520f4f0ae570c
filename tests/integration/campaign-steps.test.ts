import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { seedPublishedCalendar } from "~/modules/calendar/calendar.server";
import { addCalendarDays, beijingDate } from "~/modules/calendar/working-days";
import * as campaignsApi from "~/routes/api.v1.campaigns";
import * as campaignApi from "~/routes/api.v1.campaigns.$campaignId";
import * as levelApi from "~/routes/api.v1.campaigns.$campaignId.levels.$orgId";
import * as sendUpApi from "~/routes/api.v1.campaigns.$campaignId.levels.$orgId.send-up";
import * as nominationsApi from "~/routes/api.v1.nominations";
import * as submitApi from "~/routes/api.v1.nominations.$nominationId.submit";
import * as noticesApi from "~/routes/api.v1.review-rounds.$roundId.notices";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as campaignPage from "~/routes/campaigns.$campaignId._index";
import * as levelPage from "~/routes/campaigns.$campaignId.levels.$orgId";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 13 item 2: the campaign's own review steps decide what a level must have done before it
// sends its list up or approves it (rules N-30 两审三公示, N-35 the municipal 劳模 template,
// N-31, N-33, N-34). A send-up or approval out of step order is refused with the step named and
// writes nothing; in order it passes and its event names the step it completed. Through the API
// and the pages with real Requests, on SQLite and on PostgreSQL.

let p: Awaited<ReturnType<typeof createProvince>>;
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};

async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}

type Route = { action?: unknown; loader?: unknown };
async function call(route: Route, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const today = beijingDate(new Date());
const grassroots = { congressDate: addCalendarDays(today, -30), congressPresent: 100, congressFor: 90, congressAgainst: 3, localNoticeStart: addCalendarDays(today, -28), localNoticeDays: 5, localNoticeOutcome: "无异议" };

async function newCampaign(who: string, body: Record<string, unknown>) {
  const created = await call(campaignsApi, "POST", "/api/v1/campaigns", {}, who, { title: `评选步骤${uid()}`, awards: ["奖章"], year: 2026, ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, roundId: created.body.roundId as string };
}

async function nominateAndSubmit(campaignId: string, over: Record<string, unknown> = {}) {
  const created = await call(nominationsApi, "POST", "/api/v1/nominations", {}, "contact", {
    campaignId, award: "奖章", orgId: p.enterpriseA.id, name: `候选人${uid().slice(0, 3)}`, categories: ["产业工人"], deedsShort: "扎根生产一线二十年，主持焊接工艺攻关。", ...grassroots, ...over,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await call(submitApi, "POST", `/api/v1/nominations/${created.body.id}/submit`, { nominationId: created.body.id }, "contact");
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return { id: created.body.id as string, submissionId: submitted.body.submissionId as string };
}

// (the default advisory ratio rules ask for a written reason, rule N-10)
const sendUp = (campaignId: string, orgId: string, who: string) => call(sendUpApi, "POST", `/api/v1/campaigns/${campaignId}/levels/${orgId}/send-up`, { campaignId, orgId }, who, { reason: "本级推荐对象均为产业工人" });

/** A notice of the level that ran 7 days from 20 days ago: ended, no objection (rule N-33). */
async function endedNotice(roundId: string, orgId: string, submissionIds: string[], who: string) {
  const opened = await call(noticesApi, "POST", `/api/v1/review-rounds/${roundId}/notices`, { roundId }, who, {
    orgId, title: "推荐对象公示", contact: "0571-87654321", windowKind: "calendar", windowDays: 7, startsOn: addCalendarDays(today, -20), submissionIds,
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
}

/** What a refused action could have written: the chain's rows and the campaign's and submissions' events. */
async function trace(campaignId: string, submissionIds: string[]) {
  const [subs, decisions, events] = await Promise.all([
    db.reviewSubmission.findMany({ where: { id: { in: submissionIds } }, select: { id: true, status: true, currentLevel: true }, orderBy: { id: "asc" } }),
    db.reviewDecision.count({ where: { submissionId: { in: submissionIds } } }),
    db.event.count({ where: { entityId: { in: [campaignId, ...submissionIds] } } }),
  ]);
  return { subs, decisions, events };
}

type StepView = { key: string; label: string; labelEn: string; status: string; missing: { zh: string; en: string } | null };
const stepsOf = async (campaignId: string, who: string) => (await call(campaignApi, "GET", `/api/v1/campaigns/${campaignId}`, { campaignId }, who)).body.campaign.steps as StepView[];
const statusOf = (steps: StepView[]) => Object.fromEntries(steps.map((s) => [s.key, s.status]));

beforeAll(async () => {
  await seedPublishedCalendar();
  p = await createProvince();
  await as("organiser", p.national.id, "nationalManager");
  await as("organiser", p.province.id, "manager");
  await as("reviewer", p.national.id, "national");
  await as("reviewer", p.province.id, "province");
  await as("reviewer", p.cityA.id, "city");
  await as("reviewer", p.districtA.id, "district");
  await as("grassroots_contact", p.enterpriseA.id, "contact");
});

describe("两审三公示 in a national campaign (rule N-30): province → 全总", () => {
  it("初审 waits for the province's notice, the approval for the national notice; in order both pass and their events name the step", async () => {
    const { id, roundId } = await newCampaign("nationalManager", { topOrgId: p.national.id, reviewingTypes: ["provincial"], level: "national" });
    const a = await nominateAndSubmit(id);
    const b = await nominateAndSubmit(id);
    const subs = [a.submissionId, b.submissionId];

    // the tracker: the unit's notice done (rule N-31), the province's notice is what is missing
    const first = await stepsOf(id, "nationalManager");
    expect(statusOf(first)).toMatchObject({ "grassroots-notice": "done", "first-review": "pending", "provincial-notice": "current", approve: "pending" });
    expect(first.find((s) => s.key === "provincial-notice")!.missing!.zh).toMatch(/尚未举行公示（2 名候选人）$/);
    expect(first.find((s) => s.key === "provincial-notice")!.labelEn).toBe("Provincial notice");

    // out of order: the province sends up before its notice → refused, the step named, nothing written
    const before = await trace(id, subs);
    const early = await sendUp(id, p.province.id, "province");
    expect(early.status, JSON.stringify(early.body)).toBe(409);
    expect(early.body.error.code).toBe("step_not_done");
    expect(early.body.error.message).toMatch(/^评选步骤「省级公示」尚未完成，不能上报：.+尚未举行公示（候选人/);
    expect(await trace(id, subs)).toEqual(before);
    // the chain's own API holds a single candidate the same way
    const single = await call(reviewApi, "POST", `/api/v1/submissions/${a.submissionId}/review`, { submissionId: a.submissionId }, "province", { level: 0, action: "recommend" });
    expect(single.status).toBe(409);
    expect(single.body.error.message).toMatch(/^评选步骤「省级公示」尚未完成/);
    expect(await trace(id, subs)).toEqual(before);

    // in order: the province's notice has ended → the list goes up, 初审 completed
    await endedNotice(roundId, p.province.id, subs, "province");
    const up = await sendUp(id, p.province.id, "province");
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ sent: 2, refused: [], approved: false });
    const sentEvent = await db.event.findFirstOrThrow({ where: { action: "nomination-list.sent-up", entityId: id } });
    expect(JSON.parse(sentEvent.after!).completedSteps).toEqual(["first-review"]);
    expect(statusOf(await stepsOf(id, "nationalManager"))).toMatchObject({ "first-review": "done", "provincial-notice": "done", "second-review": "done", consult: "done", "national-notice": "current", approve: "pending" });

    // out of order at 全总: no national notice → the approval is refused, nothing written
    const atTop = await trace(id, subs);
    const approveEarly = await sendUp(id, p.national.id, "national");
    expect(approveEarly.status).toBe(409);
    expect(approveEarly.body.error.message).toMatch(/^评选步骤「全国公示（5天）」尚未完成，不能批准/);
    expect(await trace(id, subs)).toEqual(atTop);
    expect(await db.honour.count({ where: { source: "nomination", sourceId: { in: [a.id, b.id] } } })).toBe(0);

    await endedNotice(roundId, p.national.id, subs, "national");
    const approved = await sendUp(id, p.national.id, "national");
    expect(approved.body).toMatchObject({ sent: 2, approved: true });
    const approvedEvent = await db.event.findFirstOrThrow({ where: { action: "nomination-list.approved", entityId: id } });
    expect(JSON.parse(approvedEvent.after!).completedSteps).toEqual(["approve"]);
    expect(Object.values(statusOf(await stepsOf(id, "nationalManager")))).toEqual(Array(7).fill("done"));
  });
});

describe("the municipal 劳模 template (rule N-35): county → city", () => {
  it("征求意见 at the county step before the county sends up; 媒体公示 before 市政府批准", async () => {
    const { id, roundId } = await newCampaign("manager", { topOrgId: p.cityA.id, reviewingTypes: ["county"], level: "city", stepTemplate: "municipal-model-worker" });
    const a = await nominateAndSubmit(id);
    const subs = [a.submissionId];
    // the county asked the tax department about the candidate (rule N-34); the answer is not in yet
    const dept = await db.organisation.findFirstOrThrow({ where: { id: p.districtA.id } });
    const task = await db.consultationTask.create({
      data: {
        subjectType: "honours.nomination", subjectId: a.id, submissionId: a.submissionId, candidateName: "候选人", candidateType: "enterprise_head", department: "tax",
        departmentOrgId: dept.id, askedByOrgId: p.districtA.id, askedByOrgPath: dept.path, dueOn: new Date(`${addCalendarDays(today, 10)}T00:00:00Z`),
      },
    });
    const before = await trace(id, subs);
    const early = await sendUp(id, p.districtA.id, "district");
    expect(early.status, JSON.stringify(early.body)).toBe(409);
    expect(early.body.error.message).toMatch(/^评选步骤「县级评审机构审核并征求意见」尚未完成，不能上报：正在征求税务部门意见/);
    expect(await trace(id, subs)).toEqual(before);
    // the county's level page shows the tracker with the missing consultation
    const page = await levelPage.loader({ request: makeRequest(`/campaigns/${id}/levels/${p.districtA.id}`, { cookie: cookies.district }), params: { campaignId: id, orgId: p.districtA.id }, context: ctx } as never) as { steps: StepView[] };
    expect(page.steps.find((s) => s.status === "current")).toMatchObject({ key: "county-review", missing: { zh: expect.stringContaining("正在征求税务部门意见") } });

    await db.consultationTask.update({ where: { id: task.id }, data: { status: "no_objection", answeredAt: new Date() } });
    const up = await sendUp(id, p.districtA.id, "district");
    expect(up.body).toMatchObject({ sent: 1, approved: false });

    // the city government cannot approve before the media notice has ended
    const atCity = await trace(id, subs);
    const approveEarly = await sendUp(id, p.cityA.id, "city");
    expect(approveEarly.status).toBe(409);
    expect(approveEarly.body.error.message).toMatch(/^评选步骤「媒体公示」尚未完成，不能批准/);
    expect(await trace(id, subs)).toEqual(atCity);
    // the campaign page shows the same, in English too
    const html = await campaignPage.loader({ request: makeRequest(`/campaigns/${id}`, { cookie: cookies.manager }), params: { campaignId: id }, context: ctx } as never) as { campaign: { steps: StepView[] } };
    expect(html.campaign.steps.find((s) => s.status === "current")).toMatchObject({ key: "media-notice", labelEn: "Media notice" });

    await endedNotice(roundId, p.cityA.id, subs, "city");
    expect((await sendUp(id, p.cityA.id, "city")).body).toMatchObject({ sent: 1, approved: true });
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: a.submissionId } })).status).toBe("approved");
    // the level's list API answers the tracker too
    const list = await call(levelApi, "GET", `/api/v1/campaigns/${id}/levels/${p.cityA.id}`, { campaignId: id, orgId: p.cityA.id }, "city");
    expect(list.body.steps.every((s: StepView) => s.status === "done")).toBe(true);
  });
});
