import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import path from "node:path";
import type ExcelJS from "exceljs";
import { badRequest } from "./errors";
import { checkZipDirectory, XLSX_MAX_ENTRIES, XLSX_MAX_UNPACKED_BYTES } from "./zip-limits";

// Reading uploaded .xlsx files, shared by every import (members, registrations, marking
// schemes): one message for a file that is not a readable workbook, and plain cell values.
// exceljs takes about 30 MB once loaded, so it is loaded on first use, not at server start.
//
// An upload is read in three steps (decisions/006-web-security.md): the zip's central
// directory is checked on this thread (entry count, declared unpacked size: zip-limits.ts);
// then a worker thread inflates every entry with a cap at its declared size (the real bytes
// are held to the limit too) and parses the workbook with exceljs, under a memory limit and
// a time limit; the worksheet comes back as plain cell values. A file that breaks a limit
// gets a 400 with a message, and the server's main thread never blocks on it.

export type PlainCell = string | number | boolean | Date | null;

/** A new, empty exceljs workbook (loads exceljs the first time). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: ExcelJS } = await import("exceljs");
  return new ExcelJS.Workbook();
}

const UNREADABLE = "无法读取该文件，请确认是用 Excel 或 WPS 保存的 .xlsx 文件 / the file could not be read as .xlsx";
const TOO_LARGE = `该文件解压后超过 ${XLSX_MAX_UNPACKED_BYTES / 1024 / 1024} MB 或包含超过 ${XLSX_MAX_ENTRIES} 个部件，无法导入；请删除无关的工作表和图片后重试 / the file unpacks to more than ${XLSX_MAX_UNPACKED_BYTES / 1024 / 1024} MB or holds more than ${XLSX_MAX_ENTRIES} parts: remove other sheets and pictures and try again`;
const TOO_SLOW = "读取该文件用时过长，请删除无关的工作表和格式，或拆分成几个文件后重试 / reading the file took too long: remove other sheets and formatting, or split it, and try again";

/** Rows read into plain values at most (more than any import accepts; a longer sheet reports its rowCount). */
const MAX_PLAIN_ROWS = 20_002;
const MAX_PLAIN_COLUMNS = 200;
export const XLSX_PARSE_TIMEOUT_MS = 20_000;
const WORKER_HEAP_MB = 768;

/**
 * A worksheet read into plain values: the subset of exceljs's Worksheet the imports use
 * (rowCount, columnCount, getRow(r).getCell(c).value).
 */
export type PlainSheet = {
  rowCount: number;
  columnCount: number;
  getRow(row: number): { getCell(col: number): { value: PlainCell } };
};

type WorkerAnswer = { ok: true; rowCount: number; columnCount: number; rows: PlainCell[][] } | { ok: false; reason: "unreadable" | "too_large" | "no_sheet" };

// The worker's code, evaluated as a CommonJS script: it loads exceljs from the application's
// node_modules (the path comes in workerData, so it works from the build and from the tests).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const zlib = require("node:zlib");
const { bytes, entries, sheetName, exceljsPath, maxRows, maxColumns } = workerData;
function plain(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return plain(value.richText.map((r) => r.text).join(""));
    if ("result" in value) return plain(value.result);
    if ("text" in value) return plain(typeof value.text === "string" ? value.text : null);
  }
  return null;
}
function inflatesWithinDeclaredSizes() {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const e of entries) {
    const at = e.localHeaderOffset;
    if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== 0x04034b50) return false;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) { if (data.byteLength > e.size) return false; continue; }
    if (e.method !== 8) return false;
    try { zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) }); } catch { return false; }
  }
  return true;
}
(async () => {
  if (!inflatesWithinDeclaredSizes()) return parentPort.postMessage({ ok: false, reason: "too_large" });
  const ExcelJS = require(exceljsPath);
  const workbook = new ExcelJS.Workbook();
  try { await workbook.xlsx.load(bytes); } catch { return parentPort.postMessage({ ok: false, reason: "unreadable" }); }
  const sheet = (sheetName ? workbook.getWorksheet(sheetName) : undefined) || workbook.worksheets[0];
  if (!sheet) return parentPort.postMessage({ ok: false, reason: "no_sheet" });
  const rowCount = sheet.rowCount;
  const columnCount = sheet.columnCount;
  const rows = [];
  for (let r = 1; r <= Math.min(rowCount, maxRows); r++) {
    const row = sheet.getRow(r);
    const cells = [];
    for (let c = 1; c <= Math.min(columnCount, maxColumns); c++) cells.push(plain(row.getCell(c).value));
    rows.push(cells);
  }
  parentPort.postMessage({ ok: true, rowCount, columnCount, rows });
})().catch(() => parentPort.postMessage({ ok: false, reason: "unreadable" }));
`;

let exceljsPath: string | undefined;
const resolveExceljs = () => (exceljsPath ??= createRequire(path.join(process.cwd(), "package.json")).resolve("exceljs"));

function parseInWorker(bytes: Uint8Array, entries: unknown, sheetName: string | undefined, timeoutMs: number): Promise<WorkerAnswer | "timeout"> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bytes, entries, sheetName, exceljsPath: resolveExceljs(), maxRows: MAX_PLAIN_ROWS, maxColumns: MAX_PLAIN_COLUMNS },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const finish = (answer: WorkerAnswer | "timeout") => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    worker.on("message", (answer: WorkerAnswer) => finish(answer));
    // Out of memory inside the worker ends the worker, not the server.
    worker.on("error", () => finish({ ok: false, reason: "too_large" }));
    worker.on("exit", () => finish({ ok: false, reason: "unreadable" }));
  });
}

const refuse = (message: string): never => {
  throw badRequest(message, [{ path: "file", message }], "invalid_upload");
};

/** The named worksheet (or the first) of an uploaded workbook, as plain values; a 400 naming the file field otherwise. */
export async function openWorksheet(bytes: Uint8Array, sheetName?: string, message = UNREADABLE, options: { timeoutMs?: number } = {}): Promise<PlainSheet> {
  const zip = checkZipDirectory(bytes);
  if (!zip.ok) return refuse(zip.reason === "not_zip" ? message : TOO_LARGE);
  const answer = await parseInWorker(bytes, zip.entries, sheetName, options.timeoutMs ?? XLSX_PARSE_TIMEOUT_MS);
  if (answer === "timeout") return refuse(TOO_SLOW);
  if (!answer.ok) return refuse(answer.reason === "too_large" ? TOO_LARGE : message);
  const { rows, rowCount, columnCount } = answer;
  return {
    rowCount,
    columnCount,
    getRow: (r) => ({ getCell: (c) => ({ value: rows[r - 1]?.[c - 1] ?? null }) }),
  };
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
export function headerCells(sheet: PlainSheet): PlainCell[] {
  const cells: PlainCell[] = [];
  const header = sheet.getRow(1);
  for (let col = 1; col <= sheet.columnCount; col++) cells[col] = plainCellValue(header.getCell(col).value);
  return cells;
}
