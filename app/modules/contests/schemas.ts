import { z } from "zod";
import { HonourableMentionSchema, TieBreakSchema } from "~/modules/scoring/settings";
import {
  COMMITTEE_GROUPS, CONTEST_CLASSES, CONTEST_LEVELS, CONTEST_STATUSES, EMPLOYMENT_STATUSES, SKILL_LEVEL_ORDER, StageSchema,
} from "./event-rules";
import { chinaDay } from "./dates";

// One zod schema per input, used by the forms, the actions and the JSON API alike.
// Messages: Chinese first, then English, naming the field.

export const CONTEST_KINDS = ["skills", "technical"] as const;
export const CONTEST_VISIBILITIES = ["public", "members"] as const;
export const EVENT_MODES = ["individual", "team"] as const;
export const OUTCOME_PRESETS = ["keep", "national-class-one", "provincial", "city-example", "none"] as const;

const blankToUndefined = (v: unknown) => (v === "" || (typeof v === "string" && v.trim() === "") ? undefined : v);

const requiredText = (max: number, zh: string, en: string) =>
  z
    .string({ message: `请填写${zh} / ${en} is required` })
    .trim()
    .min(1, `请填写${zh} / ${en} is required`)
    .max(max, `${zh}最多 ${max} 个字 / ${en}: at most ${max} characters`);

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** A list of names: an array, or text with one name per line (also split on 、，;). */
const nameList = (zh: string, en: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\n\r、，,;；]+/).map((s) => s.trim()).filter(Boolean) : v),
    z.array(z.string().trim().min(1).max(100, `${zh}：每个名称最多 100 个字 / ${en}: at most 100 characters each`)).max(20, `${zh}最多 20 个 / ${en}: at most 20`),
  );

/** A calendar day "YYYY-MM-DD" (China time) or an ISO timestamp; empty clears it. */
const dateInput = (edge: "start" | "end", zh: string, en: string) =>
  z.preprocess(
    (v) => {
      if (v === null || (typeof v === "string" && v.trim() === "")) return null;
      if (typeof v !== "string") return v;
      const day = chinaDay(v.trim(), edge);
      if (day) return day;
      const parsed = /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : null;
      return parsed && !Number.isNaN(parsed.getTime()) ? parsed : v;
    },
    z.date({ message: `${zh}应为日期（YYYY-MM-DD）/ ${en} must be a date (YYYY-MM-DD)` }).nullable().optional(),
  );

/** Integers from forms arrive as text: "" means not given. */
const intInput = (min: number, max: number, zh: string, en: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v) : v),
    z
      .number({ message: `${zh}应为整数 / ${en} must be a whole number` })
      .int(`${zh}应为整数 / ${en} must be a whole number`)
      .min(min, `${zh}不能小于 ${min} / ${en}: at least ${min}`)
      .max(max, `${zh}不能大于 ${max} / ${en}: at most ${max}`),
  );

// ---------------------------------------------------------------- contests

const contestFields = {
  name: requiredText(100, "竞赛名称", "name"),
  /** the organising union (主办), whose subtree the contest belongs to */
  orgId: z.string({ message: "请选择主办工会 / choose the organising union" }).min(1, "请选择主办工会 / choose the organising union"),
  kind: z.enum(CONTEST_KINDS, { message: "类别只能是 技能大赛 或 技术比武 / kind is skills or technical" }).default("skills"),
  level: z.preprocess(blankToUndefined, z.enum(CONTEST_LEVELS, { message: "请选择竞赛级别 / choose a level" }).optional()),
  contestClass: z.preprocess(blankToUndefined, z.enum(CONTEST_CLASSES, { message: `类别只能是 一类 或 二类 / class is "一类" (class I) or "二类" (class II)` }).optional()),
  /** rule S-5: the lead host first */
  hosts: nameList("主办单位", "hosts").optional(),
  coHosts: nameList("协办/承办单位", "co-hosts").optional(),
  registrationOpensAt: dateInput("start", "报名开始日期", "registration opens"),
  registrationClosesAt: dateInput("end", "报名截止日期", "registration closes"),
  startsAt: dateInput("start", "比赛开始日期", "contest starts"),
  endsAt: dateInput("end", "比赛结束日期", "contest ends"),
  /** rule S-42: minutes after an event ends during which appeals are accepted */
  appealWindowMinutes: intInput(0, 10_080, "申诉时限（分钟）", "appeal window (minutes)").optional(),
  noticeText: z.preprocess((v) => (v === null ? "" : v), z.string().max(20_000, "通知正文最多 20000 字 / notice: at most 20000 characters").optional()),
  visibility: z.preprocess(blankToUndefined, z.enum(CONTEST_VISIBILITIES, { message: "公开范围只能是 public 或 members / visibility is public or members" }).optional()),
};

