import { z } from "zod";

// Settings an event (赛项) stores as JSON beside its marking scheme and scoring settings.
// The contest editor writes them; registration evaluates eligibility; judging and
// rankings read the stages. Every number is a setting with a default (DOMAIN-RULES §6).

export const EMPLOYMENT_STATUSES = ["职工", "学生", "其他"] as const;
export const SKILL_LEVEL_ORDER = ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"] as const;

/** Eligibility of an entrant for an event (§5 registration form; rules S-2, S-63). */
export const EligibilitySchema = z.object({
  /** e.g. ["职工"] for a 职工组; ["学生"] for a 学生组; empty = anyone */
  employmentStatuses: z.array(z.enum(EMPLOYMENT_STATUSES)).default([]),
  /** age on the first day of the contest, inclusive */
  minAge: z.number().int().min(14).max(80).optional(),
  maxAge: z.number().int().min(14).max(80).optional(),
  /** lowest skill level accepted, from SKILL_LEVEL_ORDER */
  minSkillLevel: z.enum(SKILL_LEVEL_ORDER).optional(),
  minYearsOfService: z.number().int().min(0).max(50).optional(),
  /** the entrant must declare no serious accident this year (电梯维修工 example, §5) */
  requireNoAccidentDeclaration: z.boolean().default(false),
  /** only front-line workers (一线职工, rule S-2) */
  frontlineOnly: z.boolean().default(false),
  /** 男 | 女, for single-sex groups */
  sex: z.enum(["男", "女"]).optional(),
});
export type Eligibility = z.infer<typeof EligibilitySchema>;

/** Stages: heats then final; `qualifyTopN` = places that go through, plus ties with the N-th (rule S-14). */
export const StageSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  qualifyTopN: z.number().int().min(1).optional(),
});
export const StagesSchema = z.array(StageSchema).default([{ key: "final", name: "决赛" }]);
export type Stage = z.infer<typeof StageSchema>;

export const CONTEST_LEVELS = ["national", "provincial", "city", "county", "enterprise"] as const;
export const CONTEST_CLASSES = ["一类", "二类"] as const;
export type ContestLevel = (typeof CONTEST_LEVELS)[number];

/**
 * The level a new contest starts from, read off the organising union (issue 12 item 7): a city
 * federation's contest is a city contest, not a national one. The organiser can still change it.
 */
const LEVEL_OF_ORG_TYPE: Record<string, ContestLevel> = {
  national: "national", national_industry: "national", provincial: "provincial", city: "city",
  industry: "city", county: "county", street: "county", grassroots: "enterprise", team: "enterprise",
};
export const defaultContestLevel = (orgType: string | undefined): ContestLevel => (orgType && LEVEL_OF_ORG_TYPE[orgType]) || "city";
export const COMMITTEE_GROUPS = ["office", "technical", "supervision"] as const;
export const CONTEST_STATUSES = ["draft", "open", "closed", "running", "finished"] as const;
export const REGISTRATION_STATUSES = ["pending_unit", "pending_host", "pending_office", "approved", "returned", "withdrawn"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Parse a JSON column; an empty column is read as `empty` (e.g. {} or []), then defaults apply. */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string | null | undefined, empty: unknown = {}): z.infer<S> {
  return schema.parse(text ? JSON.parse(text) : empty);
}
