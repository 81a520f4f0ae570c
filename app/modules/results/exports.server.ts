import type ExcelJS from "exceljs";
import { newWorkbook } from "~/utils/xlsx.server";
import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/errors";
import { formatHundredths } from "~/modules/scoring";
import { identityVisibleTo, loadBlindEvent } from "~/modules/draws/blind.server";
import { startChineseDocument } from "~/utils/pdf.server";
import { computeLivePublication, latestPublication, loadPublicationEvent, loadResultsNotice, type PublicationEvent } from "./publication.server";
import { resultCells, resultHeader, toCsv, type ExportRow } from "./exports-format";

// Exports of an event's results: the 成绩汇总表 workbook (with each judge's marks on a
// second sheet for the chief judge and the organisers), the results notice as PDF, and the
// rows behind the JSON and CSV API. After publication they state the published version;
// before it, the live results with the prize tiers the engine would give, and names only
// for readers the blind rule lets see them (rules S-33, S-34).

const READ_LIVE = ["contest:manage", "judging:chief", "judging:supervise"] as const;

export const mayReadLive = (user: SessionUser, event: PublicationEvent) => READ_LIVE.some((p) => hasPermission(user, p, event.contest.org.path));
export const maySeeJudgesMarks = (user: SessionUser, event: PublicationEvent) =>
  hasPermission(user, "contest:manage", event.contest.org.path) || hasPermission(user, "judging:chief", event.contest.org.path);

export type ResultsTable = {
  event: { id: string; name: string; trade: string; groupName: string; contestId: string; contestName: string; orgName: string };
  published: boolean;
  version: number | null;
  publishedAt: string | null;
  noticeEndsAt: string | null;
  identity: boolean;
  components: { id: string; name: string; kind: string }[];
  rows: (ExportRow & { registrationId: string | null })[];
};

/**
 * The results a reader may export. Published events: the latest publication, for anyone
 * allowed to read the contest. Unpublished: only organisers, chief judge and supervisors.
 */
export async function resultsTable(user: SessionUser, eventId: string): Promise<ResultsTable> {
  const event = await loadPublicationEvent(eventId);
  const [latest, board] = await Promise.all([latestPublication(eventId), db.resultBoard.findUnique({ where: { eventId } })]);
  const base = {
    id: event.id, name: event.name, trade: event.trade, groupName: event.groupName,
    contestId: event.contest.id, contestName: event.contest.name, orgName: event.contest.org.name,
  };
  if (latest && board?.publishedAt) {
    return {
      event: base,
      published: true,
      version: latest.version,
      publishedAt: latest.publishedAt.toISOString(),
      noticeEndsAt: board.noticeEndsAt?.toISOString() ?? null,
      identity: true,
      components: latest.data.components,
      rows: latest.data.rows.map((r) => ({
        registrationId: r.registrationId, rank: r.rank, stationCode: r.stationCode, name: r.name, unitName: r.unitName, scores: r.scores,
        totalText: r.totalText, prizeLabel: r.prizeLabel, outcomes: r.outcomes.map((o) => o.label), disqualified: r.disqualifiedReason !== null,
      })),
    };
  }
  if (!mayReadLive(user, event)) throw notFound("该赛项成绩尚未公示 / the results of this event are not published");
  const identity = identityVisibleTo(user, await loadBlindEvent(eventId));
  const live = await computeLivePublication(event);
  return {
    event: base,
    published: false,
    version: null,
    publishedAt: null,
    noticeEndsAt: null,
    identity,
    components: live.components,
    rows: (live.computation?.rows ?? []).map((r) => ({
      registrationId: identity ? r.registrationId : null, rank: r.rank, stationCode: r.stationCode, name: identity ? r.name : null, unitName: identity ? r.unitName : null,
      scores: r.scores, totalText: r.totalText, prizeLabel: r.prizeLabel,
      // outcomes follow from sex, age and employment: identity too while blind
      outcomes: identity ? r.outcomes.map((o) => o.label) : [], disqualified: r.disqualifiedReason !== null,
    })),
  };
}

export async function resultsCsv(user: SessionUser, eventId: string) {
  const table = await resultsTable(user, eventId);
  const csv = toCsv([resultHeader(table.components.map((c) => c.name)), ...table.rows.map(resultCells)]);
  return { csv, filename: `成绩汇总表-${table.event.contestName}-${table.event.name}.csv` };
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) : "");
const number = (text: string) => (text === "" || Number.isNaN(Number(text)) ? text : Number(text));

