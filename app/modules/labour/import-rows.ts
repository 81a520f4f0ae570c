// Importing a period's inspection scores and bonus/deduction events (issue 14 item 9, rules L-3,
// L-4, L-11): the rows of the Excel template or of the API body, checked all at once. Pure: no
// I/O. A single bad row (unknown unit, a unit not on the roster, a score above the item's maximum,
// an unknown event type, a date outside the period, a duplicate) means nothing is imported; every
// problem names its sheet, its row and the reason, Chinese first.
import { checkScore, type Indicator, type IndicatorSet } from "./indicators";
import type { EventTypeRow } from "./event-table";
import type { RosterKind } from "./year-end";

export const SCORES_SHEET = "考评分数";
export const EVENTS_SHEET = "加减分事项";
export const EVENT_TYPES_SHEET = "奖罚事项表";
export const IMPORT_MAX_ROWS = 5_000;

export type PlainValue = string | number | boolean | Date | null | undefined;

/** One unit's line of the scores sheet: rubric scores in points, quantities as plan and actual. */
export type ScoreLine = {
  row: number;
  unit: PlainValue;
  kind?: PlainValue;
  values: Record<string, PlainValue>;
  plans: Record<string, PlainValue>;
  actuals: Record<string, PlainValue>;
};
export type EventLine = { row: number; unit: PlainValue; kind?: PlainValue; date: PlainValue; type: PlainValue; note?: PlainValue };

export type ImportUnit = { id: string; name: string; kind: RosterKind };
export type ImportProblem = { sheet: string; row: number; message: string };

export type ScoreWrite = { unitId: string; indicatorKey: string; value?: number; plan?: number; actual?: number };
export type EventWrite = { unitId: string; date: string; type: EventTypeRow; note: string; row: number };

export type ImportContext = {
  set: IndicatorSet;
  eventTable: readonly EventTypeRow[];
  roster: readonly ImportUnit[];
  period: { from: string; to: string; label: string };
  /** events already stored for the project: a line repeating one (same unit, date and type) is a duplicate */
  existingEvents: readonly { unitId: string; date: string; typeKey: string }[];
  /** organisation names known to the system: an organisation that is not on the roster gets that reason */
  knownOrgNames?: ReadonlySet<string>;
};

export const IMPORT_MESSAGES = {
  at: (sheet: string, row: number, reason: string) => `「${sheet}」第 ${row} 行：${reason}`,
  unitMissing: "未填写单位 / the unit is missing",
  unknownUnit: (name: string) => `找不到单位「${name}」/ no unit named ${name}`,
  notOnRoster: (name: string) => `「${name}」不在本项目的参赛名录中 / ${name} is not on the project's roster`,
  notCompeting: (name: string) => `「${name}」不是标段、工区或班组，不参加考评 / ${name} is not a 标段, 工区 or 班组 and is not assessed`,
  ambiguousUnit: (name: string) => `名录中有多个「${name}」，请填写类型（标段 / 工区 / 班组）/ several roster entries are named ${name}: give the type`,
  badKind: (kind: string) => `未知的类型「${kind}」，应为 标段、工区 或 班组 / unknown type ${kind}`,
  badNumber: (what: string) => `「${what}」应为不超过两位小数的非负数 / ${what} must be a non-negative number with at most 2 decimals`,
  badQuantity: (what: string) => `「${what}」应为非负整数 / ${what} must be a whole number, 0 or more`,
  planZero: (name: string) => `「${name}」的计划量须大于 0 / the planned quantity of ${name} must be above 0`,
  quantityHalf: (name: string) => `「${name}」须同时填写计划量和完成量 / give both the plan and the actual quantity of ${name}`,
  duplicateUnit: (name: string, first: number) => `「${name}」重复，已在第 ${first} 行出现 / ${name} is repeated: it is already on row ${first}`,
  unknownIndicator: (header: string) => `未知的列「${header}」，请使用本期下载的模板 / unknown column ${header}: use the template of this period`,
  unknownType: (type: string) => `未知的奖罚事项「${type}」/ unknown bonus or deduction type ${type}`,
  typeMissing: "未填写奖罚事项 / the type is missing",
  noIndicator: (label: string) => `事项「${label}」在本项目的指标体系中没有对应指标 / the project's indicators have none for ${label}`,
  badDate: (value: string) => `日期「${value}」无法识别，应为 YYYY-MM-DD / the date ${value} is not a date (YYYY-MM-DD)`,
  dateMissing: "未填写日期 / the date is missing",
  dateOutside: (date: string, from: string, to: string) => `日期 ${date} 不在本考评期 ${from} 至 ${to} 内 / ${date} is outside the period, ${from} to ${to}`,
  duplicateEvent: (first: number) => `与第 ${first} 行重复（同一单位、日期和事项）/ the same unit, date and type as row ${first}`,
  eventExists: "该事项已登记过（同一单位、日期和事项）/ this event is already recorded (same unit, date and type)",
  nothing: "文件中没有要导入的分数或事项 / the file holds no scores or events to import",
  tooMany: (n: number) => `一次最多导入 ${n} 行 / at most ${n} rows at a time`,
  summary: (n: number, first: string) => `${first}；共 ${n} 处错误，未导入任何数据 / ${n} problem${n > 1 ? "s" : ""}: nothing was imported`,
} as const;

