import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import { beijingDate, addCalendarDays } from "~/modules/calendar/working-days";
import { localeCookie } from "~/i18n/locale.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as noticesApi from "~/routes/api.v1.review-rounds.$roundId.notices";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as publicNoticeApi from "~/routes/api.v1.public.notices.$code";
import * as objectionApi from "~/routes/api.v1.public.notices.$code.objections";
import * as assignApi from "~/routes/api.v1.objections.$objectionId.assign";
import * as findingApi from "~/routes/api.v1.objections.$objectionId.finding";
import * as publicPage from "~/routes/notices.$code";
import * as printPage from "~/routes/notices.$code_.print";
import { createProvince, createUser, ctx, makeRequest, uid } from "../factories";

// Issue 13's notice target: the public 公示 is kept per notice and stamp and served from bytes
// with an ETag (rules N-31, N-33). A withdrawal after 核查 of an objection must reach the
// public page at once: the cached entries and bytes are rebuilt. On SQLite and PostgreSQL.

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
let roundId: string;

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

/**
 * The interactive page's loader as a document request (server.mjs gives it a fragments map: the
 * rows go there, not into the page's data) and as a data request (no map: the rows in its data).
 */
async function interactive(code: string) {
  const fragments = new Map<string, string>();
  const doc = (await publicPage.loader({ request: makeRequest(`/notices/${code}`), params: { code }, context: { ...ctx, fragments } } as never)) as { notice: { count: number }; rows: string | null; options: string | null };
  const data = (await publicPage.loader({ request: makeRequest(`/notices/${code}`), params: { code }, context: ctx } as never)) as typeof doc;
  expect(doc.rows).toBeNull();
  expect(doc.options).toBeNull();
  expect(JSON.stringify(doc)).not.toContain("<tr>");
  expect(data.rows).toBe(fragments.get("notice-rows"));
  expect(data.options).toBe(fragments.get("entryId"));
  const rows = fragments.get("notice-rows")!;
  const options = fragments.get("entryId")!;
  return {
    count: doc.notice.count,
    rows,
    names: [...rows.matchAll(/<th scope="row">(.*?)<\/th>/g)].map((m) => m[1]),
    options: [...options.matchAll(/<option value="([^"]+)">(.*?)<\/option>/g)].map((m) => ({ id: m[1], label: m[2] })),
  };
}

const print = async (code: string, headers: Record<string, string> = {}, cookie?: string) => {
  const response = (await printPage.loader({ request: makeRequest(`/notices/${code}/print`, { headers, cookie }), params: { code }, context: ctx } as never)) as Response;
  return { status: response.status, etag: response.headers.get("ETag"), type: response.headers.get("Content-Type"), html: await response.text() };
};

