import { beforeAll, describe, expect, it } from "vitest";
import * as usersPage from "~/routes/users._index";
import * as userPage from "~/routes/users.$userId";
import * as newUserPage from "~/routes/users.new";
import * as tokensPage from "~/routes/account.tokens";
import * as usersApi from "~/routes/api.v1.users";
import * as userApi from "~/routes/api.v1.users.$userId";
import * as grantsApi from "~/routes/api.v1.users.$userId.grants";
import * as grantApi from "~/routes/api.v1.users.$userId.grants.$grantId";
import * as meApi from "~/routes/api.v1.me";
import * as openapiRoute from "~/routes/api.v1.openapi[.]json";
import { MeSchema, UserDetailSchema } from "~/modules/users/api";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { loadUserForToken } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
let organiserA: { id: string };
let readerA: { id: string };
let adminA: { id: string };
let provinceAdmin: { id: string };
let workerA: { id: string; username: string };
let workerB: { id: string; username: string };
let bothCities: { id: string };
let unassigned: { id: string; username: string };
const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function tokenFor(userId: string) {
  const user = (await loadUserForToken(userId, "bootstrap"))!;
  return (await createApiToken(user, { name: "users-test" }, { userId, requestId: null })).token;
}

/** Status of a loader/action call, whether it returns or throws a Response. */
async function settle(promise: unknown): Promise<{ status: number; data: unknown }> {
  try {
    const value = await promise;
    if (value instanceof Response) {
      const type = value.headers.get("Content-Type") ?? "";
      return { status: value.status, data: type.includes("json") ? await value.json() : null };
    }
    return { status: 200, data: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null };
    throw thrown;
  }
}

const ui = {
  list: (cookie: string, q = "") => settle(usersPage.loader({ request: makeRequest(`/users${q ? `?q=${encodeURIComponent(q)}` : ""}`, { cookie }), params: {}, context: ctx })),
  view: (cookie: string, userId: string) => settle(userPage.loader({ request: makeRequest(`/users/${userId}`, { cookie }), params: { userId }, context: ctx })),
  post: (cookie: string, userId: string, form: Record<string, string>) =>
    settle(userPage.action({ request: makeRequest(`/users/${userId}`, { cookie, form }), params: { userId }, context: ctx })),
  create: (cookie: string, form: Record<string, string>) => settle(newUserPage.action({ request: makeRequest(`/users/new`, { cookie, form }), params: {}, context: ctx })),
};

const grantCount = () => db.roleGrant.count();
const eventCount = (action: string) => db.event.count({ where: { action } });

beforeAll(async () => {
  p = await createProvince();
  organiserA = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  adminA = await createUser([{ role: "admin", orgId: p.cityA.id }]);
  provinceAdmin = await createUser([{ role: "admin", orgId: p.province.id }]);
  workerA = await createUser([{ role: "worker", orgId: p.enterpriseA.id }], { username: `wa_${uid()}` });
  workerB = await createUser([{ role: "worker", orgId: p.enterpriseB.id }], { username: `wb_${uid()}` });
  bothCities = await createUser([{ role: "judge", orgId: p.cityA.id }, { role: "judge", orgId: p.cityB.id }]);
  unassigned = await createUser([], { username: `un_${uid()}` });
  // Sees accounts, manages none (organisers manage accounts since issue 12).
  const readerRole = await db.role.create({ data: { key: `reader_${uid()}`, name: "账号查看", nameEn: "Account reader", permissions: { create: [{ permissionKey: "user:read" }] } } });
  readerA = await createUser([{ role: readerRole.key, orgId: p.cityA.id }]);
  for (const [name, user] of Object.entries({ organiserA, adminA, provinceAdmin, readerA })) {
    cookies[name] = await sessionCookieFor(user.id);
    tokens[name] = await tokenFor(user.id);
  }
});

