import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { recordHonour } from "~/modules/honours/honours.server";
import * as listApi from "~/routes/api.v1.pioneer-reviews";
import * as oneApi from "~/routes/api.v1.pioneer-reviews.$reviewId";
import * as reportApi from "~/routes/api.v1.pioneer-reviews.$reviewId.report";
import * as decisionApi from "~/routes/api.v1.pioneer-reviews.$reviewId.decision";
import * as listPage from "~/routes/honours_.pioneer-reviews._index";
import * as reviewPage from "~/routes/honours_.pioneer-reviews.$reviewId";
import * as filesRoute from "~/routes/files.$fileId";
import * as verifyPage from "~/routes/verify.$code";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 13 item 7, rule N-41: 工人先锋号 复审 / dynamic management. The awarding level opens a period
// for the titles in its subtree, the holder's contact reports (with a scan), the reviewer keeps or
// withdraws with a reason; withdrawal revokes the honour so /verify says 已撤销. Bad input changes nothing.

let p: Awaited<ReturnType<typeof createProvince>>;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};
const honours: Record<string, { id: string; verifyCode: string | null }> = {};

async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
  userIds[name] = u.id;
}

async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  try {
    const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
    const text = await response.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* text */ }
    return { status: response.status, body: body as any };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() as any };
    throw thrown;
  }
}

async function pageAction(route: { action: (args: any) => Promise<unknown> }, path: string, params: Record<string, string>, who: string, body: FormData | Record<string, string>) {
  const cookie = await sessionCookieFor(userIds[who]);
  const request = body instanceof FormData ? makeRequest(path, { method: "POST", cookie, body }) : makeRequest(path, { cookie, form: body });
  try {
    const r = (await route.action({ request, params, context: ctx })) as Response | Record<string, unknown>;
    if (r instanceof Response) return { status: r.status, body: await r.json() };
    return { status: 200, body: r };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    throw thrown;
  }
}

