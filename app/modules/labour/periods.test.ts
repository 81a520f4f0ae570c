import { describe, expect, it } from "vitest";
import { TEMPLATE_QIBI_YICHUANG, type IndicatorSet } from "./indicators";
import {
  awardBanners, daysIn, ledgerTotals, missingScores, periodsBetween, rankByGroup, rewardsByPlace, scorePeriod,
  type UnitInput, type UnitPeriodScore,
} from "./periods";
import { decideAccident, DEFAULT_VETO_RULES, vetoesForPeriod } from "./vetoes";

describe("periods (rule L-3)", () => {
  it("monthly, half-monthly and quarterly, cut to the project's dates", () => {
    expect(periodsBetween("2026-01-10", "2026-03-05", "month")).toEqual([
      { label: "2026年1月", from: "2026-01-10", to: "2026-01-31" },
      { label: "2026年2月", from: "2026-02-01", to: "2026-02-28" },
      { label: "2026年3月", from: "2026-03-01", to: "2026-03-05" },
    ]);
    const half = periodsBetween("2026-01-01", "2026-12-31", "half-month");
    expect(half).toHaveLength(24);
    expect(half[3]).toEqual({ label: "2026年2月下半月", from: "2026-02-16", to: "2026-02-28" });
    expect(periodsBetween("2026-02-01", "2027-01-31", "quarter").map((p) => p.from)).toEqual(["2026-02-01", "2026-04-01", "2026-07-01", "2026-10-01", "2027-01-01"]);
    expect(daysIn({ from: "2026-02-01", to: "2026-02-28" })).toBe(28);
  });
});

const small: IndicatorSet = {
  name: "两比",
  indicators: [
    { key: "quality", name: "比质量", weight: 4000, method: "rubric", max: 10000, role: "quality" },
    { key: "progress", name: "比进度", weight: 3000, method: "quantity", max: 10000, role: "progress" },
    { key: "safety", name: "比安全", weight: 3000, method: "events", max: 10000, role: "safety" },
  ],
};

const unit = (unitId: string, group: string, q: number[], plan: number, actual: number, safety: number[] = []): UnitInput => ({
  unitId, group, inputs: { quality: { method: "rubric", memberScores: q }, progress: { method: "quantity", plan, actual }, safety: { method: "events", points: safety } },
});

describe("period scoring (rules L-3, L-4, L-7)", () => {
  it("weighted total out of 100", () => {
    const [s] = scorePeriod(small, [unit("S1", "section", [9000, 8000, 8500], 100, 90)], 31);
    expect(s.scores).toEqual({ quality: 8500, progress: 9000, safety: 10000 });
    expect(s.contributions).toEqual({ quality: 3400, progress: 2700, safety: 3000 });
    expect(s.total).toBe(9100);
    expect(s.progressRatio).toBe(9000);
  });
  it("bonus/deduction events adjust the indicator of their role, within 0 … max (rule L-4)", () => {
    const [s] = scorePeriod(small, [{ ...unit("S1", "section", [9000, 9000, 9000], 100, 100), adjustments: { quality: -300, progress: 500 } }], 31);
    expect(s.scores.quality).toBe(8700);
    expect(s.scores.progress).toBe(10000);
  });
  it("a fatal accident leaves the safety indicator at 0 and disqualifies; a minor one deducts from safety", () => {
    const fatal = decideAccident({ id: "a1", unitId: "S1", date: "2026-05-03", severity: "fatal" }, DEFAULT_VETO_RULES)!;
    const minor = decideAccident({ id: "a2", unitId: "S2", date: "2026-05-09", severity: "minor" }, DEFAULT_VETO_RULES)!;
    const vetoes = vetoesForPeriod([fatal, minor], { from: "2026-05-01", to: "2026-05-31" });
    const [s1, s2] = scorePeriod(small, [unit("S1", "section", [9000], 100, 100), unit("S2", "section", [9000], 100, 100)], 31, vetoes);
    expect(s1.scores.safety).toBe(0);
    expect(s1.disqualified).toBe(true);
    expect(s2.scores.safety).toBe(9500);
    expect(s2.disqualified).toBe(false);
  });
  it("refuses an input of the wrong method", () => {
    expect(() => scorePeriod(small, [{ unitId: "x", group: "section", inputs: { quality: { method: "safe-days", safeDays: 3 } } }], 31)).toThrow(/rubric/);
  });
  it("scores are complete only when every rubric item has three signed members and every quantity a figure (rule L-11)", () => {
    const units = [unit("S1", "section", [9000, 9000, 9000], 1, 1), { unitId: "S2", group: "section", inputs: { quality: { method: "rubric" as const, memberScores: [1, 2] } } }];
    expect(missingScores(small, units, 3)).toEqual([{ unitId: "S2", indicator: "quality", have: 2 }, { unitId: "S2", indicator: "progress", have: 0 }]);
  });
  it("the seven-plus-one template scores a perfect unit at 100", () => {
    const inputs: UnitInput["inputs"] = {};
    for (const i of TEMPLATE_QIBI_YICHUANG.indicators) {
      inputs[i.key] = i.method === "rubric" ? { method: "rubric", memberScores: [10000, 10000, 10000] } : i.method === "quantity" ? { method: "quantity", plan: 5, actual: 5 } : undefined;
    }
    expect(scorePeriod(TEMPLATE_QIBI_YICHUANG, [{ unitId: "S", group: "section", inputs }], 30)[0].total).toBe(10000);
  });
});

