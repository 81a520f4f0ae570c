import { describe, expect, it } from "vitest";
import { DEFAULT_PROPOSAL_SETTINGS, readProposalSettings, tierProblems } from "./settings";
import { aggregateCommittee, benefitMarkForGrade, benefitTier, checkItemScores, INNOVATION_SHEET, PROPOSAL_SHEET, sheetFor, sheetTotalMax, totalForGrade } from "./sheets";

describe("the sheets as data (rules I-1, I-2)", () => {
  it("rule I-1: technical 30, benefit 30, scope 20, practicality 20 = 100", () => {
    expect(PROPOSAL_SHEET.items.map((i) => [i.name, i.max / 100])).toEqual([["技术水平", 30], ["经济效益", 30], ["应用范围", 20], ["实用性", 20]]);
    expect(sheetTotalMax(PROPOSAL_SHEET)).toBe(10000);
  });
  it("rule I-2: benefit 40 and six items of 10 = 100", () => {
    expect(INNOVATION_SHEET.items.find((i) => i.key === "benefit")!.max).toBe(4000);
    expect(INNOVATION_SHEET.items).toHaveLength(7);
    expect(sheetTotalMax(INNOVATION_SHEET)).toBe(10000);
  });
  it("rule I-1 tiers: ≥ 500k → 26–30, 100k–500k → 15–25, < 100k → 10–14, boundaries included below", () => {
    expect(benefitTier(PROPOSAL_SHEET, 500_000)).toMatchObject({ minMark: 2600, maxMark: 3000 });
    expect(benefitTier(PROPOSAL_SHEET, 499_999)).toMatchObject({ minMark: 1500, maxMark: 2500 });
    expect(benefitTier(PROPOSAL_SHEET, 100_000)).toMatchObject({ minMark: 1500 });
    expect(benefitTier(PROPOSAL_SHEET, 99_999)).toMatchObject({ minMark: 1000, maxMark: 1400 });
    expect(benefitTier(PROPOSAL_SHEET, 0)).toMatchObject({ minMark: 1000 });
  });
  it("rule I-2 tiers: ≥ 6M 40; 3–6M 30; 1–3M 20; 0.5–1M 15; below 0–10", () => {
    expect(benefitTier(INNOVATION_SHEET, 6_000_000).maxMark).toBe(4000);
    expect(benefitTier(INNOVATION_SHEET, 5_999_999).maxMark).toBe(3000);
    expect(benefitTier(INNOVATION_SHEET, 3_000_000).maxMark).toBe(3000);
    expect(benefitTier(INNOVATION_SHEET, 1_000_000).maxMark).toBe(2000);
    expect(benefitTier(INNOVATION_SHEET, 500_000).maxMark).toBe(1500);
    expect(benefitTier(INNOVATION_SHEET, 499_999)).toMatchObject({ minMark: 0, maxMark: 1000 });
  });
});

describe("one member's sheet", () => {
  const full = { technical: 2800, benefit: 2000, scope: 1500, practicality: 1800 };
  it("accepts marks within each item's maximum", () => {
    expect(checkItemScores(PROPOSAL_SHEET, full)).toEqual([]);
    expect(checkItemScores(PROPOSAL_SHEET, { ...full, technical: 3000 })).toEqual([]);
  });
  it("refuses a mark above the item's maximum, naming item and maximum", () => {
    const problems = checkItemScores(PROPOSAL_SHEET, { ...full, scope: 2050 });
    expect(problems).toHaveLength(1);
    expect(problems[0].item).toBe("scope");
    expect(problems[0].message).toMatch(/^「应用范围」满分 20 分，不能打 20.5 分/);
  });
  it("refuses a missing item, a negative mark and an unknown item", () => {
    const { practicality: _p, ...missing } = full;
    expect(checkItemScores(PROPOSAL_SHEET, missing).map((p) => p.item)).toEqual(["practicality"]);
    expect(checkItemScores(PROPOSAL_SHEET, { ...full, scope: -1 }).map((p) => p.item)).toEqual(["scope"]);
    expect(checkItemScores(PROPOSAL_SHEET, { ...full, extra: 1 }).map((p) => p.item)).toEqual(["extra"]);
  });
});

describe("the committee's result through the scoring engine", () => {
  const a = { technical: 2800, benefit: 2000, scope: 1500, practicality: 1800 };
  const b = { technical: 2600, benefit: 2200, scope: 1600, practicality: 1700 };
  const c = { technical: 2700, benefit: 2100, scope: 1400, practicality: 1601 };
  it("mean item by item, rounded half-up to hundredths", () => {
    const r = aggregateCommittee(PROPOSAL_SHEET, [a, b, c], DEFAULT_PROPOSAL_SETTINGS)!;
    expect(r.items).toEqual({ technical: 2700, benefit: 2100, scope: 1500, practicality: 1700 });
    expect(r.total).toBe(8000);
    expect(r.method).toBe("mean");
  });
  it("trimmed mean from five members drops one highest and one lowest per item", () => {
    const sheets = [2000, 2500, 2600, 2700, 3000].map((t) => ({ ...a, technical: t }));
    const r = aggregateCommittee(PROPOSAL_SHEET, sheets, { aggregation: "trimmed-mean", trimFrom: 5 })!;
    expect(r.items.technical).toBe(2600);
    expect(r.method).toBe("trimmed-mean");
    const four = aggregateCommittee(PROPOSAL_SHEET, sheets.slice(0, 4), { aggregation: "trimmed-mean", trimFrom: 5 })!;
    expect(four.method).toBe("mean");
  });
  it("no sheets, no result", () => {
    expect(aggregateCommittee(PROPOSAL_SHEET, [], DEFAULT_PROPOSAL_SETTINGS)).toBeNull();
  });
});

