import { db } from "~/utils/db.server";
import { hashPassword, hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, forbidden } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { headerCells, newWorkbook, openWorksheet, plainCellValue } from "~/utils/xlsx.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { scopeWhere } from "~/modules/orgs/orgs.server";
import { findUploadProblem, UPLOAD_MESSAGES } from "~/modules/members/member-fields";
import {
  ACCOUNT_COLUMNS, ACCOUNT_IMPORT_MESSAGES, locateAccountColumns, MAX_ACCOUNT_ROWS, validateAccountRows,
  type AccountRowProblem, type AccountSheetRow,
} from "./account-import";
import { GRANT_RANKS } from "./grant-rules";
import { generateOneTimePassword } from "./users.server";

// Accounts from Excel (issue 12 item 1): the template, reading an upload (the shared safe
// xlsx reader: zip limits checked first, parsed in a worker thread), and the all-or-nothing
// import that answers each new account's one-time password once.

const SHEET_NAME = "账号";
const TEMPLATE_ROWS = 500;

/** The roles a template offers in its drop-down: the ladder (grant-rules.ts), never admin or the encryption officer. */
async function ladderRoleNames() {
  const roles = await db.role.findMany({ where: { key: { in: Object.keys(GRANT_RANKS) } }, orderBy: { sortOrder: "asc" }, select: { name: true } });
  return roles.map((r) => r.name);
}

