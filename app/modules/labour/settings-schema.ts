// The one schema of a project's settings (issue 14: "every number is a setting with the documented
// default"), used by the settings page, the JSON API (PUT /api/v1/labour/projects/{id}/settings)
// and the service alike. Pure: no I/O. Each message is Chinese first and names the field and, for
// a row of a table, its row; an invalid object changes nothing (the service saves only a valid one).
import { z } from "zod";
import { KIND_OF_SEVERITY, type AccidentSeverity } from "./vetoes";
import type { LabourSettings } from "./settings";

/** The rule each group of settings carries out (DOMAIN-RULES.md). */
export const SETTINGS_RULES = {
  minSigners: "L-11", tieBreaks: "L-3", banners: "L-3", placeRewards: "L-5", vetoRules: "L-7", teamVetoes: "L-7",
  teamAward: "L-7", eventTable: "L-4", yearEnd: "L-6, L-9", campaign: "L-7",
} as const;
export type SettingsGroup = keyof typeof SETTINGS_RULES;
export const SETTINGS_GROUPS = Object.keys(SETTINGS_RULES) as SettingsGroup[];

const SAFETY_SEVERITIES = ["minor", "serious", "fatal"] as const;
const QUALITY_SEVERITIES = ["general", "major", "grave"] as const;
const SEVERITIES = [...SAFETY_SEVERITIES, ...QUALITY_SEVERITIES] as const;
const ROLES = ["safety", "quality", "progress", "civic", "other"] as const;
export const SETTINGS_BANNER_GROUPS = ["section", "area"] as const;