/** New contest. With `templateId`, fields left out are copied from that earlier contest, with its committee and events. */
export const ContestInputSchema = z.object({
  ...contestFields,
  templateId: optionalText(100).describe("从此前的竞赛复制（组委会、赛项、评分标准）/ copy from an earlier contest"),
});
export type ContestInput = z.infer<typeof ContestInputSchema>;

/** Changes to a contest: only the given fields change. The organising union is fixed. */
export const ContestUpdateSchema = z.object(contestFields).omit({ orgId: true }).partial();
export type ContestUpdate = z.infer<typeof ContestUpdateSchema>;

export const CommitteeMemberInputSchema = z.object({
  group: z.enum(COMMITTEE_GROUPS, { message: "请选择工作组：办公室、技术工作组或监督仲裁组 / choose a group" }),
  name: requiredText(50, "姓名", "name"),
  duty: optionalText(100),
  userId: optionalText(100),
});
export type CommitteeMemberInput = z.infer<typeof CommitteeMemberInputSchema>;

// ---------------------------------------------------------------- events

/** The part of the scoring settings an organiser edits in the event form (DOMAIN-RULES §6). */
export const EventScoringInputSchema = z
  .object({
    /** rules S-21, S-22, S-57 */
    judgeAggregation: z.enum(["mean", "trimmed-mean", "scale-0-3"], { message: "请选择裁判分数合成方式 / choose how judges' marks combine" }),
    /** rule S-22: trim only with at least this many judges */
    trimmedMeanMinimumJudges: intInput(3, 15, "去掉最高最低分所需的最少裁判数", "minimum judges for trimming"),
    /** rules S-50 … S-52, in order */
    tieBreaks: z.array(TieBreakSchema).min(1, "至少需要一个排名依据 / at least one tie-break step"),
    /** rule S-51 (4) shared ranks, or rule S-53 no shared ranks */
    ties: z.enum(["shared", "no-ties"], { message: "并列方式只能是 shared 或 no-ties / ties is shared or no-ties" }),
    /** rule S-60 shares of the field, or rule S-61 fixed counts */
    prizeMode: z.enum(["shares", "fixed-counts"], { message: "请选择奖项设置方式 / choose a prize mode" }),
    /** rule S-60: how each tier's share of the field becomes a head count */
    shareRounding: z.enum(["floor", "half-up", "ceil"], { message: "请选择取整方式 / choose the rounding" }),
    sharesPercent: z.object({
      first: intInput(0, 100, "一等奖比例（%）", "1st prize share (%)"),
      second: intInput(0, 100, "二等奖比例（%）", "2nd prize share (%)"),
      third: intInput(0, 100, "三等奖比例（%）", "3rd prize share (%)"),
    }),
    fixedCounts: z.object({
      first: intInput(0, 1000, "一等奖名额", "1st prize count"),
      second: intInput(0, 1000, "二等奖名额", "2nd prize count"),
      third: intInput(0, 1000, "三等奖名额", "3rd prize count"),
    }),
    /** rule S-61: 优胜奖 */
    honourableMention: HonourableMentionSchema,
    /** rules S-55, S-56 */
    teamMode: z.enum(["sum-of-members", "best-k-per-event"]),
    teamBestK: intInput(1, 20, "团体成绩取前几名", "best k members"),
    /** rules S-62 … S-66: replace the outcome table with a preset, or keep the current one */
    outcomesPreset: z.enum(OUTCOME_PRESETS),
  })
  .partial();
export type EventScoringInput = z.infer<typeof EventScoringInputSchema>;

/**
 * Eligibility as an input (§5 registration form; rules S-2, S-63): the same rules as the
 * stored EligibilitySchema, with no defaults, so a PATCH changes only what it names.
 */
