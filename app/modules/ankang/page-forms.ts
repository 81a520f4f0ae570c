import type { FieldIssue } from "~/utils/errors";
import { ANKANG_SETTINGS_SCHEMA, DEFAULT_ANKANG_SETTINGS, type AnkangSettings } from "./settings";
import { ORG_TYPE_KEYS, UNIT_CATEGORY_KEYS } from "~/modules/orgs/org-types";
import { rowsToSheet, sheetToRows, SHEET_ROW_KINDS, type SheetCell } from "./sheet-rows";
import type { SheetDefinition } from "./sheet";

// The 安康杯 organiser's page forms (issue 15): the cycle's settings and a new score-sheet version.
// Pure: the form's fields in, the settings or the sheet out, or every problem with a Chinese-first
// message (nothing is written then). The services (updateCycleSettings, addSheetVersion) check again.

type Get = (name: string) => string | null;

/** One numeric setting on the form: its field name, rule, bounds; `percent` is shown ×100 (80 % ↔ 0.8). */
export type NumberField = { name: string; key: keyof AnkangSettings | `winnerThreshold.${"city" | "provincial" | "national"}`; rule: string; min: number; max: number; integer?: boolean; percent?: boolean; label: string };

export const SETTING_NUMBER_FIELDS: NumberField[] = [
  { name: "minSelfAssessment", key: "minSelfAssessment", rule: "A-10", min: 0, max: 100, label: "自评得分下限" },
  { name: "minSectionRate", key: "minSectionRate", rule: "A-10", min: 0, max: 100, percent: true, label: "各部分得分率下限（%）" },
  { name: "bonusCap", key: "bonusCap", rule: "A-10", min: 0, max: 50, label: "鼓励项加分上限" },
  { name: "thresholdCity", key: "winnerThreshold.city", rule: "A-6", min: 0, max: 100, label: "市级优胜单位分数线" },
  { name: "thresholdProvincial", key: "winnerThreshold.provincial", rule: "A-6", min: 0, max: 100, label: "省级优胜单位分数线" },
  { name: "thresholdNational", key: "winnerThreshold.national", rule: "A-6", min: 0, max: 100, label: "全国优胜单位分数线" },
  { name: "provincialNoRepeatYears", key: "provincialNoRepeatYears", rule: "A-7", min: 0, max: 20, integer: true, label: "省级称号不重复授予年限" },
  { name: "modelConsecutiveYears", key: "modelConsecutiveYears", rule: "A-6", min: 1, max: 20, integer: true, label: "示范企业须连续获全国优胜年数" },
  { name: "mayDayConsecutiveYears", key: "mayDayConsecutiveYears", rule: "A-13", min: 1, max: 20, integer: true, label: "连续优胜可参评五一劳动奖状的年数" },
  { name: "hazardDueDays", key: "hazardDueDays", rule: "A-8", min: 1, max: 365, integer: true, label: "隐患整改期限（天）" },
  { name: "minReviewTeam", key: "minReviewTeam", rule: "issue 15 §3", min: 1, max: 20, integer: true, label: "考核组最少人数" },
];

/** rule A-8: the union types offered as 优秀组织单位 candidates on the form (a 班组 never is, a department by its category) */
export const ORGANISING_UNIT_UNION_TYPE_CHOICES = ORG_TYPE_KEYS.filter((k) => k !== "team" && k !== "department");
/** rule A-8: the unit categories offered as 优秀组织单位 candidates on the form */
export const ORGANISING_UNIT_CATEGORY_CHOICES = UNIT_CATEGORY_KEYS;

/** Rows of prize tiers on the form (blank rows are ignored). */
export const PRIZE_TIER_ROWS = 5;

/** The value a number field shows for these settings. */
export function settingFieldValue(settings: AnkangSettings, f: NumberField): number {
  const raw = f.key.startsWith("winnerThreshold.") ? settings.winnerThreshold[f.key.split(".")[1] as "city"] : (settings[f.key as keyof AnkangSettings] as number);
  return f.percent ? Math.round(raw * 10_000) / 100 : raw;
}

