import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { CampaignInputSchema, CampaignSettingsSchema, ControlCapInputSchema, HoldBackSchema, NominationInputSchema, SendListSchema } from "./schemas";
import { RESULT_KINDS } from "./ratios";
import { SUBMISSION_STATUSES } from "~/modules/review-chain/chain";
import { AttachmentListSchema, FileUploadFields } from "~/modules/files/api-upload";

// 评选表彰 (campaigns), 推荐对象 (nominations) and each level's list with its structure panel,
// as JSON: the same services and schemas as the pages. The permission named here is checked
// again, with its organisation scope, in the service.

const CampaignIdParams = z.object({ campaignId: z.string().min(1) });
const NominationIdParams = z.object({ nominationId: z.string().min(1) });
const LevelParams = z.object({ campaignId: z.string().min(1), orgId: z.string().min(1) });

const CampaignSummary = z.object({
  id: z.string(), title: z.string(), year: z.number().int(), level: z.string(), listing: z.string(), awards: z.array(z.string()),
  topOrg: z.object({ id: z.string(), name: z.string() }), status: z.string(), nominations: z.number().int(),
});

const RatioResultSchema = z.object({
  id: z.string(), label: z.string(), kind: z.enum(RESULT_KINDS), hard: z.boolean(), source: z.string().nullable(),
  count: z.number().int(), base: z.number().int(), figure: z.number().nullable().describe("percent, one decimal; null for count rules or an empty base"),
  requirement: z.string(), met: z.boolean(),
  toAdd: z.number().describe("min_share: matching candidates to add"), toReplace: z.number().int(), toRemove: z.number().int(), advice: z.string(),
});

const BilingualText = z.object({ zh: z.string(), en: z.string() });

/** A campaign step with where the candidates stand on it (issue 13 item 2, rules N-30, N-35). */
export const StepStatusSchema = z.object({
  key: z.string(), label: z.string().describe("the step's name in Chinese"), labelEn: z.string(), kind: z.enum(["notice", "review", "consult", "approve"]),
  status: z.enum(["done", "current", "pending"]).describe("done for every candidate concerned; current: the earliest step due that is not done; pending: later"),
  missing: BilingualText.nullable().describe("for the current step: what is missing, with how many candidates lack it"),
});

export const PanelSchema = z.object({
  results: z.array(RatioResultSchema),
  mayGoUp: z.boolean().describe("no hard rule unmet"),
  needsReason: z.boolean().describe("an advisory rule unmet: sending up needs a written reason"),
  blocking: z.array(z.string()), advisory: z.array(z.string()),
  counts: z.object({ included: z.number().int(), here: z.number().int(), heldBack: z.number().int(), sent: z.number().int() }),
});

const NominationSummary = z.object({
  id: z.string(), name: z.string(), award: z.string(), kind: z.string(), category: z.string(), orgId: z.string(), status: z.string(), submissionId: z.string().nullable(),
});

export const createCampaignOp = defineOperation({
  operationId: "createCampaign", method: "post", path: "/campaigns",
  summary: "创建评选表彰（奖项、年度、级别、常规或单列、审核步骤、截止日期）/ create an award campaign",
  description: "评选在审核链上逐级推荐（rule N-30）；默认结构比例规则（N-10 … N-20）可在设置中修改。/ The campaign runs on the review chain; its default structure rules are settings.",
  tags: ["nominations"], permission: "award:manage", body: CampaignInputSchema,
  response: z.object({ id: z.string(), roundId: z.string() }), successStatus: 201, errors: [404],
});

export const listCampaignsOp = defineOperation({
  operationId: "listCampaigns", method: "get", path: "/campaigns", summary: "评选表彰列表 / campaigns the caller works on", tags: ["nominations"],
  response: z.object({ items: z.array(CampaignSummary) }),
});

export const getCampaignOp = defineOperation({
  operationId: "getCampaign", method: "get", path: "/campaigns/{campaignId}", summary: "一次评选：设置、审核步骤及进度、名额、控制数和可见的推荐对象 / one campaign, with its review steps and where the round stands on each",
  tags: ["nominations"], params: CampaignIdParams,
  response: z.object({
    campaign: z.object({
      id: z.string(), roundId: z.string(), title: z.string(), year: z.number().int(), level: z.string(), listing: z.string(), awards: z.array(z.string()),
      steps: z.array(StepStatusSchema).describe("the campaign's review steps in order, with the round's status on each: the candidates under review and not held back, and those approved"),
      ratioRules: z.array(z.unknown()), deadlines: z.array(z.object({ scope: z.string(), date: z.string() })), competitivePct: z.number().int(), status: z.string() }).passthrough(),
    quotas: z.array(z.object({ orgId: z.string(), orgName: z.string(), category: z.string(), limit: z.number().int() })),
    nominations: z.array(NominationSummary.extend({
      orgName: z.string(),
      reviewStatus: z.enum(SUBMISSION_STATUSES).nullable().describe("the review chain's state once submitted (rule N-30): pending, returned, refused, approved or withdrawn; null for a draft"),
    })),
  }).passthrough(),
  errors: [404],
});

