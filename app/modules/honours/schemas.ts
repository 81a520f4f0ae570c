import { z } from "zod";
import { HONOUR_LEVELS, HONOUR_SOURCES } from "./honour-levels";
import { REVOCATION_GROUND_KEYS } from "./revocation-grounds";

// One zod schema per input, shared by the pages, the actions and the API.

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(64).optional());
export const HOLDER_MESSAGE = "请选择获奖个人或获奖集体（二选一）/ choose either a member or an organisation as the holder";

const honourFields = {
  memberId: optionalId.describe("the member who holds it (or orgId, not both)"),
  orgId: optionalId.describe("the organisation (enterprise, or a 班组 for 工人先锋号) that holds it (or memberId, not both)"),
  title: z.string({ error: "请填写荣誉称号 / give the title" }).trim().min(1, "请填写荣誉称号 / give the title").max(80, "荣誉称号不能超过 80 个字 / at most 80 characters"),
  level: z.enum(HONOUR_LEVELS, { error: "请选择荣誉级别 / choose the level" }),
  year: z.coerce.number({ error: "年度须为四位整数 / the year must be a four-digit number" }).int("年度须为四位整数 / the year must be a four-digit number").min(1950, "年度不早于 1950 年 / not before 1950").max(2100, "年度无效 / the year is not valid"),
  issuingBody: z.string({ error: "请填写授予机关 / give the issuing body" }).trim().min(1, "请填写授予机关 / give the issuing body").max(80, "授予机关不能超过 80 个字 / at most 80 characters"),
};

const exactlyOneHolder = (input: { memberId?: string; orgId?: string }, ctx: z.RefinementCtx) => {
  if (!!input.memberId === !!input.orgId) ctx.addIssue({ code: "custom", path: ["memberId"], message: HOLDER_MESSAGE });
};

/** An honour entered by hand in the register (source "manual"). */
export const ManualHonourSchema = z.object(honourFields).superRefine(exactlyOneHolder);
export type ManualHonourInput = z.infer<typeof ManualHonourSchema>;

/** An honour recorded by another domain (nominations, contests, 劳动竞赛, 安康杯). */
export const RecordHonourSchema = z.object({
  ...honourFields,
  source: z.enum(HONOUR_SOURCES),
  sourceId: optionalId.describe("the id of what it came from in that domain; with the title, recording twice is a no-op"),
  certificateId: optionalId,
}).superRefine(exactlyOneHolder);
export type RecordHonourInput = z.infer<typeof RecordHonourSchema>;

export const HonourSearchSchema = z.object({
  q: z.string().trim().max(60).optional().describe("part of the holder's name, the unit's name or the title"),
  year: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1950).max(2100).optional()),
  level: z.preprocess((v) => (v === "" ? undefined : v), z.enum(HONOUR_LEVELS).optional()),
  orgId: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(64).optional()).describe("only holders in this organisation's subtree"),
  includeRevoked: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).default(false),
});
export type HonourSearch = z.infer<typeof HonourSearchSchema>;

/** Rule N-43: bar a nominating unit from the next round. */
export const BarInputSchema = z.object({
  orgId: z.string({ error: "请选择推荐单位 / choose the nominating unit" }).trim().min(1, "请选择推荐单位 / choose the nominating unit").max(64),
  award: z.string().trim().max(20).optional().describe("an award key (奖状, 奖章, 先锋号, 劳模, 先进工作者); empty for every award"),
  fromYear: z.coerce.number({ error: "请填写年度 / give the year" }).int().min(1950).max(2100).describe("the round in which the bad nomination was made"),
  untilYear: z.coerce.number({ error: "请填写截止年度 / give the last barred year" }).int().min(1950).max(2100).describe("the last year barred (the next round's year)"),
  reason: z.string({ error: "请填写原因 / give the reason" }).trim().min(1, "请填写原因 / give the reason").max(500, "原因不能超过 500 个字 / at most 500 characters"),
  nominationId: optionalId,
});
export type BarInput = z.infer<typeof BarInputSchema>;

/** A request to revoke an honour (rules N-40 … N-42): grounds, details and the approving organisation. */
export const RevocationInputSchema = z.object({
  grounds: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.enum(REVOCATION_GROUND_KEYS), { error: "请选择撤销理由 / choose the grounds" }).min(1, "请至少选择一项撤销理由 / choose at least one ground")),
  details: z.string({ error: "请写明事实和依据 / state the facts" }).trim().min(1, "请写明事实和依据 / state the facts").max(3000, "情况说明不能超过 3000 个字 / at most 3000 characters"),
  approvingOrgId: z.string({ error: "请选择审批单位 / choose the approving organisation" }).trim().min(1, "请选择审批单位 / choose the approving organisation").max(64).describe("the body that named the honour (it approves the revocation, N-40)"),
  submitterOrgId: optionalId.describe("the original nominating unit reporting it (defaults to the holder's unit)"),
});
export type RevocationInput = z.infer<typeof RevocationInputSchema>;

/** 工人先锋号 复审 (rule N-41): open a round at the reviewing organisation for one period. */
export const PioneerOpenSchema = z.object({
  orgId: z.string({ error: "请选择审核单位 / choose the reviewing organisation" }).trim().min(1, "请选择审核单位 / choose the reviewing organisation").max(64),
  period: z.coerce.number({ error: "请填写复审年度 / give the review year" }).int("复审年度须为四位整数 / the year must be a four-digit number").min(1990, "复审年度无效 / the year is not valid").max(2100, "复审年度无效 / the year is not valid"),
  honourIds: z.preprocess((v) => (typeof v === "string" ? (v ? [v] : []) : v), z.array(z.string().trim().min(1).max(64)).max(2000).optional())
    .describe("the 工人先锋号 honours to review; empty for every live one this organisation issued in its subtree"),
});
export type PioneerOpenInput = z.infer<typeof PioneerOpenSchema>;

/** The holder's periodic report. */
export const PioneerReportSchema = z.object({
  report: z.string({ error: "请填写复审报告 / write the report" }).trim().min(1, "请填写复审报告 / write the report").max(3000, "复审报告不能超过 3000 个字 / at most 3000 characters"),
});
export type PioneerReportInput = z.infer<typeof PioneerReportSchema>;

export const PIONEER_DECISIONS = ["keep", "withdraw"] as const;
/** The reviewer's conclusion: keep or withdraw the title, always with a reason. */
export const PioneerDecisionSchema = z.object({
  decision: z.enum(PIONEER_DECISIONS, { error: "请选择保留或撤销称号 / choose keep or withdraw" }),
  reason: z.string({ error: "请填写理由 / give the reason" }).trim().min(1, "请填写理由 / give the reason").max(500, "理由不能超过 500 个字 / at most 500 characters"),
});
export type PioneerDecisionInput = z.infer<typeof PioneerDecisionSchema>;
