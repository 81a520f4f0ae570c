/**
 * Every number the scoring rules use is a setting with a default (DOMAIN-RULES §6: "the number is a
 * setting with a sensible default, never a constant in code"). An event stores its settings as JSON;
 * `ScoringSettingsSchema.parse({})` gives the defaults. Percentages are whole numbers (10 = 10%) so
 * that no setting is a binary float.
 */
import { z } from "zod";

const percent = z.number().int().min(0).max(100);

/** One step of the tie-break chain (rules S-50, S-51, S-52). Higher is better except `time`. */
export const TieBreakSchema = z.discriminatedUnion("by", [
  /** Final weighted total, higher first. */
  z.object({ by: z.literal("total") }),
  /** rule S-51 (1), S-55: shorter completion time first; an entrant with no recorded time comes after. */
  z.object({ by: z.literal("time") }),
  /**
   * rule S-50, S-51 (2)(3): a component score, higher first. `component` is a component id, or a
   * component kind (`practical`, `theory`, `defence`) when no component has that id.
   */
  z.object({ by: z.literal("component"), component: z.string().min(1) }),
  /** rule S-52: module scores one by one in scheme order (of one component, or of the whole scheme). */
  z.object({ by: z.literal("modules"), component: z.string().min(1).optional() }),
]);
export type TieBreak = z.infer<typeof TieBreakSchema>;

/** rule S-51: total → time → practical → theory → shared rank. */
export const DEFAULT_TIE_BREAKS: TieBreak[] = [
  { by: "total" },
  { by: "time" },
  { by: "component", component: "practical" },
  { by: "component", component: "theory" },
];

/** Skill levels (职业技能等级): 1 = 高级技师 … 5 = 初级工. A lower number is a higher level. */
export const SkillLevelSchema = z.number().int().min(1).max(5);

export const OutcomeSchema = z.discriminatedUnion("type", [
  /** An honorary title, e.g. 全国技术能手 (rule S-62). */
  z.object({ type: z.literal("title"), title: z.string().min(1) }),
  /** A recommendation for an honour that still goes through the nomination workflow, e.g. 全国五一劳动奖章. */
  z.object({ type: z.literal("nomination"), honour: z.string().min(1) }),
  /**
   * rule S-62: promotion to `toLevel`; an entrant already at that level goes one level higher
   * ("晋升技师；已是技师的晋升高级技师"). Someone already above it is not promoted by this rule.
   */
  z.object({ type: z.literal("promotion"), toLevel: SkillLevelSchema }),
]);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const EmploymentSchema = z.enum(["employee", "student"]);
export type Employment = z.infer<typeof EmploymentSchema>;
export const SexSchema = z.enum(["female", "male"]);
export type Sex = z.infer<typeof SexSchema>;

/** Maps a rank range to what winners earn, filtered by eligibility (rules S-62 … S-66). */
export const OutcomeRuleSchema = z.object({
  id: z.string().min(1),
  /** The domain rule this row implements, e.g. "S-62". */
  rule: z.string().min(1),
  fromRank: z.number().int().min(1),
  toRank: z.number().int().min(1),
  outcome: OutcomeSchema,
  eligibility: z
    .object({
      /** rule S-63: only 职工 (employees) become 技术能手; students get promotion only. */
      employment: z.array(EmploymentSchema).optional(),
      /** rule S-66: 青年岗位能手 needs age ≤ 35 (age on the contest date, computed by the caller). */
      maxAge: z.number().int().min(0).optional(),
      /** rule S-66: 巾帼建功标兵 is for women. */
      sex: SexSchema.optional(),
    })
    .prefault({}),
});
export type OutcomeRule = z.infer<typeof OutcomeRuleSchema>;

