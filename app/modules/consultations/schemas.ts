import { z } from "zod";

// One zod schema per input, shared by /consultations, its actions and the API.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const OpenConsultationSchema = z.object({
  submissionId: z.string({ error: "请选择推荐对象 / choose the candidate" }).trim().min(1, "请选择推荐对象 / choose the candidate").max(64),
  dueOn: z.string({ error: "请填写反馈期限 / give the deadline" }).trim().regex(DATE, "反馈期限格式应为 YYYY-MM-DD / the deadline must be YYYY-MM-DD"),
});
export type OpenConsultationInput = z.infer<typeof OpenConsultationSchema>;

export const AnswerSchema = z.object({
  answer: z.enum(["no_objection", "problem"], { error: "请选择“无意见”或“有问题” / choose no objection or problem" }),
  details: z.string().trim().max(2000, "情况说明不能超过 2000 个字 / at most 2000 characters").optional(),
}).superRefine((v, ctx) => {
  if (v.answer === "problem" && !v.details) ctx.addIssue({ code: "custom", path: ["details"], message: "反馈问题须写明具体情况 / describe the problem" });
});
export type AnswerInput = z.infer<typeof AnswerSchema>;

export const RulingSchema = z.object({
  ruling: z.enum(["cleared", "upheld"], { error: "请选择认定结果 / choose cleared or upheld" }),
  reason: z.string({ error: "请写明认定理由 / give the reason" }).trim().min(1, "请写明认定理由 / give the reason").max(1000, "理由不能超过 1000 个字 / at most 1000 characters"),
});
export type RulingInput = z.infer<typeof RulingSchema>;
