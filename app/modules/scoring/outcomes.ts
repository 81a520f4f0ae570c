/**
 * What winners earn (rules S-62 … S-66): rank ranges mapped to titles, promotions and nominations,
 * filtered by eligibility — employee status (S-63: only 职工 become 技术能手), age (S-66: ≤ 35 for
 * 青年岗位能手), sex (S-66: 巾帼建功标兵). The awards module consumes `OutcomeGrant` rows; a
 * nomination is only a recommendation, it still goes through the nomination workflow.
 *
 * Ranks are used as given: with shared ranks two entrants tied 5th both fall in "top 5". Contests
 * that must not exceed a count rank with `ties: "no-ties"` (rule S-53).
 */
import type { Employment, Outcome, OutcomeRule, Sex } from "./settings";

export type OutcomeCandidate = {
  entrantId: string;
  rank: number;
  employment: Employment;
  /** Age on the contest date (the caller computes it from the date of birth). */
  age?: number | null;
  sex?: Sex | null;
  /** Current skill level, 1 = 高级技师 … 5 = 初级工; null when the entrant holds none. */
  skillLevel?: number | null;
};

export const SKILL_LEVEL_NAMES: Record<number, string> = {
  1: "高级技师（一级）",
  2: "技师（二级）",
  3: "高级工（三级）",
  4: "中级工（四级）",
  5: "初级工（五级）",
};

export type OutcomeGrant = {
  entrantId: string;
  rank: number;
  ruleId: string;
  /** The domain rule cited, e.g. "S-62". */
  rule: string;
  outcome: Outcome;
  /** For promotions: the level the entrant is promoted to. */
  toLevel: number | null;
  /** Chinese text for certificates and lists, e.g. "全国技术能手", "晋升技师（二级）". */
  label: string;
};

export type OutcomeRefusal = { entrantId: string; ruleId: string; rule: string; reason: string };

/**
 * rule S-62: "晋升技师；已是技师的晋升高级技师" — promotion to the target level, one level higher
 * for someone already at it; null for someone already above it (or at the top level).
 */
export function promotionTarget(currentLevel: number | null | undefined, toLevel: number): number | null {
  if (currentLevel === null || currentLevel === undefined || currentLevel > toLevel) return toLevel;
  if (currentLevel === toLevel && toLevel > 1) return toLevel - 1;
  return null;
}

function describeOutcome(outcome: Outcome, toLevel: number | null): string {
  switch (outcome.type) {
    case "title":
      return outcome.title;
    case "nomination":
      return `推荐${outcome.honour}`;
    case "promotion":
      return `晋升${SKILL_LEVEL_NAMES[toLevel ?? outcome.toLevel]}`;
  }
}

function eligibilityProblem(candidate: OutcomeCandidate, rule: OutcomeRule): string | null {
  const { employment, maxAge, sex } = rule.eligibility;
  if (employment && !employment.includes(candidate.employment)) {
    return candidate.employment === "student"
      ? "学生选手不享受该奖励（规则 S-63）/ students are not eligible (rule S-63)"
      : "职工选手不适用该规则 / employees are not covered by this rule";
  }
  if (maxAge !== undefined) {
    if (candidate.age === null || candidate.age === undefined) return "缺少年龄信息 / age unknown";
    if (candidate.age > maxAge) return `年龄超过 ${maxAge} 岁 / older than ${maxAge}`;
  }
  if (sex !== undefined && candidate.sex !== sex) return "性别不符合条件 / sex does not match";
  return null;
}

export function determineOutcomes(
  candidates: readonly OutcomeCandidate[],
  rules: readonly OutcomeRule[],
): { grants: OutcomeGrant[]; refusals: OutcomeRefusal[] } {
  const grants: OutcomeGrant[] = [];
  const refusals: OutcomeRefusal[] = [];
  const ordered = [...candidates].sort((a, b) => a.rank - b.rank || (a.entrantId < b.entrantId ? -1 : a.entrantId > b.entrantId ? 1 : 0));
  for (const candidate of ordered) {
    for (const rule of rules) {
      if (candidate.rank < rule.fromRank || candidate.rank > rule.toRank) continue;
      const problem = eligibilityProblem(candidate, rule);
      if (problem) {
        refusals.push({ entrantId: candidate.entrantId, ruleId: rule.id, rule: rule.rule, reason: problem });
        continue;
      }
      let toLevel: number | null = null;
      if (rule.outcome.type === "promotion") {
        toLevel = promotionTarget(candidate.skillLevel, rule.outcome.toLevel);
        if (toLevel === null) {
          refusals.push({
            entrantId: candidate.entrantId,
            ruleId: rule.id,
            rule: rule.rule,
            reason: "已达到或高于该晋升等级 / already at or above this level",
          });
          continue;
        }
      }
      grants.push({
        entrantId: candidate.entrantId,
        rank: candidate.rank,
        ruleId: rule.id,
        rule: rule.rule,
        outcome: rule.outcome,
        toLevel,
        label: describeOutcome(rule.outcome, toLevel),
      });
    }
  }
  return { grants, refusals };
}
