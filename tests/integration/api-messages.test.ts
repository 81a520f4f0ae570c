import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ALL_OPERATIONS } from "~/modules/api/operations";
import type { Operation } from "~/modules/api/operation";
import { ROLE_KEYS } from "~/modules/users/roles";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { loadUserForToken } from "~/utils/auth.server";
import * as orgRoute from "~/routes/api.v1.orgs.$orgId";
import * as orgsRoute from "~/routes/api.v1.orgs";
import * as newRegistration from "~/routes/registrations.new";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";

// Issue 12 item 9: what users read is in their language, without field paths, rule codes or
// zod's jargon. A generic walk: every API operation with a JSON body is sent bodies that fail
// its schema, in Chinese and in English (Accept-Language), and every message is checked.

type RouteModule = { loader?: (args: any) => Promise<Response>; action?: (args: any) => Promise<Response> };
const routeModules = (import.meta as unknown as { glob: <T>(pattern: string, options: { eager: true }) => Record<string, T> }).glob<RouteModule>("../../app/routes/api.v1.*.ts", { eager: true });

/** The flat-route file of an OpenAPI path: /events/{eventId}/marks → api.v1.events.$eventId.marks.ts */
function routeFor(op: Operation): RouteModule | undefined {
  const name = `api.v1${op.path.replace(/\{(\w+)\}/g, "$$$1").replace(/\//g, ".")}`;
  const key = Object.keys(routeModules).find((k) => {
    const file = k.split("/").pop()!.replace(/\.ts$/, "").replace(/\[\.\]/g, ".");
    return file === name;
  });
  return key ? routeModules[key] : undefined;
}

const CJK = /[\u3400-\u9fff]/;
const paramsOf = (op: Operation) => Object.fromEntries([...op.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "nonexistent-id"]));
const urlOf = (op: Operation) => `/api/v1${op.path.replace(/\{(\w+)\}/g, "nonexistent-id")}`;

/** Bodies that fail a schema: empty, and every field of the wrong type. */
function badBodies(schema: z.ZodType): unknown[] {
  const bodies: unknown[] = [{}, []];
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) bodies.push(Object.fromEntries(Object.keys(shape).map((k) => [k, { wrong: [true] }])));
  return bodies;
}

