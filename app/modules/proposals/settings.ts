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

/**
 * A band of annual benefit and the marks the benefit item may take in it (rules I-1, I-2): from
 * `fromYuan` up to the next band's `fromYuan`; marks in hundredths of a point.
 */
const TierSchema = z.object({
  fromYuan: z.number({ error: "效益档次的起点须为整数（元）/ a tier starts at whole yuan" }).int("效益档次的起点须为整数（元）/ a tier starts at whole yuan").min(0, "效益档次的起点不能为负 / a tier cannot start below ¥0").max(1e12, "效益档次的起点过大 / amount too large"),
  minMark: z.number({ error: "档次分数须为数字，最多两位小数 / marks are numbers with at most two decimals" }).int("档次分数最多两位小数 / at most two decimals").min(0, "档次分数不能为负 / marks are not negative").max(10000, "档次分数不能超过 100 / at most 100"),
  maxMark: z.number({ error: "档次分数须为数字，最多两位小数 / marks are numbers with at most two decimals" }).int("档次分数最多两位小数 / at most two decimals").min(0, "档次分数不能为负 / marks are not negative").max(10000, "档次分数不能超过 100 / at most 100"),
});
export type TierSetting = z.infer<typeof TierSchema>;
const Tiers = z.array(TierSchema).min(1, "至少设置一个效益档次 / at least one benefit tier").max(10, "效益档次不超过 10 个 / at most 10 benefit tiers");

/** The economic-benefit item's maximum on each sheet (rule I-1: 30; rule I-2: 40), hundredths. */
export const BENEFIT_ITEM_MAX: Record<"proposal" | "innovation", number> = { proposal: 3000, innovation: 4000 };

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
  /** rules I-1 and I-2: annual benefit → the benefit item's marks, lowest band first */
  benefitTiers: z.object({ proposal: Tiers, innovation: Tiers }),
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
  benefitTiers: {
    // rule I-1: < ¥100k: 10–14; ¥100k–500k: 15–25; ≥ ¥500k: 26–30
    proposal: [
      { fromYuan: 0, minMark: 1000, maxMark: 1400 },
      { fromYuan: 100_000, minMark: 1500, maxMark: 2500 },
      { fromYuan: 500_000, minMark: 2600, maxMark: 3000 },
    ],
    // rule I-2: ¥0.5–1M: 15; ¥1–3M: 20; ¥3–6M: 30; ≥ ¥6M: 40. Below ¥0.5M the rule gives no tier:
    // our default is 0–10 (decision 015).
    innovation: [
      { fromYuan: 0, minMark: 0, maxMark: 1000 },
      { fromYuan: 500_000, minMark: 1500, maxMark: 1500 },
      { fromYuan: 1_000_000, minMark: 2000, maxMark: 2000 },
      { fromYuan: 3_000_000, minMark: 3000, maxMark: 3000 },
      { fromYuan: 6_000_000, minMark: 4000, maxMark: 4000 },
    ],
  },
};

const yuanText = (n: number) => (n >= 10_000 && n % 10_000 === 0 ? `${n / 10_000}万元` : `${n.toLocaleString("zh-CN")}元`);

/**
 * The benefit tiers of one sheet (rules I-1, I-2): lowest band from ¥0, bands ascending by amount,
 * each band's marks within the benefit item's maximum, min ≤ max, and rising without overlap from
 * one band to the next (a higher benefit never scores lower).
 */
export function tierProblems(kind: "proposal" | "innovation", tiers: readonly TierSetting[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const sheet = kind === "proposal" ? "合理化建议（I-1）" : "技术创新成果（I-2）";
  const sheetEn = kind === "proposal" ? "proposals (I-1)" : "innovations (I-2)";
  const max = BENEFIT_ITEM_MAX[kind];
  const pts = (n: number) => (n / 100).toString();
  if (tiers.length && tiers[0].fromYuan !== 0) problems.push({ path: `benefitTiers.${kind}.0.fromYuan`, message: `${sheet}最低的效益档次须从 0 元起 / ${sheetEn}: the lowest benefit tier starts at ¥0` });
  tiers.forEach((t, i) => {
    const at = `benefitTiers.${kind}.${i}`;
    if (t.minMark > t.maxMark) problems.push({ path: `${at}.minMark`, message: `${sheet}第 ${i + 1} 档的最低分 ${pts(t.minMark)} 高于最高分 ${pts(t.maxMark)} / ${sheetEn}, tier ${i + 1}: the lowest mark is above the highest` });
    if (t.maxMark > max) problems.push({ path: `${at}.maxMark`, message: `${sheet}第 ${i + 1} 档的最高分 ${pts(t.maxMark)} 超过经济效益满分 ${pts(max)} / ${sheetEn}, tier ${i + 1}: ${pts(t.maxMark)} is above the item's maximum ${pts(max)}` });
    if (i === 0) return;
    const prev = tiers[i - 1];
    if (t.fromYuan <= prev.fromYuan) problems.push({ path: `${at}.fromYuan`, message: `${sheet}效益档次须按金额从低到高排列：第 ${i + 1} 档起点 ${yuanText(t.fromYuan)} 不高于第 ${i} 档 ${yuanText(prev.fromYuan)} / ${sheetEn}: tiers must ascend by amount, tier ${i + 1} starts at ¥${t.fromYuan}, not above tier ${i}` });
    else if (t.minMark <= prev.maxMark) problems.push({ path: `${at}.minMark`, message: `${sheet}第 ${i + 1} 档分数 ${pts(t.minMark)}–${pts(t.maxMark)} 与第 ${i} 档 ${pts(prev.minMark)}–${pts(prev.maxMark)} 重叠，须逐档升高 / ${sheetEn}: tier ${i + 1}'s marks overlap tier ${i}'s; they must rise from tier to tier` });
  });
  return problems;
}

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
  problems.push(...tierProblems("proposal", s.benefitTiers.proposal), ...tierProblems("innovation", s.benefitTiers.innovation));
  return problems;
}

/** Stored settings with any missing or unreadable key taken from the defaults. */
export function readProposalSettings(stored: unknown): ProposalSettings {
  const merged = { ...DEFAULT_PROPOSAL_SETTINGS, ...(stored && typeof stored === "object" ? stored : {}) };
  const parsed = PROPOSAL_SETTINGS_SCHEMA.safeParse(merged);
  if (!parsed.success) return DEFAULT_PROPOSAL_SETTINGS;
  // a stored record from before the tiers were settings, or with tiers no longer valid: the defaults' tiers
  const tiersOk = (["proposal", "innovation"] as const).every((k) => tierProblems(k, parsed.data.benefitTiers[k]).length === 0);
  return tiersOk ? parsed.data : { ...parsed.data, benefitTiers: DEFAULT_PROPOSAL_SETTINGS.benefitTiers };
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