/** 成绩汇总表 as .xlsx: header rows, the results, and the judges' marks for those allowed. */
export async function resultsWorkbook(user: SessionUser, eventId: string) {
  const event = await loadPublicationEvent(eventId);
  if (!mayReadLive(user, event)) throw forbidden("您无权导出本赛项成绩 / you may not export this event's results");
  const table = await resultsTable(user, eventId);
  const workbook = await newWorkbook();
  workbook.creator = "工赛 Gongsai";
  const sheet = workbook.addWorksheet("成绩汇总表");
  const header = resultHeader(table.components.map((c) => c.name));
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.getCell(1, 1).value = `${table.event.contestName} ${table.event.name} 成绩汇总表`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: "center" };
  sheet.getRow(2).values = [`竞赛：${table.event.contestName}`, `赛项：${table.event.name}`, `工种：${table.event.trade}`, `组别：${table.event.groupName}`];
  sheet.getRow(3).values = [
    table.published ? `公示版本：第 ${table.version} 版` : "未公示（奖项为预览）",
    table.published ? `公示时间：${when(table.publishedAt)}` : "",
    table.published ? `公示期至：${when(table.noticeEndsAt)}` : "",
    `导出时间：${when(new Date().toISOString())}`,
  ];
  const headerRow = sheet.getRow(5);
  headerRow.values = header;
  headerRow.font = { bold: true };
  const firstScore = 5; // 1-based column of the first component
  table.rows.forEach((row, i) => {
    const cells: ExcelJS.CellValue[] = resultCells(row);
    cells[0] = row.rank ?? cells[0];
    for (let c = 0; c < row.scores.length; c++) cells[firstScore - 1 + c] = number(row.scores[c]);
    cells[firstScore - 1 + row.scores.length] = number(row.totalText);
    sheet.getRow(6 + i).values = cells;
  });
  for (let c = firstScore; c <= firstScore + table.components.length; c++) sheet.getColumn(c).numFmt = "0.00";
  sheet.columns.forEach((col, i) => (col.width = i === 3 ? 28 : i === header.length - 1 ? 30 : 12));
  sheet.views = [{ state: "frozen", ySplit: 5 }];

  if (maySeeJudgesMarks(user, event)) await addJudgesSheet(workbook, event, table);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, filename: `成绩汇总表-${table.event.contestName}-${table.event.name}.xlsx` };
}

