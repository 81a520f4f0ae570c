import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { CATEGORIES, GRADES, KINDS, PROPOSAL_SETTINGS_SCHEMA } from "./settings";
import { STATES } from "./workflow";
import { BenefitConfirmationSchema, BenefitSchema, DecisionSchema, DisputeSchema, FiguresQuerySchema, ImplementSchema, MergeSchema, ProposalInputSchema, ResolveDisputeSchema, ScoreSchema, SendToReviewSchema } from "./schemas";

// 合理化建议 and 技术创新成果 (issue 16) as JSON: the same services and schemas as the /proposals
// pages. Each permission is checked again with the proposal's unit in the service.

const ProposalIdParams = z.object({ proposalId: z.string().min(1) });
const SessionIdParams = z.object({ sessionId: z.string().min(1) });
const DisputeIdParams = z.object({ disputeId: z.string().min(1) });

export const ProposalSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(KINDS),
  category: z.enum(CATEGORIES),
  title: z.string(),
  state: z.enum(STATES),
  stateLabel: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  authors: z.array(z.object({ memberId: z.string(), name: z.string(), share: z.number().int().describe("basis points: 10000 = 100 %"), isFrontline: z.boolean() })),
  expectedBenefitYuan: z.number().int().nullable(),
  confirmedBenefitYuan: z.number().int().nullable(),
  committeeTotal: z.number().int().nullable().describe("hundredths of a point"),
  gradeTotal: z.number().int().nullable().describe("hundredths of a point, benefit item as the confirmed benefit allows (rules I-1, I-2)"),
  grade: z.enum(GRADES).nullable(),
  gradeProvisional: z.boolean(),
  rewardYuan: z.number().int().nullable(),
  disputes: z.array(z.looseObject({ id: z.string(), kind: z.enum(["authorship", "ip"]), status: z.enum(["open", "resolved"]) })),
});

const tags = ["proposals"];

export const listMyProposalsOp = defineOperation({
  operationId: "listMyProposals", method: "get", path: "/proposals", tags, permission: "self:profile",
  summary: "我的合理化建议与创新成果 / the caller's own proposals",
  response: z.object({ linked: z.boolean(), proposals: z.array(ProposalSchema), notifications: z.array(z.looseObject({ id: z.string(), proposalId: z.string(), message: z.string() })) }),
});

export const createProposalOp = defineOperation({
  operationId: "createProposal", method: "post", path: "/proposals", tags, permission: "self:profile", successStatus: 201,
  summary: "提交或暂存建议 / submit a proposal or keep it as a draft",
  description: "作者贡献比例合计须为 100%（最多两位小数）；submit=false 时保存为草稿。/ Shares must add up to exactly 100 %; submit=false keeps a draft.",
  body: ProposalInputSchema, response: ProposalSchema,
});

export const getProposalOp = defineOperation({
  operationId: "getProposal", method: "get", path: "/proposals/{proposalId}", tags, permission: "self:profile", params: ProposalIdParams, errors: [404],
  summary: "一条建议或成果 / one proposal", response: ProposalSchema,
});

export const updateProposalOp = defineOperation({
  operationId: "updateProposal", method: "put", path: "/proposals/{proposalId}", tags, permission: "self:profile", params: ProposalIdParams, errors: [404, 409],
  summary: "修改草稿（可同时提交）/ change a draft (and submit it)", body: ProposalInputSchema, response: ProposalSchema,
});

export const withdrawProposalOp = defineOperation({
  operationId: "withdrawProposal", method: "post", path: "/proposals/{proposalId}/withdraw", tags, permission: "self:profile", params: ProposalIdParams, errors: [404, 409],
  summary: "撤回（仅在送评审前）/ withdraw (only until review)", response: ProposalSchema,
});

export const proposalInboxOp = defineOperation({
  operationId: "proposalInbox", method: "get", path: "/proposal-inbox", tags, permission: "proposal:manage",
  summary: "工会办公室收件箱 / the union office's inbox",
  query: z.object({ state: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STATES).optional()) }),
  response: z.object({ items: z.array(ProposalSchema) }),
});

export const mergeProposalsOp = defineOperation({
  operationId: "mergeProposals", method: "post", path: "/proposal-merges", tags, permission: "proposal:manage", errors: [404, 409],
  summary: "合并重复建议（保留全部作者）/ merge duplicates, keeping every author", body: MergeSchema, response: ProposalSchema,
});

export const sendToReviewOp = defineOperation({
  operationId: "sendProposalsToReview", method: "post", path: "/proposal-reviews", tags, permission: "proposal:manage", errors: [404, 409],
  summary: "送本半年评审（I-2：每年两次）/ send to this half-year's review (I-2)", body: SendToReviewSchema,
  response: z.object({ sessionIds: z.array(z.string()) }),
});

export const listReviewSessionsOp = defineOperation({
  operationId: "listProposalReviewSessions", method: "get", path: "/proposal-review-sessions", tags,
  summary: "评审批次 / review sessions", response: z.object({ items: z.array(z.looseObject({ id: z.string(), name: z.string(), sessionKey: z.string(), proposals: z.number().int() })) }),
});

