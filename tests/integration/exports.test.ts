// Issue 6 part B, exports (acceptance): the 成绩汇总表 opens with exceljs and holds the
// expected values; the judges' marks sheet only for the chief judge and organisers; codes
// only before decryption; CSV and JSON through the API; the notice as PDF; the charts' data.
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import * as xlsxRoute from "~/routes/events.$eventId.export[.]xlsx";
import * as pdfRoute from "~/routes/events.$eventId.export[.]pdf";
import * as resultsApi from "~/routes/api.v1.events.$eventId.results";
import * as csvApi from "~/routes/api.v1.events.$eventId.results[.]csv";
import * as chartsPage from "~/routes/events.$eventId.charts";
import * as openapi from "~/routes/api.v1.openapi[.]json";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { publishResults } from "~/modules/results/publication.server";
import { createProvince } from "../factories";
import { account, buildFinishedEvent, call, type Account, type Built } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, chief: Account, judge2: Account, supervisor: Account, worker: Account, otherOrganiser: Account;
let published: Built;
let blind: Built;

beforeAll(async () => {
  p = await createProvince();
  [organiser, chief, judge2, supervisor, worker, otherOrganiser] = await Promise.all([
    account("organiser", p.cityA.id), account("chief_judge", p.cityA.id), account("judge", p.cityA.id), account("supervisor", p.cityA.id),
    account("worker", p.enterpriseA.id), account("organiser", p.cityB.id),
  ]);
  const base = { orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id] as [string, string], judges: [chief.id, judge2.id] as [string, string] };
  published = await buildFinishedEvent({ ...base, entrants: 12 });
  blind = await buildFinishedEvent({ ...base, entrants: 4, decrypted: false });
  const user = (await loadUserForToken(organiser.id, "bootstrap"))!;
  await publishResults(user, published.event.id, { noticeDays: 5, smallFieldConfirmation: "测试：参赛人数不足，组委会确认" }, { userId: organiser.id, requestId: null });
});

async function workbook(eventId: string, as: Account) {
  const res = await call(xlsxRoute, `/events/${eventId}/export.xlsx`, { eventId }, { as, cookie: true });
  if (res.status !== 200) return { status: res.status, book: null };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.response!.arrayBuffer());
  return { status: res.status, book };
}

const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? "" : String(v));

