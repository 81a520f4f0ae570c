// Issue 12 item 1: organisers create and grant accounts within their subtree (judges, unit
// contacts, the committee office, reviewers) without the administrator; a new account's
// one-time password is shown once and must be changed at the first sign-in.
import { beforeAll, describe, expect, it } from "vitest";
import * as newUserPage from "~/routes/users.new";
import * as userPage from "~/routes/users.$userId";
import * as usersApi from "~/routes/api.v1.users";
import * as loginPage from "~/routes/login";
import * as accountPage from "~/routes/account._index";
import * as homePage from "~/routes/_index";
import * as importPage from "~/routes/users.import";
import * as templateRoute from "~/routes/users.import-template[.]xlsx";
import * as importApi from "~/routes/api.v1.users.import";
import { newWorkbook } from "~/utils/xlsx.server";
import { db } from "~/utils/db.server";
import { createProvince, createUser, ctx, makeRequest, uid } from "../factories";
import { account, call, type Account } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, adminA: Account;

beforeAll(async () => {
  p = await createProvince();
  [organiser, adminA] = await Promise.all([account("organiser", p.cityA.id), account("admin", p.cityA.id)]);
});

const createForm = (as: Account, form: Record<string, string>) => call(newUserPage, "/users/new", {}, { as, form });
const grantForm = (as: Account, userId: string, form: Record<string, string>) => call(userPage, `/users/${userId}`, { userId }, { as, form: { intent: "grant", ...form } });
type CreatedBody = { ok: true; created: { id: string; username: string; oneTimePassword: string } };

async function signIn(username: string, password: string, redirectTo = "/") {
  const request = makeRequest("/login", { form: { username, password, redirectTo } });
  const response = (await loginPage.action({ request, params: {}, context: { ...ctx, clientAddress: `10.9.${uid().length}.1` } })) as Response;
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("gs_session="))?.split(";")[0];
  return { status: response.status, location: response.headers.get("Location"), cookie };
}