describe("accounts are scoped to the viewer's subtree (web pages)", () => {
  it("an organiser of city A lists city A's accounts and none of city B's", async () => {
    const { status, data } = await ui.list(cookies.organiserA);
    expect(status).toBe(200);
    const ids = (data as { items: { id: string }[] }).items.map((u) => u.id);
    expect(ids).toContain(workerA.id);
    expect(ids).not.toContain(workerB.id);
    expect(ids).not.toContain(unassigned.id);
  });

  it("searches by username", async () => {
    const { data } = await ui.list(cookies.organiserA, workerA.username);
    expect((data as { items: { id: string }[] }).items.map((u) => u.id)).toEqual([workerA.id]);
  });

  it("an organiser of city A gets 403 for an account of city B", async () => {
    expect((await ui.view(cookies.organiserA, workerB.id)).status).toBe(403);
  });

  it("shows only the grants inside the viewer's scope and counts the rest", async () => {
    const { data } = await ui.view(cookies.organiserA, bothCities.id);
    const account = (data as { account: { grants: { orgId: string }[]; hiddenGrantCount: number } }).account;
    expect(account.grants.map((g) => g.orgId)).toEqual([p.cityA.id]);
    expect(account.hiddenGrantCount).toBe(1);
  });

  it("a holder of user:read only may view but not grant, and nothing is written", async () => {
    const { data } = await ui.view(cookies.readerA, workerA.id);
    expect((data as { options: unknown }).options).toBeNull();
    const before = await grantCount();
    const result = await ui.post(cookies.readerA, workerA.id, { intent: "grant", roleKey: "judge", orgId: p.enterpriseA.id });
    expect(result.status).toBe(403);
    expect(await grantCount()).toBe(before);
  });

  it("accounts without any grant are visible to those who manage accounts", async () => {
    const { data } = await ui.list(cookies.adminA, unassigned.username);
    expect((data as { items: { id: string }[] }).items.map((u) => u.id)).toEqual([unassigned.id]);
  });
});

describe("granting and revoking roles (web pages)", () => {
  it("an admin grants a role inside the scope; the grant and its event are written together", async () => {
    const result = await ui.post(cookies.adminA, workerA.id, { intent: "grant", roleKey: "judge", orgId: p.districtA.id });
    expect(result.data).toEqual({ ok: true, intent: "grant" });
    const grant = await db.roleGrant.findUniqueOrThrow({ where: { userId_roleKey_orgId: { userId: workerA.id, roleKey: "judge", orgId: p.districtA.id } } });
    expect(grant.grantedById).toBe(adminA.id);
    const event = await db.event.findFirst({ where: { action: "grant.added", entityId: grant.id } });
    expect(event?.orgId).toBe(p.districtA.id);
    expect(event?.actorId).toBe(adminA.id);
    expect(event?.requestId).toBe("test-request");
  });

  it("granting the same role twice is a clear 409 naming the field", async () => {
    const result = await ui.post(cookies.adminA, workerA.id, { intent: "grant", roleKey: "judge", orgId: p.districtA.id });
    expect(result.status).toBe(409);
    expect((result.data as { issues: { path: string }[] }).issues[0].path).toBe("roleKey");
  });

  it("granting over an organisation outside the scope is 403 and writes nothing", async () => {
    const [grants, events] = [await grantCount(), await eventCount("grant.added")];
    const result = await ui.post(cookies.adminA, workerA.id, { intent: "grant", roleKey: "judge", orgId: p.cityB.id });
    expect(result.status).toBe(403);
    expect(await grantCount()).toBe(grants);
    expect(await eventCount("grant.added")).toBe(events);
  });

  it("an unknown role is a 400 naming the field", async () => {
    const result = await ui.post(cookies.adminA, workerA.id, { intent: "grant", roleKey: "emperor", orgId: p.cityA.id });
    expect(result.status).toBe(400);
    expect((result.data as { issues: { path: string; message: string }[] }).issues[0]).toMatchObject({ path: "roleKey", message: expect.stringMatching(/^没有这个角色/) });
  });

  it("revokes a grant inside the scope with a grant.removed event", async () => {
    const grant = await db.roleGrant.findFirstOrThrow({ where: { userId: workerA.id, roleKey: "judge" } });
    const result = await ui.post(cookies.adminA, workerA.id, { intent: "revoke", grantId: grant.id });
    expect(result.data).toEqual({ ok: true, intent: "revoke" });
    expect(await db.roleGrant.findUnique({ where: { id: grant.id } })).toBeNull();
    const event = await db.event.findFirstOrThrow({ where: { action: "grant.removed", entityId: grant.id } });
    expect(JSON.parse(event.before!)).toMatchObject({ roleKey: "judge", orgId: p.districtA.id });
  });

  it("cannot revoke a grant over city B", async () => {
    const grant = await db.roleGrant.findFirstOrThrow({ where: { userId: bothCities.id, orgId: p.cityB.id } });
    expect((await ui.post(cookies.adminA, bothCities.id, { intent: "revoke", grantId: grant.id })).status).toBe(403);
    expect(await db.roleGrant.findUnique({ where: { id: grant.id } })).not.toBeNull();
  });

  it("nobody may revoke their own last admin grant; with a second one they may", async () => {
    const own = await db.roleGrant.findFirstOrThrow({ where: { userId: adminA.id, roleKey: "admin" } });
    const view = await ui.view(cookies.adminA, adminA.id);
    expect((view.data as { account: { grants: { id: string; canRevoke: boolean }[] } }).account.grants.find((g) => g.id === own.id)?.canRevoke).toBe(false);
    const refused = await ui.post(cookies.adminA, adminA.id, { intent: "revoke", grantId: own.id });
    expect(refused.status).toBe(422);
    expect((refused.data as { message: string }).message).toMatch(/^不能撤销您自己唯一的系统管理员授权/);
    expect(await db.roleGrant.findUnique({ where: { id: own.id } })).not.toBeNull();

    const second = await db.roleGrant.create({ data: { userId: adminA.id, roleKey: "admin", orgId: p.districtA.id } });
    expect((await ui.post(cookies.adminA, adminA.id, { intent: "revoke", grantId: second.id })).data).toEqual({ ok: true, intent: "revoke" });
  });

  it("revoking the last grant the manager can see returns to the list", async () => {
    const split = await createUser([{ role: "judge", orgId: p.enterpriseA.id }, { role: "judge", orgId: p.enterpriseB.id }]);
    const grantA = await db.roleGrant.findFirstOrThrow({ where: { userId: split.id, orgId: p.enterpriseA.id } });
    const result = await ui.post(cookies.adminA, split.id, { intent: "revoke", grantId: grantA.id });
    expect(result.status).toBe(302);
    expect(await db.roleGrant.count({ where: { userId: split.id } })).toBe(1);
  });

  it("a manager cannot hand out permissions they lack", async () => {
    // An organiser with user:manage added through a custom role still lacks, e.g., judging:chief.
    const role = await db.role.create({
      data: { key: `mgr_${uid()}`, name: "账号管理", nameEn: "Account manager", permissions: { create: [{ permissionKey: "user:manage" }, { permissionKey: "user:read" }] } },
    });
    const manager = await createUser([{ role: role.key, orgId: p.cityA.id }]);
    const before = await grantCount();
    const result = await ui.post(await sessionCookieFor(manager.id), workerA.id, { intent: "grant", roleKey: "chief_judge", orgId: p.cityA.id });
    expect(result.status).toBe(403);
    expect(await grantCount()).toBe(before);
  });
});

