// Pure rules of an event's settings: merging what the event form edits into the
// scoring engine's settings (everything else is kept), and turning the flat form into
// the nested input the one EventInputSchema validates. No I/O.
import {
  CITY_LEVEL_OUTCOMES_EXAMPLE, NATIONAL_CLASS_ONE_OUTCOMES, PROVINCIAL_OUTCOMES, ScoringSettingsSchema, type ScoringSettings, type TieBreak,
} from "~/modules/scoring";
import { EligibilitySchema, StagesSchema, type Eligibility, type Stage } from "./event-rules";
import type { EventScoringInput } from "./schemas";
import type { FieldIssue } from "~/utils/errors";

export function readSettings(json: string | null | undefined): ScoringSettings {
  let raw: unknown = {};
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    raw = {};
  }
  const parsed = ScoringSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : ScoringSettingsSchema.parse({});
}

/**
 * The event's scoring settings after an edit: the form's subset replaces those
 * settings, everything else stays. `minFieldSize` (rule S-4) lives on the event and is
 * mirrored into the prize rules so they never disagree.
 */
export function applyScoringInput(current: ScoringSettings, input: EventScoringInput | undefined, minFieldSize: number): ScoringSettings {
  const next: ScoringSettings = structuredClone(current);
  if (input) {
    if (input.judgeAggregation) next.judgeAggregation = input.judgeAggregation;
    if (input.trimmedMeanMinimumJudges !== undefined) next.trimmedMeanMinimumJudges = input.trimmedMeanMinimumJudges;
    if (input.tieBreaks) next.ranking.tieBreaks = input.tieBreaks.map((t) => ({ ...t }));
    if (input.ties) next.ranking.ties = input.ties;
    if (input.prizeMode) next.prizes.mode = input.prizeMode;
    if (input.shareRounding) next.prizes.shareRounding = input.shareRounding;
    if (input.sharesPercent) next.prizes.sharesPercent = { ...input.sharesPercent };
    if (input.fixedCounts) next.prizes.fixedCounts = { ...input.fixedCounts };
    if (input.honourableMention) next.prizes.honourableMention = structuredClone(input.honourableMention);
    if (input.teamMode) next.teams.mode = input.teamMode;
    if (input.teamBestK !== undefined) next.teams.bestK = input.teamBestK;
    if (input.outcomesPreset === "national-class-one") next.outcomes = structuredClone(NATIONAL_CLASS_ONE_OUTCOMES);
    if (input.outcomesPreset === "provincial") next.outcomes = structuredClone(PROVINCIAL_OUTCOMES);
    if (input.outcomesPreset === "city-example") next.outcomes = structuredClone(CITY_LEVEL_OUTCOMES_EXAMPLE);
    if (input.outcomesPreset === "none") next.outcomes = [];
  }
  next.prizes.minimumFieldSize = minFieldSize;
  return ScoringSettingsSchema.parse(next);
}

/** Problems across fields of one event, each named by its field. */
export function eventProblems(e: { mode: string; teamSize: number | null | undefined; eligibility: Eligibility; settings: ScoringSettings }): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (e.mode === "team" && !e.teamSize) {
    problems.push({ path: "teamSize", message: "团体赛项须填写每队人数 / a team event needs a team size" });
  }
  if (e.eligibility.minAge !== undefined && e.eligibility.maxAge !== undefined && e.eligibility.minAge > e.eligibility.maxAge) {
    problems.push({ path: "eligibility.maxAge", message: "最大年龄不能小于最小年龄 / the maximum age is below the minimum" });
  }
  const shares = e.settings.prizes.sharesPercent;
  if (e.settings.prizes.mode === "shares" && shares.first + shares.second + shares.third > 100) {
    // rule S-60: 10/20/30 is the usual split; together the tiers cannot exceed the field.
    problems.push({ path: "scoring.sharesPercent.third", message: "一、二、三等奖比例之和不能超过 100% / prize shares cannot add up to more than 100%" });
  }
  return problems;
}

// ---------------------------------------------------------------- the event form

/** Tie-break steps as the form offers them (rules S-50, S-51, S-52). */
export const TIE_BREAK_OPTIONS = ["total", "time", "component:practical", "component:theory", "component:defence", "modules"] as const;
export const TIE_BREAK_SLOTS = 5;

export function tieBreakKey(t: TieBreak): string {
  if (t.by === "component") return `component:${t.component}`;
  if (t.by === "modules") return t.component ? `modules:${t.component}` : "modules";
  return t.by;
}

export function tieBreakFromKey(key: string): TieBreak | null {
  if (key === "total" || key === "time") return { by: key };
  if (key === "modules") return { by: "modules" };
  if (key.startsWith("modules:")) return { by: "modules", component: key.slice(8) };
  if (key.startsWith("component:") && key.length > 10) return { by: "component", component: key.slice(10) };
  return null;
}