export const updateCampaignSettingsOp = defineOperation({
  operationId: "updateCampaignSettings", method: "post", path: "/campaigns/{campaignId}/settings",
  summary: "修改结构比例规则、截止日期、控制数、差额 / change the ratio rules, deadlines, caps and 差额 (rules N-10 … N-20, N-13, N-16, N-38)",
  tags: ["nominations"], permission: "award:manage", params: CampaignIdParams, body: CampaignSettingsSchema,
  response: z.object({ id: z.string() }), errors: [404],
});

export const setControlCapOp = defineOperation({
  operationId: "setControlCap", method: "post", path: "/campaigns/{campaignId}/control-caps",
  summary: "设置推荐单位的控制数（企业负责人、县处级干部）/ set a nominating body's cap (rule N-13)",
  tags: ["nominations"], permission: "award:manage", params: CampaignIdParams, body: ControlCapInputSchema,
  response: z.object({ id: z.string() }), errors: [404],
});

export const applyDeadlineOp = defineOperation({
  operationId: "applyCampaignDeadline", method: "post", path: "/campaigns/{campaignId}/apply-deadline",
  summary: "截止日期已过：逾期或未补正的材料视为自动放弃 / after the deadline, late or incomplete material is withdrawn (rule N-38)",
  tags: ["nominations"], permission: "award:manage", params: CampaignIdParams,
  response: z.object({ withdrawn: z.number().int(), deadline: z.string().nullable() }), errors: [404],
});

export const createNominationOp = defineOperation({
  operationId: "createNomination", method: "post", path: "/nominations",
  summary: "填写推荐表（个人或集体）/ fill in a nomination form (DOMAIN-RULES §5)",
  description: "简要事迹不超过 500 字；人员类别必须且只能选一项（categories 只含一个值）；截止日期后不再受理（rule N-38）。/ Short deeds ≤ 500 characters; exactly one category; nothing after the deadline.",
  tags: ["nominations"], permission: "award:nominate", body: NominationInputSchema,
  response: NominationSummary, successStatus: 201, errors: [404],
});

export const getNominationOp = defineOperation({
  operationId: "getNomination", method: "get", path: "/nominations/{nominationId}", summary: "推荐表全文 / the whole nomination form",
  tags: ["nominations"], params: NominationIdParams, response: z.object({ nomination: z.object({ id: z.string() }).passthrough() }).passthrough(), errors: [404],
});

export const updateNominationOp = defineOperation({
  operationId: "updateNomination", method: "put", path: "/nominations/{nominationId}",
  summary: "修改推荐表（草稿或被退回时）/ correct a draft or returned form",
  tags: ["nominations"], permission: "award:nominate", params: NominationIdParams, body: NominationInputSchema,
  response: NominationSummary, errors: [404, 409],
});

export const submitNominationOp = defineOperation({
  operationId: "submitNomination", method: "post", path: "/nominations/{nominationId}/submit",
  summary: "上报（职代会决议、本单位公示 ≥ 5 个工作日后）/ submit after the congress vote and the unit's notice (rules N-31, N-32)",
  tags: ["nominations"], permission: "award:nominate", params: NominationIdParams,
  response: z.object({ id: z.string(), submissionId: z.string(), status: z.string() }), errors: [404, 409],
});

export const getLevelListOp = defineOperation({
  operationId: "getLevelList", method: "get", path: "/campaigns/{campaignId}/levels/{orgId}",
  summary: "某一级的推荐名单与结构比例面板 / a level's list with its structure panel (rules N-10 … N-20)",
  description: "The panel's rule names (label), requirements and advice are in the request's language: Accept-Language, else the language cookie, else Chinese.",
  tags: ["nominations"], params: LevelParams,
  response: z.object({
    rows: z.array(z.object({ id: z.string(), name: z.string(), state: z.enum(["here", "sent", "returned", "refused"]), heldBack: z.boolean() }).passthrough()), panel: PanelSchema,
    steps: z.array(StepStatusSchema).describe("the campaign's steps for the list waiting at this level (else for what it sent up)"),
  }).passthrough(),
  errors: [404],
});

