import { describe, expect, it } from "vitest";
import { locateAccountColumns, normalisePhone, resolveOrg, validateAccountRows, type AccountSheetRow, type RoleChoice } from "./account-import";
import type { Grant } from "./permissions";
import { ROLES } from "./roles";

const roles: RoleChoice[] = ROLES.map((r) => ({ key: r.key, name: r.name, nameEn: r.nameEn, permissions: r.permissions }));
const organiser: Grant = { roleKey: "organiser", orgId: "hz", orgPath: "/n/zj/hz/", permissions: ROLES.find((r) => r.key === "organiser")!.permissions };
const orgs = [
  { id: "hz", name: "杭州市总工会", path: "/n/zj/hz/" },
  { id: "u1", name: "杭州汽轮机股份有限公司工会", path: "/n/zj/hz/u1/" },
  { id: "u2", name: "车间工会", path: "/n/zj/hz/u2/" },
  { id: "u3", name: "车间工会", path: "/n/zj/hz/u3/" },
];
const context = { orgs, roles, actor: { id: "me", grants: [organiser] }, takenUsernames: new Set(["judge"]) };
const row = (row: number, cells: AccountSheetRow["cells"]): AccountSheetRow => ({ row, cells });
const good = (n: number, over: AccountSheetRow["cells"] = {}) =>
  row(n, { username: `zhang${n}`, displayName: "张伟", phone: "138 0000 1234", unit: "杭州汽轮机股份有限公司工会", role: "裁判", ...over });

describe("the account sheet's columns", () => {
  it("finds the five columns by header, starred or spaced", () => {
    const { columns, problems } = locateAccountColumns([null, "用户名*", "姓 名", "手机", "单位", "角色"]);
    expect(problems).toEqual([]);
    expect([...columns.entries()]).toEqual([["username", 1], ["displayName", 2], ["phone", 3], ["unit", 4], ["role", 5]]);
  });
  it("names a missing required column on row 1; the phone column may be left out", () => {
    const { problems } = locateAccountColumns([null, "用户名", "姓名", "单位"]);
    expect(problems).toEqual([{ row: 1, field: "role", column: "角色", message: expect.stringMatching(/^缺少「角色」列/) }]);
  });
});

describe("one row of the account sheet", () => {
  it("accepts a good row: lower-cased username, phone digits, organisation and role resolved", () => {
    const { valid, problems } = validateAccountRows([good(2, { username: "Zhang2" })], context);
    expect(problems).toEqual([]);
    expect(valid).toEqual([{ row: 2, username: "zhang2", displayName: "张伟", phone: "13800001234", orgId: "u1", roleKey: "judge" }]);
  });
  it("takes the role by English name or key, and the organisation by id", () => {
    const { valid } = validateAccountRows([good(2, { role: "Unit contact", unit: "u1" }), good(3, { role: "reviewer", unit: "hz" })], context);
    expect(valid.map((v) => [v.roleKey, v.orgId])).toEqual([["unit_contact", "u1"], ["reviewer", "hz"]]);
  });
  it("names each bad row with its row number and every problem of it", () => {
    const { valid, problems } = validateAccountRows([
      good(2),
      good(3, { username: "judge" }), // taken
      good(4, { username: "zhang2" }), // duplicate of row 2
      good(5, { username: "A b", displayName: null, phone: "12345" }),
      good(6, { unit: "宁波市总工会" }),
      good(7, { unit: "车间工会" }),
      good(8, { role: "皇帝" }),
    ], context);
    expect(valid.map((v) => v.row)).toEqual([2]);
    const byRow = (r: number) => problems.filter((p) => p.row === r).map((p) => [p.column, p.message.split(" / ")[0]]);
    expect(byRow(3)).toEqual([["用户名", "用户名已被使用"]]);
    expect(byRow(4)).toEqual([["用户名", "与第 2 行的用户名重复"]]);
    expect(byRow(5).map(([c]) => c)).toEqual(["用户名", "姓名", "手机"]);
    expect(byRow(6)).toEqual([["单位", "单位「宁波市总工会」不存在或不在您的管理范围内"]]);
    expect(byRow(7)).toEqual([["单位", "有多个名为「车间工会」的单位，请改填单位编号"]]);
    expect(byRow(8)).toEqual([["角色", "没有「皇帝」这个角色"]]);
  });
  it("refuses roles the importer may not grant, with the form's reason (never admin, never the encryption officer)", () => {
    const { problems } = validateAccountRows([good(2, { role: "系统管理员" }), good(3, { role: "加密裁判 / 保密员" })], context);
    expect(problems.map((p) => [p.row, p.field])).toEqual([[2, "role"], [3, "role"]]);
    expect(problems[0].message).toMatch(/^只有系统管理员能授予/);
    expect(problems[1].message).toMatch(/^加密裁判（保密员）只能由/);
  });
  it("a number typed into the username column is read as text", () => {
    expect(validateAccountRows([good(2, { username: 20260001 })], context).valid[0].username).toBe("20260001");
  });
});

describe("mobile numbers and organisations", () => {
  it("normalises +86 and separators; refuses anything else", () => {
    expect(normalisePhone("+86 139-1234-5678")).toBe("13912345678");
    expect(normalisePhone("0571-88888888")).toBeNull();
    expect(normalisePhone("1391234567")).toBeNull();
  });
  it("an id wins over a look-alike name", () => {
    expect(resolveOrg("u2", orgs)).toMatchObject({ id: "u2" });
  });
});
