// The marking scheme as a table, one row per aspect (评分点), the way WorldSkills
// experts keep it in a spreadsheet: component → module → criterion → aspect. Pure: the
// .xlsx reading and writing is in scheme-excel.server.ts. An import is all or nothing:
// every problem of every row is reported, and nothing is saved while there is one.
import { parseMarkingScheme, ScoringInputError, type MarkingSchemeInput, type ScoringSettings } from "~/modules/scoring";

export const SCHEME_COLUMNS = [
  { key: "componentId", header: "组成部分编号", width: 12, required: true },
  { key: "componentName", header: "组成部分名称", width: 14, required: false },
  { key: "componentKind", header: "组成部分类型", width: 12, required: true },
  { key: "weight", header: "权重", width: 8, required: true },
  { key: "scaleTo100", header: "百分制换算", width: 10, required: false },
  { key: "moduleId", header: "模块编号", width: 10, required: true },
  { key: "moduleName", header: "模块名称", width: 18, required: false },
  { key: "criterionId", header: "评分项编号", width: 10, required: true },
  { key: "criterionName", header: "评分项名称", width: 18, required: false },
  { key: "aspectId", header: "评分点编号", width: 10, required: true },
  { key: "aspectName", header: "评分点名称", width: 28, required: false },
  { key: "aspectKind", header: "评分方式", width: 10, required: true },
  { key: "max", header: "满分", width: 8, required: true },
  { key: "measurementMode", header: "测量规则", width: 12, required: false },
  { key: "tolerance", header: "公差", width: 8, required: false },
  { key: "step", header: "步长", width: 8, required: false },
  { key: "deductionPerStep", header: "每步扣分", width: 10, required: false },
] as const;

export type SchemeColumnKey = (typeof SCHEME_COLUMNS)[number]["key"];
export type SchemeCell = string | number | boolean | null;
export type SchemeRow = { row: number; cells: Partial<Record<SchemeColumnKey, SchemeCell>> };
/** `row` is the row number Excel shows; `column` the header text. */
export type SchemeRowProblem = { row: number; column: string; message: string };

export const COMPONENT_KIND_LABELS = { theory: "理论", practical: "实操", defence: "答辩", other: "其他" } as const;
export const ASPECT_KIND_LABELS = { judgement: "评价", measurement: "测量" } as const;
export const MEASUREMENT_MODE_LABELS = { agreed: "一致确认", "full-or-zero": "超差不得分", steps: "按步扣分" } as const;

type ComponentKind = keyof typeof COMPONENT_KIND_LABELS;
type AspectKind = keyof typeof ASPECT_KIND_LABELS;
type MeasurementMode = keyof typeof MEASUREMENT_MODE_LABELS;

/** Accepts the Chinese label, the English key, and a few synonyms people type. */
function lookup<K extends string>(labels: Record<K, string>, synonyms: Record<string, K>, value: SchemeCell | undefined): K | null {
  const text = cellText(value).toLowerCase();
  if (!text) return null;
  for (const [key, label] of Object.entries(labels) as [K, string][]) {
    if (text === key || text === label.toLowerCase()) return key;
  }
  return synonyms[text] ?? null;
}

const componentKindOf = (v: SchemeCell | undefined) =>
  lookup<ComponentKind>(COMPONENT_KIND_LABELS, { 理论考试: "theory", 实际操作: "practical", 实操考核: "practical", 技能操作: "practical", 技术答辩: "defence" }, v);
const aspectKindOf = (v: SchemeCell | undefined) =>
  lookup<AspectKind>(ASPECT_KIND_LABELS, { 主观: "judgement", 主观评分: "judgement", judgment: "judgement", 客观: "measurement", 客观测量: "measurement", 测量评分: "measurement" }, v);
const measurementModeOf = (v: SchemeCell | undefined) =>
  lookup<MeasurementMode>(MEASUREMENT_MODE_LABELS, { 一致: "agreed", 超差为零: "full-or-zero", 扣分: "steps" }, v);

