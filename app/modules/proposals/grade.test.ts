import { describe, expect, it } from "vitest";
import { benefitConfirmationProblems, gradeForTotal, gradeProposal } from "./grade";
import { DEFAULT_PROPOSAL_SETTINGS } from "./settings";
import { INNOVATION_SHEET, PROPOSAL_SHEET } from "./sheets";

const result = (benefit: number) => ({ items: { technical: 2700, benefit, scope: 1700, practicality: 1700 }, total: 0, reviewers: 3, method: "mean" as const });

describe("grade and reward follow the confirmed benefit", () => {
  it("thresholds 85 / 75 / 65 / 50 by default", () => {
    const t = DEFAULT_PROPOSAL_SETTINGS.gradeThresholds;
    expect(gradeForTotal(8500, t)).toBe("first");
    expect(gradeForTotal(8499, t)).toBe("second");
    expect(gradeForTotal(6500, t)).toBe("third");
    expect(gradeForTotal(5000, t)).toBe("encouragement");
    expect(gradeForTotal(4999, t)).toBeNull();
  });
  it("an expected benefit scored high does not lift the grade before confirmation", () => {
    const provisional = gradeProposal(PROPOSAL_SHEET, result(2800), null, DEFAULT_PROPOSAL_SETTINGS);
    expect(provisional).toEqual({ total: 7500, grade: "second", rewardYuan: 3000, provisional: true });
  });
  it("a confirmed ¥600k moves it up to 一等奖; a confirmed ¥50k keeps it down", () => {
    expect(gradeProposal(PROPOSAL_SHEET, result(2800), 600_000, DEFAULT_PROPOSAL_SETTINGS)).toEqual({ total: 8900, grade: "first", rewardYuan: 5000, provisional: false });
    expect(gradeProposal(PROPOSAL_SHEET, result(2800), 50_000, DEFAULT_PROPOSAL_SETTINGS).grade).toBe("second");
  });
  it("rule I-2: an innovation's benefit item takes the fixed tier mark", () => {
    const r = { items: { advancement: 900, novelty: 900, difficulty: 800, benefit: 1500, social: 800, maturity: 800, effect: 800 }, total: 0, reviewers: 3, method: "mean" as const };
    expect(gradeProposal(INNOVATION_SHEET, r, 6_500_000, DEFAULT_PROPOSAL_SETTINGS).total).toBe(9000);
    expect(gradeProposal(INNOVATION_SHEET, r, null, DEFAULT_PROPOSAL_SETTINGS).total).toBe(6000);
  });
  it("a benefit figure without the finance office's confirmation is refused", () => {
    expect(benefitConfirmationProblems({ annualBenefitYuan: 600_000, financeConfirmedBy: null, financeReference: null })[0]).toMatch(/^效益数字须经财务部门确认/);
    expect(benefitConfirmationProblems({ annualBenefitYuan: 600_000, financeConfirmedBy: "张会计", financeReference: "财〔2026〕12号" })).toEqual([]);
    expect(benefitConfirmationProblems({ annualBenefitYuan: -5, financeConfirmedBy: "张会计", financeReference: "x" })).toHaveLength(1);
  });
});
