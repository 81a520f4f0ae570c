import type ExcelJS from "exceljs";
import { newWorkbook, openWorksheet } from "~/utils/xlsx.server";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { badRequest } from "~/utils/errors";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import type { MarkingSchemeInput } from "~/modules/scoring";
import {
  ASPECT_KIND_LABELS, COMPONENT_KIND_LABELS, MEASUREMENT_MODE_LABELS, SCHEME_COLUMNS, rowsToScheme, schemeToRows,
  type SchemeCell, type SchemeRow, type SchemeRowProblem,
} from "./scheme-rows";
import { getEvent, saveMarkingScheme } from "./events.server";
import { readSettings } from "./event-settings";

// The marking scheme to and from .xlsx (exceljs stays on the server), one row per
// aspect. The template is the same layout with example rows (rule S-11: theory 30% +
// practical 70%). An import is all or nothing.

const SHEET_NAME = "评分标准";
const MAX_ROWS = 2000;
export const SCHEME_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/** A scheme that imports as is: theory 30%, practical 70% (rule S-11). */
export const EXAMPLE_SCHEME: MarkingSchemeInput = {
  components: [
    {
      id: "C1", name: "理论知识", kind: "theory", weight: "0.3",
      modules: [{ id: "M1", name: "理论考试", criteria: [{ id: "K1", name: "笔试", aspects: [{ id: "A1", name: "理论考试成绩", kind: "measurement", max: "100", measurement: { mode: "agreed" } }] }] }],
    },
    {
      id: "C2", name: "技能操作", kind: "practical", weight: "0.7",
      modules: [
        {
          id: "M2", name: "实操任务一",
          criteria: [
            {
              id: "K2", name: "尺寸精度",
              aspects: [
                { id: "A2", name: "关键尺寸 ±0.5 mm", kind: "measurement", max: "30", measurement: { mode: "steps", tolerance: "0.5", step: "0.1", deductionPerStep: "5" } },
                { id: "A3", name: "外观质量", kind: "judgement", max: "40" },
              ],
            },
          ],
        },
        { id: "M3", name: "安全文明生产", criteria: [{ id: "K3", name: "安全操作", aspects: [{ id: "A4", name: "劳保用品与现场整理", kind: "judgement", max: "30" }] }] },
      ],
    },
  ],
};

const listRule = (values: readonly string[]): ExcelJS.DataValidation => ({
  type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`],
  showErrorMessage: true, errorTitle: "请从列表中选择", error: values.join("、"),
});

export async function buildSchemeWorkbook(scheme: MarkingSchemeInput, title: string): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = "工赛 Gongsai";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  // Text format keeps ids such as "1.10" and weights such as "0.30" exactly as typed.
  sheet.columns = SCHEME_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  for (const row of schemeToRows(scheme)) sheet.addRow(row);
  const last = Math.max(sheet.rowCount, 200);
  const letter = (key: string) => sheet.getColumn(key).letter;
  const rules: [string, readonly string[]][] = [
    ["componentKind", Object.values(COMPONENT_KIND_LABELS)],
    ["aspectKind", Object.values(ASPECT_KIND_LABELS)],
    ["measurementMode", Object.values(MEASUREMENT_MODE_LABELS)],
    ["scaleTo100", ["是", "否"]],
  ];
  for (const [key, values] of rules) {
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter(key)}2:${letter(key)}${last}`, listRule(values),
    );
  }
  const help = workbook.addWorksheet("填写说明");
  help.getColumn(1).width = 110;
  [
    title,
    "每行一个评分点（aspect）。组成部分（理论/实操/答辩/其他）、模块、评分项在各自的每一行重复填写，编号相同即为同一项。",
    "权重：各组成部分的权重之和须等于 1，可写 0.3 或 30%；同一组成部分各行的权重须相同。理论占比超过 30% 时系统会提示（规则 S-10）。",
    "评分方式：评价（裁判主观评分）或 测量（客观测量）。满分：大于 0、不超过 100、最多两位小数。",
    "测量规则（仅测量）：一致确认；超差不得分（填公差）；按步扣分（填公差、步长、每步扣分）。",
    "只要有一行有误，整个文件都不会导入，系统会列出每一行的问题。",
  ].forEach((line) => help.addRow([line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function plainCell(value: ExcelJS.CellValue | undefined): SchemeCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return plainCell(value.richText.map((r) => r.text).join(""));
    if ("result" in value) return plainCell(value.result as ExcelJS.CellValue);
    if ("text" in value) return plainCell(typeof value.text === "string" ? value.text : null);
  }
  return null;
}

const unreadable = "无法读取该文件，请上传由本系统导出的 .xlsx 评分标准模板 / the file could not be read: upload an .xlsx made from the template";

/** The first worksheet's aspect rows, by header; empty rows are skipped; row numbers are Excel's. */
export async function readSchemeSheet(bytes: Uint8Array): Promise<{ rows: SchemeRow[]; problems: SchemeRowProblem[] }> {
  const sheet = await openWorksheet(bytes, SHEET_NAME, unreadable);
  const columns = new Map<string, number>();
  const headerRow = sheet.getRow(1);
  for (let col = 1; col <= sheet.columnCount; col++) {
    const text = String(plainCell(headerRow.getCell(col).value) ?? "").replace(/[*＊\s]/g, "");
    const column = SCHEME_COLUMNS.find((c) => c.header === text);
    if (column && !columns.has(column.key)) columns.set(column.key, col);
  }
  const missing = SCHEME_COLUMNS.filter((c) => c.required && !columns.has(c.key));
  if (missing.length) {
    return {
      rows: [],
      problems: missing.map((c) => ({ row: 1, column: c.header, message: `缺少「${c.header}」列，请使用导出的模板 / the column "${c.header}" is missing: use the template` })),
    };
  }
  if (sheet.rowCount > MAX_ROWS + 1) {
    throw badRequest(`一次最多导入 ${MAX_ROWS} 个评分点 / at most ${MAX_ROWS} aspect rows`, [], "too_many_rows");
  }
  const rows: SchemeRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SchemeRow["cells"] = {};
    for (const [key, col] of columns) cells[key as keyof SchemeRow["cells"]] = plainCell(row.getCell(col).value);
    if (Object.values(cells).every((v) => v === null)) continue;
    rows.push({ row: r, cells });
  }
  return { rows, problems: [] };
}

