import { beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import * as orgsRoute from "~/routes/api.v1.orgs";
import * as orgRoute from "~/routes/api.v1.orgs.$orgId";
import * as tokensRoute from "~/routes/api.v1.tokens";
import * as tokenRoute from "~/routes/api.v1.tokens.$tokenId";
import * as openapiRoute from "~/routes/api.v1.openapi[.]json";
import { db } from "~/utils/db.server";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";

let p: Awaited<ReturnType<typeof createProvince>>;
let token: string;
let tokenId: string;

beforeAll(async () => {
  p = await createProvince();
  const organiser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  const cookie = await sessionCookieFor(organiser.id);
  // Creating a token needs a token or… the first one comes from the web page; here we
  // use the service through a token-less bootstrap: a session may not POST to the API.
  const refused = await tokensRoute.action({ request: makeRequest("/api/v1/tokens", { cookie, json: { name: "x" } }), params: {}, context: ctx });
  expect(refused.status).toBe(401);
  const { createApiToken } = await import("~/modules/users/api-tokens.server");
  const { loadUserForToken } = await import("~/utils/auth.server");
  const sessionUser = (await loadUserForToken(organiser.id, "bootstrap"))!;
  const created = await createApiToken(sessionUser, { name: "集成测试" }, { userId: organiser.id, requestId: null });
  token = created.token;
  tokenId = created.id;
});

describe("JSON API /api/v1", () => {
  it("lists only the caller's subtree", async () => {
    const res = await orgsRoute.loader({ request: makeRequest("/api/v1/orgs", { token }), params: {}, context: ctx });
    expect(res.status).toBe(200);
    const body = await res.json();
    const ids = body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(p.enterpriseA.id);
    expect(ids).not.toContain(p.cityB.id);
  });

  it("answers 403 with the documented error shape for city B", async () => {
    const res = await orgRoute.loader({ request: makeRequest(`/api/v1/orgs/${p.cityB.id}`, { token }), params: { orgId: p.cityB.id }, context: ctx });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(/没有权限/);
    expect(Array.isArray(body.error.issues)).toBe(true);
  });

  it("refuses to change city B and changes nothing", async () => {
    const res = await orgRoute.action({ request: makeRequest(`/api/v1/orgs/${p.cityB.id}`, { token, method: "PATCH", json: { name: "乙市改名" } }), params: { orgId: p.cityB.id }, context: ctx });
    expect(res.status).toBe(403);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: p.cityB.id } })).name).toBe(p.cityB.name);
  });

  it("validates the body and names the field", async () => {
    const res = await orgsRoute.action({ request: makeRequest(`/api/v1/orgs`, { token, json: { name: "", type: "street", parentId: p.districtA.id } }), params: {}, context: ctx });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain("body.name");
  });

  it("creates inside the subtree with 201 and an event", async () => {
    const res = await orgsRoute.action({ request: makeRequest(`/api/v1/orgs`, { token, json: { name: "API 新建街道工会", type: "street", parentId: p.districtA.id } }), params: {}, context: ctx });
    expect(res.status).toBe(201);
    const org = await res.json();
    expect(await db.event.count({ where: { action: "org.created", entityId: org.id } })).toBe(1);
  });

  it("a revoked token gets 401", async () => {
    const revoke = await tokenRoute.action({ request: makeRequest(`/api/v1/tokens/${tokenId}`, { token, method: "DELETE" }), params: { tokenId }, context: ctx });
    expect(revoke.status).toBe(200);
    const res = await orgsRoute.loader({ request: makeRequest("/api/v1/orgs", { token }), params: {}, context: ctx });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("serves an OpenAPI 3.1 document that validates and documents every operation", async () => {
    const res = await openapiRoute.loader();
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.paths["/orgs/{orgId}"].patch.requestBody).toBeDefined();
    expect(doc.paths["/tokens/{tokenId}"].delete.responses["401"]).toBeDefined();
  });
});