export const getReviewSessionOp = defineOperation({
  operationId: "getProposalReviewSession", method: "get", path: "/proposal-review-sessions/{sessionId}", tags, params: SessionIdParams, errors: [404],
  summary: "一个评审批次及其建议 / one review session with its proposals",
  response: z.looseObject({ session: z.looseObject({ id: z.string(), name: z.string() }), reviewer: z.boolean(), proposals: z.array(z.looseObject({ id: z.string(), recusal: z.string().nullable() })) }),
});

export const setSessionCommitteeOp = defineOperation({
  operationId: "setProposalSessionCommittee", method: "put", path: "/proposal-review-sessions/{sessionId}/committee", tags, permission: "proposal:manage", params: SessionIdParams, errors: [404],
  summary: "确定本批次评审委员会（I-2）/ name the session's committee (I-2)",
  description: "从本单位范围内持有评审委员权限的账号中选定，替换原名单；只有选定的委员能为本批次打分。/ Accounts holding proposal:review over the unit; replaces the list; only they score the session.",
  body: z.object({ userIds: z.array(z.string().min(1)).max(50) }),
  response: z.looseObject({ session: z.looseObject({ id: z.string() }), committee: z.looseObject({ members: z.array(z.looseObject({ userId: z.string(), name: z.string(), recusals: z.array(z.string()) })) }) }),
});

export const scoreProposalOp = defineOperation({
  operationId: "scoreProposal", method: "put", path: "/proposals/{proposalId}/score", tags, permission: "proposal:review", params: ProposalIdParams, errors: [404, 409],
  summary: "评审委员逐项打分 / a committee member's sheet",
  description: "建议用 I-1 评分表（技术水平 30、经济效益 30、应用范围 20、实用性 20），成果用 I-2；每项不超过满分；同单位或同班组须回避（403 recusal）。/ I-1 or I-2 sheet; each item within its maximum; colleagues recuse.",
  body: ScoreSchema, response: ProposalSchema,
});

export const decideProposalOp = defineOperation({
  operationId: "decideProposal", method: "post", path: "/proposals/{proposalId}/decision", tags, permission: "proposal:manage", params: ProposalIdParams, errors: [404, 409],
  summary: "采纳或不予采纳 / adopt or not", body: DecisionSchema, response: ProposalSchema,
});

export const implementProposalOp = defineOperation({
  operationId: "implementProposal", method: "post", path: "/proposals/{proposalId}/implementation", tags, permission: "proposal:manage", params: ProposalIdParams, errors: [404, 409],
  summary: "确认已实施 / record the implementation", body: ImplementSchema, response: ProposalSchema,
});

export const reportBenefitOp = defineOperation({
  operationId: "reportProposalBenefit", method: "post", path: "/proposals/{proposalId}/benefit", tags, permission: "proposal:manage", params: ProposalIdParams, errors: [404, 409],
  summary: "报送实测经济效益，待财务确认 / report the measured benefit to the finance office",
  description: "报送的数字不改变等级和奖励，须财务部门确认后才生效。/ A reported figure moves nothing until the finance office confirms it.",
  body: BenefitSchema, response: ProposalSchema,
});

export const benefitQueueOp = defineOperation({
  operationId: "proposalBenefitQueue", method: "get", path: "/proposal-benefit-queue", tags, permission: "proposal:finance",
  summary: "待财务确认的效益 / reported benefits awaiting the finance office",
  response: z.object({ items: z.array(ProposalSchema) }),
});

export const confirmBenefitOp = defineOperation({
  operationId: "confirmProposalBenefit", method: "post", path: "/proposals/{proposalId}/benefit-confirmation", tags, permission: "proposal:finance", params: ProposalIdParams, errors: [404, 409],
  summary: "财务确认或不予确认报送的效益 / the finance office confirms or refuses the reported benefit",
  description: "确认须填写财务文号；只有确认后的数字才改变等级和奖励（I-1、I-2 效益档次）。不予确认须说明理由，作者会收到通知。/ Confirming needs the finance reference; only a confirmed figure moves the grade. Refusing needs a reason; the authors are told.",
  body: BenefitConfirmationSchema, response: ProposalSchema,
});

export const raiseDisputeOp = defineOperation({
  operationId: "raiseProposalDispute", method: "post", path: "/proposals/{proposalId}/disputes", tags, permission: "self:profile", params: ProposalIdParams, errors: [404], successStatus: 201,
  summary: "登记署名或知识产权争议（I-2）/ record an authorship or IP dispute (I-2)", body: DisputeSchema, response: ProposalSchema,
});

export const resolveDisputeOp = defineOperation({
  operationId: "resolveProposalDispute", method: "post", path: "/proposal-disputes/{disputeId}/resolution", tags, permission: "proposal:manage", params: DisputeIdParams, errors: [404, 409],
  summary: "争议处理结果 / resolve a dispute", body: ResolveDisputeSchema, response: ProposalSchema,
});