describe("creating an account (web page)", () => {
  it("refuses a weak password with a Chinese message naming the field, creating nothing", async () => {
    const username = `new_${uid()}`;
    const result = await ui.create(cookies.adminA, { username, displayName: "新用户", password: "short", roleKey: "", orgId: "" });
    expect(result.status).toBe(400);
    const issues = (result.data as { issues: { path: string; message: string }[] }).issues;
    expect(issues.find((i) => i.path === "password")?.message).toMatch(/^密码至少 10 个字符/);
    expect(await db.user.count({ where: { username } })).toBe(0);
  });

  it("creates the account with its first grant and both events, and shows no password it was given", async () => {
    const username = `new_${uid()}`;
    const result = await settle(newUserPage.action({
      request: makeRequest(`/users/new`, { cookie: cookies.adminA, form: { username, displayName: "新裁判", password: "gongsai-2026-x", roleKey: "judge", orgId: p.enterpriseA.id } }),
      params: {}, context: ctx,
    }));
    const created = await db.user.findUniqueOrThrow({ where: { username }, include: { grants: true } });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true, created: { id: created.id, username, oneTimePassword: null } });
    expect(created.mustChangePassword).toBe(true);
    expect(created.grants.map((g) => [g.roleKey, g.orgId])).toEqual([["judge", p.enterpriseA.id]]);
    expect(created.passwordHash).not.toContain("gongsai-2026-x");
    const userEvent = await db.event.findFirstOrThrow({ where: { action: "user.created", entityId: created.id } });
    expect(userEvent.after).not.toMatch(/password/i);
    expect(await db.event.count({ where: { action: "grant.added", entityId: created.grants[0].id } })).toBe(1);
  });

  it("refuses a username that is taken, naming the field", async () => {
    const result = await ui.create(cookies.adminA, { username: workerA.username, displayName: "重复", password: "gongsai-2026-x" });
    expect(result.status).toBe(409);
    expect((result.data as { issues: { path: string }[] }).issues[0].path).toBe("username");
  });

  it("refuses a first grant outside the scope and creates nothing", async () => {
    const username = `new_${uid()}`;
    const result = await ui.create(cookies.adminA, { username, displayName: "越权", password: "gongsai-2026-x", roleKey: "worker", orgId: p.enterpriseB.id });
    expect(result.status).toBe(403);
    expect(await db.user.count({ where: { username } })).toBe(0);
  });

  it("is closed to those without user:manage", async () => {
    expect((await settle(newUserPage.loader({ request: makeRequest(`/users/new`, { cookie: cookies.readerA }), params: {}, context: ctx }))).status).toBe(403);
  });
});