beforeAll(async () => {
  p = await createProvince();
  await as("organiser", p.province.id, "manager");
  await as("reviewer", p.districtA.id, "district");
  await as("reviewer", p.cityA.id, "city");
  await as("grassroots_contact", p.enterpriseA.id, "contact");
  const created = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "manager", {
    subjectType: "honours.nomination", title: `公示缓存${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"],
  });
  expect(created.status).toBe(201);
  roundId = created.body.id;
});

async function atCity(title: string) {
  const user = (await loadUserForToken(userIds.contact, "t"))!;
  const s = await db.$transaction((tx) => submitForReview(tx, user, { roundId, subjectType: "honours.nomination", subjectId: `subject-${uid()}`, title, category: "", submitterOrgId: p.enterpriseA.id }, { userId: user.id, requestId: null }));
  expect((await call(reviewApi, "POST", `/api/v1/submissions/${s.id}/review`, { submissionId: s.id }, "district", { level: 0, action: "recommend" })).status).toBe(200);
  return s;
}

describe("the public notice from bytes (issue 13, rules N-31, N-33)", () => {
  it("serves the printable notice with an ETag and 304, and a withdrawn candidate leaves the page, the API and the printable bytes at once", async () => {
    const kept = await atCity("赵刚 · 钳工");
    const dropped = await atCity("钱立 <电工> & 班长");
    const opened = await call(noticesApi, "POST", `/api/v1/review-rounds/${roundId}/notices`, { roundId }, "city", {
      orgId: p.cityA.id, title: "推荐对象公示（缓存）", contact: "0571-87654321", windowKind: "calendar", windowDays: 7, startsOn: addCalendarDays(beijingDate(new Date()), -1), submissionIds: [kept.id, dropped.id],
    });
    expect(opened.status).toBe(201);
    const code: string = opened.body.publicCode;

    const first = await print(code);
    expect(first.status).toBe(200);
    expect(first.type).toContain("text/html");
    expect(first.etag).toMatch(/^"n-/);
    expect(first.html).toContain("赵刚 · 钳工");
    // escaped, not markup
    expect(first.html).toContain("钱立 &lt;电工&gt; &amp; 班长");
    expect(first.html).not.toContain("<电工>");
    expect(first.html).toContain("0571-87654321");
    expect(first.html).toContain(`/notices/${code}`);
    // a second read is the same bytes under the same tag; the reader holding them gets 304
    const again = await print(code);
    expect(again.etag).toBe(first.etag);
    expect(again.html).toBe(first.html);
    const notModified = await print(code, { "If-None-Match": `W/"other", ${first.etag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.html).toBe("");
    // in English for an English reader, under another tag
    const en = await print(code, {}, await localeCookie.serialize("en"));
    expect(en.html).toContain("Notice period");
    expect(en.etag).not.toBe(first.etag);
    // warm the interactive page and the API too, so a stale cache would show
    const page = await call(publicNoticeApi, "GET", `/api/v1/public/notices/${code}`, { code });
    expect(page.body.entries.map((e: { name: string }) => e.name)).toEqual(["赵刚 · 钳工", "钱立 <电工> & 班长"]);
    const droppedEntry = page.body.entries[1];
    // the interactive page lists every entry, escaped, with one choice per entry in the objection form
    const shown = await interactive(code);
    expect(shown.count).toBe(2);
    expect(shown.names).toEqual(["赵刚 · 钳工", "钱立 &lt;电工&gt; &amp; 班长"]);
    expect(shown.rows).not.toContain("<电工>");
    expect(shown.options.map((o) => o.id)).toEqual(page.body.entries.map((e: { id: string }) => e.id));
    expect(shown.options[1].label).toContain("钱立 &lt;电工&gt; &amp; 班长（");

    // an objection, 核查, and the candidate withdrawn
    const filed = await call(objectionApi, "POST", `/api/v1/public/notices/${code}/objections`, { code }, undefined, { entryId: droppedEntry.id, kind: "individual", realName: "林芳", phone: "0571-86001234", content: "曾受行政处分未如实填报" });
    expect(filed.status).toBe(201);
    expect((await call(assignApi, "POST", `/api/v1/objections/${filed.body.id}/assign`, { objectionId: filed.body.id }, "city", { assigneeId: userIds.city })).status).toBe(200);
    expect((await call(findingApi, "POST", `/api/v1/objections/${filed.body.id}/finding`, { objectionId: filed.body.id }, "city", { finding: "处分属实且未填报", outcome: "withdraw" })).status).toBe(200);

    const after = await print(code, { "If-None-Match": first.etag! });
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(first.etag);
    expect(after.html).toContain("赵刚 · 钳工");
    expect(after.html).not.toContain("钱立");
    expect((await print(code, {}, await localeCookie.serialize("en"))).html).not.toContain("钱立");
    const api = await call(publicNoticeApi, "GET", `/api/v1/public/notices/${code}`, { code });
    expect(api.body.entries.map((e: { name: string }) => e.name)).toEqual(["赵刚 · 钳工"]);
    // the interactive page drops the withdrawn candidate from its rows and from the form's choices
    const left = await interactive(code);
    expect(left.count).toBe(1);
    expect(left.names).toEqual(["赵刚 · 钳工"]);
    expect(left.rows).not.toContain("钱立");
    expect(left.options.map((o) => o.id)).toEqual([page.body.entries[0].id]);
  });

  it("an unknown code is a 404 with a clear message", async () => {
    const error = await printPage.loader({ request: makeRequest("/notices/nope-nope/print"), params: { code: "nope-nope" }, context: ctx } as never).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(404);
    expect(await (error as Response).text()).toContain("找不到该公示");
  });
});
