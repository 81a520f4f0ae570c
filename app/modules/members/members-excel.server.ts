import type ExcelJS from "exceljs";
import { headerCells, newWorkbook, openWorksheet, plainCellValue } from "~/utils/xlsx.server";
import { db } from "~/utils/db.server";
import { badRequest } from "~/utils/errors";
import { assertPermission, type SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { findIdNumberProblem, normaliseIdNumber } from "./id-number";
import { hashIdNumber } from "./id-protection.server";
import {
  EMPLOYMENT_STATUSES, findUploadProblem, MAX_IMPORT_ROWS, SEXES, SHEET_COLUMNS, SKILL_LEVELS, UPLOAD_MESSAGES, type SheetColumnKey,
} from "./member-fields";
import { commonPath, IMPORT_MESSAGES, locateColumns, rowRanges, validateSheetRows, type CellValue, type RowProblem, type SheetRow } from "./member-import";
import { existingIdNumberHashes, insertMembers, unitOptions } from "./members.server";
import type { MemberView } from "./schemas";

// Members to and from .xlsx (exceljs stays on the server). The export and the import
// share one layout (SHEET_COLUMNS); the template is the export with no rows. An
// import is all or nothing: any bad row and nothing is written.

const SHEET_NAME = "会员";
const TEMPLATE_ROWS = 1000;
const yesNo = (value: boolean) => (value ? "是" : "否");

function cellFor(member: MemberView, key: SheetColumnKey): ExcelJS.CellValue {
  switch (key) {
    case "birthDate": return new Date(`${member.birthDate}T00:00:00Z`);
    case "unit": return member.orgName;
    case "unitId": return member.orgId;
    case "isFrontline": case "isMigrantWorker": case "isNewEmployment": return yesNo(member[key]);
    default: return member[key] ?? null;
  }
}

const listRule = (values: readonly string[]): ExcelJS.DataValidation => ({
  type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`],
  showErrorMessage: true, errorTitle: "请从列表中选择", error: values.join("、"),
});

/** An .xlsx file of these members, with Chinese headers; ID numbers as the caller may see them. */
export async function buildMembersWorkbook(members: readonly MemberView[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await newWorkbook();
  workbook.creator = "工赛 Gongsai";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = SHEET_COLUMNS.map((c) => ({
    header: c.header, key: c.key, width: c.width,
    // Text format keeps 18-digit ID numbers and phone numbers from turning into numbers.
    style: ["idNumber", "phone", "unitId"].includes(c.key) ? { numFmt: "@" } : c.key === "birthDate" ? { numFmt: "yyyy-mm-dd" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const member of members) {
    sheet.addRow(Object.fromEntries(SHEET_COLUMNS.map((c) => [c.key, cellFor(member, c.key)])));
  }
  const last = Math.max(members.length, TEMPLATE_ROWS) + 1;
  const letter = (key: SheetColumnKey) => sheet.getColumn(key).letter;
  const rules: [SheetColumnKey, readonly string[]][] = [
    ["sex", SEXES], ["skillLevel", SKILL_LEVELS], ["employmentStatus", EMPLOYMENT_STATUSES],
    ["isFrontline", ["是", "否"]], ["isMigrantWorker", ["是", "否"]], ["isNewEmployment", ["是", "否"]],
  ];
  for (const [key, values] of rules) {
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter(key)}2:${letter(key)}${last}`, listRule(values));
  }
  const help = workbook.addWorksheet("填写说明");
  help.getColumn(1).width = 100;
  [
    "每行一名会员；第一行为表头，请勿修改表头文字。",
    "必填：姓名、民族、身份证号，以及所在单位或单位编号（二者填一即可，同名单位请填单位编号）。",
    "身份证号须为 18 位并通过校验位检查；性别、出生日期可留空，将按身份证号填写；如填写须与身份证号一致。",
    "手机号：11 位大陆手机号码，或留空。一线职工、农民工、新就业形态：填 是 或 否。",
    "只要有一行有误，整个文件都不会导入，系统会列出每一行的问题。文件不超过 5 MB。",
  ].forEach((line) => help.addRow([line]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export { plainCellValue };

/** The first worksheet's rows, by header; empty rows are skipped, row numbers are Excel's. */
export async function readMembersSheet(bytes: Uint8Array): Promise<{ rows: SheetRow[]; problems: RowProblem[] }> {
  const sheet = await openWorksheet(bytes, undefined, UPLOAD_MESSAGES.unreadable);
  const { columns, problems } = locateColumns(headerCells(sheet));
  if (problems.length) return { rows: [], problems };
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS * 2) throw badRequest(IMPORT_MESSAGES.tooManyRows(MAX_IMPORT_ROWS), [], "too_many_rows");
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SheetRow["cells"] = {};
    for (const [key, col] of columns) cells[key] = plainCellValue(row.getCell(col).value);
    if (Object.values(cells).every((v) => v === null)) continue;
    rows.push({ row: r, cells });
  }
  if (rows.length > MAX_IMPORT_ROWS) throw badRequest(IMPORT_MESSAGES.tooManyRows(MAX_IMPORT_ROWS), [], "too_many_rows");
  return { rows, problems: [] };
}

export type ImportResult = { ok: true; count: number } | { ok: false; problems: RowProblem[] };

/**
 * Imports new members from an .xlsx upload. Every row is validated (schema, unit in
 * the caller's member:write scope, duplicates in the file and in the database);
 * either all rows are inserted in one transaction or none is, and every bad row is
 * reported with its row number and reason.
 */
export async function importMembers(user: SessionUser, file: { name: string; bytes: Uint8Array }, actor: Actor): Promise<ImportResult> {
  assertPermission(user, "member:write");
  const uploadProblem = findUploadProblem({ name: file.name, size: file.bytes.byteLength, head: file.bytes.subarray(0, 4) });
  if (uploadProblem) throw badRequest(UPLOAD_MESSAGES[uploadProblem], [{ path: "file", message: UPLOAD_MESSAGES[uploadProblem] }], "invalid_upload");

  const sheet = await readMembersSheet(file.bytes);
  if (sheet.problems.length) return { ok: false, problems: sheet.problems };
  if (!sheet.rows.length) throw badRequest(IMPORT_MESSAGES.noRows, [{ path: "file", message: IMPORT_MESSAGES.noRows }], "no_rows");

  const units = await unitOptions(user, "member:write");
  const { valid, problems } = validateSheetRows(sheet.rows, units);

  // Already registered in the importer's own subtree? Checked for every row whose ID number
  // is itself valid. Numbers recorded outside the subtree are not looked at (issue 10 item 5,
  // decision 009): the answer must not tell anyone whether a number exists elsewhere.
  const idRows = sheet.rows.flatMap(({ row, cells }) => {
    const raw = typeof cells.idNumber === "string" ? normaliseIdNumber(cells.idNumber) : "";
    return raw && !findIdNumberProblem(raw) ? [{ row, hash: hashIdNumber(raw) }] : [];
  });
  const taken = await existingIdNumberHashes(user, idRows.map((r) => r.hash));
  for (const { row, hash } of idRows) {
    if (taken.has(hash)) problems.push({ row, field: "idNumber", column: "身份证号", message: IMPORT_MESSAGES.duplicateInDb });
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };

  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const scopeOrgPath = commonPath(valid.map((v) => pathOf.get(v.input.orgId)!));
  const scopeOrgId = scopeOrgPath?.split("/").filter(Boolean).pop() ?? null;
  await db.$transaction(async (tx) => {
    const ids = await insertMembers(tx, valid.map((v) => v.input), actor);
    await recordEvent(tx, actor, {
      action: "member.imported", entityType: "Member", orgId: scopeOrgId,
      after: { count: ids.length, rows: rowRanges(valid.map((v) => v.row)), file: file.name.slice(0, 200) },
    });
  }, { timeout: 120_000, maxWait: 10_000 });
  return { ok: true, count: valid.length };
}
