import { z } from "zod";

// Every number of 合理化建议 / 技术创新成果 is a setting with its documented default (issue 16;
// DOMAIN-RULES §4.5, rules I-1 … I-3; decision 015). Money is in whole yuan, scores in hundredths
// of a point (as in the scoring engine), credit shares in basis points (hundredths of a percent).

export const GRADES = ["first", "second", "third", "encouragement"] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { first: "一等奖", second: "二等奖", third: "三等奖", encouragement: "鼓励奖" };
export const GRADE_LABELS_EN: Record<Grade, string> = { first: "First prize", second: "Second prize", third: "Third prize", encouragement: "Encouragement" };

const gradeNumber = (what: string, max: number) => z.number({ error: `${what}须为整数 / ${what}: a whole number` }).int(`${what}须为整数 / a whole number`).min(0, `${what}不能为负 / not negative`).max(max, `${what}不能超过 ${max} / at most ${max}`);
const GradeNumbers = (what: string, max: number) => z.object({ first: gradeNumber(`一等奖${what}`, max), second: gradeNumber(`二等奖${what}`, max), third: gradeNumber(`三等奖${what}`, max), encouragement: gradeNumber(`鼓励奖${what}`, max) });

export const PROPOSAL_SETTINGS_SCHEMA = z.object({
  /** rule I-2: reviews twice a year */
  reviewSessionsPerYear: z.number().int().min(1, "每年评审次数为 1 至 12 / 1 to 12 reviews a year").max(12, "每年评审次数为 1 至 12 / 1 to 12 reviews a year"),
  /** committee marks: plain mean, or drop one highest and one lowest from `trimFrom` members (rules S-21/S-22 as for judges) */
  aggregation: z.enum(["mean", "trimmed-mean"]),
  trimFrom: z.number().int().min(3, "去掉最高最低分须至少 3 名委员 / trimming needs at least 3 members").max(20, "去掉最高最低分的人数不超过 20 / at most 20"),
  /** the fewest committee members whose sheets make a result */
  minReviewers: z.number().int().min(1, "最少评审委员数为 1 至 20 / 1 to 20 committee sheets").max(20, "最少评审委员数为 1 至 20 / 1 to 20 committee sheets"),
  /** lowest total (hundredths of a point) for each grade; below `encouragement` the item is not graded */
  gradeThresholds: GradeNumbers("分数线（百分之一分）", 10000),
  /** reward per grade, whole yuan, shared among the authors by their credit */
  rewardYuan: GradeNumbers("奖金（元）", 10_000_000),
  /** rule I-3: how many years back a result (innovation) or a proposal may be nominated for the top ten */
  topTenWindowYears: z.object({ proposal: z.number().int().min(1, "推荐年限为 1 至 20 年 / 1 to 20 years").max(20, "推荐年限为 1 至 20 年 / 1 to 20 years"), innovation: z.number().int().min(1, "推荐年限为 1 至 20 年 / 1 to 20 years").max(20, "推荐年限为 1 至 20 年 / 1 to 20 years") }),
  /** rule I-3: the top ten */
  topTenCount: z.number().int().min(1, "十佳名额为 1 至 100 / 1 to 100").max(100, "十佳名额为 1 至 100 / 1 to 100"),
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

/** What the schema cannot say: grades in order, rewards not rising as the grade falls. */
export function proposalSettingsProblems(s: ProposalSettings): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const t = s.gradeThresholds;
  const pts = (n: number) => (n / 100).toString();
  if (!(t.first > t.second && t.second > t.third && t.third > t.encouragement)) {
    problems.push({ path: "gradeThresholds", message: `分数线须依次降低：一等奖 ${pts(t.first)} > 二等奖 ${pts(t.second)} > 三等奖 ${pts(t.third)} > 鼓励奖 ${pts(t.encouragement)} / grade thresholds must fall from first to encouragement` });
  }
  const r = s.rewardYuan;
  if (!(r.first >= r.second && r.second >= r.third && r.third >= r.encouragement)) {
    problems.push({ path: "rewardYuan", message: "奖金不能高于上一等级 / a grade's reward cannot exceed the grade above" });
  }
  return problems;
}

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
