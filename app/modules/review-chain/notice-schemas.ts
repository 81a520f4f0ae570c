import { z } from "zod";
import { isIsoDate } from "~/modules/calendar/working-days";
import { NOTICE_MESSAGES, OBJECTION_KINDS, WINDOW_KINDS } from "./notice-rules";
import { FileUploadSchema } from "~/modules/files/api-upload";

// The 公示 inputs: one schema each, shared by the pages and the API.

export const OpenNoticeSchema = z.object({
  orgId: z.string().trim().min(1, "请选择公示单位 / choose the organisation holding the notice"),
  title: z.string().trim().min(1, "请填写公示标题 / give the notice a title").max(120, "标题不能超过 120 个字 / at most 120 characters"),
  windowKind: z.enum(WINDOW_KINDS, { error: "请选择按自然日或工作日计算 / choose calendar or working days" }),
  windowDays: z.coerce.number({ error: "公示天数须为整数 / the number of days must be a whole number" }).int("公示天数须为整数 / whole days").min(1, "公示天数至少 1 天 / at least 1 day").max(60, "公示天数不超过 60 天 / at most 60 days"),
  startsOn: z.string().trim().refine(isIsoDate, "开始日期格式应为 年-月-日 / the start date must be YYYY-MM-DD"),
  contact: z.string().trim().max(300, "联系方式不能超过 300 个字 / at most 300 characters").default(""),
  submissionIds: z.array(z.string().min(1)).min(1, NOTICE_MESSAGES.noEntries),
});
export type OpenNoticeInput = z.infer<typeof OpenNoticeSchema>;

export const ObjectionSchema = z.object({
  entryId: z.string().trim().min(1, "请选择被反映的公示对象 / choose the candidate concerned"),
  kind: z.enum(OBJECTION_KINDS, { error: "请选择反映方式：个人实名、单位或匿名 / choose individual, unit or anonymous" }),
  realName: z.string().trim().max(40, "姓名不能超过 40 个字 / at most 40 characters").optional(),
  phone: z.string().trim().max(30, "电话不能超过 30 个字符 / at most 30 characters").optional(),
  unitName: z.string().trim().max(100, "单位名称不能超过 100 个字 / at most 100 characters").optional(),
  content: z.string().trim().min(1, NOTICE_MESSAGES.contentRequired).max(2000, "反映内容不能超过 2000 个字 / at most 2000 characters"),
});
export type ObjectionInput = z.infer<typeof ObjectionSchema>;

/** The objection through the JSON API: a unit's sealed letter travels base64 (issue 13, rule N-33). */
export const ObjectionApiSchema = ObjectionSchema.extend({
  letter: FileUploadSchema.optional().describe("a unit's letter with its seal (盖章信函), required for kind unit: PDF, JPEG or PNG, the type taken from the bytes"),
});

export const AssignSchema = z.object({ assigneeId: z.string().trim().min(1, "请选择核查人 / choose who checks it") });
export const FindingSchema = z.object({
  finding: z.string().trim().min(1, NOTICE_MESSAGES.findingRequired).max(2000, "核查结论不能超过 2000 个字 / at most 2000 characters"),
  outcome: z.enum(["keep", "withdraw"], { error: "请选择：保留候选人 或 撤下候选人 / choose keep or withdraw" }),
});

