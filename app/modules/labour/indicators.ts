// 劳动竞赛 indicator sets (rule L-1: "N比M创" sets, user-defined per competition) and the
// arithmetic of one indicator's score. Pure: no I/O. Scores are integers of hundredths of a
// point (as in the scoring engine, docs/decisions/003-exact-scoring-arithmetic.md); weights are
// integers of hundredths of a percent (basis points), so 12.5 % is 1250 and a set sums to 10000.
import { meanMark } from "~/modules/scoring/combine-judges";
import { roundRational } from "~/modules/scoring/exact";

/**
 * How an indicator is scored:
 * - `rubric`: the committee scores against a rubric; the mean of the signed members' scores (rule L-11).
 * - `quantity`: plan and actual quantity; score = min(actual ÷ plan, cap) × max (e.g. progress, rule L-8).
 * - `safe-days`: days without an accident ÷ days in the period × max.
 * - `events`: a base score plus bonus/deduction events (rule L-4), kept within 0 … max.
 */
export type IndicatorMethod = "rubric" | "quantity" | "safe-days" | "events";

/** Which indicator a veto or a single-item prize looks at. */
export type IndicatorRole = "safety" | "quality" | "progress" | "civic" | "other";

export type Indicator = {
  key: string;
  name: string;
  /** basis points (hundredths of a percent) of the total */
  weight: number;
  method: IndicatorMethod;
  /** the indicator's own scale in hundredths of a point (a rubric out of 100 → 10000) */
  max: number;
  role: IndicatorRole;
  /** `events`: the score a unit starts the period with, in hundredths (default: max) */
  base?: number;
  /** `quantity`: the ratio cap in percent (default 100: exceeding the plan does not raise the score) */
  capPercent?: number;
};

export type IndicatorSet = { name: string; indicators: Indicator[] };

export const WEIGHT_TOTAL = 10_000;

const ind = (key: string, name: string, weight: number, method: IndicatorMethod, role: IndicatorRole, extra: Partial<Indicator> = {}): Indicator => ({
  key, name, weight, method, max: 10_000, role, ...extra,
});

/** rule L-1: Hainan construction 2022–2024 七比一创, eight indicators at 12.5 % each. */
export const TEMPLATE_QIBI_YICHUANG: IndicatorSet = {
  name: "七比一创",
  indicators: [
    ind("party", "比党建引领", 1250, "rubric", "other"),
    ind("progress", "比工程进度", 1250, "quantity", "progress"),
    ind("quality", "比工程质量", 1250, "rubric", "quality"),
    ind("safety", "比安全生产", 1250, "events", "safety"),
    ind("management", "比科学管理", 1250, "rubric", "other"),
    ind("innovation", "比技术创新", 1250, "rubric", "other"),
    ind("civilised", "比文明施工", 1250, "events", "civic"),
    ind("excellence", "创优质工程", 1250, "rubric", "quality"),
  ],
};

/** rule L-1: 四保两创 (保质量/进度/环境/投资, 创精品/示范工程). */
export const TEMPLATE_SIBAO_LIANGCHUANG: IndicatorSet = {
  name: "四保两创",
  indicators: [
    ind("quality", "保质量", 2000, "rubric", "quality"),
    ind("progress", "保进度", 2000, "quantity", "progress"),
    ind("environment", "保环境", 1500, "events", "civic"),
    ind("investment", "保投资", 1500, "quantity", "other"),
    ind("fine", "创精品工程", 1500, "rubric", "quality"),
    ind("model", "创示范工程", 1500, "rubric", "other"),
  ],
};

/** 百日安全生产无事故: safe days carry most of the weight; the daily report and inspections the rest. */
export const TEMPLATE_BAIRI_ANQUAN: IndicatorSet = {
  name: "百日安全生产无事故",
  indicators: [
    ind("safe-days", "安全天数", 6000, "safe-days", "safety"),
    ind("inspection", "安全检查", 2500, "rubric", "safety"),
    ind("hazards", "隐患整改", 1500, "events", "safety"),
  ],
};

export const INDICATOR_TEMPLATES = {
  "qibi-yichuang": TEMPLATE_QIBI_YICHUANG,
  "sibao-liangchuang": TEMPLATE_SIBAO_LIANGCHUANG,
  "bairi-anquan": TEMPLATE_BAIRI_ANQUAN,
} as const;
export type TemplateKey = keyof typeof INDICATOR_TEMPLATES;

