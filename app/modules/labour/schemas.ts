import { z } from "zod";
import { INDICATOR_TEMPLATES, type TemplateKey } from "./indicators";

// One zod schema per input, shared by the pages, the actions and the API (/api/v1/labour…).

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateField = (label: string) =>
  z.string({ error: `请填写${label} / give the date` }).trim().regex(DATE, `${label}格式应为 YYYY-MM-DD / the date must be YYYY-MM-DD`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `${label}无效 / the date is not valid`);

export const IndicatorSchema = z.object({
  key: z.string().trim().min(1).max(32).regex(/^[a-z0-9-]+$/, "指标代码只能用小写字母、数字和连字符 / key: lower-case letters, digits, hyphens"),
  name: z.string().trim().min(1, "请填写指标名称 / name the indicator").max(40),
  weight: z.number().int().min(1).max(10_000).describe("basis points: 1250 = 12.5 %"),
  method: z.enum(["rubric", "quantity", "safe-days", "events"]),
  max: z.number().int().min(1).max(1_000_000).describe("hundredths of a point"),
  role: z.enum(["safety", "quality", "progress", "civic", "other"]),
  base: z.number().int().min(0).optional(),
  capPercent: z.number().int().min(100).max(1000).optional(),
});

export const RosterLineSchema = z.object({
  kind: z.enum(["unit", "section", "area", "team", "builder"]),
  name: z.string().trim().min(1, "请填写名称 / give the name").max(80),
  /** the parent's name (a 工区's 标段, a 班组's 工区, a builder's 班组) */
  parent: z.string().trim().max(80).optional(),
  orgId: z.string().trim().max(64).optional(),
  startOnSite: dateField("进场日期").optional(),
});

export const ProjectInputSchema = z.object({
  orgId: z.string({ error: "请选择申报的基层工会 / choose the applying union" }).trim().min(1, "请选择申报的基层工会 / choose the applying union"),
  name: z.string({ error: "请填写项目名称 / give the project a name" }).trim().min(2, "请填写项目名称 / give the project a name").max(120),
  owner: z.string().trim().max(120).default(""),
  kind: z.enum(["project", "campaign"]).default("project"),
  startDate: dateField("开始日期"),
  endDate: dateField("结束日期"),
  frequency: z.enum(["half-month", "month", "quarter"]).default("month"),
  budget: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  template: z.enum(Object.keys(INDICATOR_TEMPLATES) as [TemplateKey, ...TemplateKey[]]).optional(),
  indicators: z.array(IndicatorSchema).max(30).optional(),
  roster: z.array(RosterLineSchema).max(5000).default([]),
  /** the review round (subject type competition.project) to apply in; none = a draft kept by the union */
  roundId: z.string().trim().max(64).optional(),
  lengthDays: z.coerce.number().int().min(7).max(400).optional(),
  onAccident: z.enum(["reset", "veto"]).optional(),
  minSigners: z.coerce.number().int().min(3, "评分委员会至少 3 人（L-11）/ at least three committee members (L-11)").max(15).default(3),
  /** rule L-3: banners per group and period (the top k), and whether units tied at the cut share them */
  bannerTopK: z.coerce.number({ error: "流动红旗名额应为 1 至 20 的整数 / banners per group: a whole number from 1 to 20" }).int("流动红旗名额应为 1 至 20 的整数 / banners per group: a whole number from 1 to 20")
    .min(1, "流动红旗名额应为 1 至 20 的整数 / banners per group: a whole number from 1 to 20").max(20, "流动红旗名额应为 1 至 20 的整数 / banners per group: a whole number from 1 to 20").optional().describe("default 1"),
  bannerTies: z.enum(["share", "none"]).optional().describe("share: units tied at the cut all take the banner; none: a tie across the cut gives it to none of them (default share)"),
}).refine((v) => v.endDate >= v.startDate, { message: "结束日期不能早于开始日期 / the end cannot be before the start", path: ["endDate"] });
export type ProjectInput = z.infer<typeof ProjectInputSchema>;

export const RosterEntryInputSchema = RosterLineSchema;
export type RosterEntryInput = z.infer<typeof RosterEntryInputSchema>;

const points = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const text = String(v).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "分数应为不超过两位小数的非负数 / a score is a non-negative number with at most 2 decimals" });
    return z.NEVER;
  }
  return Math.round(Number(text) * 100);
});

