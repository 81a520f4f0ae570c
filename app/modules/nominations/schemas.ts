import { z } from "zod";
import { AWARD_KEYS, CADRE_RANKS, CAMPAIGN_LEVEL_KEYS, CATEGORIES, FORM_LIMITS, LISTING_KEYS, NOTICE_OUTCOMES, OWNERSHIPS, UNIT_TYPES } from "./domain";
import { CRITERION_FIELDS, RULE_KINDS } from "./ratios";

// One zod schema per input, shared by the pages, the actions and the API (messages Chinese first).

const flag = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean()).default(false);
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字 / at most ${max} characters`).default("");
const optionalInt = (message: string) => z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number({ error: message }).int(message).min(0, message).max(1_000_000, message).optional());
const isoDate = (message: string) => z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, message).optional());
const chars = (s: string) => [...s].length;

// ------------------------------------------------------------------ campaigns

export const RatioRuleSchema = z.object({
  id: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1, "请填写规则名称 / name the rule").max(80),
  kind: z.enum(RULE_KINDS),
  match: z.object({ field: z.enum(CRITERION_FIELDS), values: z.array(z.string().max(40)).min(1) }),
  base: z.object({ field: z.enum(CRITERION_FIELDS), values: z.array(z.string().max(40)).min(1) }).nullable().optional(),
  percent: z.number().min(0).max(100).optional(),
  count: z.number().int().min(0).optional(),
  hard: z.boolean(),
  source: z.string().max(20).optional(),
}).refine((r) => (r.kind === "min_share" || r.kind === "max_share" ? typeof r.percent === "number" : r.kind === "max_count" ? typeof r.count === "number" : true), {
  message: "比例规则须填写百分比，数量规则须填写人数 / a share rule needs a percentage, a count rule a number",
});

const DeadlineSchema = z.object({ scope: z.string().trim().min(1).max(64).describe("grassroots, or the id of a reviewing organisation"), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "截止日期格式应为 YYYY-MM-DD / dates are YYYY-MM-DD") });

export const CampaignInputSchema = z.object({
  title: z.string({ error: "请填写评选名称 / give the campaign a title" }).trim().min(1, "请填写评选名称 / give the campaign a title").max(120),
  topOrgId: z.string({ error: "请选择审批单位 / choose the approving organisation" }).trim().min(1, "请选择审批单位 / choose the approving organisation"),
  reviewingTypes: z.array(z.string()).default(["county", "industry"]),
  awards: z.array(z.enum(AWARD_KEYS, { error: "请选择奖项 / choose the awards" })).min(1, "请至少选择一个奖项 / choose at least one award"),
  level: z.enum(CAMPAIGN_LEVEL_KEYS, { error: "请选择表彰级别 / choose the level" }),
  year: z.coerce.number({ error: "年份须为数字 / the year is a number" }).int().min(2000, "年份不正确 / not a year").max(2100, "年份不正确 / not a year"),
  listing: z.enum(LISTING_KEYS).default("regular"),
  stepTemplate: z.enum(["two-reviews-three-notices", "municipal-model-worker"]).default("two-reviews-three-notices"),
  grassrootsDeadline: isoDate("截止日期格式应为 YYYY-MM-DD / dates are YYYY-MM-DD"),
  competitivePct: z.coerce.number().int().min(100, "差额比例不能低于 100% / at least 100%").max(500).default(100),
});
export type CampaignInput = z.infer<typeof CampaignInputSchema>;

export const CampaignSettingsSchema = z.object({
  ratioRules: z.array(RatioRuleSchema).optional(),
  deadlines: z.array(DeadlineSchema).optional(),
  controlCaps: z.record(z.string(), z.object({ 企业负责人: z.number().int().min(0).optional(), 县处级干部: z.number().int().min(0).optional() })).optional(),
  competitivePct: z.number().int().min(100).max(500).optional(),
});
export type CampaignSettings = z.infer<typeof CampaignSettingsSchema>;

export const ControlCapInputSchema = z.object({
  orgId: z.string().trim().min(1, "请选择推荐单位 / choose the nominating body"),
  category: z.enum(["企业负责人", "县处级干部"], { error: "控制数只适用于企业负责人和县处级干部 / caps apply to enterprise heads and county-level cadres" }),
  limit: z.coerce.number({ error: "控制数须为整数 / the cap is a whole number" }).int("控制数须为整数 / the cap is a whole number").min(0, "控制数不能为负数 / the cap cannot be negative").max(100_000),
});

// ------------------------------------------------------------------ nominations

const PriorHonourSchema = z.object({ level: z.string().trim().max(20), title: z.string().trim().min(1).max(80), year: z.coerce.number().int().min(1950).max(2100), issuer: z.string().trim().max(80).default("") });

/** 人员类别 arrives as one value (a form's radio) or a list (a careless API client): exactly one is allowed. */
const categoryList = z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(CATEGORIES, { error: "人员类别不在规定范围内 / not a known category" })));

export const NominationInputSchema = z.object({
  campaignId: z.string({ error: "缺少评选 / campaign missing" }).trim().min(1, "缺少评选 / campaign missing"),
  award: z.enum(AWARD_KEYS, { error: "请选择奖项 / choose the award" }),
  orgId: z.string({ error: "请选择推荐单位 / choose the nominating unit" }).trim().min(1, "请选择推荐单位 / choose the nominating unit"),
  memberId: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(64).optional()),
  name: optionalText(80),
  sex: z.enum(["", "男", "女"]).default(""),
  ethnicity: optionalText(20),
  birthMonth: z.preprocess((v) => (v === "" || v == null ? "" : v), z.string().regex(/^(\d{4}-\d{2})?$/, "出生年月格式应为 YYYY-MM / birth month is YYYY-MM")).default(""),
  education: optionalText(20),
  politicalStatus: optionalText(20),
  post: optionalText(80),
  unitType: z.enum(["", ...UNIT_TYPES]).default(""),
  ownership: z.enum(["", ...OWNERSHIPS]).default(""),
  industry: optionalText(40),
  isKeyIndustry: flag,
  categories: categoryList.describe("人员类别: exactly one for an individual, none for a collective"),
  cadreRank: z.enum(CADRE_RANKS).default(""),
  isMigrantWorker: flag,
  isNewEmployment: flag,
  isFrontline: flag,
  isLeader: flag,
  isTeamOrOffice: flag,
  headcount: optionalInt("职工人数须为整数 / headcount is a whole number"),
  leaderName: optionalText(40),
  parentUnit: optionalText(80),
  priorHonours: z.preprocess((v) => {
    if (typeof v !== "string") return v ?? [];
    if (!v.trim()) return [];
    try { return JSON.parse(v); } catch { return v.split("\n").filter((l) => l.trim()).map((line) => { const [year, level, title, issuer] = line.split(/[,，|｜]/).map((x) => x.trim()); return { year, level, title, issuer: issuer ?? "" }; }); }
  }, z.array(PriorHonourSchema, { error: "荣誉基础每行写：年份，级别，称号，授予单位 / one honour a line: year, level, title, issuer" }).max(30)).default([]),
  rewardsPenalties: optionalText(1000),
  deedsShort: z.string().trim().default("").refine((s) => chars(s) <= FORM_LIMITS.deedsShort, { message: `简要事迹不能超过 ${FORM_LIMITS.deedsShort} 字 / the short deeds may not exceed ${FORM_LIMITS.deedsShort} characters` }),
  deedsLong: z.string().trim().default("").refine((s) => chars(s) <= FORM_LIMITS.deedsLong, { message: `详细事迹不能超过 ${FORM_LIMITS.deedsLong} 字 / the full deeds may not exceed ${FORM_LIMITS.deedsLong} characters` }),
  congressDate: isoDate("会议日期格式应为 YYYY-MM-DD / dates are YYYY-MM-DD"),
  congressPresent: optionalInt("到会人数须为整数 / a whole number"),
  congressFor: optionalInt("赞成票须为整数 / a whole number"),
  congressAgainst: optionalInt("反对票须为整数 / a whole number"),
  pollTotal: optionalInt("测评人数须为整数 / a whole number"),
  pollFor: optionalInt("赞成人数须为整数 / a whole number"),
  localNoticeStart: isoDate("公示开始日期格式应为 YYYY-MM-DD / dates are YYYY-MM-DD"),
  localNoticeDays: optionalInt("公示天数须为整数 / a whole number"),
  localNoticeOutcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(NOTICE_OUTCOMES).optional()),
});
export type NominationInput = z.infer<typeof NominationInputSchema>;

export const HoldBackSchema = z.object({ nominationId: z.string().min(1), heldBack: flag });
export const SendListSchema = z.object({ reason: z.string().trim().max(1000, "说明不能超过 1000 字 / at most 1000 characters").optional() });
