import { beforeAll, describe, expect, it } from "vitest";
import { loader as orgLoader, action as orgAction } from "~/routes/orgs.$orgId";
import { loader as orgsLoader } from "~/routes/orgs._index";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as orgApi from "~/routes/api.v1.orgs.$orgId";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";

let p: Awaited<ReturnType<typeof createProvince>>;
let cookieA: string;

beforeAll(async () => {
  p = await createProvince();
  const organiserA = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  cookieA = await sessionCookieFor(organiserA.id);
});

async function status(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("organisations are scoped to the organiser's subtree", () => {
  it("an organiser of city A reads an enterprise in city A", async () => {
    const data = await orgLoader({ request: makeRequest(`/orgs/${p.enterpriseA.id}`, { cookie: cookieA }), params: { orgId: p.enterpriseA.id }, context: ctx });
    expect(data.org.name).toBe(p.enterpriseA.name);
  });

  it("an organiser of city A gets 403 for anything in city B", async () => {
    expect(await status(orgLoader({ request: makeRequest(`/orgs/${p.cityB.id}`, { cookie: cookieA }), params: { orgId: p.cityB.id }, context: ctx }))).toBe(403);
    expect(await status(orgLoader({ request: makeRequest(`/orgs/${p.enterpriseB.id}`, { cookie: cookieA }), params: { orgId: p.enterpriseB.id }, context: ctx }))).toBe(403);
  });

  it("the organisation list shows none of city B", async () => {
    const data = await orgsLoader({ request: makeRequest(`/orgs`, { cookie: cookieA }), params: {}, context: ctx });
    const ids = JSON.stringify(data.tree);
    expect(ids).toContain(p.cityA.id);
    expect(ids).not.toContain(p.cityB.id);
    expect(ids).not.toContain(p.enterpriseB.id);
  });

  it("an organiser of city A cannot rename city B, and nothing changes", async () => {
    const request = makeRequest(`/orgs/${p.cityB.id}`, { cookie: cookieA, form: { intent: "update", name: "被篡改的名称" } });
    expect(await status(orgAction({ request, params: { orgId: p.cityB.id }, context: ctx }))).toBe(403);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: p.cityB.id } })).name).toBe(p.cityB.name);
  });

  it("creating a sub-organisation writes the organisation and its event together", async () => {
    const request = makeRequest(`/orgs/${p.districtA.id}`, { cookie: cookieA, form: { intent: "create-child", name: "新建街道工会", type: "street" } });
    const result = (await orgAction({ request, params: { orgId: p.districtA.id }, context: ctx })) as { ok: boolean; id: string };
    expect(result.ok).toBe(true);
    const created = await db.organisation.findUniqueOrThrow({ where: { id: result.id } });
    expect(created.path).toBe(`${p.districtA.path}${created.id}/`);
    const event = await db.event.findFirst({ where: { action: "org.created", entityId: created.id } });
    expect(event?.requestId).toBe("test-request");
  });

  it("a team cannot be created directly under a district, with a message naming the field", async () => {
    const request = makeRequest(`/orgs/${p.districtA.id}`, { cookie: cookieA, form: { intent: "create-child", name: "错误的班组", type: "team" } });
    const response = (await orgAction({ request, params: { orgId: p.districtA.id }, context: ctx })) as Response;
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues[0].path).toBe("type");
    expect(await db.organisation.count({ where: { name: "错误的班组" } })).toBe(0);
  });
});

describe("the unit category (rule A-8: 规模以上企业, safety and industry regulators)", () => {
  it("is edited on the organisation's page and shown there; a bad value is refused and changes nothing", async () => {
    const unit = await createOrg({ type: "grassroots", parent: p.districtA, name: "规模企业工会" });
    const save = (unitCategory: string) => orgAction({ request: makeRequest(`/orgs/${unit.id}`, { cookie: cookieA, form: { intent: "update", name: "规模企业工会", unitCategory } }), params: { orgId: unit.id }, context: ctx });
    const bad = (await save("bigEnterprise")) as Response;
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.issues[0]).toMatchObject({ path: "unitCategory", message: expect.stringMatching(/^单位类别只能是/) });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: unit.id } })).unitCategory).toBeNull();
    expect(await save("aboveScaleEnterprise")).toMatchObject({ ok: true });
    const data = await orgLoader({ request: makeRequest(`/orgs/${unit.id}`, { cookie: cookieA }), params: { orgId: unit.id }, context: ctx });
    expect(data.org.unitCategory).toBe("aboveScaleEnterprise");
    const event = await db.event.findFirst({ where: { action: "org.updated", entityId: unit.id }, orderBy: { id: "desc" } });
    expect(JSON.parse(event!.after!).unitCategory).toBe("aboveScaleEnterprise");
    // cleared by choosing none
    expect(await save("")).toMatchObject({ ok: true });
    expect((await db.organisation.findUniqueOrThrow({ where: { id: unit.id } })).unitCategory).toBeNull();
  });

  it("is read and written through /api/v1/orgs", async () => {
    const organiser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
    const token = (await createApiToken((await loadUserForToken(organiser.id, "t"))!, { name: "orgs" }, { userId: organiser.id, requestId: null })).token;
    const dept = await createOrg({ type: "department", parent: p.cityA, name: "甲市应急管理局" });
    const call = async (method: "GET" | "PATCH", json?: unknown) => {
      const fn = (method === "GET" ? orgApi.loader : orgApi.action) as (args: unknown) => Promise<Response>;
      const r = await fn({ request: makeRequest(`/api/v1/orgs/${dept.id}`, { method, token, json }), params: { orgId: dept.id }, context: ctx });
      return { status: r.status, body: await r.json() };
    };
    const refused = await call("PATCH", { name: "甲市应急管理局", unitCategory: "ministry" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].path).toMatch(/unitCategory$/);
    const saved = await call("PATCH", { name: "甲市应急管理局", unitCategory: "safetyRegulator" });
    expect(saved.status).toBe(200);
    expect(saved.body.unitCategory).toBe("safetyRegulator");
    expect((await call("GET")).body.unitCategory).toBe("safetyRegulator");
  });
});
