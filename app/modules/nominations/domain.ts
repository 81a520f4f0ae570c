import type { RatioRule } from "./ratios";

// The vocabulary of nominations (DOMAIN-RULES §4, §5) and the campaign templates. Every
// number here is a default the office can change on the campaign (DOMAIN-RULES §6).

/** Awards (rules N-1, N-2). 奖状 and 先锋号 go to collectives, the others to persons. */
export const AWARDS = {
  奖状: { label: "五一劳动奖状", en: "May Day Labour Certificate", kind: "collective" },
  奖章: { label: "五一劳动奖章", en: "May Day Labour Medal", kind: "individual" },
  先锋号: { label: "工人先锋号", en: "Worker Pioneer", kind: "collective" },
  劳模: { label: "劳动模范", en: "Model worker", kind: "individual" },
  先进工作者: { label: "先进工作者", en: "Advanced worker", kind: "individual" },
} as const;
export type AwardKey = keyof typeof AWARDS;
export const AWARD_KEYS = Object.keys(AWARDS) as [AwardKey, ...AwardKey[]];

export const CAMPAIGN_LEVELS = { national: "全国", provincial: "省级", city: "市级" } as const;
export type CampaignLevel = keyof typeof CAMPAIGN_LEVELS;
export const CAMPAIGN_LEVEL_KEYS = Object.keys(CAMPAIGN_LEVELS) as [CampaignLevel, ...CampaignLevel[]];

/** 常规表彰 / 单列表彰 (rule N-3) */
export const LISTINGS = { regular: "常规表彰", single: "单列表彰" } as const;
export const LISTING_KEYS = Object.keys(LISTINGS) as ["regular", "single"];

