// The committee score sheets of rules I-1 and I-2 as data, and the arithmetic on them. Pure.
// Scores are integers of hundredths of a point (30 points = 3000), as in the scoring engine
// (docs/decisions/003-exact-scoring-arithmetic.md); money is whole yuan.
import { meanMark, trimmedMean } from "~/modules/scoring/combine-judges";
import { roundRational } from "~/modules/scoring/exact";
import { DEFAULT_PROPOSAL_SETTINGS, type Kind, type ProposalSettings, type TierSetting } from "./settings";

/** A band of annual benefit and the marks the benefit item may take inside it. */
export type BenefitTier = { minYuan: number; maxYuanExclusive: number | null; minMark: number; maxMark: number; label: string };

export type SheetItem = { key: string; name: string; nameEn: string; max: number; benefit?: true };

export type ScoreSheet = { kind: Kind; rule: "I-1" | "I-2"; items: SheetItem[]; tiers: BenefitTier[] };

const pts = (n: number) => n * 100;
const WAN = 10_000;
const wan = (n: number) => (n % WAN === 0 ? `${n / WAN}万` : `${(n / WAN).toFixed(2).replace(/\.?0+$/, "")}万`);

/**
 * The tiers of the settings (lowest band first, rules I-1, I-2) as the sheet uses them: highest
 * band first, each up to the next band's start.
 */
export function tiersFromSettings(tiers: readonly TierSetting[]): BenefitTier[] {
  return tiers.map((t, i) => {
    const next = tiers[i + 1]?.fromYuan ?? null;
    const label = next === null ? `≥ ${wan(t.fromYuan)}元` : t.fromYuan === 0 ? `< ${wan(next)}元` : `${wan(t.fromYuan)}–${wan(next)}元`;
    return { minYuan: t.fromYuan, maxYuanExclusive: next, minMark: t.minMark, maxMark: t.maxMark, label };
  }).reverse();
}

/** The sheet of a kind with the benefit tiers in force (settings; rules I-1, I-2). */
export function sheetFor(kind: Kind, settings: Pick<ProposalSettings, "benefitTiers">): ScoreSheet {
  const base = kind === "proposal" ? PROPOSAL_SHEET : INNOVATION_SHEET;
  return { ...base, tiers: tiersFromSettings(settings.benefitTiers[kind]) };
}

/** rule I-1: 合理化建议 out of 100: 技术水平 30, 经济效益 30 (tiers by annual benefit), 应用范围 20, 实用性 20. */
export const PROPOSAL_SHEET: ScoreSheet = {
  kind: "proposal",
  rule: "I-1",
  items: [
    { key: "technical", name: "技术水平", nameEn: "Technical level", max: pts(30) },
    { key: "benefit", name: "经济效益", nameEn: "Economic benefit", max: pts(30), benefit: true },
    { key: "scope", name: "应用范围", nameEn: "Scope of use", max: pts(20) },
    { key: "practicality", name: "实用性", nameEn: "Practicality", max: pts(20) },
  ],
  tiers: tiersFromSettings(DEFAULT_PROPOSAL_SETTINGS.benefitTiers.proposal),
};

/** rule I-2: 技术创新成果: 先进 10, 创新 10, 难易 10, 经济效益 40 (fixed marks by tier), 社会效益 10, 成熟 10, 应用效果 10. */
export const INNOVATION_SHEET: ScoreSheet = {
  kind: "innovation",
  rule: "I-2",
  items: [
    { key: "advancement", name: "先进程度", nameEn: "Advancement", max: pts(10) },
    { key: "novelty", name: "创新程度", nameEn: "Novelty", max: pts(10) },
    { key: "difficulty", name: "难易复杂", nameEn: "Difficulty", max: pts(10) },
    { key: "benefit", name: "经济效益", nameEn: "Economic benefit", max: pts(40), benefit: true },
    { key: "social", name: "社会效益", nameEn: "Social benefit", max: pts(10) },
    { key: "maturity", name: "成熟完整", nameEn: "Maturity", max: pts(10) },
    { key: "effect", name: "应用效果", nameEn: "Effect in use", max: pts(10) },
  ],
  tiers: tiersFromSettings(DEFAULT_PROPOSAL_SETTINGS.benefitTiers.innovation),
};

export const SHEETS: Record<Kind, ScoreSheet> = { proposal: PROPOSAL_SHEET, innovation: INNOVATION_SHEET };

export function sheetTotalMax(sheet: ScoreSheet): number {
  return sheet.items.reduce((sum, i) => sum + i.max, 0);
}

