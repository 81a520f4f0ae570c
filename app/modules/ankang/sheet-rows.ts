import { bi } from "./bilingual";
import type { SheetDefinition } from "./sheet";
import { checkSheetDefinition } from "./sheet";

// The score sheet as rows of a worksheet (Excel import and export, like the marking scheme):
// one row per section, item, bonus item or veto item; an item belongs to the section row above it.
// Pure: the workbook I/O is in sheet-excel.server.ts.

export const SHEET_ROW_KINDS = { section: "部分", item: "评分项", bonus: "鼓励项", veto: "否决项" } as const;
export const SHEET_COLUMNS = ["类型", "编号", "名称", "分值", "每缺一项扣分", "扣分要素（用；分隔）"] as const;

export type SheetCell = string | number | null;

export function sheetToRows(sheet: SheetDefinition): SheetCell[][] {
  const rows: SheetCell[][] = [];
  for (const s of sheet.sections) {
    rows.push([SHEET_ROW_KINDS.section, s.code, s.title, null, null, null]);
    for (const i of s.items) rows.push([SHEET_ROW_KINDS.item, i.code, i.title, i.maxPoints, i.deduction?.perMissing ?? null, i.deduction?.elements.join("；") ?? null]);
  }
  for (const b of sheet.bonusItems) rows.push([SHEET_ROW_KINDS.bonus, b.code, b.title, b.maxPoints, null, null]);
  for (const v of sheet.vetoItems) rows.push([SHEET_ROW_KINDS.veto, v.code, v.title, null, null, null]);
  return rows;
}

export type RowProblem = { row: number; message: string };

const text = (c: SheetCell) => (c == null ? "" : String(c).trim());
const number = (c: SheetCell) => (c == null || text(c) === "" ? null : Number(text(c)));

/** Rows (Excel row numbers start at 2 under the header) to a sheet; all or nothing, with every problem. */
export function rowsToSheet(rows: { row: number; cells: SheetCell[] }[]): { sheet: SheetDefinition | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const sheet: SheetDefinition = { sections: [], bonusItems: [], vetoItems: [] };
  for (const { row, cells } of rows) {
    const [kind, code, title, max, per, elements] = cells.map((c) => c ?? null);
    const k = text(kind ?? null);
    if (!k && !text(code ?? null) && !text(title ?? null)) continue;
    if (!text(code ?? null)) problems.push({ row, message: bi(`第 ${row} 行：缺少编号`, `row ${row}: the code is missing`) });
    if (!text(title ?? null)) problems.push({ row, message: bi(`第 ${row} 行：缺少名称`, `row ${row}: the title is missing`) });
    const maxPoints = number(max ?? null);
    if (k === SHEET_ROW_KINDS.section) {
      sheet.sections.push({ code: text(code ?? null), title: text(title ?? null), items: [] });
    } else if (k === SHEET_ROW_KINDS.item) {
      const section = sheet.sections[sheet.sections.length - 1];
      if (!section) { problems.push({ row, message: bi(`第 ${row} 行：评分项之前须有一行"部分"`, `row ${row}: an item needs a section row above it`) }); continue; }
      if (maxPoints == null || !Number.isFinite(maxPoints) || maxPoints <= 0) { problems.push({ row, message: bi(`第 ${row} 行：分值须为大于 0 的数`, `row ${row}: the points must be a number above 0`) }); continue; }
      const perMissing = number(per ?? null);
      if (perMissing != null && (!Number.isFinite(perMissing) || perMissing <= 0)) problems.push({ row, message: bi(`第 ${row} 行：每缺一项扣分须为大于 0 的数`, `row ${row}: the deduction per missing element must be a number above 0`) });
      const els = text(elements ?? null).split(/[；;]/).map((e) => e.trim()).filter(Boolean);
      section.items.push({ code: text(code ?? null), title: text(title ?? null), maxPoints, deduction: perMissing != null && els.length ? { perMissing, elements: els } : null });
    } else if (k === SHEET_ROW_KINDS.bonus) {
      if (maxPoints == null || !Number.isFinite(maxPoints) || maxPoints <= 0) { problems.push({ row, message: bi(`第 ${row} 行：鼓励项分值须为大于 0 的数`, `row ${row}: the bonus points must be a number above 0`) }); continue; }
      sheet.bonusItems.push({ code: text(code ?? null), title: text(title ?? null), maxPoints });
    } else if (k === SHEET_ROW_KINDS.veto) {
      sheet.vetoItems.push({ code: text(code ?? null), title: text(title ?? null) });
    } else {
      problems.push({ row, message: bi(`第 ${row} 行：类型须为 部分、评分项、鼓励项 或 否决项`, `row ${row}: the kind is one of 部分 (section), 评分项 (item), 鼓励项 (bonus), 否决项 (veto)`) });
    }
  }
  if (problems.length) return { sheet: null, problems };
  const definitionProblems = checkSheetDefinition(sheet);
  if (definitionProblems.length) return { sheet: null, problems: definitionProblems.map((message) => ({ row: 0, message })) };
  return { sheet, problems: [] };
}