export async function buildAccountsTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await newWorkbook();
  workbook.creator = "工赛 Gongsai";
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = ACCOUNT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  const roleLetter = sheet.getColumn("role").letter;
  (sheet as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations.add(`${roleLetter}2:${roleLetter}${TEMPLATE_ROWS + 1}`, {
    type: "list", allowBlank: true, formulae: [`"${(await ladderRoleNames()).join(",")}"`],
    showErrorMessage: true, errorTitle: "请从列表中选择角色", error: "请从列表中选择角色",
  });
  const help = workbook.addWorksheet("填写说明");
  help.getColumn(1).width = 100;
  [
    "每行一个账号；第一行为表头，请勿修改表头文字。",
    "用户名：小写字母、数字和 . _ -，3–32 个字符，不能与已有账号重复。姓名必填。",
    "手机：11 位大陆手机号码，可留空。",
    "单位：您管理范围内的组织名称（与系统中一致）；有同名组织时请填组织编号。",
    "角色：从下拉列表中选择，如 裁判、单位联络员、审核人（组委会办公室）、评审委员。角色作用于该单位及其下级。",
    `只要有一行有误，整个文件都不会导入，系统会列出每一行的问题。一次最多 ${MAX_ACCOUNT_ROWS} 个账号，文件不超过 5 MB。`,
    "导入成功后，页面只显示一次每个账号的一次性密码（可下载为 Excel）；本人首次登录时必须改成自己的密码。",
  ].forEach((line) => help.addRow([line]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The one-time passwords of an import, as a workbook to hand out (made once, never stored). */
export async function buildPasswordsWorkbook(accounts: readonly ImportedAccount[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet("一次性密码");
  sheet.columns = [
    { header: "用户名", key: "username", width: 18 }, { header: "姓名", key: "displayName", width: 14 },
    { header: "单位", key: "orgName", width: 30 }, { header: "角色", key: "roleName", width: 16 },
    { header: "一次性密码", key: "oneTimePassword", width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const a of accounts) sheet.addRow(a);
  sheet.addRow([]);
  sheet.addRow(["首次登录后必须修改密码。请逐一当面或通过电话告知本人，发放后删除本文件。"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The sheet's rows by header; empty rows are skipped, row numbers are Excel's. */
export async function readAccountsSheet(file: { name: string; bytes: Uint8Array }): Promise<{ rows: AccountSheetRow[]; problems: AccountRowProblem[] }> {
  const uploadProblem = findUploadProblem({ name: file.name, size: file.bytes.byteLength, head: file.bytes.subarray(0, 4) });
  if (uploadProblem) throw badRequest(UPLOAD_MESSAGES[uploadProblem], [{ path: "file", message: UPLOAD_MESSAGES[uploadProblem] }], "invalid_upload");
  const sheet = await openWorksheet(file.bytes, undefined, UPLOAD_MESSAGES.unreadable);
  const { columns, problems } = locateAccountColumns(headerCells(sheet));
  if (problems.length) return { rows: [], problems };
  const tooMany = () => badRequest(ACCOUNT_IMPORT_MESSAGES.tooManyRows(MAX_ACCOUNT_ROWS), [{ path: "file", message: ACCOUNT_IMPORT_MESSAGES.tooManyRows(MAX_ACCOUNT_ROWS) }], "too_many_rows");
  if (sheet.rowCount - 1 > MAX_ACCOUNT_ROWS * 4) throw tooMany();
  const rows: AccountSheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: AccountSheetRow["cells"] = {};
    for (const [key, col] of columns) cells[key] = plainCellValue(row.getCell(col).value);
    if (Object.values(cells).every((v) => v === null)) continue;
    rows.push({ row: r, cells });
  }
  if (rows.length > MAX_ACCOUNT_ROWS) throw tooMany();
  return { rows, problems: [] };
}

export type ImportedAccount = { row: number; id: string; username: string; displayName: string; orgName: string; roleName: string; oneTimePassword: string };
export type AccountImportResult = { ok: true; accounts: ImportedAccount[] } | { ok: false; problems: AccountRowProblem[] };

/**
 * Creates the accounts of the rows, each with its role over its organisation, or none of them
 * (any bad row: every problem named with its row number). Each account gets a one-time password,
 * answered here once; its holder changes it at the first sign-in.
 */
export async function importAccounts(manager: SessionUser, rows: readonly AccountSheetRow[], actor: Actor, source: string): Promise<AccountImportResult> {
  if (!hasPermission(manager, "user:manage")) throw forbidden("您没有管理账号的权限 / you may not manage accounts");
  if (rows.length === 0) throw badRequest(ACCOUNT_IMPORT_MESSAGES.noRows, [{ path: "file", message: ACCOUNT_IMPORT_MESSAGES.noRows }], "no_rows");
  if (rows.length > MAX_ACCOUNT_ROWS) throw badRequest(ACCOUNT_IMPORT_MESSAGES.tooManyRows(MAX_ACCOUNT_ROWS), [], "too_many_rows");

  const units = [...new Set(rows.map((r) => String(r.cells.unit ?? "").trim()).filter(Boolean))];
  const usernames = [...new Set(rows.map((r) => String(r.cells.username ?? "").trim().toLowerCase()).filter(Boolean))];
  const [orgs, roles, taken] = await Promise.all([
    db.organisation.findMany({ where: { AND: [scopeWhere(manager, "user:manage"), { OR: [{ id: { in: units } }, { name: { in: units } }] }] }, select: { id: true, name: true, path: true } }),
    db.role.findMany({ select: { key: true, name: true, nameEn: true, permissions: { select: { permissionKey: true } } } }),
    db.user.findMany({ where: { username: { in: usernames } }, select: { username: true } }),
  ]);
  const { valid, problems } = validateAccountRows(rows, {
    orgs,
    roles: roles.map((r) => ({ ...r, permissions: r.permissions.map((p) => p.permissionKey) })),
    actor: manager,
    takenUsernames: new Set(taken.map((u) => u.username)),
  });
  if (problems.length) return { ok: false, problems };

  // Hashing is slow on purpose (argon2id): done before the transaction, which then stays short.
  const prepared: (typeof valid[number] & { oneTimePassword: string; passwordHash: string })[] = [];
  for (const v of valid) {
    const oneTimePassword = generateOneTimePassword(v.username);
    prepared.push({ ...v, oneTimePassword, passwordHash: await hashPassword(oneTimePassword) });
  }
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const roleByKey = new Map(roles.map((r) => [r.key, r]));
  try {
    const accounts = await db.$transaction(async (tx) => {
      const out: ImportedAccount[] = [];
      for (const a of prepared) {
        const org = orgById.get(a.orgId)!;
        const user = await tx.user.create({
          data: { username: a.username, displayName: a.displayName, phone: a.phone, passwordHash: a.passwordHash, mustChangePassword: true },
          select: { id: true, username: true, displayName: true },
        });
        await recordEvent(tx, actor, { action: "user.created", entityType: "User", entityId: user.id, orgId: org.id, after: { ...user, imported: true } });
        const grant = await tx.roleGrant.create({ data: { userId: user.id, roleKey: a.roleKey, orgId: org.id, grantedById: manager.id } });
        await recordEvent(tx, actor, {
          action: "grant.added", entityType: "RoleGrant", entityId: grant.id, orgId: org.id,
          after: { userId: user.id, username: user.username, roleKey: a.roleKey, orgId: org.id, orgName: org.name },
        });
        out.push({ row: a.row, id: user.id, username: user.username, displayName: user.displayName, orgName: org.name, roleName: roleByKey.get(a.roleKey)!.name, oneTimePassword: a.oneTimePassword });
      }
      await recordEvent(tx, actor, { action: "user.imported", entityType: "User", after: { count: out.length, source: source.slice(0, 200) } });
      return out;
    }, { timeout: 120_000, maxWait: 10_000 });
    return { ok: true, accounts };
  } catch (error) {
    if ((error as { code?: string } | null)?.code === "P2002") {
      throw new AppError(409, "username_taken", "导入期间有人使用了其中的用户名，未导入任何账号，请重试 / one of these usernames was taken meanwhile: nothing was imported, try again");
    }
    throw error;
  }
}