export const INDICATOR_MESSAGES = {
  weightsNot100: (sum: number) => `指标权重合计须为 100%，现为 ${formatPercent(sum)} / weights must sum to 100 %, they sum to ${formatPercent(sum)}`,
  empty: "指标体系至少需要一个指标 / an indicator set needs at least one indicator",
  duplicateKey: (key: string) => `指标代码重复：${key} / duplicate indicator key ${key}`,
  badWeight: (key: string) => `指标 ${key} 的权重须大于 0 / indicator ${key} needs a weight above 0`,
  badMax: (key: string) => `指标 ${key} 的满分须大于 0 / indicator ${key} needs a maximum above 0`,
  scoreAboveMax: (name: string, max: number) => `「${name}」得分不能超过满分 ${(max / 100).toFixed(2)} / the score for ${name} cannot exceed its maximum ${(max / 100).toFixed(2)}`,
  scoreNegative: (name: string) => `「${name}」得分不能为负 / the score for ${name} cannot be negative`,
  badPlan: "计划量须大于 0 / the planned quantity must be above 0",
} as const;

export function formatPercent(basisPoints: number) {
  return `${(basisPoints / 100).toFixed(basisPoints % 100 === 0 ? 0 : 2)}%`;
}

export type SetIssue = { path: string; message: string };

/** rule L-1: a set is valid when its keys are distinct, every weight and maximum is positive and the weights sum to 100 %. */
export function checkIndicatorSet(set: IndicatorSet): SetIssue[] {
  const issues: SetIssue[] = [];
  if (set.indicators.length === 0) return [{ path: "indicators", message: INDICATOR_MESSAGES.empty }];
  const seen = new Set<string>();
  set.indicators.forEach((i, n) => {
    if (seen.has(i.key)) issues.push({ path: `indicators.${n}.key`, message: INDICATOR_MESSAGES.duplicateKey(i.key) });
    seen.add(i.key);
    if (!(i.weight > 0)) issues.push({ path: `indicators.${n}.weight`, message: INDICATOR_MESSAGES.badWeight(i.key) });
    if (!(i.max > 0)) issues.push({ path: `indicators.${n}.max`, message: INDICATOR_MESSAGES.badMax(i.key) });
  });
  const sum = set.indicators.reduce((s, i) => s + i.weight, 0);
  if (sum !== WEIGHT_TOTAL) issues.push({ path: "indicators", message: INDICATOR_MESSAGES.weightsNot100(sum) });
  return issues;
}

/** Integer division rounded half up (四舍五入), for non-negative numerators. */
export function divideHalfUp(numerator: number, denominator: number): number {
  return roundRational({ num: numerator, den: denominator }, "half-up");
}

// ------------------------------------------------------------------ the four methods

/** rule L-11: the committee members' scores for one item, each within 0 … max; the indicator's score is their mean. */
export function rubricScore(indicator: Pick<Indicator, "name" | "max">, memberScores: readonly number[]): number {
  for (const s of memberScores) checkScore(indicator, s);
  if (memberScores.length === 0) return 0;
  return roundRational(meanMark(memberScores), "half-up");
}

export function checkScore(indicator: Pick<Indicator, "name" | "max">, score: number): void {
  if (score > indicator.max) throw new RangeError(INDICATOR_MESSAGES.scoreAboveMax(indicator.name, indicator.max));
  if (score < 0) throw new RangeError(INDICATOR_MESSAGES.scoreNegative(indicator.name));
}

/** rule L-8: progress = actual ÷ plan, in basis points of the plan (10000 = exactly on plan). */
export function completionRatio(plan: number, actual: number): number {
  if (!(plan > 0)) throw new RangeError(INDICATOR_MESSAGES.badPlan);
  return divideHalfUp(Math.max(0, actual) * WEIGHT_TOTAL, plan);
}

/** Score of a quantity indicator: min(actual ÷ plan, cap) × max. */
export function quantityScore(indicator: Pick<Indicator, "max" | "capPercent">, plan: number, actual: number): number {
  const ratio = Math.min(completionRatio(plan, actual), (indicator.capPercent ?? 100) * 100);
  return divideHalfUp(ratio * indicator.max, WEIGHT_TOTAL);
}

/** Score of a safe-day count: days without an accident ÷ days in the period × max. */
export function safeDaysScore(indicator: Pick<Indicator, "max">, safeDays: number, periodDays: number): number {
  if (periodDays <= 0) return 0;
  return divideHalfUp(Math.min(Math.max(0, safeDays), periodDays) * indicator.max, periodDays);
}

/** rule L-4: base score plus 表扬/奖励 (positive) and 通报/处罚 (negative) amounts, kept within 0 … max. */
export function eventsScore(indicator: Pick<Indicator, "max" | "base">, eventPoints: readonly number[]): number {
  const base = indicator.base ?? indicator.max;
  const total = eventPoints.reduce((s, p) => s + p, base);
  return Math.min(indicator.max, Math.max(0, total));
}

/** One indicator's weighted share of the 100-point total, in hundredths: weight × score ÷ max. */
export function weightedContribution(indicator: Pick<Indicator, "weight" | "max">, score: number): number {
  return divideHalfUp(indicator.weight * score, indicator.max);
}
