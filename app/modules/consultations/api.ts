import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { DEPARTMENT_KEYS } from "./consultation-rules";
import { AnswerSchema, OpenConsultationSchema, RulingSchema } from "./schemas";

// 征求意见 / 联审 (rule N-34) as JSON: the same services and schemas as /consultations.

const Label = z.object({ zh: z.string(), en: z.string() });
const OrgRef = z.object({ id: z.string(), name: z.string() });

export const ConsultationSchema = z.object({
  id: z.string(),
  submissionId: z.string().nullable(),
  candidateName: z.string(),
  candidateType: z.enum(["enterprise_head", "cadre", "enterprise_unit", "frontline"]),
  candidateTypeLabel: Label,
  department: z.enum(DEPARTMENT_KEYS),
  departmentLabel: Label,
  departmentOrg: OrgRef,
  askedBy: OrgRef,
  dueOn: z.string(),
  status: z.enum(["open", "no_objection", "problem"]),
  details: z.string().nullable(),
  attachmentId: z.string().nullable(),
  answeredAt: z.string().nullable(),
  ruling: z.enum(["cleared", "upheld"]).nullable(),
  rulingReason: z.string().nullable(),
});

export const listConsultationsOp = defineOperation({
  operationId: "listConsultations",
  method: "get",
  path: "/consultations",
  summary: "征求意见：待答复和本级发起的 / consultations to answer and those the caller's levels asked",
  tags: ["consultations"],
  response: z.object({ toAnswer: z.array(ConsultationSchema), asked: z.array(ConsultationSchema), canAnswer: z.boolean(), canAsk: z.boolean() }),
});

export const openConsultationsOp = defineOperation({
  operationId: "openConsultations",
  method: "post",
  path: "/consultations",
  summary: "按推荐对象类型征求相关部门意见 / ask the departments the candidate's type calls for (rule N-34)",
  description: "企业负责人：市场监管、税务、人社、应急管理、生态环境，国有企业另加审计、纪检监察；干部：纪检监察、组织部。未答复的在期限内、反馈问题的在认定前，推荐上报被拒绝。/ Unanswered requests hold until their deadline; a reported problem holds until a reviewer rules.",
  tags: ["consultations"],
  permission: "award:review",
  body: OpenConsultationSchema,
  response: z.object({ created: z.number().int(), departments: z.array(z.enum(DEPARTMENT_KEYS)), missing: z.array(z.enum(DEPARTMENT_KEYS)).describe("departments with no registered organisation above this level") }),
  successStatus: 201,
  errors: [404, 409],
});

const TaskIdParams = z.object({ taskId: z.string().min(1) });

export const answerConsultationOp = defineOperation({
  operationId: "answerConsultation",
  method: "post",
  path: "/consultations/{taskId}/answer",
  summary: "联审部门答复：无意见或反馈问题 / a department answers: no objection, or a problem with details",
  description: "附件（判决书、处罚决定等）在页面上传。/ Attachments are uploaded on the page.",
  tags: ["consultations"],
  permission: "consultation:answer",
  params: TaskIdParams,
  body: AnswerSchema,
  response: z.object({ id: z.string(), status: z.enum(["no_objection", "problem"]) }),
  errors: [404, 409],
});

export const ruleConsultationOp = defineOperation({
  operationId: "ruleOnConsultation",
  method: "post",
  path: "/consultations/{taskId}/ruling",
  summary: "审核人认定反馈的问题 / a reviewer rules on a reported problem",
  tags: ["consultations"],
  permission: "award:review",
  params: TaskIdParams,
  body: RulingSchema,
  response: z.object({ id: z.string(), ruling: z.enum(["cleared", "upheld"]) }),
  errors: [404, 409],
});

export const consultationOperations = [listConsultationsOp, openConsultationsOp, answerConsultationOp, ruleConsultationOp];
