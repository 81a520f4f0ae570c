import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as consultationsApi from "~/routes/api.v1.consultations";
import * as answerApi from "~/routes/api.v1.consultations.$taskId.answer";
import * as rulingApi from "~/routes/api.v1.consultations.$taskId.ruling";
import * as consultationsPage from "~/routes/consultations";
import * as attachmentRoute from "~/routes/consultations.$taskId.attachment";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 13 item 4: 征求意见 / 联审 (rule N-34) by candidate type, answered by department
// accounts, holding the candidate on the review chain until a reviewer rules. Both databases.

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

async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

let submissionId: string;
const review = (who: string, level: number) => call(reviewApi, "POST", `/api/v1/submissions/${submissionId}/review`, { submissionId }, who, { level, action: "recommend" });

beforeAll(async () => {
  p = await createProvince();
  const tax = await createOrg({ type: "department", parent: p.cityB, name: `乙市税务局${uid()}` });
  const audit = await createOrg({ type: "department", parent: p.cityB, name: `乙市审计局${uid()}` });
  await as("organiser", p.province.id, "manager");
  await as("reviewer", p.districtB.id, "district");
  await as("grassroots_contact", p.enterpriseB.id, "contact");
  await as("department_consultant", tax.id, "tax");
  await as("department_consultant", audit.id, "audit");
  const round = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "manager", { subjectType: "honours.nomination", title: `五一劳动奖状${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"] });
  const campaign = await db.campaign.create({ data: { roundId: round.body.id, awards: JSON.stringify(["奖章"]), level: "provincial", year: 2026 } });
  // a state-owned enterprise's head: market, tax, HR, emergency, environment, audit, discipline (N-34)
  const nomination = await db.nomination.create({ data: { campaignId: campaign.id, award: "奖章", kind: "individual", orgId: p.enterpriseB.id, name: "孙国庆", category: "企业负责人", ownership: "公有", unitType: "企业", status: "submitted" } });
  const contact = (await loadUserForToken(userIds.contact, "t"))!;
  submissionId = (await db.$transaction((tx) => submitForReview(tx, contact, { roundId: round.body.id, subjectType: "honours.nomination", subjectId: nomination.id, title: "孙国庆 · 董事长", submitterOrgId: p.enterpriseB.id }, { userId: contact.id, requestId: null }))).id;
});

describe("consultation by candidate type (rule N-34)", () => {
  let taxTask: string;
  let auditTask: string;

  it("the level's reviewer asks the departments an enterprise head of a state-owned enterprise needs; the unregistered ones are reported", async () => {
    expect((await call(consultationsApi, "POST", "/api/v1/consultations", {}, "tax", { submissionId, dueOn: "2099-04-10" })).status).toBe(403);
    const opened = await call(consultationsApi, "POST", "/api/v1/consultations", {}, "district", { submissionId, dueOn: "2099-04-10" });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.departments.sort()).toEqual(["audit", "tax"]);
    expect(opened.body.missing.sort()).toEqual(["discipline", "emergency", "environment", "human_resources", "market_regulation"]);
    const tasks = await db.consultationTask.findMany({ where: { submissionId } });
    taxTask = tasks.find((t) => t.department === "tax")!.id;
    auditTask = tasks.find((t) => t.department === "audit")!.id;
    const mine = await call(consultationsApi, "GET", "/api/v1/consultations", {}, "tax");
    expect(mine.body.toAnswer.map((t: { id: string }) => t.id)).toEqual([taxTask]);
    expect(mine.body.toAnswer[0]).toMatchObject({ candidateName: "孙国庆", candidateType: "enterprise_head", status: "open" });
  });

  it("an unanswered request holds the candidate until its deadline", async () => {
    const held = await review("district", 0);
    expect(held.status).toBe(409);
    expect(held.body.error.message).toMatch(/征求/);
  });

  it("each department answers only its own; a problem needs details and holds until a reviewer rules", async () => {
    expect((await call(answerApi, "POST", `/api/v1/consultations/${taxTask}/answer`, { taskId: taxTask }, "audit", { answer: "no_objection" })).status).toBe(403);
    expect((await call(answerApi, "POST", `/api/v1/consultations/${taxTask}/answer`, { taskId: taxTask }, "tax", { answer: "no_objection" })).status).toBe(200);
    expect((await call(answerApi, "POST", `/api/v1/consultations/${taxTask}/answer`, { taskId: taxTask }, "tax", { answer: "problem", details: "改主意" })).status).toBe(409);
    const noDetails = await call(answerApi, "POST", `/api/v1/consultations/${auditTask}/answer`, { taskId: auditTask }, "audit", { answer: "problem" });
    expect(noDetails.status).toBe(400);
    expect((await call(answerApi, "POST", `/api/v1/consultations/${auditTask}/answer`, { taskId: auditTask }, "audit", { answer: "problem", details: "2024年度经济责任审计发现违规发放津贴 12 万元，已整改。" })).status).toBe(200);
    const held = await review("district", 0);
    expect(held.status).toBe(409);
    expect(held.body.error.message).toMatch(/认定/);
    expect(await db.event.count({ where: { action: "consultation.answered", entityId: auditTask } })).toBe(1);
  });

  it("cleared by the reviewer, the candidate goes up", async () => {
    expect((await call(rulingApi, "POST", `/api/v1/consultations/${auditTask}/ruling`, { taskId: auditTask }, "tax", { ruling: "cleared", reason: "x" })).status).toBe(403);
    expect((await call(rulingApi, "POST", `/api/v1/consultations/${taxTask}/ruling`, { taskId: taxTask }, "district", { ruling: "cleared", reason: "x" })).status).toBe(409);
    const ruled = await call(rulingApi, "POST", `/api/v1/consultations/${auditTask}/ruling`, { taskId: auditTask }, "district", { ruling: "cleared", reason: "已整改，不影响推荐" });
    expect(ruled.status).toBe(200);
    const up = await review("district", 0);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ decision: "recommended", currentLevel: 1 });
  });

  it("the page shows the department its tasks and the reviewer what was asked", async () => {
    const taxPage = await consultationsPage.loader({ request: makeRequest("/consultations", { cookie: await sessionCookieFor(userIds.tax) }), params: {}, context: ctx }) as { toAnswer: unknown[]; canAsk: boolean };
    expect(taxPage.toAnswer).toHaveLength(1);
    expect(taxPage.canAsk).toBe(false);
    const reviewerPage = await consultationsPage.loader({ request: makeRequest("/consultations", { cookie: await sessionCookieFor(userIds.district) }), params: {}, context: ctx }) as { asked: unknown[] };
    expect(reviewerPage.asked).toHaveLength(2);
    const worker = await createUser([{ role: "worker", orgId: p.enterpriseA.id }]);
    await expect(consultationsPage.loader({ request: makeRequest("/consultations", { cookie: await sessionCookieFor(worker.id) }), params: {}, context: ctx })).rejects.toMatchObject({ status: 403 });
  });

  it("a department's problem carries its attachment from the page; the asking reviewer and the department read it, another department does not", async () => {
    const round = await db.reviewSubmission.findUniqueOrThrow({ where: { id: submissionId }, select: { roundId: true } });
    const campaign = await db.campaign.findFirstOrThrow({ where: { roundId: round.roundId } });
    const nomination = await db.nomination.create({ data: { campaignId: campaign.id, award: "奖章", kind: "individual", orgId: p.enterpriseB.id, name: "周建平", category: "企业负责人", ownership: "公有", unitType: "企业", status: "submitted" } });
    const contact = (await loadUserForToken(userIds.contact, "t"))!;
    const second = await db.$transaction((tx) => submitForReview(tx, contact, { roundId: round.roundId, subjectType: "honours.nomination", subjectId: nomination.id, title: "周建平 · 总经理", submitterOrgId: p.enterpriseB.id }, { userId: contact.id, requestId: null }));
    expect((await call(consultationsApi, "POST", "/api/v1/consultations", {}, "district", { submissionId: second.id, dueOn: "2099-04-10" })).status).toBe(201);
    const task = await db.consultationTask.findFirstOrThrow({ where: { submissionId: second.id, department: "tax" } });

    const answer = async (fields: Record<string, string>, file?: File) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      if (file) form.set("file", file);
      const out = await consultationsPage.action({ request: makeRequest("/consultations", { method: "POST", body: form, cookie: await sessionCookieFor(userIds.tax) }), params: {}, context: ctx } as never);
      return out instanceof Response ? { status: out.status, body: await out.json() } : { status: 200, body: out as Record<string, unknown> };
    };
    const bytes = `%PDF-1.4\n% ${uid()}\n%%EOF\n`;
    const scan = () => new File([new TextEncoder().encode(bytes)], "欠税情况说明.pdf", { type: "application/pdf" });
    // a problem without details is refused with the reason, and nothing is kept
    const bare = await answer({ intent: "answer", taskId: task.id, answer: "problem" }, scan());
    expect(bare.body).toMatchObject({ ok: false });
    expect(await db.consultationTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "open", attachmentId: null });
    const answered = await answer({ intent: "answer", taskId: task.id, answer: "problem", details: "2025年第三季度欠缴增值税 8.6 万元，已于 11 月补缴。" }, scan());
    expect(answered.body).toMatchObject({ ok: true });
    expect((await db.consultationTask.findUniqueOrThrow({ where: { id: task.id } })).attachmentId).not.toBeNull();

    const read = async (userId: string) => {
      const response = await attachmentRoute.loader({ request: makeRequest(`/consultations/${task.id}/attachment`, { cookie: await sessionCookieFor(userId) }), params: { taskId: task.id }, context: ctx } as never).catch((thrown: unknown) => thrown as Response);
      return { status: response.status, text: await response.text(), csp: response.headers.get("Content-Security-Policy") };
    };
    // served like every stored file: sandboxed, never run as this site
    const asked = await read(userIds.district);
    expect(asked).toMatchObject({ status: 200, text: bytes });
    expect(asked.csp).toContain("sandbox");
    expect(await read(userIds.tax)).toMatchObject({ status: 200, text: bytes });
    expect((await read(userIds.audit)).status).toBe(404);
    // the problem holds the candidate until the reviewer rules (the audit task is still open too)
    const held = await call(reviewApi, "POST", `/api/v1/submissions/${second.id}/review`, { submissionId: second.id }, "district", { level: 0, action: "recommend" });
    expect(held.status).toBe(409);
  });
});
