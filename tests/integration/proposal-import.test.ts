import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as importApi from "~/routes/api.v1.proposal-imports";
import * as inboxPage from "~/routes/proposals.inbox";
import * as templateRoute from "~/routes/proposals.import-template[.]xlsx";
import { IMPORT_COLUMNS, IMPORT_SHEET } from "~/modules/proposals/import-rows";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 16, Acceptance "all-or-nothing imports", on SQLite and on PostgreSQL: a union office
// imports proposals from the Excel template (or the same rows over /api/v1). Every row is checked
// (authors are members of the office's subtree, shares add up to 100 %, kind and category from the
// lists); one bad row imports nothing, and the answer names the row and the column.

type Route = { action?: unknown; loader?: unknown };
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};
let p: Awaited<ReturnType<typeof createProvince>>;
const m: Record<string, { id: string; name: string }> = {};

async function as(name: string, grants: { role: string; orgId: string }[]) {
  const u = await createUser(grants);
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}

async function api(who: string, rows: unknown[]) {
  const response = await (importApi.action as (a: unknown) => Promise<Response>)({ request: makeRequest("/api/v1/proposal-imports", { method: "POST", token: tokens[who], json: { rows } }), params: {}, context: ctx });
  return { status: response.status, body: await response.json() };
}

async function template(who = "office") {
  const res = await (templateRoute.loader as (a: unknown) => Promise<Response>)({ request: makeRequest("/proposals/import-template.xlsx", { cookie: cookies[who] }), params: {}, context: ctx });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

async function upload(wb: ExcelJS.Workbook, who = "office", lang?: string) {
  const form = new FormData();
  form.set("file", new File([Buffer.from(await wb.xlsx.writeBuffer())], "建议.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const res = await (inboxPage.action as (a: unknown) => Promise<Response | Record<string, unknown>>)({ request: makeRequest("/proposals/inbox", { method: "POST", cookie: lang ? `${cookies[who]}; gs_lng=${Buffer.from(JSON.stringify(lang)).toString("base64")}` : cookies[who], body: form }), params: {}, context: ctx });
  if (res instanceof Response) return { status: res.status, body: await res.json() };
  return { status: 200, body: res };
}

const row = (title: string, authors: [string, number | string][], kind = "合理化建议", category = "效率") =>
  [kind, category, title, "换模时间长", "快速换模夹具", "节约工时", 120000, ...authors.flatMap(([a, s]) => [a, s])];

async function counts() {
  return {
    proposals: await db.proposal.count(), authors: await db.proposalAuthor.count(), notifications: await db.proposalNotification.count(),
    events: await db.event.count({ where: { action: { in: ["proposal.imported", "proposal.import"] } } }),
  };
}

beforeAll(async () => {
  p = await createProvince();
  m.lead = await createMember(p.teamA.id, { name: `导入甲${uid().slice(0, 3)}` });
  m.co = await createMember(p.enterpriseA.id, { name: `导入乙${uid().slice(0, 3)}` });
  m.outsider = await createMember(p.enterpriseB.id, { name: `外单位${uid().slice(0, 3)}` });
  const twin = `同名${uid().slice(0, 3)}`;
  m.twin1 = await createMember(p.enterpriseA.id, { name: twin });
  m.twin2 = await createMember(p.teamA.id, { name: twin });
  await db.member.update({ where: { id: m.twin2.id }, data: { phone: `139${uid().replace(/\D/g, "").padEnd(8, "7").slice(0, 8)}` } });
  await as("office", [{ role: "grassroots_contact", orgId: p.enterpriseA.id }]);
  await as("officeB", [{ role: "grassroots_contact", orgId: p.enterpriseB.id }]);
  await as("worker", [{ role: "worker", orgId: p.enterpriseA.id }]);
});

describe("the proposal import template (issue 16)", () => {
  it("has the Chinese headers in row 1 and the English hints in row 2", async () => {
    const wb = await template();
    const ws = wb.getWorksheet(IMPORT_SHEET)!;
    expect(ws.getRow(1).getCell(1).value).toBe("类型");
    expect(ws.getRow(1).getCell(8).value).toBe("作者1");
    expect(ws.getRow(1).getCell(9).value).toBe("贡献比例1（%）");
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^Kind: /);
    expect(String(ws.getRow(2).getCell(9).value)).toMatch(/add up to 100/);
    expect(ws.columnCount).toBe(IMPORT_COLUMNS.length);
  });

  it("is only for a union office", async () => {
    const res = await (templateRoute.loader as (a: unknown) => Promise<Response>)({ request: makeRequest("/proposals/import-template.xlsx", { cookie: cookies.worker }), params: {}, context: ctx }).catch((e: unknown) => e as Response);
    expect(res.status).toBe(403);
  });
});

describe("all-or-nothing import (issue 16 Acceptance)", () => {
  it("one bad row among good ones imports nothing and names the row and the column", async () => {
    const before = await counts();
    const wb = await template();
    const ws = wb.getWorksheet(IMPORT_SHEET)!;
    ws.addRow(row(`好建议一${uid()}`, [[m.lead.name, 60], [m.co.name, 40]]));
    ws.addRow(row(`坏建议${uid()}`, [[m.lead.name, 60], [m.co.name, 30]])); // row 4: 90 %
    ws.addRow(row(`好建议二${uid()}`, [[m.co.name, 100]]));
    const r = await upload(wb);
    expect(r.status).toBe(400);
    expect(r.body.ok).toBe(false);
    expect(r.body.message).toMatch(/^第 4 行「贡献比例1（%）」：作者贡献比例合计须为 100%，现为 90%/);
    expect(r.body.message).toMatch(/未导入任何建议/);
    expect(await counts()).toEqual(before);

    const en = await upload(wb, "office", "en");
    expect(en.body.message).toMatch(/^row 4, Share 1 \(%\): the authors' shares must add up to 100 %; they add up to 90 %/);
  });

  it("imports every row of a good file as submitted proposals in the office's inbox, with events", async () => {
    const before = await counts();
    const wb = await template();
    const ws = wb.getWorksheet(IMPORT_SHEET)!;
    const t1 = `导入建议一${uid()}`;
    const t2 = `导入成果二${uid()}`;
    ws.addRow(row(t1, [[m.lead.name, "66.67"], [m.co.name, "33.33%"]]));
    ws.addRow([]); // an empty row is skipped
    ws.addRow(row(t2, [[m.co.name, 100]], "技术创新成果", "安全"));
    const r = await upload(wb);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, imported: 2 });
    const first = await db.proposal.findFirstOrThrow({ where: { title: t1 }, include: { authors: { orderBy: { position: "asc" } } } });
    expect(first).toMatchObject({ state: "submitted", kind: "proposal", category: "efficiency", unitId: p.enterpriseA.id, teamId: p.teamA.id, expectedBenefitYuan: 120000 });
    expect(first.authors.map((a) => [a.memberId, a.share])).toEqual([[m.lead.id, 6667], [m.co.id, 3333]]);
    const second = await db.proposal.findFirstOrThrow({ where: { title: t2 } });
    expect(second).toMatchObject({ kind: "innovation", category: "safety", state: "submitted" });
    const after = await counts();
    expect(after.proposals - before.proposals).toBe(2);
    expect(after.events - before.events).toBe(3); // two proposal.imported and one proposal.import
    expect(await db.event.count({ where: { action: "proposal.imported", entityId: first.id } })).toBe(1);
    expect(after.notifications - before.notifications).toBe(3);
  });

  it("the API takes the same rows: a category outside the list, a member outside the subtree, an ambiguous name each name their row and column, and nothing is written", async () => {
    const before = await counts();
    const bad = await api("office", [
      { kind: "proposal", category: "safety", title: `接口好建议${uid()}`, authors: [{ member: m.lead.name, share: 100 }] },
      { kind: "proposal", category: "食堂", title: `类别不对${uid()}`, authors: [{ member: m.lead.name, share: 100 }] },
      { kind: "proposal", category: "cost", title: `外单位作者${uid()}`, authors: [{ member: m.lead.name, share: 50 }, { member: m.outsider.name, share: 50 }] },
      { kind: "proposal", category: "cost", title: `同名作者${uid()}`, authors: [{ member: m.twin1.name, share: 100 }] },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_rows");
    const messages = bad.body.error.issues.map((i: { path: string; message: string }) => `${i.path} ${i.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^rows\.2 第 2 行「类别」：「食堂」不在类别列表中/),
      expect.stringMatching(/^rows\.3 第 3 行「作者2」：找不到会员「外单位.*」，作者须为本单位范围内的会员/),
      expect.stringMatching(/^rows\.4 第 4 行「作者1」：本单位有 2 名会员名为「同名.*」，请改填手机号或会员编号/),
    ]);
    expect(await counts()).toEqual(before);
  });

  it("the API imports good rows; a repeated name is told apart by phone or member ID", async () => {
    const twin2 = await db.member.findUniqueOrThrow({ where: { id: m.twin2.id } });
    const r = await api("office", [
      { kind: "innovation", category: "质量", title: `接口导入${uid()}`, expectedBenefitYuan: "50000", authors: [{ member: twin2.phone, share: "50" }, { member: m.twin1.id, share: 50 }] },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(1);
    const created = await db.proposal.findUniqueOrThrow({ where: { id: r.body.ids[0] }, include: { authors: { orderBy: { position: "asc" } } } });
    expect(created.authors.map((a) => a.memberId)).toEqual([m.twin2.id, m.twin1.id]);
    expect(created).toMatchObject({ kind: "innovation", category: "quality", expectedBenefitYuan: 50000, state: "submitted" });
  });

  it("another unit's office cannot name this unit's members, and a worker cannot import at all", async () => {
    const before = await counts();
    const r = await api("officeB", [{ kind: "proposal", category: "cost", title: `越权导入${uid()}`, authors: [{ member: m.lead.name, share: 100 }] }]);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/第 1 行「作者1」：找不到会员/);
    const w = await api("worker", [{ kind: "proposal", category: "cost", title: `职工导入${uid()}`, authors: [{ member: m.lead.name, share: 100 }] }]);
    expect(w.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("a file with a column not in the template is refused before any row is read", async () => {
    const before = await counts();
    const wb = await template();
    const ws = wb.getWorksheet(IMPORT_SHEET)!;
    ws.getRow(1).getCell(IMPORT_COLUMNS.length + 1).value = "备注";
    ws.addRow(row(`多一列${uid()}`, [[m.lead.name, 100]]));
    const r = await upload(wb);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/表头「备注」不是模板中的列/);
    expect(await counts()).toEqual(before);
  });
});
