import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import { seedPublishedCalendar } from "~/modules/calendar/calendar.server";
import { beijingDate, addCalendarDays } from "~/modules/calendar/working-days";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as quotasApi from "~/routes/api.v1.review-rounds.$roundId.quotas";
import * as roundSubmissionsApi from "~/routes/api.v1.review-rounds.$roundId.submissions";
import * as noticesApi from "~/routes/api.v1.review-rounds.$roundId.notices";
import * as queueApi from "~/routes/api.v1.review-queue";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as resubmitApi from "~/routes/api.v1.submissions.$submissionId.resubmit";
import * as withdrawApi from "~/routes/api.v1.submissions.$submissionId.withdraw";
import * as publicNoticeApi from "~/routes/api.v1.public.notices.$code";
import * as objectionApi from "~/routes/api.v1.public.notices.$code.objections";
import * as assignApi from "~/routes/api.v1.objections.$objectionId.assign";
import * as findingApi from "~/routes/api.v1.objections.$objectionId.finding";
import * as calendarApi from "~/routes/api.v1.calendar";
import * as reviewSettingsApi from "~/routes/api.v1.review-settings";
import { NOTICE_MESSAGES } from "~/modules/review-chain/notice-rules";
import * as publicPage from "~/routes/notices.$code";
import * as letterRoute from "~/routes/review-notices.$noticeId.letters.$objectionId";
import * as queuePage from "~/routes/reviews._index";
import * as submissionPage from "~/routes/reviews.$submissionId";
import * as roundPage from "~/routes/review-rounds.$roundId";
import * as calendarPage from "~/routes/admin.calendar";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 13, the shared review chain (rule N-30) and 公示 with objections (rules N-31, N-33),
// driven through the API routes with real Requests, on SQLite and on PostgreSQL.

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
  const response = await fn({ request: makeRequest(path, { method, token: who ? tokens[who] : undefined, json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

let roundId: string;

async function submit(title: string, category = "", unitId = p.enterpriseA.id) {
  const user = (await loadUserForToken(userIds.contact, "t"))!;
  return db.$transaction((tx) => submitForReview(tx, user, { roundId, subjectType: "honours.nomination", subjectId: `subject-${uid()}`, title, category, submitterOrgId: unitId }, { userId: user.id, requestId: null }));
}

const review = (id: string, who: string, body: object) => call(reviewApi, "POST", `/api/v1/submissions/${id}/review`, { submissionId: id }, who, body);

beforeAll(async () => {
  p = await createProvince();
  await as("organiser", p.province.id, "manager");
  await as("reviewer", p.districtA.id, "district");
  await as("reviewer", p.cityA.id, "city");
  await as("reviewer", p.province.id, "province");
  await as("grassroots_contact", p.enterpriseA.id, "contact");
  await as("grassroots_contact", p.enterpriseB.id, "otherContact");
  const created = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "manager", {
    subjectType: "honours.nomination", title: `五一劳动奖章推荐${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"],
  });
  expect(created.status).toBe(201);
  roundId = created.body.id;
});

describe("review chain at three levels (rule N-30)", () => {
  it("climbs district → city → province, lowest first, and approves at the top", async () => {
    const s = await submit("王建国 · 焊工");
    expect(JSON.parse(s.levels)).toEqual([p.districtA.id, p.cityA.id, p.province.id]);
    // the city cannot act while it waits at the district
    expect((await review(s.id, "city", { level: 0, action: "recommend" })).status).toBe(403);
    const queue = await call(queueApi, "GET", "/api/v1/review-queue", {}, "district");
    expect(queue.body.toReview.map((x: { id: string }) => x.id)).toContain(s.id);
    expect((await review(s.id, "district", { level: 0, action: "recommend" })).body).toMatchObject({ status: "pending", currentLevel: 1, decision: "recommended" });
    expect((await review(s.id, "city", { level: 1, action: "recommend" })).body).toMatchObject({ status: "pending", currentLevel: 2 });
    expect((await review(s.id, "province", { level: 2, action: "recommend" })).body).toMatchObject({ status: "approved", decision: "approved" });
    const events = await db.event.findMany({ where: { entityType: "ReviewSubmission", entityId: s.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["review.submitted", "review.recommended", "review.recommended", "review.approved"]);
  });

  it("a return needs a reason and comes back to the same level after resubmission", async () => {
    const s = await submit("李秀英 · 护士");
    await review(s.id, "district", { level: 0, action: "recommend" });
    const noReason = await review(s.id, "city", { level: 1, action: "return" });
    expect(noReason.status).toBe(409);
    expect(noReason.body.error.message).toContain("原因");
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("pending");
    expect((await review(s.id, "city", { level: 1, action: "return", reason: "缺少职代会决议" })).body).toMatchObject({ status: "returned", currentLevel: 1 });
    // someone else's unit cannot resubmit it
    expect((await call(resubmitApi, "POST", `/api/v1/submissions/${s.id}/resubmit`, { submissionId: s.id }, "otherContact")).status).toBe(403);
    expect((await call(resubmitApi, "POST", `/api/v1/submissions/${s.id}/resubmit`, { submissionId: s.id }, "contact")).body).toMatchObject({ status: "pending", currentLevel: 1 });
  });

  it("a refusal at the province is final", async () => {
    const s = await submit("赵志强 · 钳工");
    await review(s.id, "district", { level: 0, action: "recommend" });
    await review(s.id, "city", { level: 1, action: "recommend" });
    expect((await review(s.id, "province", { level: 2, action: "refuse", reason: "事迹与实际不符" })).body).toMatchObject({ status: "refused" });
    expect((await review(s.id, "province", { level: 2, action: "recommend" })).status).toBe(409);
    expect((await call(withdrawApi, "POST", `/api/v1/submissions/${s.id}/withdraw`, { submissionId: s.id }, "contact", {})).status).toBe(409);
  });

  it("a level recommends within its quota per category (rule N-16); a withdrawn one frees its place", async () => {
    const set = await call(quotasApi, "POST", `/api/v1/review-rounds/${roundId}/quotas`, { roundId }, "manager", { orgId: p.districtA.id, category: "农民工", limit: 1 });
    expect(set.status).toBe(200);
    expect((await call(quotasApi, "POST", `/api/v1/review-rounds/${roundId}/quotas`, { roundId }, "district", { orgId: p.districtA.id, category: "农民工", limit: 9 })).status).toBe(403);
    const a = await submit("农民工甲", "农民工");
    const b = await submit("农民工乙", "农民工");
    const c = await submit("产业工人丙", "产业工人");
    expect((await review(a.id, "district", { level: 0, action: "recommend" })).status).toBe(200);
    const over = await review(b.id, "district", { level: 0, action: "recommend" });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe("over_quota");
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: b.id } })).currentLevel).toBe(0);
    expect((await review(c.id, "district", { level: 0, action: "recommend" })).status).toBe(200);
    await call(withdrawApi, "POST", `/api/v1/submissions/${a.id}/withdraw`, { submissionId: a.id }, "contact", { reason: "本人放弃" });
    expect((await review(b.id, "district", { level: 0, action: "recommend" })).status).toBe(200);
  });

  it("lists a round's submissions only to those who may see them", async () => {
    const mine = await call(roundSubmissionsApi, "GET", `/api/v1/review-rounds/${roundId}/submissions`, { roundId }, "contact");
    expect(mine.body.items.length).toBeGreaterThan(0);
    const other = await call(roundSubmissionsApi, "GET", `/api/v1/review-rounds/${roundId}/submissions`, { roundId }, "otherContact");
    expect(other.body.items).toEqual([]);
  });
});

describe("holiday calendar", () => {
  it("is kept as data: the administrator adds a day, others may not", async () => {
    await as("admin", p.national.id, "admin");
    const saved = await call(calendarApi, "POST", "/api/v1/calendar", {}, "admin", { date: "2031-05-01", kind: "holiday", name: "劳动节" });
    expect(saved.body).toEqual({ date: "2031-05-01", kind: "holiday", name: "劳动节" });
    expect((await call(calendarApi, "POST", "/api/v1/calendar", {}, "city", { date: "2031-05-02", kind: "holiday", name: "劳动节" })).status).toBe(403);
    // An administrator of one city may not change the calendar every city counts on (issue 10, item 4).
    await as("admin", p.cityB.id, "cityAdmin");
    expect((await call(calendarApi, "POST", "/api/v1/calendar", {}, "cityAdmin", { date: "2031-05-03", kind: "holiday", name: "劳动节" })).status).toBe(403);
    const bad = await call(calendarApi, "POST", "/api/v1/calendar", {}, "admin", { date: "2031-02-30", kind: "holiday", name: "x" });
    expect(bad.status).toBe(400);
    const list = await call(calendarApi, "GET", "/api/v1/calendar?year=2031", {}, "city");
    expect(list.body.items).toEqual([{ date: "2031-05-01", kind: "holiday", name: "劳动节" }]);
  });
});

describe("公示 and objections (rules N-31, N-33)", () => {
  async function atCity(title: string) {
    const s = await submit(title);
    await review(s.id, "district", { level: 0, action: "recommend" });
    return s;
  }
  const openAtCity = (body: object) => call(noticesApi, "POST", `/api/v1/review-rounds/${roundId}/notices`, { roundId }, "city", { orgId: p.cityA.id, title: "推荐对象公示", contact: "0571-87654321", ...body });

  it("counts a 5-working-day window across 劳动节 and its 调休 Saturday", async () => {
    await seedPublishedCalendar();
    const s = await atCity("孙丽 · 质检员");
    const opened = await openAtCity({ windowKind: "working", windowDays: 5, startsOn: "2026-04-30", submissionIds: [s.id] });
    expect(opened.status).toBe(201);
    expect(opened.body.endsOn).toBe("2026-05-09");
    // the window is long past (the notice ended), so the city may now recommend
    expect((await review(s.id, "city", { level: 1, action: "recommend" })).status).toBe(200);
  });

  it("refuses a window shorter than the setting, and candidates not waiting at the level", async () => {
    const s = await atCity("周敏 · 养老护理员");
    const short = await openAtCity({ windowKind: "calendar", windowDays: 3, startsOn: "2026-04-30", submissionIds: [s.id] });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe("window_too_short");
    const notHere = await submit("未到本级");
    const wrong = await openAtCity({ windowKind: "calendar", windowDays: 7, startsOn: "2026-04-30", submissionIds: [notHere.id] });
    expect(wrong.status).toBe(400);
    expect(await db.publicNotice.count({ where: { roundId, entries: { some: { submissionId: { in: [s.id, notHere.id] } } } } })).toBe(0);
  });

  it("shows only public fields, takes objections, holds approval until 核查 is done, and withdraws on a founded objection", async () => {
    const idNumber = "330106199001011234";
    const member = await createMember(p.enterpriseA.id, { name: `公示人${uid().slice(0, 3)}` });
    const kept = await atCity(member.name);
    const dropped = await atCity("钱立 · 电工");
    const today = beijingDate(new Date());
    const opened = await openAtCity({ windowKind: "calendar", windowDays: 7, startsOn: addCalendarDays(today, -1), submissionIds: [kept.id, dropped.id] });
    expect(opened.status).toBe(201);
    const code = opened.body.publicCode;

    const page = await call(publicNoticeApi, "GET", `/api/v1/public/notices/${code}`, { code });
    expect(page.status).toBe(200);
    expect(page.body.entries.map((e: { name: string }) => e.name)).toEqual([member.name, "钱立 · 电工"]);
    expect(Object.keys(page.body.entries[0]).sort()).toEqual(["deeds", "id", "name", "post", "sex", "unit"]);
    expect(JSON.stringify(page.body)).not.toContain(member.idNumberMasked);
    expect(JSON.stringify(page.body)).not.toContain(idNumber);
    // the public page (no sign-in) answers too
    const html = await publicPage.loader({ request: makeRequest(`/notices/${code}`), params: { code }, context: ctx } as never);
    expect(JSON.stringify(html)).toContain("钱立");

    const [keptEntry, droppedEntry] = page.body.entries;
    const file = (json: object) => call(objectionApi, "POST", `/api/v1/public/notices/${code}/objections`, { code }, undefined, json);
    const noName = await file({ entryId: keptEntry.id, kind: "individual", phone: "13805712345", content: "获奖材料有虚报" });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toContain("真实姓名");
    const noPhone = await file({ entryId: keptEntry.id, kind: "individual", realName: "陈建华", content: "获奖材料有虚报" });
    expect(noPhone.status).toBe(400);
    const noLetter = await file({ entryId: keptEntry.id, kind: "unit", unitName: "杭州锅炉集团股份有限公司", content: "获奖材料有虚报" });
    expect(noLetter.status).toBe(400);
    expect(await db.noticeObjection.count({ where: { noticeId: opened.body.id } })).toBe(0);

    const anonymous = await file({ entryId: keptEntry.id, kind: "anonymous", content: "听说此人迟到早退" });
    expect(anonymous.body).toMatchObject({ kind: "anonymous", toExamine: false, status: "recorded" });
    const real = await file({ entryId: keptEntry.id, kind: "individual", realName: "陈建华", phone: "13805712345", content: "获奖材料有虚报" });
    expect(real.status).toBe(201);
    const founded = await file({ entryId: droppedEntry.id, kind: "individual", realName: "林芳", phone: "0571-86001234", content: "曾受行政处分未如实填报" });

    // the notice has not ended, and objections are open: the city cannot send either up
    const held = await review(kept.id, "city", { level: 1, action: "recommend" });
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe("notice_hold");

    const finding = (id: string, body: object) => call(findingApi, "POST", `/api/v1/objections/${id}/finding`, { objectionId: id }, "city", body);
    expect((await finding(real.body.id, { finding: "经核查材料属实", outcome: "keep" })).status).toBe(409); // not assigned yet
    expect((await call(assignApi, "POST", `/api/v1/objections/${real.body.id}/assign`, { objectionId: real.body.id }, "city", { assigneeId: userIds.contact })).status).toBe(400);
    expect((await call(assignApi, "POST", `/api/v1/objections/${real.body.id}/assign`, { objectionId: real.body.id }, "city", { assigneeId: userIds.city })).status).toBe(200);
    expect((await finding(real.body.id, { finding: "经核查，获奖材料真实，异议不成立", outcome: "keep" })).body).toMatchObject({ status: "closed", outcome: "keep" });
    await call(assignApi, "POST", `/api/v1/objections/${founded.body.id}/assign`, { objectionId: founded.body.id }, "city", { assigneeId: userIds.city });
    expect((await finding(founded.body.id, { finding: "处分属实且未填报", outcome: "withdraw" })).status).toBe(200);

    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: dropped.id } })).status).toBe("refused");
    const after = await call(publicNoticeApi, "GET", `/api/v1/public/notices/${code}`, { code });
    expect(after.body.entries.map((e: { name: string }) => e.name)).toEqual([member.name]);
    // still held: the window has not ended
    expect((await review(kept.id, "city", { level: 1, action: "recommend" })).body.error.message).toContain("公示期");

    const actions = (await db.event.findMany({ where: { orgId: p.cityA.id, action: { startsWith: "objection." } } })).map((e) => e.action);
    expect(actions.filter((a) => a === "objection.filed")).toHaveLength(3);
    expect(actions).toContain("objection.assigned");
    expect(actions).toContain("objection.decided");
    expect(await db.event.count({ where: { action: "notice.entry-withdrawn", entityId: droppedEntry.id } })).toBe(1);
  });

  it("a unit's objection comes with its sealed letter on the public page, which carries the QR code; only the level's reviewers read the letter", async () => {
    const s = await atCity("韩梅 · 电焊工");
    const opened = await openAtCity({ windowKind: "calendar", windowDays: 7, startsOn: beijingDate(new Date()), submissionIds: [s.id] });
    expect(opened.status).toBe(201);
    const code = opened.body.publicCode;
    // the public page: printable, with the QR code of its own address
    const loaded = (await publicPage.loader({ request: makeRequest(`/notices/${code}`), params: { code }, context: ctx } as never)) as { url: string; qrSvg: string };
    expect(loaded.url).toMatch(new RegExp(`/notices/${code}$`));
    expect(loaded.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const entryId = (await call(publicNoticeApi, "GET", `/api/v1/public/notices/${code}`, { code })).body.entries[0].id;
    const post = async (fields: Record<string, string>, letter?: File) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      if (letter) form.set("letter", letter);
      const result = await publicPage.action({ request: makeRequest(`/notices/${code}`, { method: "POST", body: form }), params: { code }, context: ctx } as never);
      return result instanceof Response ? { status: result.status, body: await result.json() } : { status: 200, body: result as Record<string, unknown> };
    };
    const fields = { entryId, kind: "unit", unitName: "杭州锅炉集团股份有限公司工会", phone: "0571-86660000", content: "该同志所报技术革新成果系集体完成" };
    // without the letter: a clear reason, nothing kept
    const bare = await post(fields);
    expect(bare.body).toMatchObject({ ok: false });
    expect(String(bare.body.message)).toMatch(/加盖公章/);
    expect(await db.noticeObjection.count({ where: { noticeId: opened.body.id } })).toBe(0);
    const bytes = `%PDF-1.4\n% ${uid()}\n%%EOF\n`;
    const filed = await post(fields, new File([new TextEncoder().encode(bytes)], "异议函（盖章）.pdf", { type: "application/pdf" }));
    expect(filed.body).toMatchObject({ ok: true, anonymous: false });
    const objection = await db.noticeObjection.findFirstOrThrow({ where: { noticeId: opened.body.id } });
    expect(objection).toMatchObject({ kind: "unit", unitName: "杭州锅炉集团股份有限公司工会", toExamine: true });
    expect(objection.letterFileId).not.toBeNull();

    const letter = async (userId: string) => {
      // a refusal is thrown as a Response, as Remix does
      const response = await letterRoute.loader({ request: makeRequest(`/review-notices/${opened.body.id}/letters/${objection.id}`, { cookie: await sessionCookieFor(userId) }), params: { noticeId: opened.body.id, objectionId: objection.id }, context: ctx } as never).catch((thrown: unknown) => thrown as Response);
      return { status: response.status, text: await response.text(), csp: response.headers.get("Content-Security-Policy") };
    };
    // the city's reviewer reads the letter as filed, sandboxed like every stored file (a member of
    // the public uploaded it); the unit's contact and another level may not
    const read = await letter(userIds.city);
    expect(read).toMatchObject({ status: 200, text: bytes });
    expect(read.csp).toContain("sandbox");
    expect((await letter(userIds.contact)).status).toBe(403);
    expect((await letter(userIds.district)).status).toBe(403);
  });

  it("takes no objection outside the window", async () => {
    const s = await atCity("吴刚 · 桥吊司机");
    const opened = await openAtCity({ windowKind: "calendar", windowDays: 5, startsOn: "2026-01-05", submissionIds: [s.id] });
    const code = opened.body.publicCode;
    const page = await call(publicNoticeApi, "GET", `/api/v1/public/notices/${code}`, { code });
    expect(page.body.acceptingObjections).toBe(false);
    const late = await call(objectionApi, "POST", `/api/v1/public/notices/${code}/objections`, { code }, undefined, { entryId: page.body.entries[0].id, kind: "anonymous", content: "x" });
    expect(late.status).toBe(409);
  });

  it("with 'examine anonymous reports' on (the administrator, through the API), an anonymous report is examined and holds the level (rule N-33)", async () => {
    const path = "/api/v1/review-settings";
    const settings = () => call(reviewSettingsApi, "GET", path, {}, "city");
    const before = await settings();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ examineAnonymousObjections: false, noticeMinimumGrassroots: { kind: "working", days: 5 } });
    expect((await call(reviewSettingsApi, "POST", path, {}, "city", { examineAnonymousObjections: true })).status).toBe(403);
    const bad = await call(reviewSettingsApi, "POST", path, {}, "admin", { examineAnonymousObjections: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await call(reviewSettingsApi, "POST", path, {}, "admin", { noticeMinimumHigher: { kind: "calendar", days: 0 } })).status).toBe(400);
    expect((await settings()).body).toEqual(before.body);
    const events = await db.event.count({ where: { action: "review-settings.saved" } });
    const saved = await call(reviewSettingsApi, "POST", path, {}, "admin", { examineAnonymousObjections: true });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ ...before.body, examineAnonymousObjections: true });
    expect(await db.event.count({ where: { action: "review-settings.saved" } })).toBe(events + 1);
    try {
      const s = await atCity("郑浩 · 钳工");
      const opened = await openAtCity({ windowKind: "calendar", windowDays: 7, startsOn: addCalendarDays(beijingDate(new Date()), -1), submissionIds: [s.id] });
      const code = opened.body.publicCode;
      const page = await call(publicNoticeApi, "GET", `/api/v1/public/notices/${code}`, { code });
      const anonymous = await call(objectionApi, "POST", `/api/v1/public/notices/${code}/objections`, { code }, undefined, { entryId: page.body.entries[0].id, kind: "anonymous", content: "反映该同志长期不在岗" });
      expect(anonymous.body).toMatchObject({ kind: "anonymous", toExamine: true, status: "received" });
      const held = await review(s.id, "city", { level: 1, action: "recommend" });
      expect(held.status).toBe(409);
      expect(held.body.error.message).toContain(NOTICE_MESSAGES.openObjection.split(" / ")[0]);
    } finally {
      expect((await call(reviewSettingsApi, "POST", path, {}, "admin", { examineAnonymousObjections: false })).status).toBe(200);
    }
  });
});


describe("the pages", () => {
  it("a reviewer sees the queue, acts on a submission with a form, and bad input changes nothing", async () => {
    const s = await submit("页面测试 · 数控车工");
    const cookie = await sessionCookieFor(userIds.district);
    const queue = (await queuePage.loader({ request: makeRequest("/reviews", { cookie }), params: {}, context: ctx } as never)) as { toReview: { id: string }[] };
    expect(queue.toReview.map((x) => x.id)).toContain(s.id);
    const noReason = (await submissionPage.action({ request: makeRequest(`/reviews/${s.id}`, { cookie, form: { intent: "review", level: "0", action: "refuse" } }), params: { submissionId: s.id }, context: ctx } as never)) as Response;
    expect(noReason.status).toBe(409);
    expect((await noReason.json()).message).toContain("原因");
    expect((await db.reviewSubmission.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("pending");
    const ok = await submissionPage.action({ request: makeRequest(`/reviews/${s.id}`, { cookie, form: { intent: "review", level: "0", action: "recommend" } }), params: { submissionId: s.id }, context: ctx } as never);
    expect(ok).toEqual({ ok: true });
    const cityCookie = await sessionCookieFor(userIds.city);
    const round = (await roundPage.loader({ request: makeRequest(`/review-rounds/${roundId}`, { cookie: cityCookie }), params: { roundId }, context: ctx } as never)) as { noticeLevels: { id: string }[]; submissions: { id: string }[] };
    expect(round.noticeLevels.map((l) => l.id)).toContain(p.cityA.id);
    expect(round.submissions.map((x) => x.id)).toContain(s.id);
  });

  it("only the administrator opens the calendar page; settings are validated", async () => {
    await seedPublishedCalendar();
    const adminCookie = await sessionCookieFor(userIds.admin);
    const page = (await calendarPage.loader({ request: makeRequest("/admin/calendar?year=2026", { cookie: adminCookie }), params: {}, context: ctx } as never)) as { days: { date: string; kind: string }[] };
    expect(page.days).toContainEqual({ date: "2026-02-28", kind: "workday", name: "春节调休上班" });
    const cityCookie = await sessionCookieFor(userIds.city);
    await expect(calendarPage.loader({ request: makeRequest("/admin/calendar", { cookie: cityCookie }), params: {}, context: ctx } as never)).rejects.toMatchObject({ status: 403 });
    const bad = (await calendarPage.action({ request: makeRequest("/admin/calendar", { cookie: adminCookie, form: { intent: "settings", grassrootsKind: "working", grassrootsDays: "0", higherKind: "calendar", higherDays: "5" } }), params: {}, context: ctx } as never)) as Response;
    expect(bad.status).toBe(400);
  });
});