describe("an organiser staffs a contest without the administrator (issue 12 item 1)", () => {
  it.each([
    ["judge", () => p.cityA.id],
    ["unit_contact", () => p.enterpriseA.id],
    ["reviewer", () => p.cityA.id],
    ["committee", () => p.districtA.id],
  ])("creates a %s account in their subtree with a one-time password shown once", async (roleKey, org) => {
    const username = `o_${roleKey.slice(0, 4)}_${uid()}`;
    const result = await createForm(organiser, { username, displayName: "王建国", roleKey, orgId: org() });
    expect(result.status).toBe(200);
    const { created } = result.body as CreatedBody;
    expect(created.username).toBe(username);
    expect(created.oneTimePassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const user = await db.user.findUniqueOrThrow({ where: { username }, include: { grants: true } });
    expect(user.mustChangePassword).toBe(true);
    expect(user.passwordHash).not.toContain(created.oneTimePassword);
    expect(user.grants.map((g) => [g.roleKey, g.orgId, g.grantedById])).toEqual([[roleKey, org(), organiser.id]]);
    // the events say who did it and never carry the password
    const events = await db.event.findMany({ where: { entityId: { in: [user.id, user.grants[0].id] } } });
    expect(events.map((e) => e.action).sort()).toEqual(["grant.added", "user.created"]);
    expect(events.every((e) => e.actorId === organiser.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(created.oneTimePassword);
  });

  it("the form offers the roles the organiser may grant, never the administrator or the encryption officer", async () => {
    const { body } = await call(newUserPage, "/users/new", {}, { as: organiser, cookie: true });
    const keys = (body as { roles: { key: string }[] }).roles.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["judge", "chief_judge", "unit_contact", "reviewer", "committee", "worker"]));
    expect(keys).not.toContain("admin");
    expect(keys).not.toContain("encryption_officer");
    const orgIds = (body as { orgs: { id: string }[] }).orgs.map((o) => o.id);
    expect(orgIds).toContain(p.enterpriseA.id);
    expect(orgIds).not.toContain(p.cityB.id);
  });

  it.each([["admin", /^只有系统管理员能授予/], ["encryption_officer", /^加密裁判（保密员）只能由/]])(
    "refuses to create an account with the %s role, Chinese first, and writes nothing",
    async (roleKey, message) => {
      const username = `o_bad_${uid()}`;
      const [users, events] = [await db.user.count(), await db.event.count()];
      const result = await createForm(organiser, { username, displayName: "越级", roleKey, orgId: p.cityA.id });
      expect(result.status).toBe(403);
      expect(String(result.body)).toMatch(message); // a 403 page: the form never offers these roles
      expect(await db.user.count()).toBe(users);
      expect(await db.event.count()).toBe(events);
    },
  );

  it("refuses an organisation outside the subtree (city B, the province above)", async () => {
    for (const orgId of [p.cityB.id, p.province.id]) {
      const username = `o_out_${uid()}`;
      const result = await createForm(organiser, { username, displayName: "越界", roleKey: "judge", orgId });
      expect(result.status).toBe(403);
      expect(await db.user.count({ where: { username } })).toBe(0);
    }
  });

  it("grants a further role to an account, but not the chief judge's role to themselves", async () => {
    const judge = await createUser([{ role: "judge", orgId: p.enterpriseA.id }]);
    expect((await grantForm(organiser, judge.id, { roleKey: "chief_judge", orgId: p.cityA.id })).body).toEqual({ ok: true, intent: "grant" });
    const before = await db.roleGrant.count();
    const self = await grantForm(organiser, organiser.id, { roleKey: "chief_judge", orgId: p.cityA.id });
    expect(self.status).toBe(403);
    expect(String(self.body)).toMatch(/^不能给自己授予您尚未拥有的权限/);
    expect(await db.roleGrant.count()).toBe(before);
  });

  it("may not revoke an administrator's grant inside the subtree", async () => {
    const grant = await db.roleGrant.findFirstOrThrow({ where: { userId: adminA.id, roleKey: "admin" } });
    const view = await call(userPage, `/users/${adminA.id}`, { userId: adminA.id }, { as: organiser, cookie: true });
    expect((view.body as { account: { grants: { id: string; canRevoke: boolean }[] } }).account.grants.find((g) => g.id === grant.id)?.canRevoke).toBe(false);
    const result = await call(userPage, `/users/${adminA.id}`, { userId: adminA.id }, { as: organiser, form: { intent: "revoke", grantId: grant.id } });
    expect(result.status).toBe(403);
    expect(await db.roleGrant.findUnique({ where: { id: grant.id } })).not.toBeNull();
  });

  it("POST /api/v1/users with an organiser's token answers the one-time password once (201)", async () => {
    const username = `o_api_${uid()}`;
    const result = await call(usersApi, "/api/v1/users", {}, { as: organiser, json: { username, displayName: "李明", roleKey: "unit_contact", orgId: p.enterpriseA.id } });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ username, mustChangePassword: true, oneTimePassword: expect.stringMatching(/^\S{4}-\S{4}-\S{4}$/) });
    const refused = await call(usersApi, "/api/v1/users", {}, { as: organiser, json: { username: `o_api_${uid()}`, displayName: "李明", roleKey: "admin", orgId: p.cityA.id } });
    expect(refused.status).toBe(403);
  });
});

describe("the one-time password is changed at the first sign-in", () => {
  it("sign-in leads to the password change, every page does until it is done, then the page asked for opens", async () => {
    const username = `o_first_${uid()}`;
    const created = (await createForm(organiser, { username, displayName: "赵静", roleKey: "judge", orgId: p.cityA.id })).body as CreatedBody;
    const otp = created.created.oneTimePassword;

    const login = await signIn(username, otp, "/judging");
    expect(login.status).toBe(302);
    expect(login.location).toBe(`/account?redirectTo=${encodeURIComponent("/judging")}`);
    const cookie = login.cookie!;

    // another page sends them back to the change
    const home = await homePage.loader({ request: makeRequest("/", { cookie }), params: {}, context: ctx }).then(() => null, (r: unknown) => r as Response);
    expect(home?.status).toBe(302);
    expect(home?.headers.get("Location")).toMatch(/^\/account\?redirectTo=/);
    // the account page itself opens and says why
    const page = (await accountPage.loader({ request: makeRequest("/account?redirectTo=%2Fjudging", { cookie }), params: {}, context: ctx })) as { mustChangePassword: boolean; redirectTo: string };
    expect(page).toMatchObject({ mustChangePassword: true, redirectTo: "/judging" });

    // keeping the one-time password is refused, nothing changes
    const same = (await accountPage.action({ request: makeRequest("/account", { cookie, form: { currentPassword: otp, newPassword: otp, confirmPassword: otp, redirectTo: "/judging" } }), params: {}, context: ctx })) as Response;
    expect(same.status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { username } })).mustChangePassword).toBe(true);

    const own = "Zhao-jing-2026";
    const done = (await accountPage.action({ request: makeRequest("/account", { cookie, form: { currentPassword: otp, newPassword: own, confirmPassword: own, redirectTo: "/judging" } }), params: {}, context: ctx })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/judging");
    const user = await db.user.findUniqueOrThrow({ where: { username } });
    expect(user.mustChangePassword).toBe(false);
    expect(await db.event.count({ where: { action: "user.password-changed", entityId: user.id } })).toBe(1);
    // the next sign-in goes straight to the page asked for, and the one-time password no longer works
    expect((await signIn(username, own, "/judging")).location).toBe("/judging");
    expect((await signIn(username, otp)).status).toBe(401);
  });

  it("a redirect target from elsewhere is not followed after the change", async () => {
    const username = `o_redir_${uid()}`;
    const otp = ((await createForm(organiser, { username, displayName: "钱伟", roleKey: "judge", orgId: p.cityA.id })).body as CreatedBody).created.oneTimePassword;
    const login = await signIn(username, otp, "https://evil.example/");
    expect(login.location).toBe(`/account?redirectTo=${encodeURIComponent("/")}`);
  });
});