/** The tier an annual benefit falls in (rules I-1, I-2). */
export function benefitTier(sheet: ScoreSheet, annualBenefitYuan: number): BenefitTier {
  const tier = sheet.tiers.find((t) => annualBenefitYuan >= t.minYuan && (t.maxYuanExclusive === null || annualBenefitYuan < t.maxYuanExclusive));
  if (!tier) throw new RangeError(`no benefit tier for ${annualBenefitYuan}`);
  return tier;
}

export type SheetProblem = { item: string; message: string };

/**
 * One committee member's sheet: every item present, whole hundredths, 0 … the item's maximum
 * (issue 16: "a committee score above an item's maximum" is refused with its reason).
 */
export function checkItemScores(sheet: ScoreSheet, scores: Record<string, number>): SheetProblem[] {
  const problems: SheetProblem[] = [];
  for (const item of sheet.items) {
    const value = scores[item.key];
    if (value === undefined || value === null || Number.isNaN(value)) {
      problems.push({ item: item.key, message: `请为「${item.name}」打分 / score ${item.nameEn}` });
    } else if (!Number.isInteger(value) || value < 0) {
      problems.push({ item: item.key, message: `「${item.name}」的分数须为不小于 0 的数，最多两位小数 / ${item.nameEn}: a number ≥ 0 with at most two decimals` });
    } else if (value > item.max) {
      problems.push({ item: item.key, message: `「${item.name}」满分 ${item.max / 100} 分，不能打 ${value / 100} 分（${sheet.rule}）/ ${item.nameEn} is out of ${item.max / 100}: ${value / 100} is above the maximum (${sheet.rule})` });
    }
  }
  for (const key of Object.keys(scores)) {
    if (!sheet.items.some((i) => i.key === key)) problems.push({ item: key, message: `评分表没有「${key}」项 / the sheet has no item ${key}` });
  }
  return problems;
}

export type CommitteeResult = {
  /** per item, the committee's mark in hundredths (rounded half-up) */
  items: Record<string, number>;
  total: number;
  reviewers: number;
  method: "mean" | "trimmed-mean";
};

/**
 * The committee's marks item by item through the scoring engine: the mean of the members' marks,
 * or (setting) one highest and one lowest dropped from `trimFrom` members (rules S-21, S-22).
 */
export function aggregateCommittee(sheet: ScoreSheet, sheets: readonly Record<string, number>[], settings: Pick<ProposalSettings, "aggregation" | "trimFrom">): CommitteeResult | null {
  if (sheets.length === 0) return null;
  const trimmed = settings.aggregation === "trimmed-mean" && sheets.length >= Math.max(3, settings.trimFrom);
  const items: Record<string, number> = {};
  let total = 0;
  for (const item of sheet.items) {
    const values = sheets.map((s) => s[item.key] ?? 0);
    const mark = roundRational(trimmed ? trimmedMean(values, settings.trimFrom) : meanMark(values), "half-up");
    items[item.key] = mark;
    total += mark;
  }
  return { items, total, reviewers: sheets.length, method: trimmed ? "trimmed-mean" : "mean" };
}

/**
 * The benefit item as it counts for the grade. Only a confirmed benefit moves a grade (issue 16):
 * - with no confirmed figure, the committee's mark counts at most up to the lowest tier's maximum,
 *   so an expected or claimed figure cannot lift the grade;
 * - with a confirmed figure, the committee's mark is brought into that figure's tier
 *   (rule I-1: a range; rule I-2: a fixed mark).
 */
export function benefitMarkForGrade(sheet: ScoreSheet, committeeMark: number, confirmedBenefitYuan: number | null): number {
  if (confirmedBenefitYuan === null) {
    const lowest = sheet.tiers[sheet.tiers.length - 1];
    return Math.min(committeeMark, lowest.maxMark);
  }
  const tier = benefitTier(sheet, confirmedBenefitYuan);
  return Math.min(tier.maxMark, Math.max(tier.minMark, committeeMark));
}

/** The total that decides the grade: the committee's items with the benefit item as above. */
export function totalForGrade(sheet: ScoreSheet, result: CommitteeResult, confirmedBenefitYuan: number | null): number {
  let total = 0;
  for (const item of sheet.items) {
    const mark = result.items[item.key] ?? 0;
    total += item.benefit ? benefitMarkForGrade(sheet, mark, confirmedBenefitYuan) : mark;
  }
  return total;
}