export function cellText(value: SchemeCell | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "是" : "否";
  return String(value).trim();
}

const header = (key: SchemeColumnKey) => SCHEME_COLUMNS.find((c) => c.key === key)!.header;

/** A decimal as text; "30%" → "0.3". Numbers keep their shortest form. */
function decimalText(value: SchemeCell | undefined): string {
  const text = cellText(value);
  const percent = /^(-?\d+(?:\.\d+)?)\s*[%％]$/.exec(text);
  if (percent) {
    // Shift the decimal point two places by text, so 30% is exactly 0.3.
    const [whole, fraction = ""] = percent[1].split(".");
    const digits = whole.replace("-", "").padStart(3, "0") + fraction;
    const point = digits.length - fraction.length - 2;
    const shifted = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, "").replace(/\.?0+$/, "");
    return (whole.startsWith("-") ? "-" : "") + (shifted || "0");
  }
  return text;
}

function toHundredths(text: string, decimals: number): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) return null;
  return Number(match[1] + fraction.padEnd(decimals, "0"));
}

// ---------------------------------------------------------------- scheme → rows

/** One row per aspect, in scheme order; component, module and criterion repeat on each row. */
export function schemeToRows(scheme: MarkingSchemeInput): Record<SchemeColumnKey, SchemeCell>[] {
  const rows: Record<SchemeColumnKey, SchemeCell>[] = [];
  for (const component of scheme.components) {
    for (const module of component.modules) {
      for (const criterion of module.criteria) {
        for (const aspect of criterion.aspects) {
          const m = aspect.kind === "measurement" ? aspect.measurement ?? { mode: "agreed" as const } : null;
          rows.push({
            componentId: component.id,
            componentName: component.name ?? "",
            componentKind: COMPONENT_KIND_LABELS[component.kind],
            weight: String(component.weight),
            scaleTo100: component.scaleTo100 === false ? "否" : "是",
            moduleId: module.id,
            moduleName: module.name ?? "",
            criterionId: criterion.id,
            criterionName: criterion.name ?? "",
            aspectId: aspect.id,
            aspectName: aspect.name ?? "",
            aspectKind: ASPECT_KIND_LABELS[aspect.kind],
            max: String(aspect.max),
            measurementMode: m ? MEASUREMENT_MODE_LABELS[m.mode] : null,
            tolerance: m && m.mode !== "agreed" ? String(m.tolerance ?? 0) : null,
            step: m && m.mode === "steps" ? String(m.step) : null,
            deductionPerStep: m && m.mode === "steps" ? String(m.deductionPerStep) : null,
          });
        }
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------- rows → scheme

type Located<T> = T & { firstRow: number };
type BuildAspect = MarkingSchemeInput["components"][number]["modules"][number]["criteria"][number]["aspects"][number] & { row: number };
type BuildCriterion = Located<{ id: string; name: string; aspects: BuildAspect[] }>;
type BuildModule = Located<{ id: string; name: string; criteria: BuildCriterion[] }>;
type BuildComponent = Located<{ id: string; name: string; kind: ComponentKind; weight: string; scaleTo100: boolean; modules: BuildModule[] }>;

export const MAX_ASPECT_MARK = 100;

export type RowsToSchemeResult = { ok: true; scheme: MarkingSchemeInput; warnings: string[] } | { ok: false; problems: SchemeRowProblem[] };

/**
 * Reads a scheme back from its rows. Refuses with every problem named by row: a
 * missing cell, an unknown kind, a maximum above 100, a component whose rows disagree
 * on its weight, weights that do not add up to 1 (naming each component's row), and
 * anything the scoring engine refuses, mapped back to the row it came from.
 */
export function rowsToScheme(rows: readonly SchemeRow[], settings?: ScoringSettings): RowsToSchemeResult {
  const problems: SchemeRowProblem[] = [];
  const add = (row: number, key: SchemeColumnKey | "", message: string) => problems.push({ row, column: key ? header(key) : "", message });
  if (rows.length === 0) return { ok: false, problems: [{ row: 1, column: "", message: "文件中没有评分点 / the file has no aspect rows" }] };

  const components: BuildComponent[] = [];
  const moduleOwner = new Map<string, string>();
  for (const { row, cells } of rows) {
    const before = problems.length;
    for (const column of SCHEME_COLUMNS) {
      if (column.required && !cellText(cells[column.key])) add(row, column.key, `请填写「${column.header}」/ "${column.key}" is required`);
    }
    const componentKind = componentKindOf(cells.componentKind);
    if (cellText(cells.componentKind) && !componentKind) {
      add(row, "componentKind", `组成部分类型「${cellText(cells.componentKind)}」无效，应为 理论、实操、答辩 或 其他 / unknown component kind: use theory, practical, defence or other`);
    }
    const aspectKind = aspectKindOf(cells.aspectKind);
    if (cellText(cells.aspectKind) && !aspectKind) {
      add(row, "aspectKind", `评分方式「${cellText(cells.aspectKind)}」无效，应为 评价 或 测量 / unknown kind: use judgement or measurement`);
    }
    const max = decimalText(cells.max);
    if (max) {
      const hundredths = toHundredths(max, 2);
      if (hundredths === null || hundredths <= 0) add(row, "max", `满分「${max}」应为大于 0、最多两位小数的数 / the maximum must be a positive number with at most 2 decimals`);
      else if (hundredths > MAX_ASPECT_MARK * 100) add(row, "max", `满分 ${max} 超过 ${MAX_ASPECT_MARK} / the maximum is above ${MAX_ASPECT_MARK}`);
    }
    const weight = decimalText(cells.weight);
    if (weight && toHundredths(weight, 4) === null) {
      add(row, "weight", `权重「${weight}」应为 0 到 1 之间最多四位小数的数，如 0.3 或 30% / the weight must be a number such as 0.3 or 30%`);
    }
    let measurement: BuildAspect["measurement"];
    if (aspectKind === "measurement") {
      const modeText = cellText(cells.measurementMode);
      const mode = modeText ? measurementModeOf(cells.measurementMode) : "agreed";
      if (!mode) {
        add(row, "measurementMode", `测量规则「${modeText}」无效，应为 一致确认、超差不得分 或 按步扣分 / unknown measurement rule`);
      } else if (mode === "agreed") {
        measurement = { mode };
      } else if (mode === "full-or-zero") {
        measurement = { mode, tolerance: decimalText(cells.tolerance) || "0" };
      } else {
        if (!cellText(cells.step)) add(row, "step", "按步扣分须填写「步长」/ a step rule needs a step");
        if (!cellText(cells.deductionPerStep)) add(row, "deductionPerStep", "按步扣分须填写「每步扣分」/ a step rule needs a deduction per step");
        measurement = { mode, tolerance: decimalText(cells.tolerance) || "0", step: decimalText(cells.step), deductionPerStep: decimalText(cells.deductionPerStep) };
      }
    }
    if (problems.length > before) continue;

    const componentId = cellText(cells.componentId);
    let component = components.find((c) => c.id === componentId);
    if (!component) {
      component = {
        id: componentId, name: cellText(cells.componentName), kind: componentKind!, weight,
        scaleTo100: !["否", "no", "false", "0"].includes(cellText(cells.scaleTo100).toLowerCase()), modules: [], firstRow: row,
      };
      components.push(component);
    } else {
      if (toHundredths(weight, 4) !== toHundredths(component.weight, 4)) {
        add(row, "weight", `组成部分 ${componentId} 的权重与第 ${component.firstRow} 行不一致（${weight} ≠ ${component.weight}）/ the component's weight differs from row ${component.firstRow}`);
      }
      if (componentKind !== component.kind) {
        add(row, "componentKind", `组成部分 ${componentId} 的类型与第 ${component.firstRow} 行不一致 / the component's kind differs from row ${component.firstRow}`);
      }
    }
    const moduleId = cellText(cells.moduleId);
    const owner = moduleOwner.get(moduleId);
    if (owner !== undefined && owner !== componentId) {
      add(row, "moduleId", `模块编号 ${moduleId} 已用于组成部分 ${owner} / module id already used in component ${owner}`);
      continue;
    }
    moduleOwner.set(moduleId, componentId);
    let module = component.modules.find((m) => m.id === moduleId);
    if (!module) {
      module = { id: moduleId, name: cellText(cells.moduleName), criteria: [], firstRow: row };
      component.modules.push(module);
    }
    const criterionId = cellText(cells.criterionId);
    let criterion = module.criteria.find((c) => c.id === criterionId);
    if (!criterion) {
      criterion = { id: criterionId, name: cellText(cells.criterionName), aspects: [], firstRow: row };
      module.criteria.push(criterion);
    }
    criterion.aspects.push({
      id: cellText(cells.aspectId), name: cellText(cells.aspectName), kind: aspectKind!, max,
      ...(measurement ? { measurement } : {}), row,
    });
  }
  if (problems.length) return { ok: false, problems: sortProblems(problems) };

  // The weights of all components must add up to exactly 1 (compared as integers).
  const sum = components.reduce((total, c) => total + (toHundredths(c.weight, 4) ?? 0), 0);
  if (sum !== 10_000) {
    const rowList = components.map((c) => c.firstRow).join("、");
    for (const c of components) {
      add(c.firstRow, "weight", `各组成部分权重之和为 ${sum / 10_000}，应为 1（见第 ${rowList} 行）/ component weights add up to ${sum / 10_000}, not 1 (rows ${rowList})`);
    }
    return { ok: false, problems: sortProblems(problems) };
  }

  const scheme: MarkingSchemeInput = {
    components: components.map((c) => ({
      id: c.id, name: c.name, kind: c.kind, weight: c.weight, scaleTo100: c.scaleTo100,
      modules: c.modules.map((m) => ({
        id: m.id, name: m.name,
        criteria: m.criteria.map((k) => ({ id: k.id, name: k.name, aspects: k.aspects.map(({ row: _row, ...aspect }) => aspect) })),
      })),
    })),
  };
  try {
    const { warnings } = parseMarkingScheme(scheme, settings);
    return { ok: true, scheme, warnings: warnings.map((w) => w.message) };
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
    for (const issue of error.issues) {
      const located = rowOfPath(components, issue.path);
      add(located.row, located.column, issue.message);
    }
    return { ok: false, problems: sortProblems(problems) };
  }
}

/** The row (and column) an engine issue path such as `components[1].modules[0].criteria[0].aspects[2].max` came from. */
function rowOfPath(components: BuildComponent[], path: string): { row: number; column: SchemeColumnKey | "" } {
  const index = (name: string) => {
    const match = new RegExp(`${name}\\[(\\d+)\\]`).exec(path);
    return match ? Number(match[1]) : null;
  };
  const c = index("components"), m = index("modules"), k = index("criteria"), a = index("aspects");
  const component = c === null ? undefined : components[c];
  const module = m === null ? undefined : component?.modules[m];
  const criterion = k === null ? undefined : module?.criteria[k];
  const aspect = a === null ? undefined : criterion?.aspects[a];
  const field = path.split(".").pop() ?? "";
  const column: Record<string, SchemeColumnKey> = {
    weight: "weight", max: "max", tolerance: "tolerance", step: "step", deductionPerStep: "deductionPerStep", measurement: "measurementMode",
  };
  const row = aspect?.row ?? criterion?.firstRow ?? module?.firstRow ?? component?.firstRow ?? 1;
  const idColumn: SchemeColumnKey = aspect ? "aspectId" : module ? "moduleId" : "componentId";
  return { row, column: field === "id" ? idColumn : column[field] ?? "" };
}

function sortProblems(problems: SchemeRowProblem[]) {
  return [...problems].sort((x, y) => x.row - y.row);
}