/** rules S-62, S-63: national class-1 contest (incl. 全国职工职业技能大赛). */
export const NATIONAL_CLASS_ONE_OUTCOMES: OutcomeRule[] = [
  {
    id: "national-technical-expert",
    rule: "S-62",
    fromRank: 1,
    toRank: 5,
    outcome: { type: "title", title: "全国技术能手" },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "top-5-promotion-to-technician",
    rule: "S-62",
    fromRank: 1,
    toRank: 5,
    outcome: { type: "promotion", toLevel: 2 },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "places-6-20-promotion-to-senior-worker",
    rule: "S-62",
    fromRank: 6,
    toRank: 20,
    outcome: { type: "promotion", toLevel: 3 },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "top-3-may-day-medal-nomination",
    rule: "S-62",
    fromRank: 1,
    toRank: 3,
    outcome: { type: "nomination", honour: "全国五一劳动奖章" },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "student-top-5-promotion-to-senior-worker",
    rule: "S-63",
    fromRank: 1,
    toRank: 5,
    outcome: { type: "promotion", toLevel: 3 },
    eligibility: { employment: ["student"] },
  },
];

/**
 * rules S-64, S-65: a provincial contest (Zhejiang class-1 / Guizhou / Hunan pattern): the top 5
 * employees become 省技术能手, the first is recommended for the provincial May Day medal, and the
 * top 8 may be promoted to 技师 (already 技师 → 高级技师).
 */
export const PROVINCIAL_OUTCOMES: OutcomeRule[] = [
  {
    id: "provincial-technical-expert",
    rule: "S-64",
    fromRank: 1,
    toRank: 5,
    outcome: { type: "title", title: "省技术能手" },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "provincial-may-day-medal-nomination",
    rule: "S-65",
    fromRank: 1,
    toRank: 1,
    outcome: { type: "nomination", honour: "省五一劳动奖章" },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "provincial-top-8-promotion-to-technician",
    rule: "S-64",
    fromRank: 1,
    toRank: 8,
    outcome: { type: "promotion", toLevel: 2 },
    eligibility: { employment: ["employee"] },
  },
];

/** rule S-66: an example city-level table (Zhoushan-style); contests copy and edit it. */
export const CITY_LEVEL_OUTCOMES_EXAMPLE: OutcomeRule[] = [
  {
    id: "city-may-day-medal-nomination",
    rule: "S-66",
    fromRank: 1,
    toRank: 1,
    outcome: { type: "nomination", honour: "市五一劳动奖章" },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "city-technical-expert",
    rule: "S-66",
    fromRank: 1,
    toRank: 3,
    outcome: { type: "title", title: "市技术能手" },
    eligibility: { employment: ["employee"] },
  },
  {
    id: "youth-post-expert",
    rule: "S-66",
    fromRank: 1,
    toRank: 3,
    outcome: { type: "title", title: "青年岗位能手" },
    eligibility: { maxAge: 35 },
  },
  {
    id: "women-achievement-pacesetter",
    rule: "S-66",
    fromRank: 1,
    toRank: 3,
    outcome: { type: "title", title: "巾帼建功标兵" },
    eligibility: { sex: "female" },
  },
  {
    id: "top-6-promotion-to-technician",
    rule: "S-66",
    fromRank: 1,
    toRank: 6,
    outcome: { type: "promotion", toLevel: 2 },
    eligibility: { employment: ["employee"] },
  },
];

export const HonourableMentionSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  /** rule S-61 (Hainan): 优胜奖 for those after the prize tiers but within the top `percent` of the field. */
  z.object({ mode: z.literal("top-share"), percent: percent.default(50) }),
  /** rule S-61 (Zoucheng): a fixed number of 优胜奖 after the prize tiers. */
  z.object({ mode: z.literal("count"), count: z.number().int().min(0) }),
]);

