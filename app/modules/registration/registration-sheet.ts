import { findIdNumberProblem, ID_NUMBER_MESSAGES, normaliseIdNumber } from "~/modules/members/id-number";
import { EMPLOYMENT_STATUSES } from "~/modules/contests/event-rules";
import { RegistrationFieldsSchema, type RegistrationFields } from "./schemas";
import { zodIssueMessage } from "~/utils/messages";

// Pure rules of the unit contact's registration sheet: its columns, and each row
// read into a member look-up (ID number + name) and the registration fields. The
// server matches members and checks eligibility, duplicates, teams and the quota.

export type SheetKey =
  | "name" | "idNumber" | "phone" | "post" | "skillLevel" | "certificateNo" | "employmentStatus"
  | "yearsOfService" | "declaredNoAccident" | "teamName" | "leaderName" | "coachName";

export const REGISTRATION_SHEET_COLUMNS: { key: SheetKey; header: string; width: number; required?: boolean }[] = [
  { key: "name", header: "姓名", width: 12, required: true },
  { key: "idNumber", header: "身份证号", width: 22, required: true },
  { key: "phone", header: "手机号", width: 14 },
  { key: "post", header: "岗位/工种", width: 14 },
  { key: "skillLevel", header: "技能等级", width: 14 },
  { key: "certificateNo", header: "证书编号", width: 20 },
  { key: "employmentStatus", header: "人员身份", width: 10 },
  { key: "yearsOfService", header: "从业年限", width: 10 },
  { key: "declaredNoAccident", header: "本年度无重大事故声明(是/否)", width: 26 },
  { key: "teamName", header: "团队名称", width: 16 },
  { key: "leaderName", header: "领队", width: 10 },
  { key: "coachName", header: "指导教练", width: 10 },
];

export type Cell = string | number | boolean | Date | null;
export type RegistrationSheetRow = { row: number; cells: Partial<Record<SheetKey, Cell>> };
/** One problem of one row: `row` as Excel numbers it, `field` the key, `column` the header people see. */
export type SheetProblem = { row: number; field: string; column: string; message: string };
export type ParsedRow = { row: number; name: string; idNumber: string; employmentStatus: string | null; fields: RegistrationFields };

export const SHEET_MESSAGES = {
  missingColumn: (header: string) => `缺少「${header}」列，请使用下载的模板 / the column "${header}" is missing: use the template`,
  noRows: "文件中没有报名数据 / the file has no entrant rows",
  nameRequired: "请填写姓名 / name is required",
  idRequired: "请填写身份证号 / ID number is required",
  idAsNumber: "身份证号被存成了数字，末几位已丢失：请把该列设为文本格式后重新填写 / the ID number was stored as a number: format the column as text",
  noMember: "本单位没有姓名和身份证号都匹配的会员，请先登记会员或核对 / no member of this unit has this name and ID number",
  employmentStatus: `人员身份只能是：${EMPLOYMENT_STATUSES.join("、")} / employment status: "职工" (employee), "学生" (student) or "其他" (other)`,
  employmentMismatch: (record: string) => `人员身份与会员记录（${record}）不一致，请先更正会员记录 / differs from the member record (${record}): correct the record first`,
  tooManyRows: (max: number) => `一次最多导入 ${max} 行 / at most ${max} rows per file`,
} as const;

export const MAX_SHEET_ROWS = 2000;

const clean = (value: unknown) => String(value ?? "").replace(/[*＊\s]/g, "").replace(/（/g, "(").replace(/）/g, ")");
export const headerOf = (field: string) => REGISTRATION_SHEET_COLUMNS.find((c) => c.key === field)?.header ?? ({ eligibility: "资格条件", quota: "单位名额", memberId: "姓名" } as Record<string, string>)[field] ?? field;

/** Finds each column by its header text in the first row. */
export function locateSheetColumns(headerCells: unknown[]): { columns: Map<SheetKey, number>; problems: SheetProblem[] } {
  const columns = new Map<SheetKey, number>();
  headerCells.forEach((cell, index) => {
    const text = clean(cell);
    const column = REGISTRATION_SHEET_COLUMNS.find((c) => clean(c.header) === text || (c.key === "declaredNoAccident" && text.startsWith("本年度无重大事故")));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  const problems = REGISTRATION_SHEET_COLUMNS.filter((c) => c.required && !columns.has(c.key))
    .map((c) => ({ row: 1, field: c.key, column: c.header, message: SHEET_MESSAGES.missingColumn(c.header) }));
  return { columns, problems };
}

const text = (value: Cell | undefined) => (value === null || value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim());

/** Every row's own problems (format only); the rows without any come back parsed. */
export function parseSheetRows(rows: readonly RegistrationSheetRow[]): { parsed: ParsedRow[]; problems: SheetProblem[] } {
  const parsed: ParsedRow[] = [];
  const problems: SheetProblem[] = [];
  for (const { row, cells } of rows) {
    const before = problems.length;
    const add = (field: string, message: string) => problems.push({ row, field, column: headerOf(field), message });
    const name = text(cells.name);
    if (!name) add("name", SHEET_MESSAGES.nameRequired);
    let idNumber = "";
    if (typeof cells.idNumber === "number") add("idNumber", SHEET_MESSAGES.idAsNumber);
    else {
      idNumber = normaliseIdNumber(text(cells.idNumber));
      const problem = idNumber ? findIdNumberProblem(idNumber) : null;
      if (!idNumber) add("idNumber", SHEET_MESSAGES.idRequired);
      else if (problem) add("idNumber", ID_NUMBER_MESSAGES[problem]);
    }
    const status = text(cells.employmentStatus);
    if (status && !(EMPLOYMENT_STATUSES as readonly string[]).includes(status)) add("employmentStatus", SHEET_MESSAGES.employmentStatus);
    const fields = RegistrationFieldsSchema.safeParse({
      skillLevel: cells.skillLevel, certificateNo: cells.certificateNo, yearsOfService: cells.yearsOfService,
      declaredNoAccident: cells.declaredNoAccident ?? false, teamName: cells.teamName, leaderName: cells.leaderName, coachName: cells.coachName,
    }, { error: zodIssueMessage });
    if (!fields.success) for (const issue of fields.error.issues) add(String(issue.path[0] ?? "row"), issue.message);
    if (problems.length === before && fields.success) parsed.push({ row, name, idNumber, employmentStatus: status || null, fields: fields.data });
  }
  return { parsed, problems };
}
