import { z } from "zod";

// Every number of 合理化建议 / 技术创新成果 is a setting with its documented default (issue 16;
// DOMAIN-RULES §4.5, rules I-1 … I-3; decision 015). Money is in whole yuan, scores in hundredths
// of a point (as in the scoring engine), credit shares in basis points (hundredths of a percent).

export const GRADES = ["first", "second", "third", "encouragement"] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { first: "一等奖", second: "二等奖", third: "三等奖", encouragement: "鼓励奖" };
export const GRADE_LABELS_EN: Record<Grade, string> = { first: "First prize", second: "Second prize", third: "Third prize", encouragement: "Encouragement" };

const GradeNumbers = z.object({ first: z.number().int().min(0), second: z.number().int().min(0), third: z.number().int().min(0), encouragement: z.number().int().min(0) });

export const PROPOSAL_SETTINGS_SCHEMA = z.object({
  /** rule I-2: reviews twice a year */
  reviewSessionsPerYear: z.number().int().min(1).max(12),
  /** committee marks: plain mean, or drop one highest and one lowest from `trimFrom` members (rules S-21/S-22 as for judges) */
  aggregation: z.enum(["mean", "trimmed-mean"]),
  trimFrom: z.number().int().min(3).max(20),
  /** the fewest committee members whose sheets make a result */
  minReviewers: z.number().int().min(1).max(20),
  /** lowest total (hundredths of a point) for each grade; below `encouragement` the item is not graded */
  gradeThresholds: GradeNumbers,
  /** reward per grade, whole yuan, shared among the authors by their credit */
  rewardYuan: GradeNumbers,
  /** rule I-3: how many years back a result (innovation) or a proposal may be nominated for the top ten */
  topTenWindowYears: z.object({ proposal: z.number().int().min(1).max(20), innovation: z.number().int().min(1).max(20) }),
  /** rule I-3: the top ten */
  topTenCount: z.number().int().min(1).max(100),
});
export type ProposalSettings = z.infer<typeof PROPOSAL_SETTINGS_SCHEMA>;

export const DEFAULT_PROPOSAL_SETTINGS: ProposalSettings = {
  reviewSessionsPerYear: 2,
  aggregation: "mean",
  trimFrom: 5,
  minReviewers: 3,
  gradeThresholds: { first: 8500, second: 7500, third: 6500, encouragement: 5000 },
  rewardYuan: { first: 5000, second: 3000, third: 1000, encouragement: 200 },
  topTenWindowYears: { proposal: 2, innovation: 3 },
  topTenCount: 10,
};

/** Stored settings with any missing or unreadable key taken from the defaults. */
export function readProposalSettings(stored: unknown): ProposalSettings {
  const merged = { ...DEFAULT_PROPOSAL_SETTINGS, ...(stored && typeof stored === "object" ? stored : {}) };
  const parsed = PROPOSAL_SETTINGS_SCHEMA.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PROPOSAL_SETTINGS;
}

export const CATEGORIES = ["safety", "quality", "cost", "efficiency", "environment", "management"] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  safety: "安全", quality: "质量", cost: "降本", efficiency: "效率", environment: "环保", management: "管理",
};
export const CATEGORY_LABELS_EN: Record<Category, string> = {
  safety: "Safety", quality: "Quality", cost: "Cost", efficiency: "Efficiency", environment: "Environment", management: "Management",
};

export const KINDS = ["proposal", "innovation"] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_LABELS: Record<Kind, string> = { proposal: "合理化建议", innovation: "技术创新成果" };
export const KIND_LABELS_EN: Record<Kind, string> = { proposal: "Rationalisation proposal", innovation: "Innovation result" };