describe("成绩汇总表 (acceptance)", () => {
  it("opens with exceljs and holds rank 1's name and total, the component columns and prizes", async () => {
    const { status, book } = await workbook(published.event.id, organiser);
    expect(status).toBe(200);
    const sheet = book!.getWorksheet("成绩汇总表")!;
    expect(text(sheet.getCell("A1").value)).toContain(published.contest.name);
    expect(text(sheet.getCell("A1").value)).toContain("成绩汇总表");
    expect(text(sheet.getRow(3).getCell(1).value)).toBe("公示版本：第 1 版");
    const header = (sheet.getRow(5).values as ExcelJS.CellValue[]).slice(1).map(text);
    expect(header).toEqual(["名次", "工位号", "姓名", "单位", "理论", "实操", "总分", "奖项", "奖励与晋升"]);
    const first = (sheet.getRow(6).values as ExcelJS.CellValue[]).slice(1);
    expect(first.slice(0, 4)).toEqual([1, published.entrants[0].code.stationCode, published.entrants[0].name, p.enterpriseA.name]);
    expect(first.slice(4, 7)).toEqual([90, 100, 97]); // theory 90.00, practical 100.00, total 0.3 × 90 + 0.7 × 100
    expect(first[7]).toBe("一等奖");
    const last = (sheet.getRow(17).values as ExcelJS.CellValue[]).slice(1);
    expect(last[0]).toBe(12);
    expect(last[6]).toBe(87.65); // 97 − 0.85 × 11
    expect(sheet.rowCount).toBe(17);
  });

  it("the judges' marks sheet is there for the chief judge and organisers, not for supervisors", async () => {
    for (const as of [organiser, chief]) {
      const { book } = await workbook(published.event.id, as);
      const marks = book!.getWorksheet("裁判评分明细")!;
      expect(marks).toBeDefined();
      const header = (marks.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
      expect(header.slice(0, 3)).toEqual(["工位号", "姓名", "评分点"]);
      expect(header).toHaveLength(5); // two judges
      expect(marks.rowCount).toBe(1 + 12 * 2); // craft and gauge per entrant
      const row = (marks.getRow(2).values as ExcelJS.CellValue[]).slice(1);
      expect(row.slice(0, 5)).toEqual([published.entrants[0].code.stationCode, published.entrants[0].name, "craft", 60, 60]);
    }
    const { status, book } = await workbook(published.event.id, supervisor);
    expect(status).toBe(200);
    expect(book!.getWorksheet("裁判评分明细")).toBeUndefined();
  });

  it("before decryption it names station codes only, with prizes as a preview", async () => {
    const { book } = await workbook(blind.event.id, supervisor);
    const sheet = book!.getWorksheet("成绩汇总表")!;
    expect(text(sheet.getRow(3).getCell(1).value)).toBe("未公示（奖项为预览）");
    const first = (sheet.getRow(6).values as ExcelJS.CellValue[]).slice(1);
    expect(first[1]).toBe(blind.entrants[0].code.stationCode);
    expect(text(first[2])).toBe("");
    expect(text(first[3])).toBe("");
    for (const e of blind.entrants) expect(JSON.stringify(sheet.getSheetValues())).not.toContain(e.name);
  });

  it("workers and organisers of other organisations cannot export", async () => {
    expect((await workbook(published.event.id, worker)).status).toBe(403);
    expect((await workbook(published.event.id, otherOrganiser)).status).toBe(403);
  });
});

describe("results through the API", () => {
  it("JSON: the published version for any reader of contests; unpublished only for the committee, without names while blind", async () => {
    const res = await call(resultsApi, `/api/v1/events/${published.event.id}/results`, { eventId: published.event.id }, { as: worker });
    expect(res.status).toBe(200);
    const body = res.body as { published: boolean; version: number; components: { name: string }[]; rows: { rank: number; name: string; scores: string[]; totalText: string; prizeLabel: string | null; outcomes: string[] }[] };
    expect(body).toMatchObject({ published: true, version: 1, identity: true });
    expect(body.components.map((c) => c.name)).toEqual(["理论", "实操"]);
    expect(body.rows[0]).toMatchObject({ rank: 1, name: published.entrants[0].name, scores: ["90.00", "100.00"], totalText: "97.00", prizeLabel: "一等奖" });
    expect(body.rows).toHaveLength(12);

    expect((await call(resultsApi, `/api/v1/events/${blind.event.id}/results`, { eventId: blind.event.id }, { as: worker })).status).toBe(404);
    const preview = await call(resultsApi, `/api/v1/events/${blind.event.id}/results`, { eventId: blind.event.id }, { as: chief });
    expect(preview.body).toMatchObject({ published: false, identity: false });
    expect((preview.body as { rows: { name: string | null; registrationId: string | null }[] }).rows.every((r) => r.name === null && r.registrationId === null)).toBe(true);
  });

  it("CSV: UTF-8 with BOM, header row, one line per entrant", async () => {
    const res = await call(csvApi, `/api/v1/events/${published.event.id}/results.csv`, { eventId: published.event.id }, { as: worker });
    expect(res.status).toBe(200);
    expect(res.response!.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.response!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("名次,工位号,姓名,单位,理论,实操,总分,奖项,奖励与晋升");
    expect(lines).toHaveLength(13);
    expect(lines[1].startsWith(`1,${published.entrants[0].code.stationCode},${published.entrants[0].name},`)).toBe(true);
    expect(lines[1]).toContain(",90.00,100.00,97.00,一等奖,");
  });

  it("the OpenAPI document lists the results operations", async () => {
    const doc = (await openapi.loader().json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths["/events/{eventId}/results"].get.operationId).toBe("getEventResults");
    expect(doc.paths["/events/{eventId}/results.csv"].get.operationId).toBe("getEventResultsCsv");
    expect(doc.paths["/events/{eventId}/publication"].post.operationId).toBe("publishEventResults");
    expect(doc.paths["/certificates/verify/{code}"].get.operationId).toBe("verifyCertificate");
  });
});

describe("results notice PDF and charts", () => {
  it("the notice PDF names the event and its winners; not before publication", async () => {
    const res = await call(pdfRoute, `/events/${published.event.id}/export.pdf`, { eventId: published.event.id });
    expect(res.status).toBe(200);
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await res.response!.arrayBuffer()), isEvalSupported: false, useSystemFonts: false }).promise;
    const page = await doc.getPage(1);
    const content = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
    await doc.destroy();
    expect(content).toContain("成绩公示");
    expect(content).toContain(published.entrants[0].name);
    expect(content).toContain("一等奖");
    expect((await call(pdfRoute, `/events/${blind.event.id}/export.pdf`, { eventId: blind.event.id })).status).toBe(404);
  });

  it("charts: distribution, calibration, participation; no heats → explanatory empty state", async () => {
    const res = await call(chartsPage, `/events/${published.event.id}/charts`, { eventId: published.event.id }, { as: chief, cookie: true });
    expect(res.status).toBe(200);
    const data = res.body as { distribution: { label: string; value: number }[]; calibration: { value: number }[]; byUnit: { label: string; value: number }[]; movement: unknown };
    expect(data.distribution.reduce((s, b) => s + b.value, 0)).toBe(12);
    expect(data.distribution.find((b) => b.label === "90–100")!.value).toBe(9); // 97.00 … 90.20
    expect(data.calibration).toHaveLength(2);
    expect(data.calibration.every((c) => c.value === 0)).toBe(true);
    expect(data.byUnit).toEqual([{ label: p.enterpriseA.name, value: 6 }, { label: p.enterpriseB.name, value: 6 }].sort((a, b) => a.label.localeCompare(b.label, "zh")));
    expect(data.movement).toBeNull();
    expect((await call(chartsPage, `/events/${published.event.id}/charts`, { eventId: published.event.id }, { as: worker, cookie: true })).status).toBe(403);
  });

  it("charts: rank movement from heats to final, matched by member", async () => {
    const heats = await buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants: 3 });
    await db.contestEvent.update({ where: { id: heats.event.id }, data: { name: "焊工初赛" } });
    const final = await db.contestEvent.create({ data: { contestId: heats.contest.id, name: "焊工决赛", trade: "焊工", groupName: "职工组", markingScheme: heats.event.markingScheme, scoringSettings: heats.event.scoringSettings, drawnAt: new Date(), decryptedAt: new Date(), sortOrder: 1 } });
    // the final reverses the heats: entrant 2 wins
    for (const [i, e] of heats.entrants.entries()) {
      const reg = await db.registration.create({ data: { eventId: final.id, memberId: e.member.id, unitId: e.registration.unitId, status: "approved" } });
      const code = await db.blindCode.create({ data: { eventId: final.id, registrationId: reg.id, entryNo: String(i + 1), orderNo: i + 1, stationNo: i + 1, stationCode: `F${i}${e.code.stationCode}` } });
      const sheet = await db.scoreSheet.create({ data: { eventId: final.id, judgeId: chief.id, blindCodeId: code.id, status: "locked" } });
      await db.mark.create({ data: { sheetId: sheet.id, eventId: final.id, blindCodeId: code.id, judgeId: chief.id, aspectId: "craft", value: 4000 + i * 500 } });
    }
    const res = await call(chartsPage, `/events/${final.id}/charts`, { eventId: final.id }, { as: organiser, cookie: true });
    const movement = (res.body as { movement: { label: string; heatsRank: number; finalRank: number; change: number }[] }).movement;
    expect(movement).toEqual([
      { label: heats.entrants[2].name, heatsRank: 3, finalRank: 1, change: 2 },
      { label: heats.entrants[1].name, heatsRank: 2, finalRank: 2, change: 0 },
      { label: heats.entrants[0].name, heatsRank: 1, finalRank: 3, change: -2 },
    ]);
  });
});