describe("only a confirmed benefit moves the benefit item", () => {
  it("without confirmation the committee's mark counts at most the lowest tier's maximum", () => {
    expect(benefitMarkForGrade(PROPOSAL_SHEET, 2800, null)).toBe(1400);
    expect(benefitMarkForGrade(PROPOSAL_SHEET, 1200, null)).toBe(1200);
    expect(benefitMarkForGrade(INNOVATION_SHEET, 3500, null)).toBe(1000);
  });
  it("a confirmed figure brings the mark into its tier, up or down", () => {
    expect(benefitMarkForGrade(PROPOSAL_SHEET, 1200, 600_000)).toBe(2600);
    expect(benefitMarkForGrade(PROPOSAL_SHEET, 2800, 600_000)).toBe(2800);
    expect(benefitMarkForGrade(PROPOSAL_SHEET, 2800, 50_000)).toBe(1400);
    expect(benefitMarkForGrade(INNOVATION_SHEET, 1000, 3_500_000)).toBe(3000);
  });
  it("the total for the grade swaps only the benefit item", () => {
    const result = { items: { technical: 2700, benefit: 2100, scope: 1500, practicality: 1700 }, total: 8000, reviewers: 3, method: "mean" as const };
    expect(totalForGrade(PROPOSAL_SHEET, result, null)).toBe(7300);
    expect(totalForGrade(PROPOSAL_SHEET, result, 800_000)).toBe(8500);
  });
});

describe("benefit tiers from the settings (rules I-1, I-2; issue 16: every number a setting)", () => {
  it("the default settings give the documented sheets' tiers, highest band first", () => {
    expect(PROPOSAL_SHEET.tiers.map((t) => [t.minYuan, t.maxYuanExclusive, t.minMark, t.maxMark, t.label])).toEqual([
      [500_000, null, 2600, 3000, "≥ 50万元"], [100_000, 500_000, 1500, 2500, "10万–50万元"], [0, 100_000, 1000, 1400, "< 10万元"],
    ]);
    expect(sheetFor("innovation", DEFAULT_PROPOSAL_SETTINGS).tiers).toEqual(INNOVATION_SHEET.tiers);
  });
  it("stored tiers change the tier a confirmed figure falls in", () => {
    const sheet = sheetFor("proposal", { benefitTiers: { ...DEFAULT_PROPOSAL_SETTINGS.benefitTiers, proposal: [{ fromYuan: 0, minMark: 500, maxMark: 1000 }, { fromYuan: 200_000, minMark: 2000, maxMark: 3000 }] } });
    expect(benefitTier(sheet, 199_999)).toMatchObject({ minMark: 500, maxMark: 1000 });
    expect(benefitMarkForGrade(sheet, 2500, 250_000)).toBe(2500);
    expect(benefitMarkForGrade(sheet, 2500, 150_000)).toBe(1000);
    expect(benefitMarkForGrade(sheet, 2500, null)).toBe(1000);
  });
  it("tierProblems: ascending amounts from ¥0, min ≤ max ≤ the item's maximum, marks rising without overlap", () => {
    expect(tierProblems("proposal", DEFAULT_PROPOSAL_SETTINGS.benefitTiers.proposal)).toEqual([]);
    expect(tierProblems("innovation", DEFAULT_PROPOSAL_SETTINGS.benefitTiers.innovation)).toEqual([]);
    const bad = tierProblems("innovation", [{ fromYuan: 10, minMark: 1000, maxMark: 500 }, { fromYuan: 10, minMark: 600, maxMark: 4500 }, { fromYuan: 20, minMark: 3000, maxMark: 4000 }]);
    expect(bad.map((p) => p.path)).toEqual(["benefitTiers.innovation.0.fromYuan", "benefitTiers.innovation.0.minMark", "benefitTiers.innovation.1.maxMark", "benefitTiers.innovation.1.fromYuan", "benefitTiers.innovation.2.minMark"]);
  });
  it("a stored record without tiers, or with broken ones, reads as the default tiers", () => {
    expect(readProposalSettings({ minReviewers: 4 }).benefitTiers).toEqual(DEFAULT_PROPOSAL_SETTINGS.benefitTiers);
    expect(readProposalSettings({ minReviewers: 4, benefitTiers: { proposal: [{ fromYuan: 5, minMark: 0, maxMark: 0 }], innovation: DEFAULT_PROPOSAL_SETTINGS.benefitTiers.innovation } })).toMatchObject({ minReviewers: 4, benefitTiers: DEFAULT_PROPOSAL_SETTINGS.benefitTiers });
  });
});
