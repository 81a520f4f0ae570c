// The grade and the reward, driven by the confirmed benefit (issue 16; rules I-1, I-2). Pure.
import { GRADES, type Grade, type ProposalSettings } from "./settings";
import { type CommitteeResult, type ScoreSheet, totalForGrade } from "./sheets";

export type GradeOutcome = {
  /** the total the grade is decided on, hundredths of a point */
  total: number;
  grade: Grade | null;
  rewardYuan: number;
  /** true while the benefit is not confirmed: the grade may still move once it is */
  provisional: boolean;
};

export function gradeForTotal(total: number, thresholds: ProposalSettings["gradeThresholds"]): Grade | null {
  for (const g of GRADES) if (total >= thresholds[g]) return g;
  return null;
}

/**
 * Grade from the committee's result with the benefit item as the confirmed benefit allows it
 * (`benefitMarkForGrade`): an unconfirmed figure never moves a grade.
 */
export function gradeProposal(sheet: ScoreSheet, result: CommitteeResult, confirmedBenefitYuan: number | null, settings: Pick<ProposalSettings, "gradeThresholds" | "rewardYuan">): GradeOutcome {
  const total = totalForGrade(sheet, result, confirmedBenefitYuan);
  const grade = gradeForTotal(total, settings.gradeThresholds);
  return { total, grade, rewardYuan: grade ? settings.rewardYuan[grade] : 0, provisional: confirmedBenefitYuan === null };
}

export type BenefitConfirmation = { annualBenefitYuan: number | null; financeConfirmedBy: string | null; financeReference: string | null };

/**
 * A benefit figure moves a grade only with the finance office's confirmation (issue 16: "a benefit
 * figure without confirmation moving a grade" is refused).
 */
export function benefitConfirmationProblems(c: BenefitConfirmation): string[] {
  const problems: string[] = [];
  if (c.annualBenefitYuan === null || !Number.isInteger(c.annualBenefitYuan) || c.annualBenefitYuan < 0) {
    problems.push("请填写经测算的年度经济效益（元，整数，不小于 0）/ give the measured annual benefit in whole yuan (≥ 0)");
  }
  if (!c.financeConfirmedBy?.trim() || !c.financeReference?.trim()) {
    problems.push("效益数字须经财务部门确认（确认人和确认文号）后才能改变等级 / a benefit figure moves a grade only with the finance office's confirmation (who confirmed and the reference)");
  }
  return problems;
}
