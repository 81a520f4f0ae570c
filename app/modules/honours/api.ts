import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { HONOUR_LEVELS, HONOUR_SOURCES } from "./honour-levels";
import { BarInputSchema, HonourSearchSchema, ManualHonourSchema, PioneerDecisionSchema, PioneerOpenSchema, PioneerReportSchema, RevocationInputSchema } from "./schemas";
import { REVOCATION_GROUND_KEYS } from "./revocation-grounds";
import { AttachmentListSchema, FileUploadSchema } from "~/modules/files/api-upload";

// The honours register (荣誉库) as JSON: the same services and schemas as /honours and
// /my-honours. The permission is checked again with the holder's unit in the service.

const Label = z.object({ zh: z.string(), en: z.string() });

export const HonourSchema = z.object({
  id: z.string(),
  holder: z.object({ kind: z.enum(["member", "org"]), id: z.string(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }).describe("the holder's unit (a member's organisation, or the organisation itself)"),
  title: z.string(),
  level: z.enum(HONOUR_LEVELS),
  levelLabel: Label,
  year: z.number().int(),
  issuingBody: z.string(),
  source: z.enum(HONOUR_SOURCES),
  sourceLabel: Label,
  certificate: z.object({ id: z.string().nullable().describe("a contest certificate's id (PDF download); null for the register's own honour certificate"), verifyCode: z.string() }).nullable().describe("what /verify/{code} checks, when a certificate was issued"),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});

export const searchHonoursOp = defineOperation({
  operationId: "searchHonours",
  method: "get",
  path: "/honours",
  summary: "荣誉库查询 / search the honours register",
  description: "调用者 honour:read 范围内的荣誉，按姓名、单位、称号、年度、级别查询；默认不含已撤销的。/ Honours within the caller's scope; revoked ones only with includeRevoked.",
  tags: ["honours"],
  permission: "honour:read",
  query: HonourSearchSchema,
  response: z.object({ items: z.array(HonourSchema) }),
});

export const recordHonourOp = defineOperation({
  operationId: "recordHonour",
  method: "post",
  path: "/honours",
  summary: "登记历史荣誉 / enter an honour by hand",
  description: "获奖个人（memberId）或获奖集体（orgId）二选一。/ Exactly one of memberId and orgId.",
  tags: ["honours"],
  permission: "honour:write",
  body: ManualHonourSchema,
  response: HonourSchema,
  successStatus: 201,
});

export const myHonoursOp = defineOperation({
  operationId: "myHonours",
  method: "get",
  path: "/me/honours",
  summary: "我的荣誉 / the caller's own honours",
  tags: ["honours"],
  permission: "self:profile",
  response: z.object({ linked: z.boolean().describe("false when the account has no member record"), items: z.array(HonourSchema) }),
});

const HonourIdParams = z.object({ honourId: z.string().min(1) });

export const getHonourOp = defineOperation({
  operationId: "getHonour",
  method: "get",
  path: "/honours/{honourId}",
  summary: "一条荣誉记录及其撤销申请 / one honour with its revocation requests",
  tags: ["honours"],
  permission: "honour:read",
  params: HonourIdParams,
  response: HonourSchema.extend({ revocations: z.array(z.object({ id: z.string(), status: z.enum(["pending", "approved", "refused", "withdrawn"]), grounds: z.array(z.string()), details: z.string(), documents: z.array(z.object({ fileId: z.string(), label: z.string() })).describe("download at /files/{fileId}"), submissionId: z.string().nullable(), createdAt: z.string() })) }),
  errors: [404],
});

export const requestRevocationOp = defineOperation({
  operationId: "requestHonourRevocation",
  method: "post",
  path: "/honours/{honourId}/revocations",
  summary: "申报撤销荣誉称号 / report a revocation up the review chain",
  description: "原推荐单位逐级上报，授予机关审批（rules N-40, N-42）；审批通过后荣誉撤销，证书核验显示已撤销。/ The original nominating unit reports upward level by level; the naming body approves; then the honour is revoked and /verify shows it.",
  tags: ["honours"],
  permission: "award:nominate",
  params: HonourIdParams,
  body: RevocationInputSchema.extend({
    documents: z.array(FileUploadSchema).max(10).optional().describe("判决书、处分决定、撤销申报表 / the judgment, the decision, the revocation form (rule N-42): PDF, JPEG or PNG, each checked before any is stored; one refused refuses the report (400, or 413 too large)"),
  }),
  response: z.object({ id: z.string(), honourId: z.string(), submissionId: z.string(), grounds: z.array(z.enum(REVOCATION_GROUND_KEYS)) }),
  successStatus: 201,
  errors: [404, 409, 413],
});

const RevocationParams = z.object({ revocationId: z.string().min(1) });

export const listRevocationDocumentsOp = defineOperation({
  operationId: "listRevocationDocuments",
  method: "get",
  path: "/revocations/{revocationId}/documents",
  summary: "撤销申报的材料列表 / a revocation report's documents",
  description: "For the reporting unit, the levels the report has reached and its author (rules N-40, N-42); 403 for anyone else, 404 for an unknown report.",
  tags: ["honours"],
  params: RevocationParams,
  response: AttachmentListSchema,
  errors: [404],
});

export const getRevocationDocumentOp = defineOperation({
  operationId: "getRevocationDocument",
  method: "get",
  path: "/revocations/{revocationId}/documents/{fileId}",
  summary: "下载撤销申报的一份材料 / download one document of a revocation report",
  description: "The file's bytes with its own Content-Type, Content-Disposition, Content-Security-Policy sandbox and nosniff; access as for /files/{id} on the pages.",
  tags: ["honours"],
  params: RevocationParams.extend({ fileId: z.string().min(1) }),
  contentType: "application/octet-stream",
  response: z.string().describe("the file's bytes"),
  errors: [404],
});

const BarSchema = z.object({ id: z.string(), org: z.object({ id: z.string(), name: z.string() }), award: z.string(), fromYear: z.number().int(), untilYear: z.number().int(), reason: z.string(), createdAt: z.string() });

export const listBarsOp = defineOperation({
  operationId: "listUnitBars",
  method: "get",
  path: "/unit-bars",
  summary: "被取消推荐资格的单位 / units barred from nominating (rule N-43)",
  tags: ["honours"],
  permission: "award:review",
  response: z.object({ items: z.array(BarSchema) }),
});

export const barUnitOp = defineOperation({
  operationId: "barNominatingUnit",
  method: "post",
  path: "/unit-bars",
  summary: "取消推荐单位下一届推荐资格 / bar a nominating unit from the next round (rule N-43)",
  description: "年度在 (fromYear, untilYear] 内的该奖项评选（award 为空则全部奖项）不得推荐。/ Campaigns of that award with a year in (fromYear, untilYear] refuse the unit's nominations.",
  tags: ["honours"],
  permission: "award:review",
  body: BarInputSchema,
  response: z.object({ id: z.string(), orgId: z.string(), award: z.string(), fromYear: z.number().int(), untilYear: z.number().int() }),
  successStatus: 201,
  errors: [404],
});

// ------------------------------------------------------------------ 工人先锋号 复审 (rule N-41)

export const PioneerReviewSchema = z.object({
  id: z.string(),
  period: z.number().int().describe("the year reviewed"),
  status: z.enum(["pending", "reported", "kept", "withdrawn"]).describe("pending: no report yet; reported; kept or withdrawn: the reviewer's conclusion"),
  honour: z.object({ id: z.string(), title: z.string(), holderName: z.string(), unitName: z.string(), year: z.number().int(), issuingBody: z.string(), revokedAt: z.string().nullable() }),
  reviewingOrg: z.object({ id: z.string(), name: z.string() }),
  report: z.string(),
  reportFileId: z.string().nullable().describe("download at /files/{id}"),
  reportedAt: z.string().nullable(),
  reason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  mayReport: z.boolean(),
  mayDecide: z.boolean(),
});

const PioneerReviewParams = z.object({ reviewId: z.string().min(1) });

export const listPioneerReviewsOp = defineOperation({
  operationId: "listPioneerReviews",
  method: "get",
  path: "/pioneer-reviews",
  summary: "工人先锋号复审 / 工人先锋号 periodic reviews (rule N-41)",
  description: "审核单位看到本单位发起的复审，集体所在单位联络员看到本单位的复审。/ Reviewers see the reviews their organisation opened; the holder's contact sees its own.",
  tags: ["honours"],
  query: z.object({ period: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1990).max(2100).optional()), status: z.enum(["pending", "reported", "kept", "withdrawn"]).optional() }),
  response: z.object({ items: z.array(PioneerReviewSchema) }),
});