/** 裁判评分明细: one row per entrant and aspect, one column per judge (values as entered). */
async function addJudgesSheet(workbook: ExcelJS.Workbook, event: PublicationEvent, table: ResultsTable) {
  const [marks, codes] = await Promise.all([
    db.mark.findMany({ where: { eventId: event.id }, select: { blindCodeId: true, aspectId: true, judgeId: true, value: true } }),
    db.blindCode.findMany({ where: { eventId: event.id }, select: { id: true, stationCode: true } }),
  ]);
  const judges = await db.user.findMany({ where: { id: { in: [...new Set(marks.map((m) => m.judgeId))] } }, select: { id: true, displayName: true } });
  judges.sort((a, b) => a.displayName.localeCompare(b.displayName, "zh") || a.id.localeCompare(b.id));
  const stationOf = new Map(codes.map((c) => [c.id, c.stationCode]));
  const nameOf = new Map(table.rows.map((r) => [r.stationCode, r.name]));
  const sheet = workbook.addWorksheet("裁判评分明细");
  sheet.getRow(1).values = ["工位号", "姓名", "评分点", ...judges.map((j) => j.displayName)];
  sheet.getRow(1).font = { bold: true };
  const byCell = new Map<string, Map<string, number>>();
  for (const m of marks) {
    const key = `${m.blindCodeId}\u0000${m.aspectId}`;
    if (!byCell.has(key)) byCell.set(key, new Map());
    byCell.get(key)!.set(m.judgeId, m.value);
  }
  const keys = [...byCell.keys()].sort((a, b) => {
    const [ca, aa] = a.split("\u0000");
    const [cb, ab] = b.split("\u0000");
    return (stationOf.get(ca) ?? ca).localeCompare(stationOf.get(cb) ?? cb) || aa.localeCompare(ab);
  });
  keys.forEach((key, i) => {
    const [codeId, aspectId] = key.split("\u0000");
    const station = stationOf.get(codeId) ?? codeId;
    const values = byCell.get(key)!;
    sheet.getRow(2 + i).values = [station, nameOf.get(station) ?? "", aspectId, ...judges.map((j) => (values.has(j.id) ? Number(formatHundredths(values.get(j.id)!)) : ""))];
  });
  sheet.columns.forEach((col, i) => (col.width = i < 3 ? 14 : 12));
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

const day = (iso: string | null) => (iso ? new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" }).format(new Date(iso)) : "");

/** The results notice (成绩公示) as a PDF: same access as the notice page. */
export async function resultsNoticePdf(user: SessionUser | null, eventId: string) {
  const notice = await loadResultsNotice(eventId, user);
  const { doc, done } = await startChineseDocument({ margin: 40, info: { Title: `成绩公示 ${notice.contest.name} ${notice.event.name}` } });
  const left = 40;
  const width = doc.page.width - 80;
  doc.fontSize(16).text(notice.contest.name, left, 40, { width, align: "center" });
  doc.fontSize(22).text(`${notice.event.name} 成绩公示`, { width, align: "center" });
  doc.moveDown(0.3).fontSize(10.5).text(`公示期：${day(notice.publishedAt)} 至 ${day(notice.noticeEndsAt)}（${notice.noticeDays} 天） 第 ${notice.version} 版`, { width, align: "center" });
  if (notice.reason) doc.text(`更正原因：${notice.reason}`, { width, align: "center" });
  doc.moveDown(0.8);

  const columns = [
    { label: "名次", width: 40 },
    { label: "姓名", width: 70 },
    { label: "单位", width: 165 },
    { label: "总分", width: 55 },
    { label: "奖项", width: 55 },
    { label: "奖励与晋升", width: width - 385 },
  ];
  const drawRow = (cells: string[], y: number, bold = false, cols: { width: number }[] = columns) => {
    let x = left;
    let height = 0;
    doc.fontSize(bold ? 10.5 : 10).fillColor(bold ? "#000" : "#111");
    cells.forEach((cell, i) => {
      doc.text(cell, x + 2, y + 3, { width: cols[i].width - 4 });
      height = Math.max(height, doc.y - y);
      x += cols[i].width;
    });
    doc.moveTo(left, y + height + 3).lineTo(left + width, y + height + 3).lineWidth(0.4).stroke("#999");
    return y + height + 5;
  };
  let y = drawRow(columns.map((c) => c.label), doc.y, true);
  for (const row of notice.rows) {
    if (y > doc.page.height - 90) {
      doc.addPage();
      y = drawRow(columns.map((c) => c.label), 40, true);
    }
    y = drawRow([row.rank === null ? "取消" : String(row.rank), row.name, row.unitName, row.totalText, row.prizeLabel ?? "", row.outcomes.join("；")], y);
  }
  if (notice.teams.length) {
    // 团体成绩 (rules S-2, S-55, S-56)
    const teamColumns = [
      { label: "名次", width: 40 },
      { label: "代表队", width: 100 },
      { label: "单位", width: 120 },
      { label: "队员（成绩）", width: width - 380 },
      { label: "团体总分", width: 60 },
      { label: "团体奖", width: 60 },
    ];
    if (y > doc.page.height - 140) {
      doc.addPage();
      y = 40;
    }
    doc.fontSize(14).fillColor("#000").text("团体成绩", left, y + 14, { width });
    y = drawRow(teamColumns.map((c) => c.label), doc.y + 4, true, teamColumns);
    for (const team of notice.teams) {
      if (y > doc.page.height - 90) {
        doc.addPage();
        y = drawRow(teamColumns.map((c) => c.label), 40, true, teamColumns);
      }
      const members = team.members.map((m) => (m.counted ? `${m.name} ${m.totalText}` : `（${m.name} ${m.totalText}，不计入）`)).join("、");
      y = drawRow([String(team.rank), team.name, team.unitName, members, team.totalText, team.award ?? ""], y, false, teamColumns);
    }
  }
  if (y > doc.page.height - 110) {
    doc.addPage();
    y = 40;
  }
  doc.fontSize(10).fillColor("#000").text("公示期内如有异议，请以书面形式向组委会监督仲裁组反映。", left, y + 12, { width });
  doc.moveDown(1).fontSize(12).text(notice.contest.orgName, { width, align: "right" });
  doc.text(day(notice.publishedAt), { width, align: "right" });
  doc.end();
  return { pdf: await done, filename: `成绩公示-${notice.contest.name}-${notice.event.name}.pdf` };
}
