import { describe, expect, it } from "vitest";
import { CITY_LEVEL_OUTCOMES_EXAMPLE, DEFAULT_SCORING_SETTINGS } from "~/modules/scoring";
import { applyScoringInput, eventFormToInput, eventProblems, tieBreakFromKey, tieBreakKey } from "./event-settings";
import { EventInputSchema } from "./schemas";
import { EligibilitySchema } from "./event-rules";

const formOf = (fields: Record<string, string | string[]>) => (name: string) => {
  const value = fields[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

describe("the event form's scoring settings", () => {
  it("replace only what the form edits and keep the rest", () => {
    const current = { ...structuredClone(DEFAULT_SCORING_SETTINGS), rounding: "half-even" as const };
    const next = applyScoringInput(current, { judgeAggregation: "mean", ties: "no-ties", prizeMode: "fixed-counts", fixedCounts: { first: 1, second: 3, third: 6 }, outcomesPreset: "city-example" }, 15);
    expect(next.judgeAggregation).toBe("mean");
    expect(next.ranking.ties).toBe("no-ties");
    expect(next.prizes).toMatchObject({ mode: "fixed-counts", fixedCounts: { first: 1, second: 3, third: 6 }, minimumFieldSize: 15 });
    expect(next.rounding).toBe("half-even");
    expect(next.outcomes).toEqual(CITY_LEVEL_OUTCOMES_EXAMPLE);
    expect(applyScoringInput(next, { outcomesPreset: "keep" }, 15).outcomes).toEqual(CITY_LEVEL_OUTCOMES_EXAMPLE);
    expect(applyScoringInput(next, { outcomesPreset: "none" }, 15).outcomes).toEqual([]);
  });

  it("tie-break steps survive the trip through the form's select values", () => {
    for (const step of DEFAULT_SCORING_SETTINGS.ranking.tieBreaks) expect(tieBreakFromKey(tieBreakKey(step))).toEqual(step);
    expect(tieBreakFromKey("")).toBeNull();
  });

  it("reads the flat form into the nested input the one schema validates", () => {
    const input = eventFormToInput(formOf({
      trade: "焊工", groupName: "职工组", mode: "individual", minFieldSize: "30", unitQuota: "",
      heats: "on", "stages.0.qualifyTopN": "30",
      "eligibility.employmentStatuses": ["职工"], "eligibility.minAge": "18", "eligibility.maxAge": "", "eligibility.requireNoAccidentDeclaration": "on",
      "scoring.judgeAggregation": "trimmed-mean", "scoring.trimmedMeanMinimumJudges": "5",
      "scoring.tieBreaks.0": "total", "scoring.tieBreaks.1": "component:practical", "scoring.tieBreaks.2": "total", "scoring.tieBreaks.3": "",
      "scoring.ties": "shared", "scoring.prizeMode": "shares",
      "scoring.sharesPercent.first": "10", "scoring.sharesPercent.second": "20", "scoring.sharesPercent.third": "30",
      "scoring.fixedCounts.first": "1", "scoring.fixedCounts.second": "2", "scoring.fixedCounts.third": "5",
      "scoring.honourableMention.mode": "top-share", "scoring.honourableMention.percent": "50",
      "scoring.teamMode": "sum-of-members", "scoring.teamBestK": "3",
    }));
    const parsed = EventInputSchema.parse(input);
    expect(parsed.stages).toEqual([{ key: "heats", name: "初赛", qualifyTopN: 30 }, { key: "final", name: "决赛" }]);
    expect(parsed.unitQuota).toBeNull();
    expect(parsed.eligibility).toMatchObject({ employmentStatuses: ["职工"], minAge: 18, requireNoAccidentDeclaration: true, frontlineOnly: false });
    // A step chosen twice counts once (rule S-51 is an ordered chain of distinct steps).
    expect(parsed.scoring?.tieBreaks).toEqual([{ by: "total" }, { by: "component", component: "practical" }]);
    expect(parsed.scoring?.honourableMention).toEqual({ mode: "top-share", percent: 50 });
    expect(parsed.scoring?.outcomesPreset).toBe("keep");
  });

  it("names a bad number by its field, Chinese first", () => {
    const result = EventInputSchema.safeParse(eventFormToInput(formOf({ trade: "焊工", groupName: "职工组", "eligibility.minAge": "十八" })));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["eligibility", "minAge"], message: expect.stringMatching(/^最小年龄应为整数/) });
  });

  it("finds problems across fields", () => {
    const eligibility = EligibilitySchema.parse({ minAge: 40, maxAge: 30 });
    const settings = applyScoringInput(DEFAULT_SCORING_SETTINGS, { sharesPercent: { first: 40, second: 40, third: 30 } }, 30);
    expect(eventProblems({ mode: "team", teamSize: null, eligibility, settings }).map((p) => p.path)).toEqual([
      "teamSize", "eligibility.maxAge", "scoring.sharesPercent.third",
    ]);
  });
});