/** 人员类别: exactly one per individual (DOMAIN-RULES §5). */
export const CATEGORIES = [
  "产业工人", "其他一线职工和专业技术人员", "科教人员", "农民工", "企业负责人", "县处级干部",
  "农民", "乡镇企业负责人", "机关事业单位人员",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories with a 控制数 (rule N-13). */
export const CAPPED_CATEGORIES = ["企业负责人", "县处级干部"] as const;

export const CADRE_RANKS = ["", "县处级", "厅局级"] as const;
export const UNIT_TYPES = ["企业", "事业", "机关", "社会组织"] as const;
export const OWNERSHIPS = ["公有", "非公"] as const;
export const POLITICAL_STATUSES = ["中共党员", "共青团员", "民主党派", "无党派人士", "群众"] as const;
export const EDUCATIONS = ["研究生", "大学本科", "大学专科", "中专/高中", "初中及以下"] as const;
export const NOTICE_OUTCOMES = ["无异议", "有异议已核实"] as const;

/** Limits of the form (DOMAIN-RULES §5: 简要事迹 ≤ 500, 详细事迹 ≈ 2000) and rule N-32. */
export const FORM_LIMITS = { deedsShort: 500, deedsLong: 3000, leaderPollPct: 85, localNoticeWorkingDays: 5 } as const;

export type Step = { key: string; label: string; kind: "notice" | "review" | "consult" | "approve"; };

/** Rule N-30: 两审三公示, the national 五一 default. */
export const STEPS_TWO_REVIEWS_THREE_NOTICES: Step[] = [
  { key: "grassroots-notice", label: "基层单位公示", kind: "notice" },
  { key: "first-review", label: "初审", kind: "review" },
  { key: "provincial-notice", label: "省级公示", kind: "notice" },
  { key: "second-review", label: "复审", kind: "review" },
  { key: "consult", label: "征求相关部门意见", kind: "consult" },
  { key: "national-notice", label: "全国公示（5天）", kind: "notice" },
  { key: "approve", label: "审批", kind: "approve" },
];

/** Rule N-35: the municipal 劳模 template (许昌 2011). */
export const STEPS_MUNICIPAL_MODEL_WORKER: Step[] = [
  { key: "grassroots-appraisal", label: "基层单位民主评议", kind: "review" },
  { key: "county-review", label: "县级评审机构审核并征求意见", kind: "consult" },
  { key: "city-first-review", label: "市劳模评审办公室初审", kind: "review" },
  { key: "committee", label: "市评审委员会审定", kind: "review" },
  { key: "media-notice", label: "媒体公示", kind: "notice" },
  { key: "approve", label: "市政府批准", kind: "approve" },
];

export const STEP_TEMPLATES = { "two-reviews-three-notices": STEPS_TWO_REVIEWS_THREE_NOTICES, "municipal-model-worker": STEPS_MUNICIPAL_MODEL_WORKER } as const;
export type StepTemplate = keyof typeof STEP_TEMPLATES;

/** The default structure rules of a 五一 campaign (rules N-10 … N-13, N-20); the office edits them per campaign. */
export const DEFAULT_RATIO_RULES: RatioRule[] = [
  { id: "medal-industrial", label: "奖章：产业工人", kind: "min_share", percent: 35, base: { field: "award", values: ["奖章"] }, match: { field: "category", values: ["产业工人"] }, hard: true, source: "N-10" },
  { id: "medal-frontline", label: "奖章：其他一线职工和专业技术人员", kind: "min_share", percent: 20, base: { field: "award", values: ["奖章"] }, match: { field: "category", values: ["其他一线职工和专业技术人员"] }, hard: false, source: "N-10" },
  { id: "medal-science", label: "奖章：科教人员", kind: "min_share", percent: 20, base: { field: "award", values: ["奖章"] }, match: { field: "category", values: ["科教人员"] }, hard: false, source: "N-10" },
  { id: "medal-migrant", label: "奖章：农民工", kind: "min_share", percent: 10, base: { field: "award", values: ["奖章"] }, match: { field: "isMigrantWorker", values: ["true"] }, hard: false, source: "N-10" },
  { id: "nonpublic", label: "非公有制企业及其职工", kind: "min_share", percent: 35, base: null, match: { field: "ownership", values: ["非公"] }, hard: false, source: "N-11" },
  { id: "pioneer-teams", label: "先锋号：班组、科室", kind: "min_share", percent: 70, base: { field: "award", values: ["先锋号"] }, match: { field: "isTeamOrOffice", values: ["true"] }, hard: true, source: "N-12" },
  { id: "enterprise-heads", label: "企业负责人", kind: "max_share", percent: 13, base: { field: "kind", values: ["individual"] }, match: { field: "category", values: ["企业负责人"] }, hard: true, source: "N-13" },
  { id: "county-cadres", label: "县处级干部（占机关事业单位推荐对象）", kind: "max_share", percent: 20, base: { field: "unitType", values: ["机关", "事业"] }, match: { field: "cadreRank", values: ["县处级"] }, hard: true, source: "N-13" },
  { id: "bureau-excluded", label: "厅局级及以上干部不参加", kind: "excluded", base: null, match: { field: "cadreRank", values: ["厅局级"] }, hard: true, source: "N-20" },
];

/** 控制数 rules of one nominating body (rule N-13): a count per capped category. */
export function controlCapRules(caps: Partial<Record<string, number>>): RatioRule[] {
  return CAPPED_CATEGORIES.filter((c) => typeof caps[c] === "number").map((c) => ({
    id: `cap-${c}`, label: `${c}控制数`, kind: "max_count" as const, count: caps[c]!, base: null, match: { field: "category" as const, values: [c] }, hard: true, source: "N-13",
  }));
}

/** 名额 rules of one level (rule N-16): the ReviewQuota rows, "" = all categories. */
export function quotaRules(quotas: readonly { category: string; limit: number }[]): RatioRule[] {
  return quotas.map((q) => ({
    id: `quota-${q.category || "all"}`, label: q.category ? `名额：${q.category}` : "名额：合计", kind: "max_count" as const, count: q.limit, base: null,
    match: q.category ? { field: "quotaCategory" as const, values: [q.category] } : { field: "kind" as const, values: ["individual", "collective"] }, hard: true, source: "N-16",
  }));
}

/** The quota category of a candidate (rule N-16): its 人员类别, or its award for a collective. */
export const quotaCategoryOf = (n: { kind: string; category: string; award: string }) => (n.kind === "individual" ? n.category : n.award);

/** What the ratio rules read of a stored nomination. */
export function ratioEntryOf(n: {
  award: string; kind: string; category: string; cadreRank: string; ownership: string; unitType: string; sex: string; ethnicity: string;
  isMigrantWorker: boolean; isNewEmployment: boolean; isFrontline: boolean; isTeamOrOffice: boolean; isKeyIndustry: boolean;
}) {
  return {
    award: n.award, kind: n.kind, category: n.category, quotaCategory: quotaCategoryOf(n), cadreRank: n.cadreRank, ownership: n.ownership, unitType: n.unitType,
    sex: n.sex, ethnicity: n.ethnicity, isMigrantWorker: n.isMigrantWorker, isNewEmployment: n.isNewEmployment, isFrontline: n.isFrontline,
    isTeamOrOffice: n.isTeamOrOffice, isKeyIndustry: n.isKeyIndustry,
  };
}

// ------------------------------------------------------------------ in the reader's language

type Lang = "zh" | "en";
const CAMPAIGN_LEVELS_EN: Record<CampaignLevel, string> = { national: "National", provincial: "Provincial", city: "City" };
const LISTINGS_EN: Record<keyof typeof LISTINGS, string> = { regular: "Regular honours", single: "Separately listed honours" };
/** 人员类别 and the other options of the form, in English (the stored value stays Chinese). */
export const NOMINATION_VALUES_EN: Record<string, string> = {
  产业工人: "Industrial worker", 其他一线职工和专业技术人员: "Other front-line worker or professional", 科教人员: "Science or education staff",
  农民工: "Migrant worker", 企业负责人: "Enterprise head", 县处级干部: "County- or division-level cadre", 农民: "Farmer",
  乡镇企业负责人: "Township enterprise head", 机关事业单位人员: "Government or public institution staff",
  县处级: "County or division level", 厅局级: "Department or bureau level",
  企业: "Enterprise", 事业: "Public institution", 机关: "Government body", 社会组织: "Social organisation", 公有: "Public", 非公: "Non-public",
  中共党员: "CPC member", 共青团员: "CYL member", 民主党派: "Democratic party member", 无党派人士: "No party affiliation", 群众: "Ordinary citizen",
  研究生: "Postgraduate", 大学本科: "Bachelor's degree", 大学专科: "College diploma", "中专/高中": "Technical or senior high school", 初中及以下: "Junior high school or below",
  无异议: "No objection", 有异议已核实: "Objection raised and verified", 男: "Male", 女: "Female", 合计: "Total", "班组/科室": "Team or office",
  // the structure breakdown's bands (breakdown.ts)
  汉族: "Han", 少数民族: "Ethnic minority", "35岁以下": "Under 35", "35–60岁": "35 to 60", "60岁以上": "Over 60",
  专科及以上: "College or above", 专科以下: "Below college", 未填: "Not given",
};

/** An award's name ("奖章" → 五一劳动奖章 / May Day Labour Medal); an unknown key stays as it is. */
export const awardLabel = (award: string, lang: Lang) => {
  const a = AWARDS[award as AwardKey];
  return a ? (lang === "en" ? a.en : a.label) : award;
};
export const campaignLevelLabel = (level: string, lang: Lang) => (lang === "en" ? CAMPAIGN_LEVELS_EN[level as CampaignLevel] : CAMPAIGN_LEVELS[level as CampaignLevel]) ?? level;
export const listingLabel = (listing: string, lang: Lang) => (lang === "en" ? LISTINGS_EN[listing as keyof typeof LISTINGS] : LISTINGS[listing as keyof typeof LISTINGS]) ?? listing;
/** A bar of the structure breakdown (an award's name, a category, a band) in the reader's language. */
export const breakdownLabel = (label: string, lang: Lang) => {
  if (lang !== "en") return label;
  const award = Object.values(AWARDS).find((a) => a.label === label);
  return award ? award.en : NOMINATION_VALUES_EN[label] ?? label;
};
/** A stored option of the form (category, ownership …) in the reader's language. */
export const nominationValue = (value: string | null | undefined, lang: Lang) => (value ? (lang === "en" ? NOMINATION_VALUES_EN[value] ?? value : value) : "");