/** A whole number between min and max, the field named in both languages. */
const whole = (zh: string, en: string, min: number, max: number, rule?: string) => {
  // the rule code goes last: readers get the message with rule codes stripped (utils/messages.ts)
  const message = rule ? `${zh}应为 ${min} 至 ${max} 的整数（${rule}）/ ${en}: a whole number from ${min} to ${max} (${rule})` : `${zh}应为 ${min} 至 ${max} 的整数 / ${en}: a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};
const choice = <T extends readonly [string, ...string[]]>(values: T, zh: string, en: string) =>
  z.enum(values, { error: `请选择${zh} / choose the ${en}` });
const text = (zh: string, en: string, max: number) =>
  z.string({ error: `请填写${zh} / give the ${en}` }).trim().min(1, `请填写${zh} / give the ${en}`).max(max, `${zh}最多 ${max} 个字 / ${en}: at most ${max} characters`);

const YUAN = 100_000_000;
const POINTS = 10_000; // hundredths of a point: 100.00

const BannerRuleSchema = z.object({
  group: choice(SETTINGS_BANNER_GROUPS, "流动红旗分组（标段或工区）", "banner group (section or area)"),
  topK: whole("流动红旗名额", "banners per group", 1, 20, "L-3"),
  ties: choice(["share", "none"], "并列处理方式", "tie treatment"),
  minTotal: whole("流动红旗最低总分（百分之一分）", "banner minimum total (hundredths)", 0, POINTS).optional(),
  amount: whole("流动红旗奖金（元）", "banner reward (yuan)", 0, YUAN),
});

const PlaceRewardsSchema = z.object({
  group: choice(SETTINGS_BANNER_GROUPS, "名次奖罚分组（标段或工区）", "place-reward group (section or area)"),
  byPlace: z.array(whole("按名次奖罚金额（元）", "reward by place (yuan)", -YUAN, YUAN, "L-5")).max(20, "按名次奖罚最多 20 个名次 / rewards by place: at most 20 places"),
  last: whole("末名奖罚金额（元）", "amount for the last place (yuan)", -YUAN, YUAN, "L-5").optional(),
});

const VetoRuleSchema = z.object({
  kind: choice(["safety", "quality"], "一票否决事故类别", "veto accident kind"),
  atLeast: choice(SEVERITIES, "一票否决起点等级", "veto threshold severity"),
  consequence: z.object({
    deduct: z.object({ role: choice(["safety", "quality"], "扣分指标", "deducted indicator"), points: whole("一票否决扣分（百分之一分）", "veto deduction (hundredths of a point)", 1, POINTS, "L-7") }).optional(),
    disqualify: choice(["period", "year"], "取消资格范围", "disqualification scope").optional(),
    zeroSafetyForYear: z.boolean({ error: "全年安全指标为 0 应为是或否 / zero safety for the year: yes or no" }).optional(),
  }),
  label: text("一票否决规则说明", "veto rule label", 80),
});

const EventTypeSchema = z.object({
  key: z.string({ error: "请填写奖罚事项代码 / give the event type" }).trim().min(1, "请填写奖罚事项代码 / give the event type").max(32, "奖罚事项代码最多 32 个字符 / event type: at most 32 characters")
    .regex(/^[a-z0-9-]+$/, "奖罚事项代码只能用小写字母、数字和连字符 / event type: lower-case letters, digits, hyphens"),
  label: text("奖罚事项名称", "event label", 40),
  source: choice(["client", "supervisor", "authority"], "奖罚事项发出方", "event source"),
  points: whole("奖罚分值（百分之一分）", "event points (hundredths)", -POINTS, POINTS, "L-4").refine((v) => v !== 0, "奖罚分值不能为 0 / an event must add or take points"),
  role: choice(ROLES, "奖罚事项所计指标类别", "event indicator role"),
  amount: whole("奖罚金额（元）", "event amount (yuan)", -YUAN, YUAN).optional(),
});

const percent = (zh: string, en: string) => {
  const message = `${zh}应为 0 至 100 之间、不超过两位小数的百分数（L-7）/ ${en}: a percentage from 0 to 100 with at most 2 decimals (L-7)`;
  return z.number({ error: message }).min(0, message).max(100, message).refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, message);
};

/** The settings object, field by field (what the API documents). The project's own checks are in labourSettingsSchema. */
export const LabourSettingsObjectSchema = z.object({
  minSigners: whole("评分委员会最少签字人数", "minimum committee signers", 3, 15, "L-11"),
  tieBreaks: z.array(z.string({ error: "并列时比较的指标应为指标代码 / tie-breaks: indicator keys" })).max(30, "并列比较指标最多 30 项 / tie-breaks: at most 30"),
  banners: z.array(BannerRuleSchema).max(SETTINGS_BANNER_GROUPS.length, "每个分组只能有一条流动红旗规则 / one banner rule per group"),
  placeRewards: z.array(PlaceRewardsSchema).max(SETTINGS_BANNER_GROUPS.length, "每个分组只能有一条名次奖罚 / one place-reward table per group"),
  vetoRules: z.array(VetoRuleSchema).max(20, "一票否决规则最多 20 条 / at most 20 veto rules"),
  teamVetoes: z.object({
    minAttendancePercent: percent("月度优秀班组最低出勤率", "monthly best team minimum attendance"),
    safetyAtLeast: choice(SAFETY_SEVERITIES, "否决月度优秀班组的安全事故等级", "safety accident that vetoes the best team"),
    qualityAtLeast: choice(QUALITY_SEVERITIES, "否决月度优秀班组的质量事故等级", "quality accident that vetoes the best team"),
  }),
  teamAward: z.object({
    topK: whole("月度优秀班组名额", "monthly best teams", 1, 20),
    ties: choice(["share", "none"], "月度优秀班组并列处理方式", "best-team tie treatment"),
    amount: whole("月度优秀班组奖金（元）", "best-team reward (yuan)", 0, YUAN),
  }),
  eventTable: z.array(EventTypeSchema).min(1, "奖罚事项表至少要有一项 / the event table needs at least one row").max(50, "奖罚事项最多 50 项 / at most 50 event types"),
  yearEnd: z.object({
    minBanners: whole("保留年度评优资格所需流动红旗数", "banners needed for year-end eligibility", 0, 52, "L-6"),
    builderYearsOnSite: whole("优秀建设者在岗年限", "years on site for an outstanding builder", 1, 10, "L-9"),
    advancedUnits: whole("先进单位名额", "advanced units", 0, 100),
    advancedTeams: whole("先进班组名额", "advanced teams", 0, 100),
  }),
  campaign: z.object({
    lengthDays: whole("竞赛天数", "campaign length (days)", 7, 400),
    onAccident: choice(["reset", "veto"], "发生事故时的处理", "what an accident does"),
    countsFrom: choice(SAFETY_SEVERITIES, "计入事故的最低等级", "lowest counted accident severity"),
  }).nullable(),
});

const rowOf = (i: number) => `第 ${i + 1} 行`;
const rowEn = (i: number) => `row ${i + 1}`;

/**
 * The whole settings object for a project whose indicators have these keys: the field checks
 * above, and tie-breaks among the project's indicators (once each), one event type per key, one
 * banner rule and one place-reward table per group, veto thresholds of the rule's own kind, and a
 * veto rule that does something.
 */
export function labourSettingsSchema(indicatorKeys: readonly string[]) {
  return LabourSettingsObjectSchema.superRefine((s, ctx) => {
    s.tieBreaks.forEach((key, i) => {
      if (!indicatorKeys.includes(key)) ctx.addIssue({ code: "custom", path: ["tieBreaks", i], message: `并列比较指标「${key}」不是本项目的指标 / tie-break ${key} is not an indicator of the project` });
      else if (s.tieBreaks.indexOf(key) !== i) ctx.addIssue({ code: "custom", path: ["tieBreaks", i], message: `并列比较指标「${key}」重复 / tie-break ${key} is listed twice` });
    });
    const seen = new Set<string>();
    s.eventTable.forEach((row, i) => {
      if (seen.has(row.key)) ctx.addIssue({ code: "custom", path: ["eventTable", i, "key"], message: `奖罚事项${rowOf(i)}：事项代码「${row.key}」重复 / event table ${rowEn(i)}: type ${row.key} is listed twice` });
      seen.add(row.key);
    });
    for (const table of ["banners", "placeRewards"] as const) {
      const groups = new Set<string>();
      s[table].forEach((row, i) => {
        if (groups.has(row.group)) ctx.addIssue({ code: "custom", path: [table, i, "group"], message: table === "banners" ? `流动红旗：分组 ${row.group} 重复 / banners: group ${row.group} is listed twice` : `名次奖罚：分组 ${row.group} 重复 / rewards by place: group ${row.group} is listed twice` });
        groups.add(row.group);
      });
    }
    s.vetoRules.forEach((rule, i) => {
      if (KIND_OF_SEVERITY[rule.atLeast as AccidentSeverity] !== rule.kind) {
        ctx.addIssue({ code: "custom", path: ["vetoRules", i, "atLeast"], message: `一票否决${rowOf(i)}：${rule.kind === "safety" ? "安全事故等级应为轻伤、重伤或死亡" : "质量事故等级应为一般、较大或重大"} / veto ${rowEn(i)}: the severity is not one of its kind` });
      }
      const c = rule.consequence;
      if (!c.deduct && !c.disqualify && !c.zeroSafetyForYear) ctx.addIssue({ code: "custom", path: ["vetoRules", i, "consequence"], message: `一票否决${rowOf(i)}：请设定扣分、取消资格或全年安全为 0 / veto ${rowEn(i)}: give it a deduction, a disqualification or zero safety` });
      if (c.zeroSafetyForYear && rule.kind !== "safety") ctx.addIssue({ code: "custom", path: ["vetoRules", i, "consequence", "zeroSafetyForYear"], message: `一票否决${rowOf(i)}：只有安全事故能使全年安全指标为 0（L-7）/ veto ${rowEn(i)}: only a safety accident zeroes safety for the year (L-7)` });
    });
  });
}

export type SettingsIssue = { path: string; message: string };

const GROUP_NAMES: Record<string, [string, string]> = {
  banners: ["流动红旗", "banners"], placeRewards: ["名次奖罚", "rewards by place"], vetoRules: ["一票否决", "veto"], eventTable: ["奖罚事项", "event table"],
};

/**
 * Validates a settings object for the project's indicators. A row of a table is named in the
 * message (奖罚事项第 2 行 …) when the field's own message does not name it.
 */
export function validateSettings(raw: unknown, indicatorKeys: readonly string[]): { ok: true; settings: LabourSettings } | { ok: false; issues: SettingsIssue[] } {
  const result = labourSettingsSchema(indicatorKeys).safeParse(raw);
  if (result.success) return { ok: true, settings: result.data as LabourSettings };
  const issues = result.error.issues.map((issue) => {
    const [group, row] = issue.path;
    let message = issue.message;
    const names = typeof group === "string" ? GROUP_NAMES[group] : undefined;
    if (names && typeof row === "number" && !message.includes(rowOf(row))) message = `${names[0]}${rowOf(row)}：${message.replace(/ ?\/ /, ` / ${names[1]} ${rowEn(row)}: `)}`;
    return { path: issue.path.map(String).join("."), message };
  });
  return { ok: false, issues };
}

/** The groups whose values differ between two settings objects (what the event records). */
export function changedGroups(before: LabourSettings, after: LabourSettings): SettingsGroup[] {
  return SETTINGS_GROUPS.filter((g) => canonical(before[g]) !== canonical(after[g]));
}

/** JSON with object keys sorted, so that the same values in another key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
