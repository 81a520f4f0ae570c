import { describe, expect, it } from "vitest";
import type { UnitPeriodScore } from "./periods";
import { eligibleBuilders, onSiteFor, yearEndAwards, yearEndRefusals, YEAR_END_REASONS, type RosterEntry, type YearFacts } from "./year-end";

const entry = (id: string, kind: RosterEntry["kind"], parentId: string | null, startOnSite: string | null = null): RosterEntry => ({ id, kind, name: id, parentId, startOnSite });
const roster = new Map([
  entry("U", "unit", null), entry("S1", "section", "U"), entry("S2", "section", "U"), entry("S3", "section", "U"),
  entry("W1", "area", "S1"), entry("W2", "area", "S2"),
  entry("T1", "team", "W1"), entry("T2", "team", "W2"), entry("T3", "team", "W1"),
  entry("B1", "builder", "T1", "2025-03-01"), entry("B2", "builder", "T1", "2026-01-02"), entry("B3", "builder", "T2", null),
].map((e) => [e.id, e]));
const s = (unitId: string, total: number, scores: Record<string, number> = {}): UnitPeriodScore => ({ unitId, group: "", total, scores, contributions: {}, disqualified: false, reasons: [], progressRatio: null });

const facts: YearFacts = {
  roster,
  periodScores: [
    [s("S1", 9000, { quality: 90, safety: 100 }), s("S2", 9500, { quality: 80, safety: 90 }), s("S3", 9900, { quality: 99, safety: 100 }), s("W1", 8000, { quality: 70, safety: 100 }), s("T1", 9000), s("T2", 9500)],
    [s("S1", 9200, { quality: 92, safety: 100 }), s("S2", 9300, { quality: 85, safety: 100 }), s("S3", 9800, { quality: 99, safety: 100 }), s("W1", 8200, { quality: 71, safety: 100 }), s("T1", 9100), s("T2", 9600)],
  ],
  banners: new Map([["S1", 1], ["S2", 2]]),
  disqualifiedForYear: new Set(["S2"]),
  hadAccident: new Set(["S2"]),
  scoredTeams: new Set(["T1", "T2"]),
  yearEnd: "2026-12-31",
};

describe("year-end eligibility (rules L-6, L-7, L-9)", () => {
  it("L-6: a 标段 without a banner all year, and everything under it, loses every year-end award", () => {
    expect(yearEndRefusals("S3", facts)).toEqual([YEAR_END_REASONS.noBanner]);
    expect(yearEndRefusals("S1", facts)).toEqual([]);
    expect(yearEndRefusals("U", facts)).toEqual([]);
  });
  it("L-7: a year veto on the 标段 reaches its 工区, teams and builders", () => {
    expect(yearEndRefusals("S2", facts)).toEqual([YEAR_END_REASONS.vetoed]);
    expect(yearEndRefusals("T2", facts)).toEqual([YEAR_END_REASONS.vetoed]);
  });
  it("L-9: a team must be on the roster and have scores", () => {
    expect(yearEndRefusals("T3", facts)).toEqual([YEAR_END_REASONS.noScores]);
    expect(yearEndRefusals("nobody", facts)).toEqual([YEAR_END_REASONS.notOnRoster]);
  });
  it("L-9: 优秀建设者 needs at least one year on site", () => {
    expect(onSiteFor("2025-12-31", "2026-12-31", 1)).toBe(true);
    expect(onSiteFor("2026-01-01", "2026-12-31", 1)).toBe(false);
    expect(onSiteFor("2024-02-29", "2025-02-28", 1)).toBe(false);
    const b = eligibleBuilders(facts);
    expect(b.find((x) => x.builder.id === "B1")!.reasons).toEqual([]);
    expect(b.find((x) => x.builder.id === "B2")!.reasons).toEqual([YEAR_END_REASONS.tooShort(1)]);
    expect(b.find((x) => x.builder.id === "B3")!.reasons).toEqual([YEAR_END_REASONS.vetoed, YEAR_END_REASONS.noStart]);
  });
});

describe("year-end awards (rules L-6, L-8, L-9)", () => {
  it("only eligible units win: the best section S3 has no banner, S2 is vetoed, so S1 is 先进单位", () => {
    const { awards, refused } = yearEndAwards(facts, new Map([["S1", 10500], ["W1", 11000], ["S3", 12000]]), { quality: "quality", safety: "safety" }, { minBanners: 1, builderYearsOnSite: 1, advancedUnits: 1, advancedTeams: 1 });
    const by = (a: string) => awards.filter((x) => x.award === a).map((x) => x.unitId);
    expect(by("先进单位")).toEqual(["S1"]);
    expect(by("先进班组")).toEqual(["T1"]);
    // L-8: completed the plan and exceeded it by the most points, among eligible units (S3 excluded)
    expect(by("进度奖")).toEqual(["W1"]);
    expect(by("质量奖")).toEqual(["S1"]);
    expect(by("安全奖")).toEqual(["S1", "W1"]);
    expect(refused.map((r) => r.unitId).sort()).toEqual(["S2", "S3", "T2", "T3", "W2"]);
  });
  it("no unit that completed its plan → no 进度奖", () => {
    const { awards } = yearEndAwards(facts, new Map([["S1", 9999]]), {});
    expect(awards.some((a) => a.award === "进度奖")).toBe(false);
  });
});