export const ScoreEntrySchema = z.object({
  unitId: z.string().trim().min(1),
  indicatorKey: z.string().trim().min(1),
  /** rubric: the member's score in points (e.g. "92.5") */
  value: points.optional(),
  plan: z.coerce.number().int().min(0).optional(),
  actual: z.coerce.number().int().min(0).optional(),
});

export const ScoresInputSchema = z.object({
  entries: z.array(ScoreEntrySchema).min(1, "没有要保存的分数 / nothing to save").max(2000),
  /** required to change a signed period (rule L-11: the signed sheet is filed) */
  correctionReason: z.string().trim().max(500).optional(),
});
export type ScoresInput = z.infer<typeof ScoresInputSchema>;

/** A 班组's month for the monthly best-team award (rule L-7): attendance in percent, up to 2 decimals. */
export const TeamMonthInputSchema = z.object({
  unitId: z.string({ error: "请选择班组 / choose the team" }).trim().min(1, "请选择班组 / choose the team"),
  attendance: z.union([z.number(), z.string()]).transform((v, ctx) => {
    const text = String(v).trim();
    const n = Number(text);
    if (!/^\d+(\.\d{1,2})?$/.test(text) || n > 100) {
      ctx.addIssue({ code: "custom", message: "出勤率应为 0 至 100 之间、不超过两位小数的百分数 / attendance is a percentage from 0 to 100 with at most 2 decimals" });
      return z.NEVER;
    }
    return Math.round(n * 100);
  }).describe("percent, e.g. 96.5"),
  fightingOrTheft: z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean()).default(false),
  /** required to change a signed period (rule L-11) */
  correctionReason: z.string().trim().max(500).optional(),
});
export type TeamMonthInput = z.infer<typeof TeamMonthInputSchema>;

export const SignInputSchema = z.object({ pin: z.string().trim().max(64).optional(), password: z.string().max(200).optional() });

export const LabourEventInputSchema = z.object({
  unitId: z.string({ error: "请选择单位 / choose the unit" }).trim().min(1, "请选择单位 / choose the unit"),
  typeKey: z.string({ error: "请选择奖罚事项 / choose the type" }).trim().min(1, "请选择奖罚事项 / choose the type"),
  date: dateField("日期"),
  note: z.string().trim().max(500).default(""),
  accidentId: z.string().trim().max(64).optional(),
});
export type LabourEventInput = z.infer<typeof LabourEventInputSchema>;

export const AccidentInputSchema = z.object({
  unitId: z.string({ error: "请选择单位 / choose the unit" }).trim().min(1, "请选择单位 / choose the unit"),
  kind: z.enum(["safety_accident", "quality_accident"]),
  severity: z.enum(["minor_injury", "serious_injury", "fatal", "general", "major", "severe"]),
  occurredOn: dateField("发生日期"),
  title: z.string().trim().min(1, "请填写事故名称 / give the accident a title").max(120),
  description: z.string().trim().max(4000).default(""),
});
export type AccidentInput = z.infer<typeof AccidentInputSchema>;

export const SafetyReportInputSchema = z.object({
  unitId: z.string({ error: "请选择单位 / choose the unit" }).trim().min(1, "请选择单位 / choose the unit"),
  date: dateField("日期"),
  status: z.enum(["safe", "hazard", "accident"]),
  note: z.string().trim().max(500).default(""),
});
export type SafetyReportInput = z.infer<typeof SafetyReportInputSchema>;

/** Confirming the year's results (rules L-6, L-9, L-10): the 优秀建设者 the committee picked among the eligible builders. */
export const YearEndConfirmSchema = z.object({
  builders: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(64)).max(500))
    .describe("roster ids of the builders named 优秀建设者 (each must be eligible: ≥ 1 year on site, L-9)"),
});
export type YearEndConfirmInput = z.infer<typeof YearEndConfirmSchema>;

/** Recommending a recorded year-end winner into an open 单列 campaign (rule L-10). */
export const YearEndRecommendSchema = z.object({
  honourId: z.string({ error: "请选择获奖者 / choose the winner" }).trim().min(1, "请选择获奖者 / choose the winner").max(64),
  campaignId: z.string({ error: "请选择评选活动 / choose the campaign" }).trim().min(1, "请选择评选活动 / choose the campaign").max(64),
  award: z.enum(["先锋号", "奖状", "奖章"], { error: "请选择推荐的奖项：工人先锋号、五一劳动奖状或五一劳动奖章 / choose Worker Pioneer, May Day Labour Certificate or May Day Labour Medal" }),
});
export type YearEndRecommendInput = z.infer<typeof YearEndRecommendSchema>;
