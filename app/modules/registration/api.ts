import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { REGISTRATION_STATUSES } from "~/modules/contests/event-rules";
import { ApproveSchema, RegistrationInputSchema, ReturnSchema } from "./schemas";

// 报名 API: the same services as the pages (app/modules/registration/registration.server.ts),
// the same schemas as the forms. Scope and approval authority are checked in the service.

const EventIdParams = z.object({ eventId: z.string().min(1) });
const RegistrationIdParams = z.object({ registrationId: z.string().min(1) });

export const RegistrationSchema = z.object({
  id: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  statusLabel: z.string().describe("待单位审核 / 待承办单位审核 / 待组委会办公室审核 / 已通过 / 已退回 / 已撤回"),
  waitingStep: z.enum(["unit", "host", "office"]).nullable().describe("the step the registration waits at (rule S-7)"),
  returnedStep: z.string().nullable(),
  returnReason: z.string().nullable(),
  event: z.object({ id: z.string(), name: z.string(), trade: z.string(), groupName: z.string(), mode: z.string() }),
  contest: z.object({ id: z.string(), name: z.string(), orgName: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }),
  member: z.object({ id: z.string(), name: z.string(), sex: z.string(), idNumberMasked: z.string(), employmentStatus: z.string() }),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  skillLevel: z.string().nullable(),
  certificateNo: z.string().nullable(),
  yearsOfService: z.number().int().nullable(),
  declaredNoAccident: z.boolean(),
  leaderName: z.string().nullable(),
  coachName: z.string().nullable(),
  hasPhoto: z.boolean().describe("照片另行上传（网页表单）/ the photo is uploaded through the web form"),
  admissionNo: z.string().nullable().describe("准考证号, given on final approval"),
  windowOpen: z.boolean().describe("报名时间内（可撤回、可重新提交）/ inside the registration window (withdraw and resubmit possible)"),
  createdAt: z.string(),
  updatedAt: z.string(),
  trail: z.array(z.object({
    step: z.string().describe("unit | host | office | entrant"),
    decision: z.string().describe("submitted | approved | returned | resubmitted | withdrawn"),
    reason: z.string().nullable(),
    by: z.string().nullable(),
    at: z.string(),
  })),
});

const StatusResponse = z.object({ id: z.string(), status: z.enum(REGISTRATION_STATUSES), admissionNo: z.string().nullable().optional() });

export const listEventRegistrationsOp = defineOperation({
  operationId: "listEventRegistrations",
  method: "get",
  path: "/events/{eventId}/registrations",
  summary: "赛项报名列表 / registrations of an event",
  description: "竞赛组织者（contest:manage）看到全部；单位联络员（registration:unit）只看到本单位的。/ Contest managers see all; unit contacts see their units' only.",
  tags: ["registrations"],
  permission: "contest:read",
  params: EventIdParams,
  query: z.object({
    unitId: z.string().optional(),
    status: z.enum(REGISTRATION_STATUSES).optional(),
  }),
  response: z.object({ items: z.array(RegistrationSchema) }),
  errors: [404],
});

export const createRegistrationOp = defineOperation({
  operationId: "createRegistration",
  method: "post",
  path: "/events/{eventId}/registrations",
  summary: "报名 / register for an event",
  description: "不带 memberId：本人报名（账号须已关联会员）；带 memberId：单位联络员为本单位会员报名。报名时间以服务器时间为准；资格、重复报名、团队和单位名额不符时答 400，并说明原因。/ Without memberId the caller registers themself (linked account); with it a unit contact registers a member of their unit. The window is enforced by server time; eligibility, duplicates, teams and the unit quota are checked, with the reason on refusal.",
  tags: ["registrations"],
  permission: "self:profile",
  params: EventIdParams,
  body: RegistrationInputSchema,
  response: RegistrationSchema,
  successStatus: 201,
  errors: [404],
});

export const getRegistrationOp = defineOperation({
  operationId: "getRegistration",
  method: "get",
  path: "/registrations/{registrationId}",
  summary: "报名详情与审核记录 / one registration with its approval trail",
  tags: ["registrations"],
  permission: "self:profile",
  params: RegistrationIdParams,
  response: RegistrationSchema,
  errors: [404],
});

export const approveRegistrationOp = defineOperation({
  operationId: "approveRegistration",
  method: "post",
  path: "/registrations/{registrationId}/approve",
  summary: "审核通过当前环节 / approve the current step (rule S-7)",
  description: "所在单位 → 承办单位 → 组委会办公室。同一人不能审核同一报名的两个环节（403 same_approver）。最后一步通过时发放准考证号。/ unit → host → committee office. One person may not approve two steps (403 same_approver). The final approval gives the admission number.",
  tags: ["registrations"],
  permission: "self:profile",
  params: RegistrationIdParams,
  body: ApproveSchema,
  response: StatusResponse,
  errors: [404, 409],
});

export const returnRegistrationOp = defineOperation({
  operationId: "returnRegistration",
  method: "post",
  path: "/registrations/{registrationId}/return",
  summary: "退回（须填写原因）/ return with a reason",
  tags: ["registrations"],
  permission: "self:profile",
  params: RegistrationIdParams,
  body: ReturnSchema,
  response: StatusResponse,
  errors: [404, 409],
});

export const withdrawRegistrationOp = defineOperation({
  operationId: "withdrawRegistration",
  method: "post",
  path: "/registrations/{registrationId}/withdraw",
  summary: "撤回报名（报名截止前）/ withdraw before the window closes",
  tags: ["registrations"],
  permission: "self:profile",
  params: RegistrationIdParams,
  response: StatusResponse,
  errors: [404, 409],
});

export const BulkApproveSchema = z.object({
  registrationIds: z.array(z.string().min(1)).min(1, "请至少选择一条报名 / choose at least one registration").max(500, "一次最多 500 条 / at most 500 at once"),
});

export const bulkApproveOp = defineOperation({
  operationId: "approveRegistrations",
  method: "post",
  path: "/registrations/bulk-approve",
  summary: "批量审核通过 / approve several registrations (rule S-7)",
  description: "逐条按单条审核的规则通过各自当前环节；个别不能通过的（如同一人已审核过另一环节）逐条说明，其余照常通过。/ Each is approved at its current step as a single approval would be; refusals are reported one by one and the others go through.",
  tags: ["registrations"],
  permission: "self:profile",
  body: BulkApproveSchema,
  response: z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), status: z.string().optional(), admissionNo: z.string().nullable().optional(), message: z.string().optional() })) }),
  errors: [400],
});

export const registrationOperations = [
  listEventRegistrationsOp, createRegistrationOp, getRegistrationOp, approveRegistrationOp, returnRegistrationOp, withdrawRegistrationOp, bulkApproveOp,
];