/** The settings form to settings (every setting of the module), or every problem. */
export function settingsFromForm(get: Get): { settings: AnkangSettings; issues: [] } | { settings: null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_ANKANG_SETTINGS, winnerThreshold: { ...DEFAULT_ANKANG_SETTINGS.winnerThreshold } };
  for (const f of SETTING_NUMBER_FIELDS) {
    const text = (get(f.name) ?? "").trim();
    const n = Number(text);
    if (text === "" || !Number.isFinite(n)) { issues.push({ path: f.name, message: `请填写「${f.label}」（数字） / ${f.name}: a number is required` }); continue; }
    if (f.integer && !Number.isInteger(n)) { issues.push({ path: f.name, message: `「${f.label}」须为整数 / ${f.name}: a whole number is required` }); continue; }
    if (n < f.min || n > f.max) { issues.push({ path: f.name, message: `「${f.label}」须在 ${f.min}–${f.max} 之间（规则 ${f.rule}） / ${f.name}: between ${f.min} and ${f.max}` }); continue; }
    const value = f.percent ? n / 100 : n;
    if (f.key.startsWith("winnerThreshold.")) (out.winnerThreshold as Record<string, number>)[f.key.split(".")[1]!] = value;
    else out[f.key] = value;
  }
  const source = get("finalScoreSource");
  if (source !== "review" && source !== "self") issues.push({ path: "finalScoreSource", message: "请选择最终得分采用考核分或自评分 / choose which score is final" });
  else out.finalScoreSource = source;
  out.teamAllowsOpenHazards = get("teamAllowsOpenHazards") === "on";
  const tiers: { name: string; count: number }[] = [];
  for (let i = 0; i < PRIZE_TIER_ROWS; i++) {
    const name = (get(`tierName${i}`) ?? "").trim();
    const countText = (get(`tierCount${i}`) ?? "").trim();
    if (!name && !countText) continue;
    const count = Number(countText);
    if (!name) { issues.push({ path: `tierName${i}`, message: `第 ${i + 1} 个奖项缺少名称 / prize ${i + 1}: a name is required` }); continue; }
    if (countText === "" || !Number.isInteger(count) || count < 0 || count > 100_000) { issues.push({ path: `tierCount${i}`, message: `奖项「${name}」的名额须为 0 或正整数（规则 A-14） / prize ${i + 1}: the number of winners is a whole number` }); continue; }
    tiers.push({ name, count });
  }
  if (tiers.length === 0 && !issues.some((i) => i.path.startsWith("tier"))) issues.push({ path: "tierName0", message: "至少设置一个奖项（规则 A-14） / at least one prize tier" });
  out.quizPrizeTiers = tiers;
  out.organisingUnitUnionTypes = ORGANISING_UNIT_UNION_TYPE_CHOICES.filter((k) => get(`organisingUnitUnionType.${k}`) === "on");
  out.organisingUnitCategories = ORGANISING_UNIT_CATEGORY_CHOICES.filter((k) => get(`organisingUnitCategory.${k}`) === "on");
  if ((out.organisingUnitUnionTypes as string[]).length === 0 && (out.organisingUnitCategories as string[]).length === 0)
    issues.push({ path: "organisingUnitUnionTypes", message: "至少选择一类可推选为优秀组织单位的单位（规则 A-8） / choose at least one kind of organisation that may be an outstanding organising unit" });
  if (issues.length) return { settings: null, issues };
  const parsed = ANKANG_SETTINGS_SCHEMA.safeParse(out);
  if (!parsed.success) return { settings: null, issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: `设置有误：${i.message} / invalid setting` })) };
  return { settings: parsed.data, issues: [] };
}

// ------------------------------------------------------------------ sheet editor

export const SHEET_EDIT_FIELDS = ["rowKind", "rowCode", "rowTitle", "rowMax", "rowPer", "rowElements"] as const;
/** empty rows offered under the current sheet for new sections, items, bonus and veto items */
export const SHEET_EDIT_BLANK_ROWS = 8;

export type EditorRow = { kind: string; code: string; title: string; max: string; per: string; elements: string };

/** The editor's rows: the current sheet (as in its Excel export) and blank rows to add to it. */
export function sheetEditorRows(sheet: SheetDefinition | null): EditorRow[] {
  const cell = (c: SheetCell) => (c == null ? "" : String(c));
  const rows = (sheet ? sheetToRows(sheet) : []).map(([kind, code, title, max, per, elements]) => ({ kind: cell(kind), code: cell(code), title: cell(title), max: cell(max), per: cell(per), elements: cell(elements) }));
  return [...rows, ...Array.from({ length: SHEET_EDIT_BLANK_ROWS }, () => ({ kind: "", code: "", title: "", max: "", per: "", elements: "" }))];
}

export const SHEET_EDIT_KINDS = Object.values(SHEET_ROW_KINDS);

/**
 * The editor's posted columns (one value per row, in order) to a sheet, by the same rules as the
 * Excel import (all or nothing); a row left empty is dropped, so clearing a row removes it.
 */
export function sheetFromEditor(columns: Record<(typeof SHEET_EDIT_FIELDS)[number], string[]>): { sheet: SheetDefinition | null; issues: FieldIssue[] } {
  const n = Math.max(...SHEET_EDIT_FIELDS.map((f) => columns[f].length));
  const rows = Array.from({ length: n }, (_, i) => ({ row: i + 1, cells: SHEET_EDIT_FIELDS.map((f) => columns[f][i] ?? "") as SheetCell[] }));
  const { sheet, problems } = rowsToSheet(rows);
  return { sheet, issues: problems.map((p) => ({ path: p.row ? `row${p.row}` : "definition", message: p.message })) };
}