export const openPioneerReviewsOp = defineOperation({
  operationId: "openPioneerReviews",
  method: "post",
  path: "/pioneer-reviews",
  summary: "发起工人先锋号复审 / open a 复审 round (rule N-41)",
  description: "授予单位的审核人为其范围内有效的工人先锋号发起一期复审；不指定 honourIds 时为本单位授予的全部。/ A reviewer of the awarding organisation opens one period for the live 工人先锋号 titles in its subtree (by default every one it issued).",
  tags: ["honours"],
  permission: "award:review",
  body: PioneerOpenSchema,
  response: z.object({ period: z.number().int(), created: z.array(z.string()), skipped: z.number().int().describe("titles already under review this period") }),
  successStatus: 201,
  errors: [404, 409],
});

export const getPioneerReviewOp = defineOperation({
  operationId: "getPioneerReview",
  method: "get",
  path: "/pioneer-reviews/{reviewId}",
  summary: "一条工人先锋号复审 / one 复审",
  tags: ["honours"],
  params: PioneerReviewParams,
  response: PioneerReviewSchema,
  errors: [404],
});

export const reportPioneerReviewOp = defineOperation({
  operationId: "reportPioneerReview",
  method: "post",
  path: "/pioneer-reviews/{reviewId}/report",
  summary: "报送复审情况 / the holder's report",
  description: "集体所在单位联络员报送本期情况，可附一份材料（attachment: {filename, contentBase64}，PDF、JPEG 或 PNG，类型按内容识别，过大答 413；被拒时不报送、不留文件）。每期一次。/ The holder's unit contact reports once per period, with an optional attachment (PDF, JPEG or PNG by content; too large answers 413; a refused attachment leaves the review unreported and stores nothing).",
  tags: ["honours"],
  permission: "award:nominate",
  params: PioneerReviewParams,
  body: PioneerReportSchema.extend({ attachment: FileUploadSchema.optional().describe("the report's scan or photos, as on the page (rule N-41)") }),
  response: PioneerReviewSchema,
  errors: [404, 409, 413],
});