const verify = async (code: string) => (await verifyPage.loader({ request: makeRequest(`/verify/${code}`), params: { code }, context: ctx } as never)) as any;
const pdf = () => new File([new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")], "复审报告.pdf", { type: "application/pdf" });

let cityAName: string;
let teamA2: { id: string };

beforeAll(async () => {
  p = await createProvince();
  cityAName = (await db.organisation.findUniqueOrThrow({ where: { id: p.cityA.id } })).name;
  const cityBName = (await db.organisation.findUniqueOrThrow({ where: { id: p.cityB.id } })).name;
  const enterpriseA = await db.organisation.findUniqueOrThrow({ where: { id: p.enterpriseA.id } });
  teamA2 = await createOrg({ type: "team", parent: enterpriseA, name: `质检班${uid()}` });
  const teamB = await createOrg({ type: "team", parent: await db.organisation.findUniqueOrThrow({ where: { id: p.enterpriseB.id } }), name: `运维班${uid()}` });
  const actor = { userId: null, requestId: null };
  const make = (name: string, orgId: string, title: string, issuingBody: string, code: string | null) =>
    db.$transaction((tx) => recordHonour(tx, { orgId, title, level: "city", year: 2024, issuingBody, source: "manual" }, actor, code ? { verifyCode: code } : {}));
  const code = () => Array.from({ length: 26 }, (_, i) => "abcdefghijklmnopqrstuvwxyz234567"[(i * 7 + Math.floor(Math.random() * 32)) % 32]).join("");
  for (const [key, orgId, title, issuer] of [
    ["teamA", p.teamA.id, "甲市工人先锋号", cityAName],
    ["teamA2", teamA2.id, "甲市工人先锋号", cityAName],
    ["teamB", teamB.id, "乙市工人先锋号", cityBName],
    ["medal", p.enterpriseA.id, "甲市五一劳动奖状", cityAName],
  ] as const) {
    const h = await make(key, orgId, title, issuer, code());
    honours[key] = { id: h.id, verifyCode: h.verifyCode };
  }
  await as("reviewer", p.cityA.id, "cityA");
  await as("reviewer", p.cityB.id, "cityB");
  await as("reviewer", p.districtA.id, "districtA");
  await as("grassroots_contact", p.enterpriseA.id, "contactA");
  await as("grassroots_contact", p.enterpriseB.id, "contactB");
});

describe("工人先锋号 复审 (rule N-41)", () => {
  let reviewA: string;
  let reviewA2: string;

  it("bad openings change nothing: a holder outside the subtree, a non-先锋号 honour, a reviewer without scope", async () => {
    const outside = await call(listApi, "POST", "/api/v1/pioneer-reviews", {}, "cityA", { orgId: p.cityA.id, period: 2026, honourIds: [honours.teamA.id, honours.teamB.id] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toMatch(/^所选集体不是本单位范围内/);
    const medal = await call(listApi, "POST", "/api/v1/pioneer-reviews", {}, "cityA", { orgId: p.cityA.id, period: 2026, honourIds: [honours.medal.id] });
    expect(medal.status).toBe(400);
    expect((await call(listApi, "POST", "/api/v1/pioneer-reviews", {}, "cityB", { orgId: p.cityA.id, period: 2026 })).status).toBe(403);
    expect((await call(listApi, "POST", "/api/v1/pioneer-reviews", {}, "contactA", { orgId: p.enterpriseA.id, period: 2026 })).status).toBe(403);
    // the district did not award these titles: nothing of its own to review
    const district = await call(listApi, "POST", "/api/v1/pioneer-reviews", {}, "districtA", { orgId: p.districtA.id, period: 2026 });
    expect(district.status).toBe(400);
    expect(district.body.error.code).toBe("no_holders");
    expect(await db.pioneerReview.count({ where: { honourId: { in: Object.values(honours).map((h) => h.id) } } })).toBe(0);
  });

  it("the awarding level opens a period for the titles it issued in its subtree, once", async () => {
    const opened = await call(listApi, "POST", "/api/v1/pioneer-reviews", {}, "cityA", { orgId: p.cityA.id, period: 2026 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.created).toHaveLength(2);
    const rows = await db.pioneerReview.findMany({ where: { id: { in: opened.body.created } } });
    expect(rows.map((r) => r.honourId).sort()).toEqual([honours.teamA.id, honours.teamA2.id].sort());
    reviewA = rows.find((r) => r.honourId === honours.teamA.id)!.id;
    reviewA2 = rows.find((r) => r.honourId === honours.teamA2.id)!.id;
    const again = await call(listApi, "POST", "/api/v1/pioneer-reviews", {}, "cityA", { orgId: p.cityA.id, period: 2026 });
    expect(again.status).toBe(409);
    expect(await db.event.count({ where: { action: "pioneer-review.opened", entityId: p.cityA.id } })).toBe(1);
    // the page opens a period too, with a Chinese message for a bad year
    const badYear = await pageAction(listPage, "/honours/pioneer-reviews", {}, "cityA", { orgId: p.cityA.id, period: "26" });
    expect(badYear.status).toBe(400);
    expect(badYear.body.message).toMatch(/复审年度/);
  });

  it("the holder's contact sees it and reports once, with a scan, on the page; others cannot", async () => {
    const mine = await call(listApi, "GET", "/api/v1/pioneer-reviews?period=2026", {}, "contactA");
    expect(mine.body.items.map((r: { id: string }) => r.id).sort()).toEqual([reviewA, reviewA2].sort());
    expect(mine.body.items.every((r: { mayReport: boolean; mayDecide: boolean }) => r.mayReport && !r.mayDecide)).toBe(true);
    expect((await call(oneApi, "GET", `/api/v1/pioneer-reviews/${reviewA}`, { reviewId: reviewA }, "contactB")).status).toBe(404);
    expect((await call(listApi, "GET", "/api/v1/pioneer-reviews", {}, "contactB")).body.items.map((r: { id: string }) => r.id)).not.toContain(reviewA);
    expect((await call(reportApi, "POST", `/api/v1/pioneer-reviews/${reviewA}/report`, { reviewId: reviewA }, "cityA", { report: "x" })).status).toBe(403);

    const empty = new FormData();
    empty.set("intent", "report");
    empty.set("report", "  ");
    const bad = await pageAction(reviewPage, `/honours/pioneer-reviews/${reviewA}`, { reviewId: reviewA }, "contactA", empty);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^请填写复审报告/);
    expect((await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewA } })).status).toBe("pending");

    const form = new FormData();
    form.set("intent", "report");
    form.set("report", "2026年度班组安全生产无事故，完成技术革新三项。");
    form.set("file", pdf());
    const sent = await pageAction(reviewPage, `/honours/pioneer-reviews/${reviewA}`, { reviewId: reviewA }, "contactA", form);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const row = await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewA } });
    expect(row).toMatchObject({ status: "reported", report: expect.stringContaining("无事故"), reportFileId: expect.any(String) });
    const twice = await call(reportApi, "POST", `/api/v1/pioneer-reviews/${reviewA}/report`, { reviewId: reviewA }, "contactA", { report: "再报一次" });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/^本期复审已报送/);
    expect(await db.event.count({ where: { action: "pioneer-review.reported", entityId: reviewA } })).toBe(1);

    // the reviewer downloads the scan; a reviewer elsewhere cannot
    const download = async (who: string) => {
      try {
        return (await filesRoute.loader({ request: makeRequest(`/files/${row.reportFileId}`, { cookie: await sessionCookieFor(userIds[who]) }), params: { fileId: row.reportFileId! }, context: ctx } as never)).status;
      } catch (r) { return (r as Response).status; }
    };
    expect(await download("cityA")).toBe(200);
    expect(await download("cityB")).toBe(403);
  });

  it("the reviewer withdraws with a reason: the register and /verify say revoked; bad decisions change nothing", async () => {
    const noReason = await call(decisionApi, "POST", `/api/v1/pioneer-reviews/${reviewA}/decision`, { reviewId: reviewA }, "cityA", { decision: "withdraw", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/^请填写理由/);
    expect((await call(decisionApi, "POST", `/api/v1/pioneer-reviews/${reviewA}/decision`, { reviewId: reviewA }, "contactA", { decision: "keep", reason: "自评" })).status).toBe(403);
    expect((await call(decisionApi, "POST", `/api/v1/pioneer-reviews/${reviewA}/decision`, { reviewId: reviewA }, "cityB", { decision: "keep", reason: "x" })).status).toBe(404);
    expect((await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewA } })).status).toBe("reported");

    const page = await pageAction(reviewPage, `/honours/pioneer-reviews/${reviewA}`, { reviewId: reviewA }, "cityA", { decision: "withdraw", reason: "2026年8月发生重大安全生产事故" });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const honour = await db.honour.findUniqueOrThrow({ where: { id: honours.teamA.id } });
    expect(honour.revokedAt).not.toBeNull();
    expect(honour.revocationReason).toMatch(/工人先锋号复审撤销称号.*重大安全生产事故/);
    expect(await verify(honours.teamA.verifyCode!)).toMatchObject({ kind: "honour", status: "revoked" });
    expect(await db.event.count({ where: { action: "pioneer-review.withdrawn", entityId: reviewA } })).toBe(1);
    expect(await db.event.count({ where: { action: "honour.revoked", entityId: honours.teamA.id } })).toBe(1);
    const twice = await call(decisionApi, "POST", `/api/v1/pioneer-reviews/${reviewA}/decision`, { reviewId: reviewA }, "cityA", { decision: "keep", reason: "改判" });
    expect(twice.status).toBe(409);
    expect((await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewA } })).status).toBe("withdrawn");
  });

  it("a title without a report may be kept with a reason; the API answers the conclusion", async () => {
    const kept = await call(decisionApi, "POST", `/api/v1/pioneer-reviews/${reviewA2}/decision`, { reviewId: reviewA2 }, "cityA", { decision: "keep", reason: "现场复核合格" });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body).toMatchObject({ status: "kept", reason: "现场复核合格", honour: { revokedAt: null } });
    expect((await verify(honours.teamA2.verifyCode!)).status).toBe("valid");
    expect((await call(reportApi, "POST", `/api/v1/pioneer-reviews/${reviewA2}/report`, { reviewId: reviewA2 }, "contactA", { report: "迟报" })).status).toBe(409);
    const list = await listPage.loader({ request: makeRequest("/honours/pioneer-reviews", { cookie: await sessionCookieFor(userIds.cityA) }), params: {}, context: ctx } as never) as any;
    expect(list.reviews.find((r: { id: string }) => r.id === reviewA2)).toMatchObject({ status: "kept", mayDecide: false });
    expect(list.orgs.map((o: { id: string }) => o.id)).toEqual([p.cityA.id]);
  });
});
