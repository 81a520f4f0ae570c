import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as projectsApi from "~/routes/api.v1.labour.projects";
import * as projectApi from "~/routes/api.v1.labour.projects.$projectId";
import * as importApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.import";
import * as importPage from "~/routes/labour.$projectId.periods.$periodId.import";
import * as boardApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.board";
import * as scoresApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.scores";
import * as eventsApi from "~/routes/api.v1.labour.projects.$projectId.events";
import * as templateRoute from "~/routes/labour.$projectId.periods.$periodId.import-template[.]xlsx";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 14 item 9: Excel import of inspection scores and bonus/deduction events, all or nothing
// (rules L-3, L-4, L-11), through the page (a real upload of the period's template) and the API.

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};
let projectId: string;
let periods: { id: string; label: string; from: string; to: string }[] = [];
let unit: Record<string, string> = {};

async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  cookies[name] = await sessionCookieFor(u.id);
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
  return u;
}
let member: { id: string };

async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Everything the import can change, to compare before and after a refused file. */
async function snapshot() {
  const [scores, events, ledger] = await Promise.all([
    db.labourScore.findMany({ where: { period: { projectId } }, orderBy: [{ unitId: "asc" }, { indicatorKey: "asc" }, { byId: "asc" }], select: { unitId: true, indicatorKey: true, byId: true, value: true, plan: true, actual: true } }),
    db.labourEvent.findMany({ where: { projectId }, orderBy: [{ date: "asc" }, { unitId: "asc" }], select: { unitId: true, date: true, typeKey: true, points: true } }),
    db.labourLedgerLine.count({ where: { projectId } }),
  ]);
  return { scores, events, ledger };
}

