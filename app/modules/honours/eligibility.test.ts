import { describe, expect, it } from "vitest";
import { checkEligibility, DEFAULT_ELIGIBILITY_SETTINGS, isEligible, priorHonourFloorFor, type EligibilityFacts } from "./eligibility";

const none: EligibilityFacts = { incidents: [], honours: [], bars: [] };
const settings = { ...DEFAULT_ELIGIBILITY_SETTINGS, year: 2026 };
const medal = { award: "奖章", kind: "individual" as const };

describe("checkEligibility", () => {
  it("a candidate with nothing against them is eligible", () => {
    expect(checkEligibility(medal, none, settings)).toEqual([]);
  });

  it("rule N-21: a serious accident, occupational hazard or mass incident bars the year and the 3 years before", () => {
    const at = (occurredOn: string, kind = "safety_accident", severity: string | null = "fatal") => ({ incidents: [{ kind, severity, occurredOn, title: "事故" }], honours: [], bars: [] });
    expect(checkEligibility(medal, at("2023-01-05"), settings).map((r) => r.rule)).toEqual(["N-21"]);
    expect(isEligible(checkEligibility(medal, at("2026-02-01", "mass_incident", null), settings))).toBe(false);
    expect(checkEligibility(medal, at("2022-12-31"), settings)).toEqual([]);
    // a minor injury or a quality accident does not bar; an accident after the campaign's year is not counted
    expect(checkEligibility(medal, at("2025-01-05", "safety_accident", "minor_injury"), settings)).toEqual([]);
    expect(checkEligibility(medal, at("2025-01-05", "quality_accident", "severe"), settings)).toEqual([]);
    expect(checkEligibility(medal, at("2027-01-05"), settings)).toEqual([]);
    // the lookback is a setting
    expect(checkEligibility(medal, at("2023-01-05"), { ...settings, incidentLookbackYears: 2 })).toEqual([]);
  });

  it("rule N-17: without a live honour at the floor, a warning (or a bar when required)", () => {
    const s = { ...settings, priorHonourFloor: priorHonourFloorFor("national") };
    expect(s.priorHonourFloor).toBe("provincial");
    const cityOnly: EligibilityFacts = { ...none, honours: [{ title: "市五一劳动奖章", level: "city", year: 2024, revokedAt: null }] };
    const [reason] = checkEligibility(medal, cityOnly, s);
    expect(reason).toMatchObject({ rule: "N-17", blocking: false });
    expect(isEligible(checkEligibility(medal, cityOnly, { ...s, priorHonourMode: "require" }))).toBe(false);
    const provincial: EligibilityFacts = { ...none, honours: [{ title: "省五一劳动奖章", level: "provincial", year: 2024, revokedAt: null }] };
    expect(checkEligibility(medal, provincial, s)).toEqual([]);
    // a revoked honour is no basis; an old one fails a "within 3 years" rule
    expect(checkEligibility(medal, { ...none, honours: [{ ...provincial.honours[0], revokedAt: "2025-01-01" }] }, s)).toHaveLength(1);
    expect(checkEligibility(medal, provincial, { ...s, priorHonourWithinYears: 1 })).toHaveLength(1);
  });

  it("rule N-20: no second 劳模 within the period; an earlier holder is warned", () => {
    const model = { award: "劳模", kind: "individual" as const };
    const held = (year: number, level = "city"): EligibilityFacts => ({ ...none, honours: [{ title: "杭州市劳动模范", level, year, revokedAt: null }] });
    expect(checkEligibility(model, held(2023), settings)).toMatchObject([{ rule: "N-20", blocking: true, code: "model_worker_period" }]);
    expect(checkEligibility(model, held(2019), settings)).toMatchObject([{ rule: "N-20", blocking: false, code: "model_worker_earlier" }]);
    // a county title is below "city-or-higher"; a 奖章 candidate is not concerned
    expect(checkEligibility(model, held(2023, "county"), settings)).toEqual([]);
    expect(checkEligibility(medal, held(2023), settings)).toEqual([]);
  });

  it("rule N-43: a bar on the nominating unit applies to the next round of that award only", () => {
    const bars = (award: string): EligibilityFacts => ({ ...none, bars: [{ award, fromYear: 2025, untilYear: 2026, reason: "材料弄虚作假" }] });
    expect(checkEligibility(medal, bars("奖章"), settings)).toMatchObject([{ rule: "N-43", blocking: true }]);
    expect(checkEligibility(medal, bars(""), settings)).toHaveLength(1);
    expect(checkEligibility(medal, bars("劳模"), settings)).toEqual([]);
    expect(checkEligibility(medal, bars("奖章"), { ...settings, year: 2027 })).toEqual([]);
    expect(checkEligibility(medal, { ...none, bars: [{ award: "", fromYear: 2025, untilYear: 2026, reason: "x", liftedAt: "2025-12-01" }] }, settings)).toEqual([]);
  });
});
