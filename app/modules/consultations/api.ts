import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { DEPARTMENT_KEYS } from "./consultation-rules";
import { AnswerSchema, OpenConsultationSchema, RulingSchema } from "./schemas";
import { AttachmentListSchema, FileUploadSchema } from "~/modules/files/api-upload";

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
  description: "附件（判决书、处罚决定等）可随答复上传：attachment 为 {filename, contentBase64}，类型按内容识别（PDF、JPEG、PNG），过大答 413；附件被拒时答复不保存。/ An attachment (a judgment, a penalty decision) may come with the answer as {filename, contentBase64}: the type is taken from the bytes (PDF, JPEG, PNG), too large a file answers 413, and a refused attachment leaves the task unanswered.",
  tags: ["consultations"],
  permission: "consultation:answer",
  params: TaskIdParams,
  body: AnswerSchema.safeExtend({ attachment: FileUploadSchema.optional().describe("the answer's attachment, as on the page (rule N-34)") }),
  response: z.object({ id: z.string(), status: z.enum(["no_objection", "problem"]) }),
  successStatus: 200,
  errors: [404, 409, 413],
});

const TaskFileParams = z.object({ taskId: z.string().min(1), fileId: z.string().min(1) });

export const listConsultationAttachmentsOp = defineOperation({
  operationId: "listConsultationAttachments",
  method: "get",
  path: "/consultations/{taskId}/attachments",
  summary: "联审答复的附件列表 / the attachment of a department's answer",
  description: "For the asking level's reviewers and the department (as the page); 404 for anyone else. Empty until the department answers with an attachment.",
  tags: ["consultations"],
  params: TaskIdParams,
  response: AttachmentListSchema,
  errors: [404],
});

export const getConsultationAttachmentOp = defineOperation({
  operationId: "getConsultationAttachment",
  method: "get",
  path: "/consultations/{taskId}/attachments/{fileId}",
  summary: "下载联审答复的附件 / download the attachment of a department's answer",
  description: "The file's bytes with its own Content-Type, Content-Disposition, Content-Security-Policy sandbox and nosniff; same access as the list.",
  tags: ["consultations"],
  params: TaskFileParams,
  contentType: "application/octet-stream",
  response: z.string().describe("the file's bytes"),
  errors: [404],
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

export const consultationOperations = [listConsultationsOp, openConsultationsOp, answerConsultationOp, ruleConsultationOp, listConsultationAttachmentsOp, getConsultationAttachmentOp];
