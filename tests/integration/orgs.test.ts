import { beforeAll, describe, expect, it } from "vitest";
import { loader as orgLoader, action as orgAction } from "~/routes/orgs.$orgId";
import { loader as orgsLoader } from "~/routes/orgs._index";
import { db } from "~/utils/db.server";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";

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