describe("users API", () => {
  const api = {
    list: (token: string) => settle(usersApi.loader({ request: makeRequest("/api/v1/users?pageSize=200", { token }), params: {}, context: ctx })),
    get: (token: string, userId: string) => settle(userApi.loader({ request: makeRequest(`/api/v1/users/${userId}`, { token }), params: { userId }, context: ctx })),
    grant: (token: string | undefined, userId: string, json: unknown, cookie?: string) =>
      settle(grantsApi.action({ request: makeRequest(`/api/v1/users/${userId}/grants`, { token, cookie, json }), params: { userId }, context: ctx })),
    revoke: (token: string, userId: string, grantId: string) =>
      settle(grantApi.action({ request: makeRequest(`/api/v1/users/${userId}/grants/${grantId}`, { token, method: "DELETE" }), params: { userId, grantId }, context: ctx })),
  };

  it("lists city A's accounts only, paged", async () => {
    const { status, data } = await api.list(tokens.organiserA);
    expect(status).toBe(200);
    const body = data as { items: { id: string }[]; total: number; page: number; pageSize: number };
    expect(body.items.map((u) => u.id)).toContain(workerA.id);
    expect(body.items.map((u) => u.id)).not.toContain(workerB.id);
    expect(body).toMatchObject({ page: 1, pageSize: 200, total: body.items.length });
  });

  it("answers 403 in the documented shape for a city B account", async () => {
    const { status, data } = await api.get(tokens.organiserA, workerB.id);
    expect(status).toBe(403);
    expect((data as { error: { code: string } }).error.code).toBe("forbidden");
  });

  it("returns an account in the documented shape", async () => {
    const { status, data } = await api.get(tokens.provinceAdmin, workerB.id);
    expect(status).toBe(200);
    expect(UserDetailSchema.safeParse(data).success).toBe(true);
  });

  it("grants inside the scope (201, event) and refuses outside (403, nothing written)", async () => {
    const ok = await api.grant(tokens.adminA, workerA.id, { roleKey: "reviewer", orgId: p.enterpriseA.id });
    expect(ok.status).toBe(201);
    const grantId = (ok.data as { id: string }).id;
    expect(await eventCount("grant.added")).toBeGreaterThan(0);
    expect(await db.event.count({ where: { action: "grant.added", entityId: grantId } })).toBe(1);

    const [grants, events] = [await grantCount(), await db.event.count()];
    const refused = await api.grant(tokens.adminA, workerB.id, { roleKey: "reviewer", orgId: p.enterpriseB.id });
    expect(refused.status).toBe(403);
    expect(await grantCount()).toBe(grants);
    expect(await db.event.count()).toBe(events);

    const removed = await api.revoke(tokens.adminA, workerA.id, grantId);
    expect(removed.status).toBe(200);
    expect(await db.event.count({ where: { action: "grant.removed", entityId: grantId } })).toBe(1);
  });

  it("a token of a user:read holder cannot grant at all", async () => {
    expect((await api.grant(tokens.readerA, workerA.id, { roleKey: "judge", orgId: p.enterpriseA.id })).status).toBe(403);
  });

  it("a session cookie cannot change anything through the API", async () => {
    const result = await api.grant(undefined, workerA.id, { roleKey: "judge", orgId: p.enterpriseA.id }, cookies.adminA);
    expect(result.status).toBe(401);
  });

  it("validates the grant body and names the field", async () => {
    const { status, data } = await api.grant(tokens.adminA, workerA.id, { roleKey: "judge" });
    expect(status).toBe(400);
    expect((data as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toContain("body.orgId");
  });

  it("creates an account with 201", async () => {
    const username = `api_${uid()}`;
    const { status, data } = await settle(usersApi.action({
      request: makeRequest("/api/v1/users", { token: tokens.adminA, json: { username, displayName: "接口用户", password: "gongsai-2026-y", roleKey: "worker", orgId: p.teamA.id } }),
      params: {}, context: ctx,
    }));
    expect(status).toBe(201);
    expect((data as { username: string; grants: { orgId: string }[] }).grants.map((g) => g.orgId)).toEqual([p.teamA.id]);
    expect(await eventCount("user.created")).toBeGreaterThan(0);
  });

  it("GET /me describes the caller's roles, permissions and scopes", async () => {
    const { status, data } = await settle(meApi.loader({ request: makeRequest("/api/v1/me", { token: tokens.organiserA }), params: {}, context: ctx }));
    expect(status).toBe(200);
    const me = MeSchema.parse(data);
    expect(me.id).toBe(organiserA.id);
    expect(me.via).toBe("token");
    expect(me.roles).toEqual(["organiser"]);
    expect(me.permissions).toContain("user:read");
    expect(me.permissions).toContain("user:manage"); // organisers staff their contests (issue 12)
    expect(me.permissions).not.toContain("judging:encrypt");
    expect(me.grants).toEqual([expect.objectContaining({ roleKey: "organiser", orgId: p.cityA.id, orgName: p.cityA.name, orgPath: p.cityA.path })]);
  });

  it("documents the users operations in OpenAPI", async () => {
    const doc = await (await openapiRoute.loader()).json();
    expect(doc.paths["/users/{userId}/grants/{grantId}"].delete.responses["422"]).toBeDefined();
    expect(doc.paths["/me"].get.operationId).toBe("getMe");
  });
});

describe("the API tokens page", () => {
  const page = (cookie: string, form: Record<string, string>) => settle(tokensPage.action({ request: makeRequest("/account/tokens", { cookie, form }), params: {}, context: ctx }));
  const me = (token: string) => settle(meApi.loader({ request: makeRequest("/api/v1/me", { token }), params: {}, context: ctx }));

  it("creates a token shown once that works, and once revoked gets 401", async () => {
    const created = await page(cookies.organiserA, { intent: "create", name: "报表系统", expiresInDays: "30" });
    expect(created.status).toBe(200);
    const { token } = created.data as { token: string };
    expect(token).toMatch(/^gs_/);
    expect((await me(token)).status).toBe(200);

    const list = (await tokensPage.loader({ request: makeRequest("/account/tokens", { cookie: cookies.organiserA }), params: {}, context: ctx })) as { tokens: { id: string; name: string; prefix: string; expiresAt: Date | null }[] };
    const row = list.tokens.find((t) => t.name === "报表系统")!;
    expect(token.startsWith(row.prefix)).toBe(true);
    expect(JSON.stringify(list)).not.toContain(token);
    expect(row.expiresAt).not.toBeNull();

    expect((await page(cookies.organiserA, { intent: "revoke", tokenId: row.id })).data).toEqual({ ok: true, intent: "revoke" });
    const refused = await me(token);
    expect(refused.status).toBe(401);
    expect((refused.data as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  it("explains a bad number of days and creates nothing", async () => {
    const before = await db.apiToken.count();
    const result = await page(cookies.organiserA, { intent: "create", name: "x", expiresInDays: "abc" });
    expect(result.status).toBe(400);
    expect((result.data as { issues: { path: string; message: string }[] }).issues[0]).toMatchObject({ path: "expiresInDays", message: expect.stringMatching(/^有效天数/) });
    expect(await db.apiToken.count()).toBe(before);
  });

  it("cannot revoke someone else's token", async () => {
    const other = await db.apiToken.findFirstOrThrow({ where: { userId: adminA.id } });
    expect((await page(cookies.organiserA, { intent: "revoke", tokenId: other.id })).status).toBe(404);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeNull();
  });
});
