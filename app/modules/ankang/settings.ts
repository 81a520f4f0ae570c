import { z } from "zod";
import { ORG_TYPE_KEYS, UNIT_CATEGORY_KEYS } from "~/modules/orgs/org-types";

// Every number of the 安康杯 is a setting with its documented default (issue 15; DOMAIN-RULES §3, §6).
// Stored per cycle as JSON (AnkangCycle.settings); a missing or unreadable key means the default.

export const LEVELS = ["city", "provincial", "national"] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = { city: "市级", provincial: "省级", national: "全国" };

const LevelNumbers = z.object({ city: z.number().min(0).max(100), provincial: z.number().min(0).max(100), national: z.number().min(0).max(100) });

export const ANKANG_SETTINGS_SCHEMA = z.object({
  /** rule A-10: basic condition "自评得分 ≥ 80" */
  minSelfAssessment: z.number().min(0).max(100),
  /** rule A-10: basic condition "各项得分率 ≥ 80%" (as a fraction) */
  minSectionRate: z.number().min(0).max(1),
  /** rule A-10: 鼓励项 up to +4 */
  bonusCap: z.number().min(0).max(50),
  /** rule A-6: 优胜单位 thresholds (Sichuan 90, another province 95, Shandong national 98) */
  winnerThreshold: LevelNumbers,
  /** issue 15 §3: the final score is the review's (or the self-assessment's) */
  finalScoreSource: z.enum(["review", "self"]),
  /** rule A-7: provincial 优胜单位/班组 not again within 5 years */
  provincialNoRepeatYears: z.number().int().min(0).max(20),
  /** rule A-6: 示范单位 = ≥ 5 consecutive years as national 优胜单位 + full marks */
  modelConsecutiveYears: z.number().int().min(1).max(20),
  /** rule A-13: ≥ 5 consecutive years as 优胜 → eligible for a 五一劳动奖状 round */
  mayDayConsecutiveYears: z.number().int().min(1).max(20),
  /** rule A-8: 优胜班组 with hazards handled: open (not yet overdue) hazards allowed? */
  teamAllowsOpenHazards: z.boolean(),
  /** hazard handling deadline in days from the report */
  hazardDueDays: z.number().int().min(1).max(365),
  /** rule A-14: prizes by rank 1st 30 / 2nd 60 / 3rd 120 */
  quizPrizeTiers: z.array(z.object({ name: z.string().min(1), count: z.number().int().min(0) })).min(1),
  /** issue 15 §3: the assessment team has at least two members */
  minReviewTeam: z.number().int().min(1).max(20),
  /** rule A-8: 优秀组织单位 from unions at 乡镇(街道) level or higher: the union types that qualify */
  organisingUnitUnionTypes: z.array(z.enum(ORG_TYPE_KEYS as [string, ...string[]])).max(20),
  /** rule A-8: … and from safety regulators, industry regulators, 规模以上 enterprises (unit categories) */
  organisingUnitCategories: z.array(z.enum(UNIT_CATEGORY_KEYS as [string, ...string[]])).max(10),
});
export type AnkangSettings = z.infer<typeof ANKANG_SETTINGS_SCHEMA>;

export const DEFAULT_ANKANG_SETTINGS: AnkangSettings = {
  minSelfAssessment: 80,
  minSectionRate: 0.8,
  bonusCap: 4,
  winnerThreshold: { city: 90, provincial: 95, national: 98 },
  finalScoreSource: "review",
  provincialNoRepeatYears: 5,
  modelConsecutiveYears: 5,
  mayDayConsecutiveYears: 5,
  teamAllowsOpenHazards: false,
  hazardDueDays: 15,
  quizPrizeTiers: [
    { name: "一等奖", count: 30 },
    { name: "二等奖", count: 60 },
    { name: "三等奖", count: 120 },
  ],
  minReviewTeam: 2,
  // rule A-8: every union body from 街道、乡镇、园区工会 up (a 基层工会 or a 班组 is not one)
  organisingUnitUnionTypes: ["national", "provincial", "national_industry", "city", "county", "industry", "street"],
  organisingUnitCategories: ["safetyRegulator", "industryRegulator", "aboveScaleEnterprise"],
};

/** Settings from a stored JSON object; keys that do not parse keep their default. */
export function ankangSettingsFrom(stored: unknown): AnkangSettings {
  const out: Record<string, unknown> = { ...DEFAULT_ANKANG_SETTINGS };
  if (stored && typeof stored === "object") {
    for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
      const field = ANKANG_SETTINGS_SCHEMA.shape[key as keyof AnkangSettings];
      if (!field) continue;
      const parsed = field.safeParse(value);
      if (parsed.success) out[key] = parsed.data;
    }
  }
  return out as AnkangSettings;
}