export const EligibilityInputSchema = z.object({
  employmentStatuses: z.array(z.enum(EMPLOYMENT_STATUSES, { message: "人员身份只能是 职工、学生 或 其他 / status is 职工, 学生 or 其他" })).optional(),
  minAge: intInput(14, 80, "最小年龄", "minimum age").optional(),
  maxAge: intInput(14, 80, "最大年龄", "maximum age").optional(),
  minSkillLevel: z.enum(SKILL_LEVEL_ORDER, { message: "请选择最低技能等级 / choose a skill level" }).optional(),
  minYearsOfService: intInput(0, 50, "最少工龄（年）", "minimum years of service").optional(),
  requireNoAccidentDeclaration: z.boolean().optional(),
  frontlineOnly: z.boolean().optional(),
  sex: z.enum(["男", "女"], { message: "性别只能是 男 或 女 / sex is 男 or 女" }).optional(),
});

const eventFields = {
  /** defaults to "工种 组别" */
  name: optionalText(60),
  /** 工种, e.g. 焊工 */
  trade: requiredText(30, "工种", "trade"),
  /** 组别, e.g. 职工组 */
  groupName: requiredText(30, "组别", "group"),
  mode: z.enum(EVENT_MODES, { message: "参赛形式只能是 个人 或 团体 / mode is individual or team" }).default("individual"),
  teamSize: z.preprocess(blankToUndefined, intInput(2, 10, "每队人数", "team size").nullable().optional()),
  /** rule S-4 */
  minFieldSize: intInput(0, 10_000, "最少参赛人数", "minimum field size").optional(),
  unitQuota: z.preprocess((v) => (v === "" ? null : v), intInput(1, 1000, "每单位限报人数", "quota per unit").nullable().optional()),
  sortOrder: intInput(0, 1000, "排序", "sort order").optional(),
  /** rules S-6, S-14 */
  stages: z.array(StageSchema).min(1, "至少需要一个赛段 / at least one stage").optional(),
  eligibility: EligibilityInputSchema.optional(),
  scoring: EventScoringInputSchema.optional(),
};

export const EventInputSchema = z.object(eventFields);
export type EventInput = z.infer<typeof EventInputSchema>;

export const EventUpdateSchema = z.object(eventFields).partial();
export type EventUpdate = z.infer<typeof EventUpdateSchema>;

// ---------------------------------------------------------------- responses (API)

const isoDate = z.string().describe("ISO 8601");

export const ContestSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  kind: z.string(),
  level: z.string(),
  contestClass: z.string(),
  hosts: z.array(z.string()),
  coHosts: z.array(z.string()),
  status: z.enum(CONTEST_STATUSES),
  registrationOpensAt: isoDate.nullable(),
  registrationClosesAt: isoDate.nullable(),
  startsAt: isoDate.nullable(),
  endsAt: isoDate.nullable(),
  appealWindowMinutes: z.number().int(),
  noticeText: z.string(),
  rulesFileId: z.string().nullable(),
  templateId: z.string().nullable(),
  visibility: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const CommitteeMemberSchema = z.object({
  id: z.string(),
  group: z.string(),
  name: z.string(),
  duty: z.string().nullable(),
  userId: z.string().nullable(),
  sortOrder: z.number().int(),
});

export const EventSchema = z.object({
  id: z.string(),
  contestId: z.string(),
  name: z.string(),
  trade: z.string(),
  groupName: z.string(),
  mode: z.string(),
  teamSize: z.number().int().nullable(),
  minFieldSize: z.number().int(),
  unitQuota: z.number().int().nullable(),
  sortOrder: z.number().int(),
  stages: z.array(StageSchema),
  eligibility: z.record(z.string(), z.unknown()),
  scoringSettings: z.record(z.string(), z.unknown()).describe("ScoringSettings of the scoring engine, defaults filled in"),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const ContestDetailSchema = ContestSchema.extend({
  committee: z.array(CommitteeMemberSchema),
  events: z.array(EventSchema),
});

export const SchemeIssueSchema = z.object({ path: z.string(), message: z.string() });

export const MarkingSchemeResponseSchema = z.object({
  eventId: z.string(),
  scheme: z.unknown().describe("MarkingSchemeInput: components → modules → criteria → aspects"),
  valid: z.boolean(),
  issues: z.array(SchemeIssueSchema).describe("why the stored scheme is not valid yet (an empty new event)"),
  warnings: z.array(SchemeIssueSchema).describe("soft checks, e.g. theory above 30% (rule S-10)"),
});

export const OpenRegistrationResponseSchema = z.object({
  contest: ContestSchema,
  warnings: z.array(SchemeIssueSchema),
});