export const ScoringSettingsSchema = z.object({
  /** rules S-21, S-22, S-57: how the judges' marks for one aspect are combined (chosen per event). */
  judgeAggregation: z.enum(["mean", "trimmed-mean", "scale-0-3"]).default("trimmed-mean"),
  /** rule S-22: trim only with at least this many judges, otherwise use the plain mean. */
  trimmedMeanMinimumJudges: z.number().int().min(3).default(5),
  discrepancy: z
    .object({
      /** On the 0–3 scale, judges differing by more than this many points are flagged. */
      scalePoints: z.number().int().min(0).max(3).default(1),
      /** Otherwise, judges differing by more than this share of the aspect's maximum are flagged. */
      percentOfMaximum: percent.default(20),
    })
    .prefault({}),
  /** Rounding used at the two rounding points (component score, final total). */
  rounding: z.enum(["half-up", "half-even", "down"]).default("half-up"),
  /** rules S-10, S-12: theory above this share of the total gives a warning (a soft check). */
  theoryWarningPercent: percent.default(30),
  /** Totals never go below zero after deductions. */
  floorTotalsAtZero: z.boolean().default(true),
  ranking: z
    .object({
      tieBreaks: z.array(TieBreakSchema).min(1).default(() => DEFAULT_TIE_BREAKS.map((t) => ({ ...t }))),
      /** rule S-51 (4) shared ranks (1, 1, 3), or rule S-53 no shared ranks (ties need a recorded decision). */
      ties: z.enum(["shared", "no-ties"]).default("shared"),
    })
    .prefault({}),
  qualification: z
    .object({
      /** rule S-14: the top N of the heats go through to the final (plus everyone tied with the N-th). */
      finalists: z.number().int().min(1).default(30),
    })
    .prefault({}),
  teams: z
    .object({
      /** rule S-55 sum of the members' totals, or rule S-56 sum of each team's best k per event. */
      mode: z.enum(["sum-of-members", "best-k-per-event"]).default("sum-of-members"),
      bestK: z.number().int().min(1).default(3),
    })
    .prefault({}),
  prizes: z
    .object({
      /** rule S-60 shares of the group's entrants, or rule S-61 fixed counts. */
      mode: z.enum(["shares", "fixed-counts"]).default("shares"),
      sharesPercent: z
        .object({ first: percent.default(10), second: percent.default(20), third: percent.default(30) })
        .prefault({}),
      fixedCounts: z
        .object({
          first: z.number().int().min(0).default(1),
          second: z.number().int().min(0).default(2),
          third: z.number().int().min(0).default(5),
        })
        .prefault({}),
      /** How a share of the field becomes a head count: floor means the share is a ceiling (不超过). */
      shareRounding: z.enum(["floor", "half-up", "ceil"]).default("floor"),
      /**
       * What happens when entrants tied on a tier boundary would not all fit:
       * `tied-share-higher-tier` gives all of them the higher tier (the tier may run over);
       * `tied-drop-to-lower-tier` gives all of them the lower tier (the tier never runs over).
       */
      boundaryTies: z.enum(["tied-share-higher-tier", "tied-drop-to-lower-tier"]).default("tied-share-higher-tier"),
      honourableMention: HonourableMentionSchema.default({ mode: "top-share", percent: 50 }),
      /** rule S-4: a provincial contest needs at least 30 entrants per event per group. */
      minimumFieldSize: z.number().int().min(0).default(30),
    })
    .prefault({}),
  standardisation: z
    .object({
      enabled: z.boolean().default(false),
      /** WorldSkills-style scale: the median maps to `centre`, one standard deviation to `spread`. */
      centre: z.number().int().default(700),
      spread: z.number().int().min(1).default(100),
    })
    .prefault({}),
  calibration: z
    .object({
      /** A judge whose mean deviation from the panel exceeds this share of the maximum is lenient or severe. */
      tendencyThresholdPercent: percent.default(5),
    })
    .prefault({}),
  /** rules S-62 … S-66: what each rank range earns. */
  outcomes: z.array(OutcomeRuleSchema).default(() => NATIONAL_CLASS_ONE_OUTCOMES.map((r) => structuredClone(r))),
});

export type ScoringSettings = z.infer<typeof ScoringSettingsSchema>;
export type ScoringSettingsInput = z.input<typeof ScoringSettingsSchema>;
export type RankingSettings = ScoringSettings["ranking"];
export type PrizeSettings = ScoringSettings["prizes"];
export type TeamSettings = ScoringSettings["teams"];

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = ScoringSettingsSchema.parse({});

/**
 * The honours preset that fits a contest's level (rules S-62 … S-66): a city contest does not
 * default to national titles. Enterprise contests start with none; the organiser may pick another.
 */
export function outcomesForLevel(level: string): OutcomeRule[] {
  switch (level) {
    case "national": return structuredClone(NATIONAL_CLASS_ONE_OUTCOMES);
    case "provincial": return structuredClone(PROVINCIAL_OUTCOMES);
    case "city":
    case "county": return structuredClone(CITY_LEVEL_OUTCOMES_EXAMPLE);
    default: return [];
  }
}