const KIND_NAMES: Record<string, RosterKind> = {
  标段: "section", 工区: "area", 班组: "team", 参建单位: "unit", 建设者: "builder",
  section: "section", area: "area", team: "team", unit: "unit", builder: "builder",
};
export const KIND_LABELS: Record<RosterKind, string> = { section: "标段", area: "工区", team: "班组", unit: "参建单位", builder: "建设者" };
const COMPETING: readonly RosterKind[] = ["section", "area", "team"];

const text = (v: PlainValue): string => (v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());
const blank = (v: PlainValue) => text(v) === "";

/** Points (up to 2 decimals) to hundredths; null if not such a number. */
export function pointsOf(v: PlainValue): number | null {
  const s = typeof v === "number" ? String(Math.round(v * 100) / 100) : text(v);
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

function wholeOf(v: PlainValue): number | null {
  const s = text(v);
  return /^\d+$/.test(s) ? Number(s) : null;
}

/** A YYYY-MM-DD date from a string (YYYY-MM-DD, YYYY/M/D, YYYY.M.D) or an Excel date; null otherwise. */
export function dateOf(v: PlainValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text(v));
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

type UnitMatch = { unit: ImportUnit } | { reason: string };

function findUnit(ctx: ImportContext, name: PlainValue, kind: PlainValue): UnitMatch {
  const n = text(name);
  if (!n) return { reason: IMPORT_MESSAGES.unitMissing };
  const k = text(kind);
  let wanted: RosterKind | undefined;
  if (k) {
    wanted = KIND_NAMES[k];
    if (!wanted) return { reason: IMPORT_MESSAGES.badKind(k) };
  }
  const named = ctx.roster.filter((u) => u.name === n && (!wanted || u.kind === wanted));
  if (named.length === 0) {
    const elsewhere = ctx.roster.some((u) => u.name === n) || ctx.knownOrgNames?.has(n);
    return { reason: elsewhere ? IMPORT_MESSAGES.notOnRoster(n) : IMPORT_MESSAGES.unknownUnit(n) };
  }
  const competing = named.filter((u) => COMPETING.includes(u.kind));
  if (competing.length === 0) return { reason: IMPORT_MESSAGES.notCompeting(n) };
  if (competing.length > 1) return { reason: IMPORT_MESSAGES.ambiguousUnit(n) };
  return { unit: competing[0] };
}

/** Every problem of the file, or what to write: all or nothing. */
export function checkImport(ctx: ImportContext, scoreLines: readonly ScoreLine[], eventLines: readonly EventLine[]): { problems: ImportProblem[]; scores: ScoreWrite[]; events: EventWrite[] } {
  const problems: ImportProblem[] = [];
  const scores: ScoreWrite[] = [];
  const events: EventWrite[] = [];
  if (scoreLines.length + eventLines.length > IMPORT_MAX_ROWS) return { problems: [{ sheet: SCORES_SHEET, row: 0, message: IMPORT_MESSAGES.tooMany(IMPORT_MAX_ROWS) }], scores, events };
  const byKey = new Map<string, Indicator>(ctx.set.indicators.map((i) => [i.key, i]));

  const seenUnits = new Map<string, number>();
  for (const line of scoreLines) {
    const problem = (message: string) => problems.push({ sheet: SCORES_SHEET, row: line.row, message });
    const filled = [...Object.values(line.values), ...Object.values(line.plans), ...Object.values(line.actuals)].some((v) => !blank(v));
    if (!filled && blank(line.unit)) continue;
    const match = findUnit(ctx, line.unit, line.kind);
    if ("reason" in match) { problem(match.reason); continue; }
    const { unit } = match;
    const first = seenUnits.get(unit.id);
    if (first !== undefined) { problem(IMPORT_MESSAGES.duplicateUnit(unit.name, first)); continue; }
    seenUnits.set(unit.id, line.row);
    for (const [key, raw] of Object.entries(line.values)) {
      if (blank(raw)) continue;
      const indicator = byKey.get(key);
      if (!indicator || indicator.method !== "rubric") { problem(IMPORT_MESSAGES.unknownIndicator(key)); continue; }
      const value = pointsOf(raw);
      if (value === null) { problem(IMPORT_MESSAGES.badNumber(indicator.name)); continue; }
      try {
        checkScore(indicator, value);
      } catch (error) {
        problem((error as Error).message);
        continue;
      }
      scores.push({ unitId: unit.id, indicatorKey: key, value });
    }
    const quantityKeys = new Set([...Object.keys(line.plans), ...Object.keys(line.actuals)]);
    for (const key of quantityKeys) {
      const rawPlan = line.plans[key];
      const rawActual = line.actuals[key];
      if (blank(rawPlan) && blank(rawActual)) continue;
      const indicator = byKey.get(key);
      if (!indicator || indicator.method !== "quantity") { problem(IMPORT_MESSAGES.unknownIndicator(key)); continue; }
      if (blank(rawPlan) || blank(rawActual)) { problem(IMPORT_MESSAGES.quantityHalf(indicator.name)); continue; }
      const plan = wholeOf(rawPlan);
      const actual = wholeOf(rawActual);
      if (plan === null) { problem(IMPORT_MESSAGES.badQuantity(`${indicator.name} 计划量`)); continue; }
      if (actual === null) { problem(IMPORT_MESSAGES.badQuantity(`${indicator.name} 完成量`)); continue; }
      if (plan <= 0) { problem(IMPORT_MESSAGES.planZero(indicator.name)); continue; }
      scores.push({ unitId: unit.id, indicatorKey: key, plan, actual });
    }
  }

  const seenEvents = new Map<string, number>();
  const stored = new Set(ctx.existingEvents.map((e) => `${e.unitId}|${e.date}|${e.typeKey}`));
  for (const line of eventLines) {
    const problem = (message: string) => problems.push({ sheet: EVENTS_SHEET, row: line.row, message });
    if ([line.unit, line.date, line.type, line.note].every(blank)) continue;
    const match = findUnit(ctx, line.unit, line.kind);
    if ("reason" in match) { problem(match.reason); continue; }
    const typeText = text(line.type);
    if (!typeText) { problem(IMPORT_MESSAGES.typeMissing); continue; }
    const type = ctx.eventTable.find((t) => t.key === typeText || t.label === typeText);
    if (!type) { problem(IMPORT_MESSAGES.unknownType(typeText)); continue; }
    if (!ctx.set.indicators.some((i) => i.role === type.role)) { problem(IMPORT_MESSAGES.noIndicator(type.label)); continue; }
    if (blank(line.date)) { problem(IMPORT_MESSAGES.dateMissing); continue; }
    const date = dateOf(line.date);
    if (!date) { problem(IMPORT_MESSAGES.badDate(text(line.date))); continue; }
    if (date < ctx.period.from || date > ctx.period.to) { problem(IMPORT_MESSAGES.dateOutside(date, ctx.period.from, ctx.period.to)); continue; }
    const key = `${match.unit.id}|${date}|${type.key}`;
    const first = seenEvents.get(key);
    if (first !== undefined) { problem(IMPORT_MESSAGES.duplicateEvent(first)); continue; }
    seenEvents.set(key, line.row);
    if (stored.has(key)) { problem(IMPORT_MESSAGES.eventExists); continue; }
    events.push({ unitId: match.unit.id, date, type, note: text(line.note).slice(0, 500), row: line.row });
  }
  if (!problems.length && !scores.length && !events.length) problems.push({ sheet: SCORES_SHEET, row: 0, message: IMPORT_MESSAGES.nothing });
  return { problems, scores, events };
}

/** The problem as one line: the sheet, the row and the reason (row 0: the file as a whole). */
export function describeProblem(p: ImportProblem): string {
  if (p.row <= 0) return p.message;
  const sheetEn = p.sheet === SCORES_SHEET ? "scores" : p.sheet === EVENTS_SHEET ? "events" : p.sheet;
  for (const m of p.message.matchAll(/\s?\/\s+/g)) {
    const zh = p.message.slice(0, m.index).trim();
    const en = p.message.slice(m.index! + m[0].length).trim();
    if (/[\u4e00-\u9fff]/.test(zh) && /[A-Za-z]{2,}/.test(en)) return `${IMPORT_MESSAGES.at(p.sheet, p.row, zh)} / ${sheetEn} row ${p.row}: ${en}`;
  }
  return IMPORT_MESSAGES.at(p.sheet, p.row, p.message);
}

/** The columns of the scores sheet for an indicator set: 单位, 类型, then rubric items and the plan/actual of quantity items. */
export function scoreColumns(set: IndicatorSet) {
  const columns: { header: string; key: string; field: "unit" | "kind" | "value" | "plan" | "actual" }[] = [
    { header: "单位", key: "", field: "unit" },
    { header: "类型", key: "", field: "kind" },
  ];
  for (const i of set.indicators) {
    if (i.method === "rubric") columns.push({ header: `${i.name}（满分 ${(i.max / 100).toFixed(2)}）`, key: i.key, field: "value" });
    if (i.method === "quantity") {
      columns.push({ header: `${i.name} 计划量`, key: i.key, field: "plan" });
      columns.push({ header: `${i.name} 完成量`, key: i.key, field: "actual" });
    }
  }
  return columns;
}

export const EVENT_COLUMNS = ["单位", "类型", "日期", "奖罚事项", "说明"] as const;
