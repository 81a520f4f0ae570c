import type ExcelJS from "exceljs";
import { badRequest } from "./errors";

// Reading uploaded .xlsx files, shared by every import (members, registrations, marking
// schemes): one message for a file that is not a readable workbook, and plain cell values.
// exceljs takes about 30 MB once loaded, so it is loaded on first use, not at server start.

export type PlainCell = string | number | boolean | Date | null;

/** A new, empty exceljs workbook (loads exceljs the first time). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: ExcelJS } = await import("exceljs");
  return new ExcelJS.Workbook();
}

const UNREADABLE = "无法读取该文件，请确认是用 Excel 或 WPS 保存的 .xlsx 文件 / the file could not be read as .xlsx";

/** The named worksheet (or the first) of an uploaded workbook; a 400 naming the file field otherwise. */
export async function openWorksheet(bytes: Uint8Array, sheetName?: string, message = UNREADABLE): Promise<ExcelJS.Worksheet> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw badRequest(message, [{ path: "file", message }], "invalid_upload");
  }
  const sheet = (sheetName ? workbook.getWorksheet(sheetName) : undefined) ?? workbook.worksheets[0];
  if (!sheet) throw badRequest(message, [{ path: "file", message }], "invalid_upload");
  return sheet;
}

/** A plain value from an exceljs cell: rich text, formulas and hyperlinks become their text. */
export function plainCellValue(value: ExcelJS.CellValue | undefined): PlainCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return plainCellValue(value.richText.map((r) => r.text).join(""));
    if ("result" in value) return plainCellValue(value.result as ExcelJS.CellValue);
    if ("text" in value) return plainCellValue(typeof value.text === "string" ? value.text : null);
    if ("error" in value) return null;
  }
  return null;
}

/** Row 1's cells, indexed by column number (1-based, as Excel counts). */
export function headerCells(sheet: ExcelJS.Worksheet): PlainCell[] {
  const cells: PlainCell[] = [];
  const header = sheet.getRow(1);
  for (let col = 1; col <= sheet.columnCount; col++) cells[col] = plainCellValue(header.getCell(col).value);
  return cells;
}