export type SchemeImportResult = { ok: true; warnings: string[] } | { ok: false; problems: SchemeRowProblem[] };

/** Replaces an event's marking scheme from an .xlsx upload; any bad row and nothing changes. */
export async function importSchemeFromExcel(user: SessionUser, eventId: string, bytes: Uint8Array, actor: Actor): Promise<SchemeImportResult> {
  const { row, canManage } = await getEvent(user, eventId);
  if (!canManage) throw new Response("没有权限访问此内容 / You do not have permission to do this", { status: 403 });
  const sheet = await readSchemeSheet(bytes);
  if (sheet.problems.length) return { ok: false, problems: sheet.problems };
  const result = rowsToScheme(sheet.rows, readSettings(row.scoringSettings));
  if (!result.ok) return result;
  await saveMarkingScheme(user, eventId, result.scheme, actor, "scheme.imported");
  return { ok: true, warnings: result.warnings };
}

/** The .xlsx of an event's stored scheme (the example rows when it has none yet). */
export async function exportEventScheme(user: SessionUser, eventId: string) {
  const { row, contest, event } = await getEvent(user, eventId);
  let scheme: MarkingSchemeInput;
  try {
    scheme = JSON.parse(row.markingScheme) as MarkingSchemeInput;
  } catch {
    scheme = { components: [] };
  }
  if (!Array.isArray(scheme.components)) scheme = { components: [] };
  const bytes = await buildSchemeWorkbook(scheme, `${contest.name} · ${event.name} 评分标准`);
  return { bytes, filename: `${event.name}-评分标准.xlsx` };
}

const uploadProblem = (message: string) => badRequest(message, [{ path: "file", message }], "invalid_upload");

/** The uploaded .xlsx of a multipart form, read into memory; anything over 2 MB is refused before it is buffered. */
export async function readSchemeUpload(request: Request): Promise<Uint8Array> {
  const tooLarge = "文件过大，评分标准文件不超过 2 MB / the file is too large: at most 2 MB";
  const missing = "请选择要导入的 .xlsx 文件 / choose an .xlsx file to import";
  if (Number(request.headers.get("Content-Length") ?? 0) > SCHEME_UPLOAD_MAX_BYTES + 64 * 1024) throw uploadProblem(tooLarge);
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: SCHEME_UPLOAD_MAX_BYTES }));
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) throw uploadProblem(missing);
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw uploadProblem(tooLarge);
    if (error instanceof Error && /multipart|boundary/i.test(error.message)) throw uploadProblem(missing);
    throw error;
  }
}
