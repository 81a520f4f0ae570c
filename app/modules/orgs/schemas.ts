import { z } from "zod";
import { ORG_TYPE_KEYS, OWNERSHIPS, UNIT_CATEGORY_KEYS } from "./org-types";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());

export const OrgInputSchema = z.object({
  name: z.string().trim().min(2, "请填写组织名称（至少 2 个字）/ name is required").max(100, "名称最多 100 个字 / at most 100 characters"),
  shortName: optionalText(30),
  type: z.enum(ORG_TYPE_KEYS as [string, ...string[]], { message: "请选择组织类型 / choose a type" }),
  parentId: z.string().min(1, "请选择上级组织 / choose a parent"),
  ownership: z.preprocess((v) => (v === "" ? undefined : v), z.enum(OWNERSHIPS, { message: `所有制只能是 公有 或 非公 / ownership is "公有" (public) or "非公" (non-public)` }).optional()),
  industry: optionalText(50),
  region: optionalText(50),
  /** rule A-8: 安全生产监管部门 | 行业主管部门 | 规模以上企业, empty for none */
  unitCategory: z.preprocess((v) => (v === "" ? undefined : v), z.enum(UNIT_CATEGORY_KEYS as [string, ...string[]], { message: "单位类别只能是 安全生产监管部门、行业主管部门 或 规模以上企业 / unit category is safetyRegulator, industryRegulator or aboveScaleEnterprise" }).optional()),
});
export type OrgInput = z.infer<typeof OrgInputSchema>;

export const OrgUpdateSchema = OrgInputSchema.omit({ parentId: true, type: true }).partial({ name: true });
export type OrgUpdate = z.infer<typeof OrgUpdateSchema>;

export const OrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
  depth: z.number().int(),
  ownership: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  unitCategory: z.string().nullable(),
});
