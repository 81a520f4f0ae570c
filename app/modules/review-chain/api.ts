import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { DECISIONS, SUBMISSION_STATUSES } from "./chain";
import { QuotaInputSchema, ReviewInputSchema, RoundInputSchema, WithdrawInputSchema } from "./schemas";
import { AssignSchema, FindingSchema, ObjectionApiSchema, OpenNoticeSchema } from "./notice-schemas";
import { AttachmentListSchema } from "~/modules/files/api-upload";
import { CalendarDaySchema } from "~/modules/calendar/schemas";
import { SETTINGS_SCHEMA } from "./settings";

// 逐级审核 (review chain), 公示 and the holiday calendar as JSON: the same services and
// schemas as the pages. The permission named here is checked again, with its organisation
// scope, in the service (per subject type: app/modules/review-chain/subject-types.ts).

const RoundIdParams = z.object({ roundId: z.string().min(1) });
const SubmissionIdParams = z.object({ submissionId: z.string().min(1) });
const NoticeIdParams = z.object({ noticeId: z.string().min(1) });
const ObjectionIdParams = z.object({ objectionId: z.string().min(1) });

const OrgRef = z.object({ id: z.string(), name: z.string() });

export const SubmissionSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  roundTitle: z.string(),
  subjectType: z.string().describe("e.g. honours.nomination"),
  subjectLabel: z.string(),
  subjectId: z.string(),
  title: z.string(),
  category: z.string().describe("quota category (N-16), empty when none"),
  status: z.enum(SUBMISSION_STATUSES),
  statusLabel: z.string(),
  currentLevel: z.number().int().describe("index into levels"),
  currentOrg: OrgRef.nullable(),
  returnReason: z.string().nullable(),
  submitter: z.object({ id: z.string(), name: z.string(), path: z.string() }),
  levels: z.array(z.object({ id: z.string(), name: z.string(), path: z.string() })).describe("reviewing organisations, lowest first; the last approves (rule N-30)"),
  trail: z.array(z.object({
    level: z.number().int(), orgName: z.string(), decision: z.enum(DECISIONS), decisionLabel: z.string(), reason: z.string().nullable(), by: z.string().nullable(), at: z.string(),
  })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const TransitionResponse = z.object({ id: z.string(), status: z.enum(SUBMISSION_STATUSES), currentLevel: z.number().int(), decision: z.enum(DECISIONS) });

export const createRoundOp = defineOperation({
  operationId: "createReviewRound",
  method: "post",
  path: "/review-rounds",
  summary: "创建评审轮次 / create a review round",
  description: "一个轮次对应一条审核链：提交单位之上、审批单位（topOrgId）之下，类型在 reviewingTypes 中的组织逐级审核，审批单位最后审批（rule N-30）。/ Organisations of the listed types between the submitting unit and the approving organisation review in turn; the approving organisation decides last.",
  tags: ["review-chain"],
  permission: "award:manage",
  body: RoundInputSchema,
  response: z.object({ id: z.string(), title: z.string(), subjectType: z.string(), topOrgId: z.string() }),
  successStatus: 201,
  errors: [404],
});

export const setQuotaOp = defineOperation({
  operationId: "setReviewQuota",
  method: "post",
  path: "/review-rounds/{roundId}/quotas",
  summary: "设置某级单位的推荐名额（可按类别）/ set a level's quota, optionally per category (rule N-16)",
  tags: ["review-chain"],
  permission: "award:manage",
  params: RoundIdParams,
  body: QuotaInputSchema,
  response: z.object({ id: z.string(), orgId: z.string(), category: z.string(), limit: z.number().int() }),
  errors: [404],
});

export const listRoundSubmissionsOp = defineOperation({
  operationId: "listRoundSubmissions",
  method: "get",
  path: "/review-rounds/{roundId}/submissions",
  summary: "本轮申报（按可见范围）/ the round's submissions the caller may see",
  tags: ["review-chain"],
  params: RoundIdParams,
  response: z.object({ items: z.array(SubmissionSchema) }),
  errors: [404],
});

export const reviewQueueOp = defineOperation({
  operationId: "reviewQueue",
  method: "get",
  path: "/review-queue",
  summary: "待我审核的申报，以及本单位被退回的申报 / submissions waiting at my levels, and my units' returned ones",
  tags: ["review-chain"],
  response: z.object({ toReview: z.array(SubmissionSchema), returned: z.array(SubmissionSchema) }),
});

export const getSubmissionOp = defineOperation({
  operationId: "getSubmission",
  method: "get",
  path: "/submissions/{submissionId}",
  summary: "申报详情与审核记录 / a submission with its trail",
  tags: ["review-chain"],
  params: SubmissionIdParams,
  response: SubmissionSchema.extend({ canReview: z.boolean(), canResubmit: z.boolean(), canWithdraw: z.boolean() }),
  errors: [404],
});

export const reviewSubmissionOp = defineOperation({
  operationId: "reviewSubmission",
  method: "post",
  path: "/submissions/{submissionId}/review",
  summary: "本级审核：退回、不予推荐或推荐上报（顶级为批准）/ review at the current level: return, refuse or recommend (approve at the top)",
  description: "退回和不予推荐须写原因。推荐受本级名额限制（400 over_quota）；本级公示未结束、有未办结异议或候选人已被撤下时不能推荐（409 notice_hold）。/ Return and refuse need a reason. Recommending is limited by the level's quota (400 over_quota) and held by this level's public notice (409 notice_hold).",
  tags: ["review-chain"],
  params: SubmissionIdParams,
  body: ReviewInputSchema,
  response: TransitionResponse,
  errors: [404, 409],
});

export const resubmitSubmissionOp = defineOperation({
  operationId: "resubmitSubmission",
  method: "post",
  path: "/submissions/{submissionId}/resubmit",
  summary: "修改后重新提交（回到退回的层级）/ resubmit a returned submission to the level that returned it",
  tags: ["review-chain"],
  params: SubmissionIdParams,
  response: TransitionResponse,
  errors: [404, 409],
});

export const withdrawSubmissionOp = defineOperation({
  operationId: "withdrawSubmission",
  method: "post",
  path: "/submissions/{submissionId}/withdraw",
  summary: "撤回申报 / withdraw a submission",
  tags: ["review-chain"],
  params: SubmissionIdParams,
  body: WithdrawInputSchema,
  response: TransitionResponse,
  errors: [404, 409],
});

const NoticeSummary = z.object({
  id: z.string(), code: z.string().describe("the public page is /notices/{code}"), title: z.string(), roundTitle: z.string(), orgName: z.string(),
  startsOn: z.string(), endsOn: z.string(), windowKind: z.string().describe("calendar | working"), windowDays: z.number().int(), entries: z.number().int(), objections: z.number().int(),
});

export const openNoticeOp = defineOperation({
  operationId: "openNotice",
  method: "post",
  path: "/review-rounds/{roundId}/notices",
  summary: "发布本级公示 / open a public notice at a level",
  description: "公示期按自然日或工作日（节假日日历）计算，结束日由服务器算出；短于规定期限（基层默认 5 个工作日，上级默认 5 天）答 400 window_too_short。/ The end date is computed on the holiday calendar; a window shorter than the setting is refused.",
  tags: ["notices"],
  permission: "award:review",
  params: RoundIdParams,
  body: OpenNoticeSchema,
  response: z.object({ id: z.string(), publicCode: z.string(), startsOn: z.string(), endsOn: z.string() }),
  successStatus: 201,
  errors: [404, 409],
});

export const listNoticesOp = defineOperation({
  operationId: "listNotices",
  method: "get",
  path: "/notices",
  summary: "我所在层级的公示 / notices of the levels I review",
  tags: ["notices"],
  query: z.object({ roundId: z.string().optional() }),
  response: z.object({ items: z.array(NoticeSummary) }),
});

const PublicEntry = z.object({ id: z.string(), name: z.string(), sex: z.string(), unit: z.string(), post: z.string(), deeds: z.string() });

export const getPublicNoticeOp = defineOperation({
  operationId: "getPublicNotice",
  method: "get",
  path: "/public/notices/{code}",
  summary: "公示（公开，无需登录）/ a public notice (no sign-in)",
  description: "只含姓名、性别、单位、职务和简要事迹，不含身份证号。/ Name, sex, unit, post and short deeds only: never an ID number.",
  tags: ["notices"],
  public: true,
  params: z.object({ code: z.string().min(1) }),
  response: z.object({
    code: z.string(), title: z.string(), orgName: z.string(), contact: z.string(), windowKind: z.string(), windowDays: z.number().int(),
    startsOn: z.string(), endsOn: z.string(), acceptingObjections: z.boolean(), entries: z.array(PublicEntry),
  }),
  errors: [404],
});

export const fileObjectionOp = defineOperation({
  operationId: "fileObjection",
  method: "post",
  path: "/public/notices/{code}/objections",
  summary: "反映异议（公开，无需登录）/ file an objection (no sign-in)",
  description: "个人须留真实姓名和电话；单位须附加盖公章的书面材料（letter: {filename, contentBase64}，PDF、JPEG 或 PNG，类型按内容识别，过大答 413）；公示期外答 409 notice_closed；匿名反映登记并标注，是否核查由设置决定（rule N-33）。被拒的反映不留下任何记录或文件。/ Individuals give a real name and phone; a unit attaches its sealed letter (letter: {filename, contentBase64}; PDF, JPEG or PNG by content; too large answers 413); outside the notice window 409 notice_closed; anonymous reports are recorded and marked. A refused objection stores nothing.",
  tags: ["notices"],
  public: true,
  params: z.object({ code: z.string().min(1) }),
  body: ObjectionApiSchema,
  response: z.object({ id: z.string(), kind: z.string(), toExamine: z.boolean(), status: z.string() }),
  successStatus: 201,
  errors: [404, 409, 413],
});

const ObjectionFileParams = z.object({ objectionId: z.string().min(1), fileId: z.string().min(1) });

export const listObjectionAttachmentsOp = defineOperation({
  operationId: "listObjectionAttachments",
  method: "get",
  path: "/objections/{objectionId}/attachments",
  summary: "异议的附件（单位盖章信函）/ an objection's attachment (a unit's sealed letter)",
  description: "For the reviewers of the notice's level (as the review page); others 403, an unknown objection 404. Empty for an individual's or an anonymous report.",
  tags: ["notices"],
  params: z.object({ objectionId: z.string().min(1) }),
  response: AttachmentListSchema,
  errors: [404],
});

export const getObjectionAttachmentOp = defineOperation({
  operationId: "getObjectionAttachment",
  method: "get",
  path: "/objections/{objectionId}/attachments/{fileId}",
  summary: "下载异议的盖章信函 / download an objection's sealed letter",
  description: "The file's bytes with its own Content-Type, Content-Disposition, Content-Security-Policy sandbox and nosniff (it was uploaded by a member of the public); same access as the list.",
  tags: ["notices"],
  params: ObjectionFileParams,
  contentType: "application/octet-stream",
  response: z.string().describe("the file's bytes"),
  errors: [404],
});

export const assignObjectionOp = defineOperation({
  operationId: "assignObjection",
  method: "post",
  path: "/objections/{objectionId}/assign",
  summary: "指定核查人 / assign an objection for 核查",
  tags: ["notices"],
  permission: "award:review",
  params: ObjectionIdParams,
  body: AssignSchema,
  response: z.object({ id: z.string(), status: z.string() }),
  errors: [404, 409],
});

export const decideObjectionOp = defineOperation({
  operationId: "decideObjection",
  method: "post",
  path: "/objections/{objectionId}/finding",
  summary: "核查结论：保留或撤下候选人 / the finding: keep or withdraw the candidate",
  tags: ["notices"],
  permission: "award:review",
  params: ObjectionIdParams,
  body: FindingSchema,
  response: z.object({ id: z.string(), status: z.string(), outcome: z.enum(["keep", "withdraw"]) }),
  errors: [404, 409],
});

export const getNoticeOp = defineOperation({
  operationId: "getNoticeForReview",
  method: "get",
  path: "/notices/{noticeId}",
  summary: "公示及其异议（本级审核人）/ a notice with its objections (the level's reviewers)",
  tags: ["notices"],
  params: NoticeIdParams,
  response: z.object({
    id: z.string(), code: z.string(), title: z.string(), orgName: z.string(), startsOn: z.string(), endsOn: z.string(),
    entries: z.array(PublicEntry.extend({ submissionId: z.string(), status: z.string() })),
    objections: z.array(z.object({
      id: z.string(), entryId: z.string(), candidate: z.string(), kind: z.string(), realName: z.string().nullable(), phone: z.string().nullable(),
      unitName: z.string().nullable(), content: z.string(), toExamine: z.boolean(), status: z.string(), assignee: z.string().nullable(),
      finding: z.string().nullable(), outcome: z.string().nullable(), createdAt: z.string(), decidedAt: z.string().nullable(),
    })),
  }).passthrough(),
  errors: [404],
});

export const listCalendarOp = defineOperation({
  operationId: "listCalendarDays",
  method: "get",
  path: "/calendar",
  summary: "节假日日历（法定节假日与调休上班日）/ the holiday calendar",
  tags: ["calendar"],
  query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  response: z.object({ items: z.array(z.object({ date: z.string(), kind: z.enum(["holiday", "workday"]), name: z.string() })) }),
});

export const saveCalendarDayOp = defineOperation({
  operationId: "saveCalendarDay",
  method: "post",
  path: "/calendar",
  summary: "新增或修改一天（系统管理员）/ add or change a day (administrator)",
  tags: ["calendar"],
  permission: "calendar:manage",
  body: CalendarDaySchema,
  response: z.object({ date: z.string(), kind: z.enum(["holiday", "workday"]), name: z.string() }),
});

export const getReviewSettingsOp = defineOperation({
  operationId: "getReviewSettings",
  method: "get",
  path: "/review-settings",
  summary: "逐级审核与公示设置（公示最短期限、匿名反映是否核查）/ review-chain and notice settings",
  tags: ["calendar"],
  response: SETTINGS_SCHEMA,
});

export const saveReviewSettingsOp = defineOperation({
  operationId: "saveReviewSettings",
  method: "post",
  path: "/review-settings",
  summary: "修改逐级审核与公示设置（系统管理员；只改给出的项）/ change the settings (administrator; only the keys given)",
  tags: ["calendar"],
  permission: "calendar:manage",
  body: SETTINGS_SCHEMA.partial().strict(),
  response: SETTINGS_SCHEMA,
});

export const reviewChainOperations = [
  createRoundOp, setQuotaOp, listRoundSubmissionsOp, reviewQueueOp, getSubmissionOp, reviewSubmissionOp, resubmitSubmissionOp, withdrawSubmissionOp,
  openNoticeOp, listNoticesOp, getNoticeOp, getPublicNoticeOp, fileObjectionOp, assignObjectionOp, decideObjectionOp, listObjectionAttachmentsOp, getObjectionAttachmentOp, listCalendarOp, saveCalendarDayOp,
  getReviewSettingsOp, saveReviewSettingsOp,
];
