import { z } from "zod";
import { parsePercent } from "./credit";
import { CATEGORIES, KINDS } from "./settings";

// One zod schema per input, shared by the pages, the actions and the API (issue 16).

const text = (max: number, name: string) =>
  z.string().trim().max(max, `${name}不能超过 ${max} 个字 / ${name}: at most ${max} characters`).default("");

const optionalYuan = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : v),
  z.coerce.number({ error: "金额须为整数（元）/ amounts are whole yuan" }).int("金额须为整数（元）/ amounts are whole yuan").min(0, "金额不能为负 / no negative amounts").max(1e12, "金额过大 / amount too large").optional(),
);

const percent = z.preprocess(
  (v) => (typeof v === "number" ? String(v) : v),
  z.string({ error: "请填写贡献比例 / give the share" }).transform((s, ctx) => {
    const bp = parsePercent(s);
    if (bp === null) {
      ctx.addIssue({ code: "custom", message: "贡献比例须为 0–100 之间的数，最多两位小数 / a share is a percent with at most two decimals" });
      return z.NEVER;
    }
    return bp;
  }),
);

export const AuthorInputSchema = z.object({
  memberId: z.string({ error: "请选择作者 / choose the author" }).trim().min(1, "请选择作者 / choose the author").max(64),
  share: percent.describe("percent of the credit, e.g. 60 or 33.34; together exactly 100"),
});

export const ProposalInputSchema = z.object({
  kind: z.enum(KINDS, { error: "请选择类型：合理化建议或技术创新成果 / choose proposal or innovation" }),
  category: z.enum(CATEGORIES, { error: "请选择类别 / choose the category" }),
  title: z.string({ error: "请填写标题 / give a title" }).trim().min(2, "请填写标题（至少 2 个字）/ give a title").max(80, "标题不能超过 80 个字 / at most 80 characters"),
  problem: text(2000, "存在问题"),
  content: text(4000, "建议内容"),
  expectedBenefit: text(1000, "预期效益"),
  expectedBenefitYuan: optionalYuan.describe("expected annual benefit in whole yuan; it never moves a grade"),
  authors: z.array(AuthorInputSchema).min(1, "至少需要一名作者 / at least one author").max(20, "作者不超过 20 人 / at most 20 authors"),
  /** false: keep as a draft */
  submit: z.preprocess((v) => v === true || v === "1" || v === "true", z.boolean()).default(false),
});
export type ProposalInput = z.infer<typeof ProposalInputSchema>;

export const MergeSchema = z.object({
  targetId: z.string().trim().min(1, "请选择保留的建议 / choose the proposal to keep"),
  duplicateIds: z.array(z.string().trim().min(1)).min(1, "请选择至少一条重复建议 / choose at least one duplicate"),
});

export const SendToReviewSchema = z.object({
  proposalIds: z.array(z.string().trim().min(1)).min(1, "请选择要送评审的建议 / choose proposals to send to review"),
});

export const ScoreSchema = z.object({
  items: z.record(z.string(), z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.union([z.number(), z.string()]))).describe("item key → points, e.g. {\"technical\": 27.5}"),
});

export const DecisionSchema = z.object({
  decision: z.enum(["adopt", "reject"], { error: "请选择采纳或不予采纳 / adopt or reject" }),
  note: text(500, "说明"),
});

export const ImplementSchema = z.object({ note: text(1000, "实施情况") });

/** The union office reports the measured figure; it moves nothing until 财务 confirms it. */
export const BenefitSchema = z.object({
  annualBenefitYuan: optionalYuan.describe("the measured annual benefit, whole yuan"),
  note: z.string().trim().max(500).optional().describe("how it was measured (period, basis)"),
});

/** 财务's answer to a reported figure: confirm with its reference (凭证/文号) or refuse with a reason. */
export const BenefitConfirmationSchema = z.object({
  decision: z.enum(["confirm", "refuse"], { error: "请选择确认或不予确认 / confirm or refuse" }),
  financeReference: z.string().trim().max(60).optional().describe("the finance office's reference (文号), required to confirm"),
  reason: z.string().trim().max(500).optional().describe("why the figure is refused, required to refuse"),
});

export const DisputeSchema = z.object({
  kind: z.enum(["authorship", "ip"], { error: "请选择争议类型：署名或知识产权 / authorship or IP" }),
  description: z.string().trim().min(2, "请说明争议内容 / describe the dispute").max(1000),
});

export const ResolveDisputeSchema = z.object({ resolution: z.string().trim().min(2, "请填写处理结果 / give the resolution").max(1000) });

export const FiguresQuerySchema = z.object({
  year: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(2000).max(2100).optional()),
});
