import { z } from "zod";
import { LEVELS } from "./settings";
import { TITLE_KINDS } from "./eligibility";
import { QUESTION_KINDS } from "./quiz";
import { TEN_ACTION_KEYS } from "./standard-sheets";

// One zod schema per input of the 安康杯, used by the pages and the JSON API alike.

const Id = z.string().min(1).max(100);
const Year = z.coerce.number().int().min(2000).max(2100);
const Points = z.coerce.number().min(0).max(1000);

export const CommitteeOrgSchema = z.object({ orgId: Id, role: z.enum(["union", "emergency", "health", "other"]) });

export const CycleInputSchema = z.object({
  name: z.string().trim().min(2, "请填写周期名称，如 2025–2026年度 / give the cycle a name, e.g. 2025–2026").max(60),
  startYear: Year,
  endYear: Year,
  annual: z.coerce.boolean().default(false),
  orgId: Id,
  level: z.enum(LEVELS),
  committee: z.array(CommitteeOrgSchema).max(20).default([]),
}).refine((c) => c.endYear >= c.startYear && c.endYear - c.startYear <= 2, { message: "周期的结束年份须不早于开始年份，且最长三年 / the cycle ends in its start year or up to two years later", path: ["endYear"] });
export type CycleInput = z.infer<typeof CycleInputSchema>;

export const SheetItemSchema = z.object({
  code: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1).max(200),
  maxPoints: Points,
  deduction: z.object({ perMissing: Points, elements: z.array(z.string().trim().min(1).max(100)).max(30) }).nullable().optional(),
  actions: z.array(z.string()).max(10).optional(),
});
export const SheetDefinitionSchema = z.object({
  sections: z.array(z.object({ code: z.string().trim().min(1).max(20), title: z.string().trim().min(1).max(100), items: z.array(SheetItemSchema).max(100) })).min(1).max(30),
  bonusItems: z.array(z.object({ code: z.string().trim().min(1).max(20), title: z.string().trim().min(1).max(200), maxPoints: Points })).max(30).default([]),
  vetoItems: z.array(z.object({ code: z.string().trim().min(1).max(20), title: z.string().trim().min(1).max(200) })).max(30).default([]),
});
export const SheetVersionInputSchema = z.object({ title: z.string().trim().min(1).max(100), definition: SheetDefinitionSchema });

export const EnrolmentInputSchema = z.object({
  unitId: Id,
  hasCompetitionBody: z.coerce.boolean().default(false),
  hasPlan: z.coerce.boolean().default(false),
  agreementSignedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD / the date reads YYYY-MM-DD").nullable().optional(),
  teamIds: z.array(Id).max(500).default([]),
  workerCount: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type EnrolmentInput = z.infer<typeof EnrolmentInputSchema>;

export const EntriesSchema = z.object({
  items: z.array(z.object({
    itemCode: z.string().min(1).max(20),
    score: z.number().nullable().optional(),
    missing: z.array(z.string().max(100)).max(30).optional(),
    note: z.string().max(2000).optional(),
    fileIds: z.array(Id).max(20).optional(),
  })).max(500),
  bonus: z.array(z.object({ itemCode: z.string().min(1).max(20), score: z.number() })).max(50).default([]),
  vetoes: z.array(z.string().max(20)).max(50).default([]),
});
export type EntriesInput = z.infer<typeof EntriesSchema>;

export const AssessmentInputSchema = z.object({
  entries: EntriesSchema,
  submit: z.boolean().default(false),
  /** review only: the assessment team (≥ 2) */
  reviewerIds: z.array(Id).max(20).optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentInputSchema>;

export const ActivityInputSchema = z.object({
  action: z.enum(TEN_ACTION_KEYS),
  title: z.string().trim().min(1).max(200),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式为 YYYY-MM-DD / the date reads YYYY-MM-DD"),
  participants: z.coerce.number().int().min(0).max(1_000_000),
  itemCodes: z.array(z.string().max(20)).max(50).default([]),
});

export const QuotaInputSchema = z.object({ orgId: Id, kind: z.enum(TITLE_KINDS), allowed: z.coerce.number().int().min(0).max(10_000) });

export const RecommendInputSchema = z.object({
  holderOrgId: Id,
  kind: z.enum(TITLE_KINDS),
  memberId: Id.nullable().optional(),
  roundId: Id,
  /** 优胜班组: 三违 recorded for the team this cycle */
  threeViolations: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const HazardReportSchema = z.object({
  unitId: Id.optional(),
  teamId: Id.nullable().optional(),
  place: z.string().trim().min(1, "请填写隐患位置 / say where the hazard is").max(200),
  description: z.string().trim().min(2, "请描述隐患 / describe the hazard").max(2000),
  anonymous: z.coerce.boolean().default(false),
});
export const HazardActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), assignee: z.string().trim().min(1, "请填写整改责任人 / name who fixes it").max(100), dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
  z.object({ action: z.literal("fix"), fixNote: z.string().trim().min(2, "请填写整改情况 / describe the fix").max(2000) }),
  z.object({ action: z.literal("close") }),
]);
export type HazardActionInput = z.infer<typeof HazardActionSchema>;
// The photos are not ids in the body: the page sends them as files, the API base64 (FileUploadSchema),
// and the service stores them only once the report or the action is accepted (no client links a
// file it did not upload here).

export const QuestionInputSchema = z.object({
  orgId: Id,
  kind: z.enum(QUESTION_KINDS),
  stem: z.string().trim().min(2).max(1000),
  options: z.array(z.string().trim().min(1).max(300)).min(2).max(8),
  answer: z.array(z.string().regex(/^[A-H]$/, "答案为选项字母 A–H / the answer is option letters A–H")).min(1).max(8),
  points: z.coerce.number().int().min(1).max(100).default(1),
});

export const QuizInputSchema = z.object({
  orgId: Id,
  title: z.string().trim().min(2).max(100),
  opensAt: z.coerce.date(),
  closesAt: z.coerce.date(),
  durationSeconds: z.coerce.number().int().min(60).max(4 * 3600),
  questionIds: z.array(Id).min(1).max(200),
  prizeMode: z.enum(["rank", "draw"]).default("rank"),
}).refine((q) => q.closesAt > q.opensAt, { message: "结束时间须晚于开始时间 / the quiz closes after it opens", path: ["closesAt"] });

export const QuizAnswersSchema = z.object({ answers: z.record(z.string().max(100), z.array(z.string().max(2)).max(8)) });
export const SeedInputSchema = z.object({ seed: z.string().trim().min(8, "种子至少 8 个字符 / the seed has at least 8 characters").max(200).optional() });