async function template(periodId: string) {
  const res = await (templateRoute.loader as (a: unknown) => Promise<Response>)({ request: makeRequest("/t", { cookie: cookies.member }), params: { projectId, periodId }, context: ctx });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

async function upload(periodId: string, wb: ExcelJS.Workbook, who = "member") {
  const form = new FormData();
  form.set("file", new File([Buffer.from(await wb.xlsx.writeBuffer())], "import.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const res = await (importPage.action as (a: unknown) => Promise<Response | Record<string, unknown>>)({ request: makeRequest(`/labour/${projectId}/periods/${periodId}/import`, { method: "POST", cookie: cookies[who], body: form }), params: { projectId, periodId }, context: ctx });
  if (res instanceof Response) return { status: res.status, body: await res.json() };
  return { status: 200, body: res };
}

/** Fills the template: every rubric column of every unit at `level`, progress 100/110, and the given events. */
function fill(wb: ExcelJS.Workbook, level: number, events: (string | number | null)[][]) {
  const ws = wb.getWorksheet("考评分数")!;
  const headers = (ws.getRow(1).values as (string | undefined)[]);
  ws.eachRow((row, r) => {
    if (r === 1) return;
    headers.forEach((h, c) => {
      if (!h || c <= 2) return;
      row.getCell(c).value = h.endsWith("计划量") ? 100 : h.endsWith("完成量") ? 110 : level;
    });
  });
  const ev = wb.getWorksheet("加减分事项")!;
  for (const e of events) ev.addRow(e);
}

beforeAll(async () => {
  p = await createProvince();
  const s1 = await createOrg({ type: "team", parent: p.enterpriseA, name: `一标段项目部${uid()}` });
  await as("labour_organiser", p.enterpriseA.id, "applicant");
  await as("organiser", p.cityA.id, "city");
  await as("reviewer", p.districtA.id, "district");
  member = await as("labour_committee", p.enterpriseA.id, "member");
  await as("labour_committee", p.enterpriseB.id, "outsider");
  const round = await call(roundsApi, "POST", "/r", {}, "city", { subjectType: "competition.project", title: `劳动竞赛申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: ["county"] });
  const res = await call(projectsApi, "POST", "/p", {}, "applicant", {
    orgId: p.enterpriseA.id, name: `导入测试竞赛${uid()}`, owner: "省水利厅", startDate: "2026-01-01", endDate: "2026-12-31", frequency: "month", template: "qibi-yichuang", roundId: round.body.id,
    roster: [
      { kind: "unit", name: "中铁测试局" },
      { kind: "section", name: "一标段", parent: "中铁测试局", orgId: s1.id },
      { kind: "section", name: "二标段", parent: "中铁测试局" },
      { kind: "area", name: "一工区", parent: "一标段" },
      { kind: "team", name: "钢筋班", parent: "一工区" },
      { kind: "builder", name: "张伟", parent: "钢筋班", startOnSite: "2025-03-01" },
    ],
  });
  expect(res.status).toBe(201);
  projectId = res.body.id;
  const submissionId = res.body.submissionId ?? (await call(projectApi, "GET", "/p", { projectId }, "applicant")).body.project.submissionId;
  expect((await call(reviewApi, "POST", "/r", { submissionId }, "district", { level: 0, action: "recommend" })).status).toBe(200);
  expect((await call(reviewApi, "POST", "/r", { submissionId }, "city", { level: 1, action: "recommend" })).status).toBe(200);
  const project = await call(projectApi, "GET", "/p", { projectId }, "applicant");
  expect(project.body.project.status).toBe("accepted");
  periods = project.body.periods;
  unit = Object.fromEntries(project.body.roster.map((r: { name: string; id: string }) => [r.name, r.id]));
});

describe("Excel import of a period (issue 14 item 9)", () => {
  it("the template lists the roster's 标段, 工区 and 班组 against the rubric and quantity indicators", async () => {
    const wb = await template(periods[0].id);
    const ws = wb.getWorksheet("考评分数")!;
    expect(ws.getRow(1).getCell(1).value).toBe("单位");
    expect(ws.getRow(1).getCell(3).value).toBe("比党建引领（满分 100.00）");
    const units: string[] = [];
    ws.eachRow((row, r) => { if (r > 1) units.push(String(row.getCell(1).value)); });
    expect(units).toEqual(["一标段", "二标段", "一工区", "钢筋班"]);
    expect(wb.getWorksheet("加减分事项")!.getRow(1).values).toEqual([undefined, "单位", "类型", "日期", "奖罚事项", "说明"]);
    expect(wb.getWorksheet("奖罚事项表")!.getRow(2).getCell(1).value).toBe("业主通报表扬");
  });

  it("a good file imports exactly: the member's scores, the quantities, the events and their ledger lines", async () => {
    const jan = periods[0].id;
    const before = await snapshot();
    const wb = await template(jan);
    fill(wb, 92.5, [["二标段", "标段", "2026-01-12", "监理通报批评", "模板支护不到位"], ["一工区", null, "2026-01-20", "authority-award", null]]);
    const res = await upload(jan, wb);
    expect(res.body).toMatchObject({ ok: true, scores: 4 * 5 + 4, events: 2 });
    const after = await snapshot();
    const mine = after.scores.filter((s) => s.byId === member.id);
    expect(mine).toHaveLength(20);
    expect(mine.every((s) => s.value === 9250)).toBe(true);
    expect(after.scores.filter((s) => s.byId === "quantity").map((s) => [s.plan, s.actual])).toEqual(Array(4).fill([100, 110]));
    expect(after.events.length - before.events.length).toBe(2);
    expect(after.events.find((e) => e.unitId === unit["二标段"])).toMatchObject({ date: "2026-01-12", typeKey: "supervisor-criticism", points: -200 });
    expect(after.ledger - before.ledger).toBe(1);
    const logged = await db.event.findFirst({ where: { action: "labour.import", entityId: jan } });
    expect(logged).not.toBeNull();
  });

  const badRows: [string, (string | number | null)[][], RegExp][] = [
    ["an unknown unit", [["三标段", null, "2026-02-10", "业主通报表扬", null]], /「加减分事项」第 3 行：找不到单位「三标段」/],
    ["an entry that is not assessed", [["张伟", null, "2026-02-10", "业主通报表扬", null]], /第 3 行：「张伟」不是标段、工区或班组/],
    ["an unknown event type", [["一标段", null, "2026-02-10", "业主口头表扬", null]], /第 3 行：未知的奖罚事项「业主口头表扬」/],
    ["a date outside the period", [["一标段", null, "2026-03-02", "业主通报表扬", null]], /第 3 行：日期 2026-03-02 不在本考评期 2026-02-01 至 2026-02-28 内/],
    ["a duplicate event", [["一标段", null, "2026-02-10", "业主通报表扬", null], ["一标段", "标段", "2026-02-10", "client-praise", null]], /第 4 行：与第 3 行重复/],
  ];
  for (const [what, events, reason] of badRows) {
    it(`one bad row (${what}) imports nothing and names the row and the reason`, async () => {
      const feb = periods[1].id;
      const before = await snapshot();
      const wb = await template(feb);
      fill(wb, 88, [["二标段", null, "2026-02-05", "业主通报批评", null], ...events]);
      const res = await upload(feb, wb);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(reason);
      expect(res.body.message).toMatch(/未导入任何数据/);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("a score above the item's maximum, and a unit twice, import nothing", async () => {
    const feb = periods[1].id;
    const before = await snapshot();
    const wb = await template(feb);
    fill(wb, 88, []);
    wb.getWorksheet("考评分数")!.getRow(3).getCell(3).value = 100.5;
    let res = await upload(feb, wb);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/「考评分数」第 3 行：「比党建引领」得分不能超过满分 100.00/);
    expect(await snapshot()).toEqual(before);
    const twice = await template(feb);
    fill(twice, 88, []);
    twice.getWorksheet("考评分数")!.addRow(["一标段", "标段", 90]);
    res = await upload(feb, twice);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/第 6 行：「一标段」重复，已在第 2 行出现/);
    expect(await snapshot()).toEqual(before);
  });

  it("an event already recorded is a duplicate; a file that is not a workbook is refused", async () => {
    const jan = periods[0].id;
    const before = await snapshot();
    const wb = await template(jan);
    wb.getWorksheet("加减分事项")!.addRow(["二标段", null, "2026-01-12", "监理通报批评", null]);
    const res = await upload(jan, wb);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/该事项已登记过/);
    const form = new FormData();
    form.set("file", new File([Buffer.from("not a zip")], "x.xlsx"));
    const junk = await (importPage.action as (a: unknown) => Promise<Response>)({ request: makeRequest("/i", { method: "POST", cookie: cookies.member, body: form }), params: { projectId, periodId: jan }, context: ctx });
    expect(junk.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it("the API takes the same lines as JSON, all or nothing, and answers 403 outside the project's organisation", async () => {
    const mar = periods[2].id;
    const url = `/api/v1/labour/projects/${projectId}/periods/${mar}/import`;
    const before = await snapshot();
    const bad = await call(importApi, "POST", url, { projectId, periodId: mar }, "member", {
      scores: [{ unit: "一标段", values: { party: 90 } }],
      events: [{ unit: "一标段", date: "2026-03-05", type: "业主通报表扬" }, { unit: "中铁测试局", date: "2026-03-06", type: "业主通报表扬" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_rows");
    expect(bad.body.error.issues[0]).toMatchObject({ path: "events.2" });
    expect(await snapshot()).toEqual(before);
    expect((await call(importApi, "POST", url, { projectId, periodId: mar }, "outsider", { scores: [{ unit: "一标段", values: { party: 90 } }] })).status).toBe(403);
    const good = await call(importApi, "POST", url, { projectId, periodId: mar }, "member", {
      scores: [{ unit: "一标段", values: { party: 90, quality: "85.5" }, plans: { progress: 100 }, actuals: { progress: 95 } }],
      events: [{ unit: "一标段", date: "2026-03-05", type: "业主通报表扬", note: "文明施工" }],
    });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ scores: 3, events: 1 });
    const after = await snapshot();
    expect(after.scores.length - before.scores.length).toBe(3);
    expect(after.events.length - before.events.length).toBe(1);
  });
});

describe("the period board from memory (bench:labour)", () => {
  it("follows a new score, an event and a write made behind the cache's back", async () => {
    const apr = periods[3].id;
    const board = async () => (await call(boardApi, "GET", "/b", { projectId, periodId: apr }, "member")).body as { rows: { unitId: string; scores: Record<string, number>; total: number }[] };
    const row = async (name: string) => (await board()).rows.find((r) => r.unitId === unit[name])!;
    expect((await row("二标段")).scores.party).toBe(0);
    expect((await call(scoresApi, "POST", "/s", { projectId, periodId: apr }, "member", { entries: [{ unitId: unit["二标段"], indicatorKey: "party", value: "80" }] })).status).toBe(200);
    expect((await row("二标段")).scores.party).toBe(8000);
    const before = (await row("二标段")).scores.civilised;
    expect((await call(eventsApi, "POST", "/e", { projectId }, "member", { unitId: unit["二标段"], typeKey: "client-praise", date: "2026-04-10" })).status).toBe(201);
    expect((await row("二标段")).scores.civilised).toBe(Math.min(10000, before + 200));
    // another process writes (the stamp moves): the next read reloads
    await db.labourScore.updateMany({ where: { periodId: apr, unitId: unit["二标段"], indicatorKey: "party" }, data: { value: 6000 } });
    await db.labourProject.update({ where: { id: projectId }, data: { updatedAt: new Date(Date.now() + 5) } });
    expect((await row("二标段")).scores.party).toBe(6000);
    expect((await call(boardApi, "GET", "/b", { projectId, periodId: apr }, "outsider")).status).toBe(403);
  });
});
