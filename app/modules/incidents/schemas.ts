import { z } from "zod";
import { INCIDENT_KINDS, severityProblem } from "./incident-kinds";

// One zod schema per input, shared by the page, the action and the API.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const IncidentInputSchema = z.object({
  orgId: z.string({ error: "请选择发生单位 / choose the organisation" }).trim().min(1, "请选择发生单位 / choose the organisation").max(64),
  kind: z.enum(INCIDENT_KINDS, { error: "请选择事件类型 / choose the kind of incident" }),
  severity: z.preprocess((v) => (v === "" ? null : v), z.string().max(32).nullable().optional()).describe("safety_accident: minor_injury | serious_injury | fatal; quality_accident: general | major | severe; otherwise empty"),
  occurredOn: z.string({ error: "请填写发生日期 / give the date" }).trim().regex(DATE, "发生日期格式应为 YYYY-MM-DD / the date must be YYYY-MM-DD")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "发生日期无效 / the date is not valid").describe("YYYY-MM-DD"),
  title: z.string({ error: "请填写事件名称 / give the incident a title" }).trim().min(1, "请填写事件名称 / give the incident a title").max(120, "事件名称不能超过 120 个字 / at most 120 characters"),
  description: z.string().trim().max(4000, "情况说明不能超过 4000 个字 / at most 4000 characters").default(""),
  casualties: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number({ error: "伤亡人数须为整数 / casualties must be a whole number" }).int("伤亡人数须为整数 / casualties must be a whole number").min(0, "伤亡人数不能为负数 / casualties cannot be negative").max(100_000).optional()),
}).superRefine((input, ctx) => {
  const problem = severityProblem(input.kind, input.severity ?? null);
  if (problem) ctx.addIssue({ code: "custom", path: ["severity"], message: problem });
});
export type IncidentInput = z.infer<typeof IncidentInputSchema>;

export const IncidentFilterSchema = z.object({
  orgId: z.string().trim().max(64).optional().describe("only this organisation and the ones under it"),
  year: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1949).max(2100).optional()),
  kind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(INCIDENT_KINDS).optional()),
});
export type IncidentFilter = z.infer<typeof IncidentFilterSchema>;
