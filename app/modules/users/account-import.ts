import type { Grant } from "./permissions";
import { grantRefusal } from "./grant-rules";
import { UsernameSchema } from "./schemas";

// Pure rules of the account import from Excel (issue 12 item 1): which column is which, which
// organisation and role a row names, and every problem of every row. All or nothing: the service
// writes the rows only when `problems` is empty.

export const ACCOUNT_COLUMNS = [
  { key: "username", header: "用户名", required: true, width: 18 },
  { key: "displayName", header: "姓名", required: true, width: 14 },
  { key: "phone", header: "手机", required: false, width: 16 },
  { key: "unit", header: "单位", required: true, width: 30 },
  { key: "role", header: "角色", required: true, width: 16 },
] as const;
export type AccountColumnKey = (typeof ACCOUNT_COLUMNS)[number]["key"];

export const MAX_ACCOUNT_ROWS = 500;

export type CellValue = string | number | boolean | Date | null;
export type AccountSheetRow = { row: number; cells: Partial<Record<AccountColumnKey, CellValue>> };
/** One problem of one row; `row` is the row number Excel shows, `column` the header. */
export type AccountRowProblem = { row: number; field: string; column: string; message: string };
export type OrgChoice = { id: string; name: string; path: string };
export type RoleChoice = { key: string; name: string; nameEn: string; permissions: readonly string[] };
export type ValidAccountRow = { row: number; username: string; displayName: string; phone: string | null; orgId: string; roleKey: string };

export const ACCOUNT_IMPORT_MESSAGES = {
  missingColumn: (header: string) => `缺少「${header}」列，请使用模板 / the column "${header}" is missing: use the template`,
  noRows: "文件中没有账号数据 / the file has no account rows",
  tooManyRows: (max: number) => `一次最多导入 ${max} 个账号，请拆分文件 / at most ${max} accounts per file`,
  required: (header: string) => `请填写${header} / ${header} is required`,
  displayNameTooLong: "姓名最多 60 个字 / the name is at most 60 characters",
  phone: "手机号应为 11 位大陆手机号码，或留空 / a mobile number has 11 digits starting with 1, or leave it empty",
  unitUnknown: (unit: string) => `单位「${unit}」不存在或不在您的管理范围内 / unit "${unit}" is not in your scope`,
  unitAmbiguous: (unit: string) => `有多个名为「${unit}」的单位，请改填单位编号 / several units are called "${unit}": give its id`,
  roleUnknown: (role: string) => `没有「${role}」这个角色 / there is no role "${role}"`,
  duplicateInFile: (row: number) => `与第 ${row} 行的用户名重复 / same username as row ${row}`,
  usernameTaken: "用户名已被使用 / this username is taken",
} as const;

const cleanHeader = (value: unknown) => String(value ?? "").replace(/[*＊\s]/g, "");
const text = (value: CellValue | undefined) => (value === null || value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim());

/** Finds each column by its header text in the first row (cells indexed by column number). */
export function locateAccountColumns(headerCells: readonly unknown[]): { columns: Map<AccountColumnKey, number>; problems: AccountRowProblem[] } {
  const columns = new Map<AccountColumnKey, number>();
  headerCells.forEach((cell, index) => {
    const column = ACCOUNT_COLUMNS.find((c) => c.header === cleanHeader(cell));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  const problems = ACCOUNT_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => ({
    row: 1, field: c.key, column: c.header, message: ACCOUNT_IMPORT_MESSAGES.missingColumn(c.header),
  }));
  return { columns, problems };
}

/** The organisation a row names: by id, or by a name only one organisation in scope has. */
export function resolveOrg(unit: string, orgs: readonly OrgChoice[]): OrgChoice | { message: string } {
  const byId = orgs.find((o) => o.id === unit);
  if (byId) return byId;
  const named = orgs.filter((o) => o.name === unit);
  if (named.length === 1) return named[0];
  return { message: named.length ? ACCOUNT_IMPORT_MESSAGES.unitAmbiguous(unit) : ACCOUNT_IMPORT_MESSAGES.unitUnknown(unit) };
}

/** The role a row names: its Chinese or English name, or its key. */
export function resolveRole(role: string, roles: readonly RoleChoice[]): RoleChoice | null {
  const lower = role.toLowerCase();
  return roles.find((r) => r.name === role || r.nameEn.toLowerCase() === lower || r.key === lower) ?? null;
}

/** A mobile number with its spaces and dashes removed, or null when it is not one (rule: 11 digits, 1[3-9]…). */
export function normalisePhone(value: string): string | null {
  const digits = value.replace(/[\s-]/g, "").replace(/^\+?86/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * Every row checked: username (format, unique in the file and not taken), name, phone, the
 * organisation inside the importer's scope, and a role the importer may grant there (the same
 * rule as the form: grantRefusal).
 */
export function validateAccountRows(
  rows: readonly AccountSheetRow[],
  context: { orgs: readonly OrgChoice[]; roles: readonly RoleChoice[]; actor: { id: string; grants: readonly Grant[] }; takenUsernames: ReadonlySet<string> },
): { valid: ValidAccountRow[]; problems: AccountRowProblem[] } {
  const valid: ValidAccountRow[] = [];
  const problems: AccountRowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of rows) {
    const rowProblems: AccountRowProblem[] = [];
    const problem = (field: AccountColumnKey, message: string) =>
      rowProblems.push({ row, field, column: ACCOUNT_COLUMNS.find((c) => c.key === field)!.header, message });

    const usernameText = text(cells.username).toLowerCase();
    const username = UsernameSchema.safeParse(usernameText);
    if (!usernameText) problem("username", ACCOUNT_IMPORT_MESSAGES.required("用户名"));
    else if (!username.success) problem("username", username.error.issues[0].message);
    else if (firstRowOf.has(username.data)) problem("username", ACCOUNT_IMPORT_MESSAGES.duplicateInFile(firstRowOf.get(username.data)!));
    else if (context.takenUsernames.has(username.data)) problem("username", ACCOUNT_IMPORT_MESSAGES.usernameTaken);
    if (username.success && !firstRowOf.has(username.data)) firstRowOf.set(username.data, row);

    const displayName = text(cells.displayName);
    if (!displayName) problem("displayName", ACCOUNT_IMPORT_MESSAGES.required("姓名"));
    else if (displayName.length > 60) problem("displayName", ACCOUNT_IMPORT_MESSAGES.displayNameTooLong);

    const phoneText = text(cells.phone);
    const phone = phoneText ? normalisePhone(phoneText) : null;
    if (phoneText && !phone) problem("phone", ACCOUNT_IMPORT_MESSAGES.phone);

    const unitText = text(cells.unit);
    const org = unitText ? resolveOrg(unitText, context.orgs) : null;
    if (!unitText) problem("unit", ACCOUNT_IMPORT_MESSAGES.required("单位"));
    else if (org && "message" in org) problem("unit", org.message);

    const roleText = text(cells.role);
    const role = roleText ? resolveRole(roleText, context.roles) : null;
    if (!roleText) problem("role", ACCOUNT_IMPORT_MESSAGES.required("角色"));
    else if (!role) problem("role", ACCOUNT_IMPORT_MESSAGES.roleUnknown(roleText));
    else if (org && !("message" in org)) {
      // A new account has no grants, so giving it a role is never self-escalation.
      const refusal = grantRefusal(context.actor, role, org);
      if (refusal) problem("role", refusal.message);
    }

    if (rowProblems.length) problems.push(...rowProblems);
    else valid.push({ row, username: username.data!, displayName, phone, orgId: (org as OrgChoice).id, roleKey: role!.key });
  }
  return { valid, problems };
}
