import type ExcelJS from "exceljs";
import { db } from "~/utils/db.server";
import { badRequest } from "~/utils/errors";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { hashIdNumber } from "~/modules/members/id-protection.server";
import { findUploadProblem, UPLOAD_MESSAGES } from "~/modules/members/member-fields";
import { headerCells, newWorkbook, openWorksheet, plainCellValue } from "~/utils/xlsx.server";
import { SKILL_LEVEL_ORDER, EMPLOYMENT_STATUSES } from "~/modules/contests/event-rules";
import {
  headerOf, locateSheetColumns, MAX_SHEET_ROWS, parseSheetRows, REGISTRATION_SHEET_COLUMNS, SHEET_MESSAGES,
  type RegistrationSheetRow, type SheetProblem,
} from "./registration-sheet";
import { memberSelect, requireContactUnit, submitBatch, type Entry } from "./registration.server";

// A unit contact's batch registration from .xlsx (exceljs stays on the server). All
// rows or none: every row is matched to a member of the contact's unit by 身份证号
// (through its keyed hash) and name, and checked for eligibility, duplicates (in the
// file and in the database), teams and the unit quota over the whole file; nothing
// is written unless every row is right, and every bad row is reported.

const TEMPLATE_ROWS = 500;

/** The template: the twelve columns with Chinese headers, drop-downs and a help sheet. */
export async function buildRegistrationTemplate(): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = "工赛 Gongsai";
  const sheet = workbook.addWorksheet("报名", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = REGISTRATION_SHEET_COLUMNS.map((c) => ({
    header: c.header, key: c.key, width: c.width,
    style: ["idNumber", "phone", "certificateNo"].includes(c.key) ? { numFmt: "@" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const rules: [string, readonly string[]][] = [["skillLevel", SKILL_LEVEL_ORDER], ["employmentStatus", EMPLOYMENT_STATUSES], ["declaredNoAccident", ["是", "否"]]];
  for (const [key, values] of rules) {
    const letter = sheet.getColumn(key).letter;
    (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`], showErrorMessage: true, errorTitle: "请从列表中选择", error: values.join("、"),
    });
  }
  const help = workbook.addWorksheet("填写说明");
  help.getColumn(1).width = 100;
  [
    "每行一名参赛人员；第一行为表头，请勿修改表头文字。",
    "必填：姓名、身份证号。参赛人员须已登记为本单位（含下属班组）会员，姓名与身份证号须与会员记录一致。",
    "技能等级留空则取会员记录；人员身份如填写须与会员记录一致（职工组仅限职工参加）。",
    "团体赛项须填写团队名称；同一团队的人员填写相同的团队名称、领队和指导教练。",
    "只要有一行有误，整个文件都不会导入，系统会列出每一行的问题；本单位报名人数不得超过该赛项的单位名额。",
  ].forEach((line) => help.addRow([line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readSheet(bytes: Uint8Array): Promise<{ rows: RegistrationSheetRow[]; problems: SheetProblem[] }> {
  const sheet = await openWorksheet(bytes, undefined, UPLOAD_MESSAGES.unreadable);
  const { columns, problems } = locateSheetColumns(headerCells(sheet));
  if (problems.length) return { rows: [], problems };
  const rows: RegistrationSheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: RegistrationSheetRow["cells"] = {};
    for (const [key, col] of columns) cells[key] = plainCellValue(row.getCell(col).value);
    if (Object.values(cells).every((v) => v === null)) continue;
    rows.push({ row: r, cells });
    if (rows.length > MAX_SHEET_ROWS) throw badRequest(SHEET_MESSAGES.tooManyRows(MAX_SHEET_ROWS), [{ path: "file", message: SHEET_MESSAGES.tooManyRows(MAX_SHEET_ROWS) }], "too_many_rows");
  }
  return { rows, problems: [] };
}

export type BatchResult = { ok: true; count: number } | { ok: false; problems: SheetProblem[] };

export async function importRegistrations(
  user: SessionUser, input: { eventId: string; unitId: string }, file: { name: string; bytes: Uint8Array }, actor: Actor, now = new Date(),
): Promise<BatchResult> {
  const unit = await requireContactUnit(user, input.unitId);
  const uploadProblem = findUploadProblem({ name: file.name, size: file.bytes.byteLength, head: file.bytes.subarray(0, 4) });
  if (uploadProblem) throw badRequest(UPLOAD_MESSAGES[uploadProblem], [{ path: "file", message: UPLOAD_MESSAGES[uploadProblem] }], "invalid_upload");
  const sheet = await readSheet(file.bytes);
  if (sheet.problems.length) return { ok: false, problems: sheet.problems };
  if (!sheet.rows.length) throw badRequest(SHEET_MESSAGES.noRows, [{ path: "file", message: SHEET_MESSAGES.noRows }], "no_rows");

  const { parsed, problems } = parseSheetRows(sheet.rows);
  // Members of this unit (its 班组 included), by ID-number hash; the name must match too.
  const hashes = parsed.map((p) => hashIdNumber(p.idNumber));
  const members = await db.member.findMany({
    where: { idNumberHash: { in: hashes }, org: { path: { startsWith: unit.path } }, supersededById: null },
    select: { ...memberSelect, idNumberHash: true },
  });
  const byHash = new Map(members.map((m) => [m.idNumberHash, m]));
  const entries: Entry[] = [];
  parsed.forEach((p, i) => {
    const member = byHash.get(hashes[i]);
    const add = (field: string, message: string) => problems.push({ row: p.row, field, column: headerOf(field), message });
    if (!member || member.name !== p.name) return add("idNumber", SHEET_MESSAGES.noMember);
    if (p.employmentStatus && p.employmentStatus !== member.employmentStatus) return add("employmentStatus", SHEET_MESSAGES.employmentMismatch(member.employmentStatus));
    entries.push({ member, fields: p.fields, row: p.row });
  });

  // Eligibility, duplicates, teams and the quota over the whole file: checked even when
  // some rows already failed, so the report lists every problem at once.
  if (entries.length) {
    const result = await submitBatch(user, input.eventId, unit, entries, actor, now, problems.length > 0);
    if (!result.ok) problems.push(...result.problems.map((p) => ({ row: p.row!, field: p.field, column: headerOf(p.field), message: p.message })));
    else if (!problems.length) return { ok: true, count: result.ids.length };
  }
  return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
}
