import { z } from "zod";
import { REVIEW_ACTIONS } from "./chain";
import { SUBJECT_TYPE_KEYS } from "./subject-types";

// One zod schema per input, shared by the pages, the actions and the API.

const text = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max, `不能超过 ${max} 个字 / at most ${max} characters`);

export const RoundInputSchema = z.object({
  subjectType: z.enum(SUBJECT_TYPE_KEYS, { error: "请选择申报类型 / choose the kind of submission" }),
  title: text(120, "请填写轮次名称 / give the round a title"),
  topOrgId: text(64, "请选择审批单位 / choose the approving organisation"),
  reviewingTypes: z.array(z.string()).default([]).describe("organisation types that review on the way up (e.g. county, industry, city); the top always reviews"),
});
export type RoundInput = z.infer<typeof RoundInputSchema>;

export const QuotaInputSchema = z.object({
  orgId: text(64, "请选择单位 / choose the organisation"),
  category: z.string().trim().max(40).default(""),
  limit: z.coerce.number({ error: "名额须为整数 / the quota must be a whole number" }).int("名额须为整数 / the quota must be a whole number").min(0, "名额不能为负数 / the quota cannot be negative").max(100_000),
});
export type QuotaInput = z.infer<typeof QuotaInputSchema>;

export const ReviewInputSchema = z.object({
  level: z.coerce.number({ error: "缺少审核层级 / level missing" }).int().min(0),
  action: z.enum(REVIEW_ACTIONS, { error: "请选择审核意见：退回、不予推荐或推荐 / choose return, refuse or recommend" }),
  reason: z.string().trim().max(500, "原因不能超过 500 个字 / at most 500 characters").optional(),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

export const WithdrawInputSchema = z.object({
  reason: z.string().trim().max(500, "原因不能超过 500 个字 / at most 500 characters").optional(),
});
