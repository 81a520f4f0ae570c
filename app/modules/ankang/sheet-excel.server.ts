import { joined } from "./bilingual";
import { newWorkbook, openWorksheet } from "~/utils/xlsx.server";
import { badRequest } from "~/utils/errors";
import type { SheetDefinition } from "./sheet";
import { rowsToSheet, SHEET_COLUMNS, sheetToRows, type SheetCell } from "./sheet-rows";

// The 安康杯 score sheet to and from .xlsx (exceljs stays on the server). An import is all or nothing.

const SHEET_NAME = "考核评分表";
export const SHEET_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

export async function buildSheetWorkbook(sheet: SheetDefinition, title: string): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = "工赛 Gongsai";
  const ws = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = SHEET_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: [10, 10, 60, 8, 14, 50][i], style: { numFmt: i === 1 ? "@" : undefined } }));
  ws.getRow(1).font = { bold: true };
  for (const row of sheetToRows(sheet)) ws.addRow(row);
  const help = workbook.addWorksheet("填写说明");
  help.getColumn(1).width = 110;
  [
    title,
    "类型：部分、评分项、鼓励项、否决项。评分项属于它上方最近的一行“部分”。",
    "分值：评分项和鼓励项的满分。每缺一项扣分与扣分要素（用；分隔）一起填写，例如 1 与“主要领导任主任；工会主席为主要成员”。",
    "只要有一行有误，整个文件都不会导入，系统会列出每一行的问题。",
  ].forEach((line) => help.addRow([line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readSheetWorkbook(bytes: Uint8Array): Promise<SheetDefinition> {
  const ws = await openWorksheet(bytes, SHEET_NAME, "无法读取该文件，请上传由本系统导出的 .xlsx 评分表 / upload an .xlsx made from the exported sheet");
  const rows: { row: number; cells: SheetCell[] }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells: SheetCell[] = [];
    for (let c = 1; c <= SHEET_COLUMNS.length; c++) {
      const v = ws.getRow(r).getCell(c).value;
      cells.push(v == null ? null : typeof v === "number" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    }
    rows.push({ row: r, cells });
  }
  const { sheet, problems } = rowsToSheet(rows);
  if (!sheet) throw badRequest(joined("评分表未导入", "the sheet was not imported", problems.map((p) => p.message)), problems.map((p) => ({ path: `row.${p.row}`, message: p.message })));
  return sheet;
}