type FormRead = (name: string) => string[];
/** A group of fields the form did not send at all is left out (kept as it is); a partly filled one is validated. */
const group = <T extends Record<string, string | undefined>>(fields: T) => (Object.values(fields).every((v) => v === undefined) ? undefined : fields);
const one = (read: FormRead, name: string) => read(name)[0];
const present = (read: FormRead, name: string) => read(name).some((v) => v !== "" && v !== "false");

/**
 * The event form's fields are named by the path the schema reports errors on
 * (`eligibility.minAge`, `scoring.sharesPercent.first`), so each error lands beside
 * its input. Values stay text: the schema turns them into numbers and names bad ones.
 */
export function eventFormToInput(read: FormRead) {
  const num = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v);
  // rules S-6, S-14: optional heats (初赛) whose top N go through, then the final (决赛).
  const stages: Record<string, unknown>[] = [];
  if (present(read, "heats")) {
    stages.push({ key: "heats", name: one(read, "stages.0.name") || "初赛", qualifyTopN: num(one(read, "stages.0.qualifyTopN")) });
  }
  stages.push({ key: "final", name: one(read, "finalName") || "决赛" });
  const tieBreaks: TieBreak[] = [];
  for (let i = 0; i < TIE_BREAK_SLOTS; i++) {
    const step = tieBreakFromKey(one(read, `scoring.tieBreaks.${i}`) ?? "");
    if (step && !tieBreaks.some((t) => tieBreakKey(t) === tieBreakKey(step))) tieBreaks.push(step);
  }
  const honourableMode = one(read, "scoring.honourableMention.mode") ?? "none";
  const honourableMention =
    honourableMode === "top-share"
      ? { mode: "top-share", percent: one(read, "scoring.honourableMention.percent") }
      : honourableMode === "count"
        ? { mode: "count", count: one(read, "scoring.honourableMention.count") }
        : { mode: "none" };
  const numbers = (obj: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === "string" ? num(v) : v]));
  return {
    name: one(read, "name"),
    trade: one(read, "trade"),
    groupName: one(read, "groupName"),
    mode: one(read, "mode") || undefined,
    teamSize: one(read, "teamSize"),
    minFieldSize: one(read, "minFieldSize"),
    unitQuota: one(read, "unitQuota") ?? "",
    stages,
    eligibility: {
      employmentStatuses: read("eligibility.employmentStatuses").filter(Boolean),
      minAge: num(one(read, "eligibility.minAge")),
      maxAge: num(one(read, "eligibility.maxAge")),
      minSkillLevel: one(read, "eligibility.minSkillLevel") || undefined,
      minYearsOfService: num(one(read, "eligibility.minYearsOfService")),
      requireNoAccidentDeclaration: present(read, "eligibility.requireNoAccidentDeclaration"),
      frontlineOnly: present(read, "eligibility.frontlineOnly"),
      sex: one(read, "eligibility.sex") || undefined,
    },
    scoring: {
      judgeAggregation: one(read, "scoring.judgeAggregation"),
      trimmedMeanMinimumJudges: one(read, "scoring.trimmedMeanMinimumJudges"),
      tieBreaks: tieBreaks.length ? tieBreaks : undefined,
      ties: one(read, "scoring.ties"),
      prizeMode: one(read, "scoring.prizeMode"),
      shareRounding: one(read, "scoring.shareRounding"),
      sharesPercent: group({
        first: one(read, "scoring.sharesPercent.first"),
        second: one(read, "scoring.sharesPercent.second"),
        third: one(read, "scoring.sharesPercent.third"),
      }),
      fixedCounts: group({
        first: one(read, "scoring.fixedCounts.first"),
        second: one(read, "scoring.fixedCounts.second"),
        third: one(read, "scoring.fixedCounts.third"),
      }),
      honourableMention: one(read, "scoring.honourableMention.mode") === undefined ? undefined : numbers(honourableMention),
      teamMode: one(read, "scoring.teamMode"),
      teamBestK: one(read, "scoring.teamBestK"),
      outcomesPreset: one(read, "scoring.outcomesPreset") || "keep",
    },
  };
}

/** Parses stored stages and eligibility, with defaults. */
export function readStages(json: string | null | undefined): Stage[] {
  try {
    return StagesSchema.parse(json ? JSON.parse(json) : undefined);
  } catch {
    return StagesSchema.parse(undefined);
  }
}

export function readEligibility(json: string | null | undefined): Eligibility {
  try {
    return EligibilitySchema.parse(json ? JSON.parse(json) : {});
  } catch {
    return EligibilitySchema.parse({});
  }
}