const FigureRowSchema = z.looseObject({
  id: z.string(), name: z.string(), kind: z.enum(["unit", "team"]), workers: z.number().int(), proposals: z.number().int(),
  per100: z.number().nullable().describe("proposals per 100 workers"), adoptionRate: z.number().nullable().describe("percent of decided proposals adopted"),
  confirmedBenefitYuan: z.number().int(), frontlineShare: z.number().nullable().describe("percent of authors who are front-line workers"),
});

export const proposalFiguresOp = defineOperation({
  operationId: "proposalFigures", method: "get", path: "/proposal-figures", tags, permission: "proposal:manage",
  summary: "合理化建议统计（每百名职工建议数、采纳率、确认效益、一线占比）/ figures per unit and team",
  query: FiguresQuerySchema, response: z.object({ year: z.number().int(), units: z.array(FigureRowSchema), teams: z.array(FigureRowSchema) }),
});

export const nominateTopTenOp = defineOperation({
  operationId: "nominateProposalTopTen", method: "post", path: "/proposals/{proposalId}/top-ten", tags, permission: "proposal:manage", params: ProposalIdParams, errors: [404, 409],
  summary: "推荐参评十佳合理化建议 / 十大技术创新成果（I-3）/ nominate for the yearly top ten (I-3)",
  description: "已实施、在年限内、无未解决争议（I-2）的才能推荐；经审核链逐级评审和公示，批准后作者记入荣誉库。/ Implemented, within the window of years, no open dispute; approved winners enter the honours register.",
  body: z.object({ roundId: z.string().trim().min(1, "请选择推荐轮次 / choose the round") }), response: ProposalSchema,
});

const SettingsResponse = z.object({ org: z.object({ id: z.string(), name: z.string() }), settings: PROPOSAL_SETTINGS_SCHEMA, fromOrgId: z.string().nullable().describe("the organisation whose record is in force (null: the defaults)"), defaults: PROPOSAL_SETTINGS_SCHEMA });

export const getProposalSettingsOp = defineOperation({
  operationId: "getProposalSettings", method: "get", path: "/proposal-settings", tags, permission: "proposal:settings", errors: [404],
  summary: "合理化建议设置（在用值与默认值）/ the proposal settings in force and the defaults",
  query: z.object({ orgId: z.string().min(1, "请选择组织 / choose the organisation") }), response: SettingsResponse,
});

export const saveProposalSettingsOp = defineOperation({
  operationId: "saveProposalSettings", method: "put", path: "/proposal-settings", tags, permission: "proposal:settings", errors: [404],
  summary: "保存本组织的合理化建议设置 / save an organisation's proposal settings",
  description: "分数线以百分之一分计（85 分 = 8500），须依次降低；奖金以元计，不高于上一等级。下级单位未单独设置的，沿用上级设置或默认值。/ Thresholds in hundredths, strictly falling; rewards in yuan, not rising; units without their own record use the nearest parent's or the defaults.",
  query: z.object({ orgId: z.string().min(1, "请选择组织 / choose the organisation") }), body: z.unknown(), response: SettingsResponse,
});

const ImportCell = z.union([z.string().max(4000), z.number(), z.null()]).optional();

export const importProposalsOp = defineOperation({
  operationId: "importProposals", method: "post", path: "/proposal-imports", tags, permission: "proposal:manage", errors: [400],
  summary: "批量导入建议，一行有误全部不导入 / import proposals, all or nothing",
  description: "The Excel template's rows as JSON (the same checks as the upload on the inbox page). Kind and category by key or Chinese label; authors are members of the office's subtree by name, phone or member ID, with shares in percent adding up to 100. Any bad row imports nothing: error.issues name each row (path rows.N, 1-based) and the column. Imported proposals arrive in the inbox as submitted.",
  body: z.object({
    rows: z.array(z.object({
      kind: ImportCell, category: ImportCell, title: ImportCell, problem: ImportCell, content: ImportCell, expectedBenefit: ImportCell,
      expectedBenefitYuan: ImportCell.describe("whole yuan"),
      authors: z.array(z.object({ member: ImportCell.describe("name, phone or member ID"), share: ImportCell.describe("percent, e.g. 60 or \"33.34\"") })).max(20).default([]),
    })).min(1, "至少一行 / at least one row").max(500, "一次最多导入 500 条建议 / at most 500 proposals at a time"),
  }),
  response: z.object({ imported: z.number().int(), ids: z.array(z.string()) }),
});

export const proposalOperations = [importProposalsOp, getProposalSettingsOp, saveProposalSettingsOp, nominateTopTenOp, 
  listMyProposalsOp, createProposalOp, getProposalOp, updateProposalOp, withdrawProposalOp, proposalInboxOp, mergeProposalsOp, sendToReviewOp,
  listReviewSessionsOp, getReviewSessionOp, setSessionCommitteeOp, scoreProposalOp, decideProposalOp, implementProposalOp, reportBenefitOp, benefitQueueOp, confirmBenefitOp, raiseDisputeOp, resolveDisputeOp, proposalFiguresOp,
];