export const setHeldBackOp = defineOperation({
  operationId: "setHeldBack", method: "post", path: "/campaigns/{campaignId}/levels/{orgId}/held-back",
  summary: "暂不列入（或重新列入）本级名单，返回更新后的面板 / hold a candidate back from this level's list (or put it back); answers the panel",
  description: "The panel's rule names (label), requirements and advice are in the request's language: Accept-Language, else the language cookie, else Chinese.",
  tags: ["nominations"], permission: "award:review", params: LevelParams, body: HoldBackSchema, response: PanelSchema, errors: [404],
});

export const sendListUpOp = defineOperation({
  operationId: "sendListUp", method: "post", path: "/campaigns/{campaignId}/levels/{orgId}/send-up",
  summary: "本级名单上报（审批单位为批准）/ send this level's list up (at the top: approve)",
  description: "评选步骤中本级此前应完成的步骤未完成：409 step_not_done，指明步骤，不作任何改动。硬性比例未达到：422 ratio_unmet，不作任何改动；建议性比例未达到须填写 reason（422 reason_required）。每名推荐对象另经名额、公示和异议检查。/ A step of the campaign due before this level acts is not done: 409 step_not_done naming it, nothing changes. Hard rules block; advisory rules need a reason; each candidate is then checked for quota, notice and objections.",
  tags: ["nominations"], permission: "award:review", params: LevelParams, body: SendListSchema,
  response: z.object({ sent: z.number().int(), refused: z.array(z.object({ id: z.string(), name: z.string(), message: z.string() })), approved: z.boolean() }),
  errors: [404, 409, 422],
});

const AttachmentParams = z.object({ nominationId: z.string().min(1), fileId: z.string().min(1) });

export const NominationAttachmentBodySchema = z.object({
  label: z.string().trim().max(60).optional().describe("what the file is, e.g. 职代会会议记录, 公示照片, 证书 (default: the file's name)"),
  ...FileUploadFields,
});

export const attachNominationFileOp = defineOperation({
  operationId: "attachNominationFile", method: "post", path: "/nominations/{nominationId}/attachments",
  summary: "上传推荐材料附件（会议记录、公示照片、证书等，rule N-31）/ attach a document to a nomination (minutes, notice photo, certificate)",
  description: "The nominating unit's contact (award:nominate over the unit), while the form is a draft or returned and before the grass-roots deadline (rule N-38: after it, 400 after_deadline). The file's type is taken from its bytes (JPEG, PNG, PDF); too large a file answers 413, another type 400 file_type_refused. A refused upload stores nothing.",
  tags: ["nominations"], permission: "award:nominate", params: NominationIdParams, body: NominationAttachmentBodySchema,
  response: z.object({ fileId: z.string(), label: z.string() }), successStatus: 201, errors: [404, 409, 413],
});

export const listNominationAttachmentsOp = defineOperation({
  operationId: "listNominationAttachments", method: "get", path: "/nominations/{nominationId}/attachments",
  summary: "推荐表的附件列表 / a nomination's attachments",
  description: "Whoever may read the form (the unit, the levels it has reached, the campaign's managers); 404 for anyone else.",
  tags: ["nominations"], params: NominationIdParams, response: AttachmentListSchema, errors: [404],
});

export const getNominationAttachmentOp = defineOperation({
  operationId: "getNominationAttachment", method: "get", path: "/nominations/{nominationId}/attachments/{fileId}",
  summary: "下载推荐表的一个附件 / download one attachment of a nomination",
  description: "The file's bytes with its own Content-Type (images inline unless ?download=1, PDFs as attachment), Content-Security-Policy sandbox and nosniff. Access as for /files/{id} on the pages: the uploader, the unit's contacts, the levels the nomination has reached, the departments consulted (rule N-34).",
  tags: ["nominations"], params: AttachmentParams, contentType: "application/octet-stream", response: z.string().describe("the file's bytes"), errors: [404],
});

export const nominationOperations = [
  createCampaignOp, listCampaignsOp, getCampaignOp, updateCampaignSettingsOp, setControlCapOp, applyDeadlineOp,
  createNominationOp, getNominationOp, updateNominationOp, submitNominationOp, getLevelListOp, setHeldBackOp, sendListUpOp,
  attachNominationFileOp, listNominationAttachmentsOp, getNominationAttachmentOp,
];