export const listPioneerReportAttachmentsOp = defineOperation({
  operationId: "listPioneerReportAttachments",
  method: "get",
  path: "/pioneer-reviews/{reviewId}/attachments",
  summary: "复审报告的附件列表 / the attachment of a 复审 report",
  description: "For whoever may see the review (its reviewer, the holder's unit contact, readers of the register); 404 for anyone else. Empty until a report with an attachment is sent.",
  tags: ["honours"],
  params: PioneerReviewParams,
  response: AttachmentListSchema,
  errors: [404],
});

export const getPioneerReportAttachmentOp = defineOperation({
  operationId: "getPioneerReportAttachment",
  method: "get",
  path: "/pioneer-reviews/{reviewId}/attachments/{fileId}",
  summary: "下载复审报告的附件 / download a 复审 report's attachment",
  description: "The file's bytes with its own Content-Type, Content-Disposition, Content-Security-Policy sandbox and nosniff; same access as the list.",
  tags: ["honours"],
  params: PioneerReviewParams.extend({ fileId: z.string().min(1) }),
  contentType: "application/octet-stream",
  response: z.string().describe("the file's bytes"),
  errors: [404],
});

export const decidePioneerReviewOp = defineOperation({
  operationId: "decidePioneerReview",
  method: "post",
  path: "/pioneer-reviews/{reviewId}/decision",
  summary: "复审结论：保留或撤销称号 / keep or withdraw the title",
  description: "撤销后荣誉库记为已撤销，证书核验显示已撤销。/ Withdrawal revokes the honour in the register; /verify then shows it.",
  tags: ["honours"],
  permission: "award:review",
  params: PioneerReviewParams,
  body: PioneerDecisionSchema,
  response: PioneerReviewSchema,
  errors: [404, 409],
});

export const honourOperations = [searchHonoursOp, recordHonourOp, myHonoursOp, getHonourOp, requestRevocationOp, listRevocationDocumentsOp, getRevocationDocumentOp, listBarsOp, barUnitOp, listPioneerReviewsOp, openPioneerReviewsOp, getPioneerReviewOp, reportPioneerReviewOp, decidePioneerReviewOp, listPioneerReportAttachmentsOp, getPioneerReportAttachmentOp];