const score = (unitId: string, group: string, total: number, extra: Partial<UnitPeriodScore> = {}): UnitPeriodScore => ({
  unitId, group, total, scores: { safety: 0 }, contributions: {}, disqualified: false, reasons: [], progressRatio: null, ...extra,
});

describe("ranking, banners and rewards (rules L-3, L-5)", () => {
  const scores = [
    score("S1", "section", 9000), score("S2", "section", 9500), score("S3", "section", 9500), score("S4", "section", 8000),
    score("S5", "section", 9900, { disqualified: true }),
    score("W1", "area", 8000), score("W2", "area", 8100),
  ];
  const ranked = rankByGroup(scores);
  const rankOf = (id: string) => ranked.find((r) => r.unitId === id)!.rank;
  it("ranks 标段 and 工区 separately, ties share a rank (1, 1, 3), the disqualified are not ranked", () => {
    expect(["S2", "S3", "S1", "S4", "S5", "W2", "W1"].map(rankOf)).toEqual([1, 1, 3, 4, null, 1, 2]);
  });
  it("a tie-break indicator separates equal totals", () => {
    const r = rankByGroup([score("A", "g", 100, { scores: { safety: 50 } }), score("B", "g", 100, { scores: { safety: 60 } })], ["safety"]);
    expect(r.map((x) => [x.unitId, x.rank])).toEqual([["B", 1], ["A", 2]]);
  });
  it("banners: top 1 with ties shared gives two; with ties refused gives none; top 3 plain", () => {
    expect(awardBanners(ranked, { group: "section", topK: 1, ties: "share", amount: 1 })).toEqual(["S2", "S3"]);
    expect(awardBanners(ranked, { group: "section", topK: 1, ties: "none", amount: 1 })).toEqual([]);
    expect(awardBanners(ranked, { group: "section", topK: 2, ties: "none", amount: 1 })).toEqual(["S2", "S3"]);
    expect(awardBanners(ranked, { group: "section", topK: 3, ties: "share", amount: 1 })).toEqual(["S2", "S3", "S1"]);
    expect(awardBanners(ranked, { group: "area", topK: 1, ties: "share", amount: 1 })).toEqual(["W2"]);
    expect(awardBanners(ranked, { group: "area", topK: 1, ties: "share", amount: 1, minTotal: 9000 })).toEqual([]);
  });
  it("rewards by place: 1st +5000, 2nd +3000, 3rd nothing, last −2000; tied units each take their shared rank's amount", () => {
    const four = rankByGroup([score("A", "s", 90), score("B", "s", 80), score("C", "s", 70), score("D", "s", 60)]);
    expect(rewardsByPlace(four, { group: "s", byPlace: [5000, 3000], last: -2000 }).map((l) => [l.unitId, l.amount])).toEqual([["A", 5000], ["B", 3000], ["D", -2000]]);
    expect(rewardsByPlace(ranked, { group: "section", byPlace: [5000, 3000], last: -2000 }).map((l) => [l.unitId, l.amount])).toEqual([["S2", 5000], ["S3", 5000], ["S4", -2000]]);
  });
  it("ledger totals split 奖金 and 罚金 per unit", () => {
    const t = ledgerTotals([{ unitId: "A", amount: 5000 }, { unitId: "A", amount: -2000 }, { unitId: "A", amount: 20000 }, { unitId: "B", amount: -300 }]);
    expect(t.get("A")).toEqual({ reward: 25000, penalty: 2000, net: 23000 });
    expect(t.get("B")).toEqual({ reward: 0, penalty: 300, net: -300 });
  });
});