describe("accounts outside every subtree", () => {
  it("an organiser neither lists accounts without a role nor creates one (it would vanish from their sight)", async () => {
    const unplaced = await createUser([], { username: `o_none_${uid()}` });
    const usersList = await import("~/routes/users._index");
    const list = await call(usersList, `/users?q=${unplaced.username}`, {}, { as: organiser, cookie: true });
    expect((list.body as { items: unknown[] }).items).toEqual([]);
    const asAdmin = await call(usersList, `/users?q=${unplaced.username}`, {}, { as: adminA, cookie: true });
    expect((asAdmin.body as { items: { id: string }[] }).items.map((u) => u.id)).toEqual([unplaced.id]);

    const username = `o_norole_${uid()}`;
    const result = await createForm(organiser, { username, displayName: "孙丽" });
    expect(result.status).toBe(400);
    expect((result.body as { issues: { path: string; message: string }[] }).issues[0]).toMatchObject({ path: "roleKey", message: expect.stringMatching(/^请为新账号选择角色和组织/) });
    expect(await db.user.count({ where: { username } })).toBe(0);
  });
});

describe("importing accounts from Excel (all or nothing)", () => {
  async function workbook(rows: (string | number | null)[][], header = ["用户名", "姓名", "手机", "单位", "角色"]) {
    const book = await newWorkbook();
    const sheet = book.addWorksheet("账号");
    sheet.addRow(header);
    for (const r of rows) sheet.addRow(r);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }
  async function upload(as: Account, bytes: Uint8Array, name = "账号.xlsx") {
    const form = new FormData();
    form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const request = makeRequest("/users/import", { cookie: as.cookie, body: form });
    try {
      const response = (await importPage.action({ request, params: {}, context: ctx })) as Response;
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, body: { text: await thrown.text() } };
      throw thrown;
    }
  }

  it("the template has the five columns and an instructions sheet", async () => {
    const response = (await templateRoute.loader({ request: makeRequest("/users/import-template.xlsx", { cookie: organiser.cookie }), params: {}, context: ctx })) as Response;
    expect(response.headers.get("Content-Disposition")).toMatch(/filename\*=UTF-8''/);
    const book = await newWorkbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["账号", "填写说明"]);
    expect((book.getWorksheet("账号")!.getRow(1).values as unknown[]).slice(1)).toEqual(["用户名", "姓名", "手机", "单位", "角色"]);
  });

  it("imports every row with its role, answers each one-time password once, and a workbook of them", async () => {
    const tag = uid();
    const bytes = await workbook([
      [`imp_judge_${tag}`, "周强", "13800001111", p.cityA.name, "裁判"],
      [null, null, null, null, null], // an empty row is skipped
      [`imp_contact_${tag}`, "吴芳", null, p.enterpriseA.id, "单位联络员"],
      [`imp_office_${tag}`, "郑敏", "139 0000 2222", p.cityA.name, "审核人"],
    ]);
    const { status, body } = await upload(organiser, bytes);
    expect(status).toBe(200);
    const accounts = body.accounts as { row: number; username: string; oneTimePassword: string; roleName: string }[];
    expect(accounts.map((a) => [a.row, a.username, a.roleName])).toEqual([[2, `imp_judge_${tag}`, "裁判"], [4, `imp_contact_${tag}`, "单位联络员"], [5, `imp_office_${tag}`, "审核人"]]);
    const users = await db.user.findMany({ where: { username: { startsWith: "imp_" , endsWith: tag } }, include: { grants: true }, orderBy: { username: "asc" } });
    expect(users).toHaveLength(3);
    expect(users.every((u) => u.mustChangePassword)).toBe(true);
    expect(users.find((u) => u.username === `imp_office_${tag}`)?.phone).toBe("13900002222");
    expect(users.find((u) => u.username === `imp_contact_${tag}`)?.grants.map((g) => [g.roleKey, g.orgId, g.grantedById])).toEqual([["unit_contact", p.enterpriseA.id, organiser.id]]);
    // the workbook of passwords carries the same passwords, and the events none of them
    const book = await newWorkbook();
    await book.xlsx.load(Uint8Array.from(Buffer.from(body.passwordsXlsx as string, "base64")).buffer);
    const sheet = book.getWorksheet("一次性密码")!;
    expect(sheet.getRow(2).getCell(5).value).toBe(accounts[0].oneTimePassword);
    const events = await db.event.findMany({ where: { actorId: organiser.id, action: { in: ["user.created", "grant.added", "user.imported"] } } });
    expect(events.filter((e) => e.action === "user.imported").length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(events)).not.toContain(accounts[0].oneTimePassword);
    // a holder signs in with theirs and is led to the password change
    expect((await signIn(accounts[0].username, accounts[0].oneTimePassword)).location).toMatch(/^\/account\?redirectTo=/);
  });

  it("one bad row imports nothing and every bad row is named with its row number", async () => {
    const tag = uid();
    const [users, events] = [await db.user.count(), await db.event.count()];
    const bytes = await workbook([
      [`imp_ok_${tag}`, "冯军", null, p.cityA.name, "裁判"],
      [`imp_admin_${tag}`, "陈越", null, p.cityA.name, "系统管理员"],
      [`imp_out_${tag}`, "褚涛", null, p.cityB.name, "裁判"],
      [`imp_ok_${tag}`, "卫红", "12345", p.cityA.name, "裁判"],
    ]);
    const { status, body } = await upload(organiser, bytes);
    expect(status).toBe(400);
    expect(body.message).toMatch(/^文件中有 3 行有误，未导入任何账号/);
    const problems = body.problems as { row: number; column: string; message: string }[];
    expect(problems.map((p) => [p.row, p.column])).toEqual([[3, "角色"], [4, "单位"], [5, "用户名"], [5, "手机"]]);
    expect(await db.user.count()).toBe(users);
    expect(await db.event.count()).toBe(events);
  });

  it("a file that is not the template, or not .xlsx, is refused with a clear message naming the file", async () => {
    const missing = await upload(organiser, await workbook([["x", "y"]], ["账号", "名字"]));
    expect(missing.status).toBe(400);
    expect((missing.body.problems as { row: number; message: string }[])[0]).toMatchObject({ row: 1, message: expect.stringMatching(/^缺少「用户名」列/) });
    const notXlsx = await upload(organiser, new TextEncoder().encode("用户名,姓名"), "账号.csv");
    expect(notXlsx.status).toBe(400);
    expect((notXlsx.body.issues as { path: string; message: string }[])[0]).toMatchObject({ path: "file", message: expect.stringMatching(/^只接受 \.xlsx/) });
  });

  it("is closed to those who cannot manage accounts", async () => {
    const contact = await account("unit_contact", p.enterpriseA.id);
    expect((await upload(contact, await workbook([]))).status).toBe(403);
  });

  it("POST /api/v1/users/import: 201 with the passwords, or 422 naming body.rows.N.field and nothing written", async () => {
    const tag = uid();
    const ok = await call(importApi, "/api/v1/users/import", {}, { as: organiser, json: { rows: [
      { username: `api_imp_${tag}`, displayName: "蒋丽", unit: p.cityA.id, role: "committee" },
    ] } });
    expect(ok.status).toBe(201);
    expect((ok.body as { accounts: { username: string; oneTimePassword: string }[] }).accounts[0]).toMatchObject({ username: `api_imp_${tag}`, oneTimePassword: expect.any(String) });

    const users = await db.user.count();
    const bad = await call(importApi, "/api/v1/users/import", {}, { as: organiser, json: { rows: [
      { username: `api_imp2_${tag}`, displayName: "沈强", unit: p.cityA.id, role: "judge" },
      { username: `api_imp3_${tag}`, displayName: "韩梅", unit: p.cityA.id, role: "encryption_officer" },
    ] } });
    expect(bad.status).toBe(422);
    const error = (bad.body as { error: { code: string; issues: { path: string; message: string }[] } }).error;
    expect(error.code).toBe("invalid_rows");
    expect(error.issues).toEqual([{ path: "body.rows.1.role", message: expect.stringMatching(/^加密裁判（保密员）只能由/) }]);
    expect(await db.user.count()).toBe(users);
  });
});
