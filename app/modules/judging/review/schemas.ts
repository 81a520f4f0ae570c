import { z } from "zod";

// One zod schema per input, shared by the pages' actions and the JSON API.

const text = (min: number, max: number, zh: string, en: string) =>
  z.string({ error: `${zh} / ${en}` }).trim().min(min, `${zh} / ${en}`).max(max, `最多 ${max} 字 / at most ${max} characters`);

/** A mark as typed: "8.5", "2" on the 0–3 scale; numbers are read through their decimal text. */
export const MarkValueSchema = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, "请输入分数 / enter a mark"));

export const RemarkRequestSchema = z.object({
  stationCode: z.string().trim().min(1, "请填写工位号 / give the station code").optional(),
  blindCodeId: z.string().min(1).optional(),
  aspectId: z.string().trim().min(1, "请选择评分点 / choose an aspect"),
  judgeId: z.string().trim().min(1, "请选择裁判 / choose a judge"),
  reason: text(2, 500, "请写明重评原因", "give the reason for the re-mark"),
}).refine((v) => v.stationCode || v.blindCodeId, { message: "请填写工位号 / give the station code", path: ["stationCode"] });

/** rule S-24: the chief judge rules that flagged marks stand as entered, with the reason. */
export const FlagResolutionSchema = z.object({
  stationCode: z.string().trim().min(1, "请填写工位号 / give the station code").optional(),
  blindCodeId: z.string().min(1).optional(),
  aspectId: z.string().trim().min(1, "请选择评分点 / choose an aspect"),
  reason: text(2, 500, "请写明裁定理由", "give the reason for the ruling"),
}).refine((v) => v.stationCode || v.blindCodeId, { message: "请填写工位号 / give the station code", path: ["stationCode"] });

/** The signer's own signing PIN, or their account password when they have no PIN (issue 12). */
const credential = {
  pin: z.string().trim().max(32).optional().transform((v) => v || null),
  password: z.string().max(200).optional().transform((v) => v || null),
};

export const SignOffSchema = z.object({
  sessionId: z.string().trim().optional().transform((v) => v || null).nullable(),
  ...credential,
});

export const CorrectionSchema = z.object({
  value: MarkValueSchema,
  reason: z.string({ error: "更正必须填写原因 / a correction needs a reason" }).trim().min(2, "更正必须填写原因 / a correction needs a reason").max(500),
  kind: z.enum(["correction", "recheck", "appeal"]).default("correction"),
  appealId: z.string().optional(),
});

export const PaperSheetSchema = z.object({
  stationCode: z.string().trim().min(1, "请填写工位号 / give the station code"),
  judgeId: z.string().trim().min(1, "请选择裁判 / choose the judge"),
  judgeLabel: z.string().trim().max(60).optional(),
  values: z.record(z.string(), z.union([z.string(), z.number()]).transform((v) => String(v))),
});

export const TheoryRowSchema = z.object({
  admissionNo: z.string().trim(),
  score: z.union([z.string(), z.number()]).transform((v) => String(v)),
  voided: z.union([z.boolean(), z.string()]).optional(),
  voidReason: z.string().optional(),
});

export const TheoryBatchSchema = z.object({
  source: z.enum(["import", "manual"]).default("import"),
  rows: z.array(TheoryRowSchema).min(1, "没有可导入的成绩行 / no rows").max(5000),
});

export const RecheckDrawSchema = z.object({
  topN: z.coerce.number().int().min(0).max(1000).default(10),
  samplePercent: z.coerce.number().min(15, "抽查比例不得低于 15% / at least 15 % (rule S-40)").max(100).multipleOf(0.01).default(15),
});

export const RecheckItemSchema = z.object({
  wrongMarks: z.coerce.number().int().min(0, "错误数不能为负 / cannot be negative"),
  note: z.string().trim().max(500).optional(),
});

/** rule S-34: decryption is watched by a supervisor, who signs with their own PIN or password. */
export const DecryptionStepSchema = z.object({
  layer: z.coerce.number().int().min(1).max(2),
  witnessUsername: z.string().trim().max(60).optional().transform((v) => v || null),
  witnessPin: z.string().trim().max(32).optional().transform((v) => v || null),
  witnessPassword: z.string().max(200).optional().transform((v) => v || null),
});

export const AppealSchema = z.object({
  text: text(5, 4000, "请写明申诉事由", "write the grounds of the appeal"),
  admissionNo: z.string().trim().max(40).optional().transform((v) => v || undefined),
});

export const RulingSchema = z.object({
  decision: z.enum(["upheld", "rejected"], { error: "请选择裁决结果 / choose upheld or rejected" }),
  ruling: text(2, 2000, "裁决须写明理由", "a ruling needs its reason"),
  reopen: z.array(z.object({ aspectId: z.string().min(1), judgeId: z.string().min(1) })).default([]),
});
