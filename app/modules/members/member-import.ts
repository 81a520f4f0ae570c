import { normaliseIdNumber } from "./id-number";
import { SHEET_COLUMNS, type SheetColumnKey } from "./member-fields";
import { MemberInputSchema, type MemberInput } from "./schemas";
import { zodIssueMessage } from "~/utils/messages";

// Pure rules of the Excel import: which column is which, which unit a row means, and
// every problem of every row. The import is all or nothing: the caller writes the
// rows only when `problems` is empty.

export type CellValue = string | number | boolean | Date | null;
export type SheetRow = { row: number; cells: Partial<Record<SheetColumnKey, CellValue>> };
/** One problem of one row; `row` is the row number Excel shows, `column` the header. */
export type RowProblem = { row: number; field: string; column: string; message: string };
export type UnitOption = { id: string; name: string };
export type ValidRow = { row: number; input: MemberInput };

export const IMPORT_MESSAGES = {
  missingColumn: (header: string) => `缺少「${header}」列，请使用导出的模板 / the column "${header}" is missing: use the template`,
  missingUnitColumn: "缺少「所在单位」或「单位编号」列 / a unit column is missing",
  noRows: "文件中没有会员数据 / the file has no member rows",
  tooManyRows: (max: number) => `一次最多导入 ${max} 行，请拆分文件 / at most ${max} rows per file`,
  unitRequired: "请填写所在单位或单位编号 / fill in the unit or its id",
  unitUnknown: (unit: string) => `单位「${unit}」不存在或不在您的管理范围内 / unit not found in your scope`,
  unitAmbiguous: (unit: string) => `有多个名为「${unit}」的单位，请填写单位编号 / several units share this name: give the unit id`,
  unitMismatch: (name: string, id: string) => `单位名称「${name}」与单位编号 ${id} 不一致 / unit name and id disagree`,
  idNumberAsNumber: "身份证号被存成了数字，末几位已丢失：请把该列设为文本格式后重新填写 / the ID number was stored as a number and lost digits: format the column as text",
  duplicateInFile: (row: number) => `与第 ${row} 行的身份证号重复 / same ID number as row ${row}`,
  duplicateInDb: "该身份证号已登记为会员 / a member with this ID number already exists",
} as const;

const cleanHeader = (value: unknown) => String(value ?? "").replace(/[*＊\s]/g, "");

/** Finds each known column by its header text in the first row. */
export function locateColumns(headerCells: unknown[]): { columns: Map<SheetColumnKey, number>; problems: RowProblem[] } {
  const columns = new Map<SheetColumnKey, number>();
  headerCells.forEach((cell, index) => {
    const column = SHEET_COLUMNS.find((c) => c.header === cleanHeader(cell));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
  });
  const problems: RowProblem[] = SHEET_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => ({
    row: 1, field: c.key, column: c.header, message: IMPORT_MESSAGES.missingColumn(c.header),
  }));
  if (!columns.has("unit") && !columns.has("unitId")) {
    problems.push({ row: 1, field: "unit", column: "所在单位", message: IMPORT_MESSAGES.missingUnitColumn });
  }
  return { columns, problems };
}

const text = (value: CellValue | undefined) => (value === null || value === undefined ? "" : String(value).trim());

/** The unit a row names, by id (preferred) or by a unique name among the units in scope. */
export function resolveUnit(cells: SheetRow["cells"], units: readonly UnitOption[]): { orgId: string } | { message: string } {
  const id = text(cells.unitId);
  const name = text(cells.unit);
  if (id) {
    const unit = units.find((u) => u.id === id);
    if (!unit) return { message: IMPORT_MESSAGES.unitUnknown(name || id) };
    if (name && name !== unit.name) return { message: IMPORT_MESSAGES.unitMismatch(name, id) };
    return { orgId: unit.id };
  }
  if (!name) return { message: IMPORT_MESSAGES.unitRequired };
  const matches = units.filter((u) => u.name === name);
  if (matches.length === 0) return { message: IMPORT_MESSAGES.unitUnknown(name) };
  if (matches.length > 1) return { message: IMPORT_MESSAGES.unitAmbiguous(name) };
  return { orgId: matches[0].id };
}

const headerFor = (field: string) => SHEET_COLUMNS.find((c) => c.key === field)?.header ?? field;

/** Validates every row with the same schema as the form; reports all problems, never only the first. */
export function validateSheetRows(rows: readonly SheetRow[], units: readonly UnitOption[]): { valid: ValidRow[]; problems: RowProblem[] } {
  const valid: ValidRow[] = [];
  const problems: RowProblem[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const { row, cells } of rows) {
    const rowProblems: RowProblem[] = [];
    const add = (field: string, message: string) => rowProblems.push({ row, field, column: headerFor(field), message });

    const unit = resolveUnit(cells, units);
    if ("message" in unit) add(text(cells.unitId) && !text(cells.unit) ? "unitId" : "unit", unit.message);

    const idAsNumber = typeof cells.idNumber === "number";
    if (idAsNumber) add("idNumber", IMPORT_MESSAGES.idNumberAsNumber);
    const { unit: _unit, unitId: _unitId, ...fields } = cells;
    const parsed = MemberInputSchema.safeParse({
      ...fields,
      idNumber: idAsNumber ? "" : text(cells.idNumber),
      orgId: "orgId" in unit ? unit.orgId : "(unresolved)",
    }, { error: zodIssueMessage });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "row");
        if (field === "idNumber" && idAsNumber) continue;
        add(field === "orgId" ? "unit" : field, issue.message);
      }
    }

    const idNumber = idAsNumber ? "" : normaliseIdNumber(text(cells.idNumber));
    if (idNumber && parsed.success) {
      const earlier = firstRowOfId.get(idNumber);
      if (earlier !== undefined) add("idNumber", IMPORT_MESSAGES.duplicateInFile(earlier));
      else firstRowOfId.set(idNumber, row);
    }

    if (rowProblems.length === 0 && parsed.success) valid.push({ row, input: parsed.data });
    problems.push(...rowProblems);
  }
  return { valid, problems };
}

/** Row numbers as short ranges for the import event: [2,3,4,7] → "2-4,7". */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? String(start) : `${start}-${sorted[i]}`);
  }
  return parts.join(",");
}

/** The deepest organisation path shared by all these paths ("/a/b/c/" and "/a/b/d/" → "/a/b/"). */
export function commonPath(paths: readonly string[]): string | null {
  if (!paths.length) return null;
  const split = paths.map((p) => p.split("/").filter(Boolean));
  const shared: string[] = [];
  for (let i = 0; i < split[0].length; i++) {
    if (split.every((s) => s[i] === split[0][i])) shared.push(split[0][i]);
    else break;
  }
  return shared.length ? `/${shared.join("/")}/` : null;
}