/** What is wrong with one message a person reads (empty: nothing). */
function problemsOf(message: string, locale: "zh" | "en"): string[] {
  const problems: string[] = [];
  if (!message) problems.push("empty");
  if (/\bS-\d+/.test(message)) problems.push("rule code");
  if (/\b(body|params|query)\.|\w+(\[\d+\])?\.\w+:|^\w+: /.test(message)) problems.push("field path");
  if (/expected|received|Invalid input|Too small|Too big|too_small|invalid_type/i.test(message)) problems.push("zod jargon");
  // Quoted Chinese is data an English reader must type ("公有" (public)), not language.
  if (locale === "en" && CJK.test(message.replace(/"[^"]*"|「[^」]*」/g, ""))) problems.push("Chinese in English mode");
  if (locale === "zh" && !CJK.test(message)) problems.push("not Chinese");
  if (locale === "zh" && /\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}/.test(message)) problems.push("English sentence in Chinese mode");
  return problems;
}

function expectReadable(message: string, locale: "zh" | "en", where: string) {
  expect(problemsOf(message, locale), `${where}: ${message}`).toEqual([]);
}

let token: string;
let p: Awaited<ReturnType<typeof createProvince>>;

beforeAll(async () => {
  p = await createProvince();
  // Every role over the whole tree, so that the permission check lets the body through.
  const user = await createUser(ROLE_KEYS.map((role) => ({ role, orgId: p.national.id })));
  const sessionUser = (await loadUserForToken(user.id, "bootstrap"))!;
  token = (await createApiToken(sessionUser, { name: "消息测试" }, { userId: user.id, requestId: null })).token;
});

describe("API errors in the request's language, without field paths or rule codes", () => {
  it("every operation with a JSON body: schema failures read well in Chinese and in English", async () => {
    const withBody = ALL_OPERATIONS.filter((op) => op.body && op.method !== "get");
    let checked = 0;
    const failures = new Set<string>();
    const operationsChecked = new Set<string>();
    for (const op of withBody) {
      const route = routeFor(op);
      expect(route?.action, `route module for ${op.method} ${op.path}`).toBeTypeOf("function");
      for (const body of badBodies(op.body!)) {
        for (const [locale, header] of [["zh", "zh-CN,zh;q=0.9"], ["en", "en-GB,en;q=0.9,zh;q=0.5"]] as const) {
          const res = await route!.action!({
            request: makeRequest(urlOf(op), { token, method: op.method.toUpperCase(), json: body, headers: { "Accept-Language": header } }),
            params: paramsOf(op), context: ctx,
          });
          if (res.status !== 400) continue;
          const { error } = await res.json();
          const where = `${op.method} ${op.path} [${locale}]`;
          for (const problem of problemsOf(error.message, locale)) failures.add(`${where}: ${problem}: ${error.message}`);
          for (const issue of error.issues) {
            for (const problem of problemsOf(issue.message, locale)) failures.add(`${where} ${issue.path}: ${problem}: ${issue.message}`);
            expect(issue.path, where).toBeTruthy(); // the path is for programs, in `path`
          }
          checked++;
          operationsChecked.add(op.operationId);
        }
      }
    }
    expect([...failures]).toEqual([]);
    // Not vacuous: most operations with a body refused these bodies with 400.
    expect(operationsChecked.size).toBeGreaterThanOrEqual(Math.ceil(withBody.length * 0.6));
    expect(checked).toBeGreaterThan(40);
  });

  it("401, 403, 404 and a bad query follow Accept-Language too", async () => {
    const noToken = await orgsRoute.action({ request: makeRequest("/api/v1/orgs", { json: {}, headers: { "Accept-Language": "en" } }), params: {}, context: ctx });
    expect(noToken.status).toBe(401);
    const m401 = (await noToken.json()).error.message;
    expect(m401).toMatch(/token/i);
    expectReadable(m401, "en", "401");

    const organiser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
    const u = (await loadUserForToken(organiser.id, "bootstrap"))!;
    const cityToken = (await createApiToken(u, { name: "市" }, { userId: organiser.id, requestId: null })).token;
    for (const [locale, header] of [["zh", "zh"], ["en", "en-US"]] as const) {
      const forbidden = await orgRoute.loader({ request: makeRequest(`/api/v1/orgs/${p.cityB.id}`, { token: cityToken, headers: { "Accept-Language": header } }), params: { orgId: p.cityB.id }, context: ctx });
      expect(forbidden.status).toBe(403);
      expectReadable((await forbidden.json()).error.message, locale, `403 ${locale}`);
    }
    // No Accept-Language: Chinese.
    const plain = await orgRoute.loader({ request: makeRequest(`/api/v1/orgs/${p.cityB.id}`, { token: cityToken }), params: { orgId: p.cityB.id }, context: ctx });
    expect((await plain.json()).error.message).toMatch(CJK);
  });
});

describe("form pages answer in the page's language", () => {
  it("rule S-2/S-63: a student's refusal reads without the rule code, in Chinese or (language cookie) English", async () => {
    const { db } = await import("~/utils/db.server");
    const { createMember, validIdNumber } = await import("../factories");
    const contest = await db.contest.create({
      data: {
        orgId: p.cityA.id, name: "消息测试大赛", level: "city", contestClass: "一类", status: "open",
        registrationOpensAt: new Date(Date.now() - 86_400_000), registrationClosesAt: new Date(Date.now() + 30 * 86_400_000), startsAt: new Date(Date.now() + 40 * 86_400_000),
      },
    });
    const event = await db.contestEvent.create({
      data: { contestId: contest.id, name: "焊工（职工组）", trade: "焊工", groupName: "职工组", mode: "individual", eligibility: JSON.stringify({ employmentStatuses: ["职工"] }) },
    });
    const member = await createMember(p.enterpriseA.id, { employmentStatus: "学生", idNumber: validIdNumber("330106", { y: 2001, m: 3, d: 4 }) });
    const student = await createUser([{ role: "worker", orgId: p.enterpriseA.id }], { memberId: member.id });
    const cookie = await sessionCookieFor(student.id);
    const english = `${cookie}; gs_lng=${encodeURIComponent(btoa(JSON.stringify("en")))}`;
    for (const [locale, c] of [["zh", cookie], ["en", english]] as const) {
      const res = await newRegistration.action({ request: makeRequest(`/registrations/new?eventId=${event.id}`, { cookie: c, form: { eventId: event.id } }), params: {}, context: ctx }) as Response;
      expect(res.status).toBe(400);
      const body = await res.json();
      expectReadable(body.message, locale, `registration refusal ${locale}`);
      for (const issue of body.issues) expectReadable(issue.message, locale, `registration issue ${locale}`);
      expect(body.message).toMatch(locale === "zh" ? /该赛项仅限职工参加/ : /open to/);
    }
  });
});
