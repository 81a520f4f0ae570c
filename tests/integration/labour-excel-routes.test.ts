import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as projectsApi from "~/routes/api.v1.labour.projects";
import * as projectApi from "~/routes/api.v1.labour.projects.$projectId";
import * as periodApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId";
import * as importApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.import";
import * as importPage from "~/routes/labour.$projectId.periods.$periodId.import";
import * as templateRoute from "~/routes/labour.$projectId.periods.$periodId.import-template[.]xlsx";
import * as noticeXlsx from "~/routes/labour.$projectId.periods.$periodId.notice[.]xlsx";
import * as noticePdf from "~/routes/labour.$projectId.periods.$periodId.notice[.]pdf";
import { TEMPLATE_QIBI_YICHUANG } from "~/modules/labour/indicators";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 14 (audit): the Excel routes themselves, not only their row modules. The import template
// download, the import page and API (all or nothing, rules L-3/L-4/L-11: one bad row names its row
// and reason in Chinese first and imports nothing; a good file moves the board; only the project's
// scorers may import) and the 月度考评通报 (rule L-11) as xlsx and pdf, whose rows are the board's.

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};
let projectId: string;
let periods: { id: string; label: string }[] = [];

async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}

async function api(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest("/api/v1/x", { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A page loader or action as the browser meets it: a thrown Response is the answer too. */
async function page(fn: unknown, path: string, params: Record<string, string>, who: string, body?: FormData): Promise<Response> {
  try {
    const out = await (fn as (a: unknown) => Promise<unknown>)({ request: makeRequest(path, { method: body ? "POST" : "GET", cookie: cookies[who], body }), params, context: ctx });
    return out instanceof Response ? out : Response.json(out);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const pp = (periodId: string) => ({ projectId, periodId });
const board = async (periodId: string) => (await api(periodApi, "GET", pp(periodId), "member")).body.board as { unitId: string; name: string; group: string; rank: number | null; total: number }[];

async function template(periodId: string, who = "member") {
  const res = await page(templateRoute.loader, `/labour/${projectId}/periods/${periodId}/import-template.xlsx`, pp(periodId), who);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe(XLSX);
  expect(res.headers.get("Content-Disposition")).toMatch(/^attachment/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** Every unit of the score sheet at `levels[name]`: each rubric item, and plan 100 / actual `levels[name]` of each quantity. */
function fill(wb: ExcelJS.Workbook, levels: Record<string, number>, events: (string | null)[][] = []) {
  const ws = wb.getWorksheet("考评分数")!;
  const headers = ws.getRow(1).values as (string | undefined)[];
  ws.eachRow((row, r) => {
    if (r === 1) return;
    const level = levels[String(row.getCell(1).value)];
    headers.forEach((h, c) => {
      if (!h || c <= 2) return;
      row.getCell(c).value = h.endsWith("计划量") ? 100 : level;
    });
  });
  for (const e of events) wb.getWorksheet("加减分事项")!.addRow(e);
}

async function upload(periodId: string, wb: ExcelJS.Workbook, who = "member") {
  const form = new FormData();
  form.set("file", new File([Buffer.from(await wb.xlsx.writeBuffer())], "import.xlsx", { type: XLSX }));
  return page(importPage.action, `/labour/${projectId}/periods/${periodId}/import`, pp(periodId), who, form);
}

async function counts() {
  const [scores, events, ledger] = await Promise.all([
    db.labourScore.count({ where: { period: { projectId } } }),
    db.labourEvent.count({ where: { projectId } }),
    db.labourLedgerLine.count({ where: { projectId } }),
  ]);
  return { scores, events, ledger };
}

beforeAll(async () => {
  const p = await createProvince();
  const s1 = await createOrg({ type: "team", parent: p.enterpriseA, name: `一标段项目部${uid()}` });
  await as("labour_organiser", p.enterpriseA.id, "applicant");
  await as("organiser", p.cityA.id, "city");
  await as("reviewer", p.districtA.id, "district");
  await as("labour_committee", p.enterpriseA.id, "member");
  await as("labour_committee", p.enterpriseB.id, "outsider");
  const round = await api(roundsApi, "POST", {}, "city", { subjectType: "competition.project", title: `劳动竞赛申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"] });
  const res = await api(projectsApi, "POST", {}, "applicant", {
    orgId: p.enterpriseA.id, name: `通报测试竞赛${uid()}`, owner: "省水利厅", startDate: "2026-01-01", endDate: "2026-12-31", frequency: "month", template: "qibi-yichuang", roundId: round.body.id,
    roster: [
      { kind: "unit", name: "中铁测试局" },
      { kind: "section", name: "一标段", parent: "中铁测试局", orgId: s1.id },
      { kind: "section", name: "二标段", parent: "中铁测试局" },
      { kind: "area", name: "一工区", parent: "一标段" },
      { kind: "team", name: "钢筋班", parent: "一工区" },
    ],
  });
  expect(res.status).toBe(201);
  projectId = res.body.id;
  const project = await api(projectApi, "GET", { projectId }, "applicant");
  const submissionId = res.body.submissionId ?? project.body.project.submissionId;
  expect((await api(reviewApi, "POST", { submissionId }, "district", { level: 0, action: "recommend" })).status).toBe(200);
  expect((await api(reviewApi, "POST", { submissionId }, "city", { level: 1, action: "recommend" })).status).toBe(200);
  periods = (await api(projectApi, "GET", { projectId }, "applicant")).body.periods;
});

describe("the import template download (issue 14 item 9)", () => {
  it("answers an xlsx whose score sheet has the unit, the group and one column per indicator", async () => {
    const wb = await template(periods[0].id);
    const headers = (wb.getWorksheet("考评分数")!.getRow(1).values as (string | undefined)[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(["单位", "类型", "比党建引领（满分 100.00）"]);
    // one column per committee-scored item, two (plan, actual) per quantity item
    const rubric = TEMPLATE_QIBI_YICHUANG.indicators.filter((i) => i.method === "rubric");
    const quantity = TEMPLATE_QIBI_YICHUANG.indicators.filter((i) => i.method === "quantity");
    expect(headers).toHaveLength(2 + rubric.length + 2 * quantity.length);
    for (const i of rubric) expect(headers).toContain(`${i.name}（满分 ${(i.max / 100).toFixed(2)}）`);
    for (const i of quantity) expect(headers.filter((h) => h?.startsWith(i.name) && /(计划量|完成量)$/.test(h))).toHaveLength(2);
    expect((wb.getWorksheet("加减分事项")!.getRow(1).values as string[]).slice(1)).toEqual(["单位", "类型", "日期", "奖罚事项", "说明"]);
  });

  it("is refused to another union, to a reader who does not score, and for a period that does not exist", async () => {
    expect((await page(templateRoute.loader, "/t", pp(periods[0].id), "outsider")).status).toBe(403);
    expect((await page(templateRoute.loader, "/t", pp(periods[0].id), "district")).status).toBe(403);
    expect((await page(templateRoute.loader, "/t", pp("no-such-period"), "member")).status).toBe(404);
  });
});

describe("the import page and API (rules L-3, L-4, L-11)", () => {
  it("a file with one bad row imports nothing and names the row and the reason, Chinese first", async () => {
    const jan = periods[0].id;
    const before = await counts();
    const wb = await template(jan);
    fill(wb, { 一标段: 90, 二标段: 80, 一工区: 85, 钢筋班: 70 }, [["二标段", null, "2026-01-05", "业主通报批评", null], ["一标段", null, "2026-01-09", "业主口头表扬", null]]);
    const res = await upload(jan, wb);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(/^[\u4e00-\u9fff「]/);
    expect(body.message).toMatch(/「加减分事项」第 3 行：未知的奖罚事项「业主口头表扬」/);
    expect(body.message).toMatch(/未导入任何数据/);
    expect(await counts()).toEqual(before);
  });

  it("a good file imports every row and the board changes", async () => {
    const jan = periods[0].id;
    const before = await counts();
    const ranksBefore = await board(jan);
    expect(ranksBefore.every((r) => r.total === ranksBefore[0].total)).toBe(true);
    const wb = await template(jan);
    fill(wb, { 一标段: 80, 二标段: 95, 一工区: 85, 钢筋班: 70 }, [["二标段", null, "2026-01-12", "业主通报表扬", "文明施工"], ["一工区", "工区", "2026-01-20", "上级主管部门奖励", null]]);
    const res = await upload(jan, wb);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, scores: 4 * 5 + 4, events: 2 });
    const after = await counts();
    expect(after.scores - before.scores).toBe(4 * 5 + 4);
    expect(after.events - before.events).toBe(2);
    expect(after.ledger - before.ledger).toBe(1);
    const rows = await board(jan);
    const sections = rows.filter((r) => r.group === "section");
    expect(sections.map((r) => [r.name, r.rank])).toEqual([["二标段", 1], ["一标段", 2]]);
    expect(sections[0].total).toBeGreaterThan(sections[1].total);
  });

  it("a non-organiser is refused on the page and through the API, and nothing is written", async () => {
    const feb = periods[1].id;
    const before = await counts();
    const wb = await template(feb);
    fill(wb, { 一标段: 90, 二标段: 80, 一工区: 85, 钢筋班: 70 });
    expect((await page(importPage.loader, "/i", pp(feb), "district")).status).toBe(403);
    expect((await page(importPage.loader, "/i", pp(feb), "member")).status).toBe(200);
    expect((await upload(feb, wb, "outsider")).status).toBe(403);
    // a reviewer of the district reads the project but does not score it
    expect((await upload(feb, wb, "district")).status).toBe(403);
    const lines = { scores: [{ unit: "一标段", values: { party: 90 } }], events: [] };
    expect((await api(importApi, "POST", pp(feb), "outsider", lines)).status).toBe(403);
    expect((await api(importApi, "POST", pp(feb), "district", lines)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe("the 月度考评通报 (rule L-11)", () => {
  it("the xlsx answers 200 with its type, and its rows are the period's board: ranks, names and totals", async () => {
    const jan = periods[0].id;
    const res = await page(noticeXlsx.loader, "/n.xlsx", pp(jan), "member");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet("考评通报")!;
    const header = ws.getRow(4).values as string[];
    expect(header.slice(1, 4)).toEqual(["分组", "名次", "单位"]);
    const totalCol = header.indexOf("总分");
    expect(totalCol).toBeGreaterThan(3);
    const rows: [unknown, unknown, unknown][] = [];
    ws.eachRow((row, r) => { if (r > 4) rows.push([row.getCell(2).value, row.getCell(3).value, row.getCell(totalCol).value]); });
    const expected = (await board(jan)).map((b) => [b.rank ?? "取消资格", b.name, Number((b.total / 100).toFixed(2))]);
    expect(expected.length).toBe(4);
    expect(rows).toEqual(expected);
    // the events of the period are listed too
    expect(wb.getWorksheet("加减分事项")!.rowCount).toBe(3);
  });

  it("the pdf answers 200 with its type for the project's people", async () => {
    const res = await page(noticePdf.loader, "/n.pdf", pp(periods[0].id), "applicant");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });

  it("both are refused to another union (403) and for an unknown period (404)", async () => {
    for (const route of [noticeXlsx, noticePdf]) {
      expect((await page(route.loader, "/n", pp(periods[0].id), "outsider")).status).toBe(403);
      expect((await page(route.loader, "/n", pp("no-such-period"), "member")).status).toBe(404);
    }
  });
});
