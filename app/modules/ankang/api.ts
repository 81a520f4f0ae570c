import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import {
  ActivityInputSchema, AssessmentInputSchema, CycleInputSchema, EnrolmentInputSchema, HazardActionSchema, HazardReportSchema, QuestionInputSchema,
  QuizAnswersSchema, QuizInputSchema, QuotaInputSchema, RecommendInputSchema, SeedInputSchema, SheetVersionInputSchema,
} from "./schemas";
import { ANKANG_SETTINGS_SCHEMA } from "./settings";
import { TITLE_KINDS } from "./eligibility";
import { AttachmentListItemSchema, FileUploadFields, FileUploadSchema } from "~/modules/files/api-upload";

// 安康杯 as JSON (issue 15): the same services and schemas as the pages. The permission named
// here is checked again with its organisation scope in the service.

const tags = ["ankang"];
const CycleParams = z.object({ cycleId: z.string().min(1) });
const EnrolmentParams = z.object({ enrolmentId: z.string().min(1) });
const HazardParams = z.object({ hazardId: z.string().min(1) });
const QuizParams = z.object({ quizId: z.string().min(1) });
const Obj = z.looseObject({});
const Id = z.looseObject({ id: z.string() });

export const listCyclesOp = defineOperation({ operationId: "listAnkangCycles", method: "get", path: "/ankang/cycles", summary: "安康杯周期 / Ankang Cup cycles", tags, response: z.object({ items: z.array(Obj) }) });
export const createCycleOp = defineOperation({
  operationId: "createAnkangCycle", method: "post", path: "/ankang/cycles", summary: "创建安康杯周期及组委会 / create a cycle and its committee",
  description: "两年一个周期（rule A-2）；组委会含工会与协办单位（应急管理、卫生健康，rule A-1），协办单位的考核人员可参与考核。", tags, permission: "ankang:manage",
  body: CycleInputSchema, response: Id, successStatus: 201, errors: [404],
});
export const getCycleOp = defineOperation({ operationId: "getAnkangCycle", method: "get", path: "/ankang/cycles/{cycleId}", summary: "周期详情：组委会、评分表、参赛单位 / a cycle", tags, params: CycleParams, response: Obj, errors: [404] });
export const cycleSettingsOp = defineOperation({
  operationId: "setAnkangSettings", method: "post", path: "/ankang/cycles/{cycleId}/settings", summary: "修改周期设置（门槛、鼓励项上限等）/ change a cycle's settings", tags, permission: "ankang:manage",
  params: CycleParams, body: ANKANG_SETTINGS_SCHEMA.partial(), response: ANKANG_SETTINGS_SCHEMA, errors: [404],
});
export const listSheetsOp = defineOperation({ operationId: "listAnkangSheets", method: "get", path: "/ankang/cycles/{cycleId}/sheets", summary: "评分表版本 / score sheet versions", tags, params: CycleParams, response: z.object({ items: z.array(Obj) }), errors: [404] });
export const addSheetOp = defineOperation({
  operationId: "addAnkangSheet", method: "post", path: "/ankang/cycles/{cycleId}/sheets", summary: "新增评分表版本 / add a score sheet version", description: "部分、评分项（满分、每缺一项扣分）、鼓励项、否决项（rules A-9 … A-11）。", tags, permission: "ankang:manage",
  params: CycleParams, body: SheetVersionInputSchema, response: Id, successStatus: 201, errors: [404],
});
const FILE_RULES = "The file's type is taken from its bytes (JPEG, PNG, PDF); too large a file answers 413, another type 400 file_type_refused; a refused upload stores nothing (no file, no event) and changes nothing.";
export const EnrolBodySchema = EnrolmentInputSchema.extend({ agreementScan: FileUploadSchema.optional().describe("签字盖章的劳动安全卫生专项协议书扫描件 / the signed agreement's scan (rule A-3)") });
export const UpdateEnrolmentBodySchema = EnrolmentInputSchema.omit({ unitId: true }).extend({ agreementScan: FileUploadSchema.optional().describe("a new scan replaces the old one; without it the scan stays") });
export const SelfAssessBodySchema = AssessmentInputSchema.extend({
  evidence: z.array(FileUploadSchema.extend({ itemCode: z.string().min(1).max(20).describe("the sheet item the file supports") })).max(20).default([])
    .describe("new evidence files, each added to its item's fileIds; an item's fileIds may only keep files already uploaded to it"),
});
export const ActivityBodySchema = ActivityInputSchema.extend({ photo: FileUploadSchema.optional().describe("活动照片 / a photo of the activity") });
export const enrolOp = defineOperation({
  operationId: "enrolAnkangUnit", method: "post", path: "/ankang/cycles/{cycleId}/enrolments", summary: "单位报名（协议书扫描件、参赛班组）/ enrol a unit with its signed agreement", tags, /* ankang:unit over the unit, or ankang:manage over the cycle: checked in the service */
  description: FILE_RULES, params: CycleParams, body: EnrolBodySchema, response: Id, successStatus: 201, errors: [404, 409, 413],
});
export const getEnrolmentOp = defineOperation({ operationId: "getAnkangEnrolment", method: "get", path: "/ankang/enrolments/{enrolmentId}", summary: "参赛单位：自评、考核、逐项差异、基本条件 / an enrolment with its assessments", tags, params: EnrolmentParams, response: Obj, errors: [404] });
export const updateEnrolmentOp = defineOperation({
  operationId: "updateAnkangEnrolment", method: "post", path: "/ankang/enrolments/{enrolmentId}", summary: "修改报名信息 / update an enrolment", tags, /* ankang:unit over the unit, or ankang:manage over the cycle: checked in the service */
  description: FILE_RULES, params: EnrolmentParams, body: UpdateEnrolmentBodySchema, response: Id, errors: [404, 413],
});
export const selfAssessOp = defineOperation({
  operationId: "saveAnkangSelfAssessment", method: "post", path: "/ankang/enrolments/{enrolmentId}/self-assessment", summary: "单位自评（草稿或提交，可附逐项佐证材料）/ the unit's self-assessment with evidence per item", description: `超过满分、鼓励项超过上限、提交时有未评分项：422，不保存。佐证材料 base64（evidence），一项最多 20 个。 ${FILE_RULES}`, tags, /* ankang:unit over the unit, or ankang:manage over the cycle: checked in the service */
  params: EnrolmentParams, body: SelfAssessBodySchema, response: z.object({ id: z.string(), status: z.string(), total: z.number(), vetoed: z.boolean(), unscored: z.array(z.string()) }), errors: [404, 409, 422],
});
export const reviewOp = defineOperation({
  operationId: "saveAnkangReview", method: "post", path: "/ankang/enrolments/{enrolmentId}/review", summary: "考核组考核（至少两人）/ the assessment team's review", tags, permission: "ankang:review",
  params: EnrolmentParams, body: AssessmentInputSchema, response: z.object({ id: z.string(), status: z.string(), total: z.number(), vetoed: z.boolean(), unscored: z.array(z.string()) }), errors: [404, 409, 422],
});
export const activityOp = defineOperation({
  operationId: "logAnkangActivity", method: "post", path: "/ankang/enrolments/{enrolmentId}/activities", summary: "登记十项行动活动（可附照片）/ log an activity of the ten actions with a photo (A-4)", tags, /* ankang:unit over the unit, or ankang:manage over the cycle: checked in the service */
  description: FILE_RULES, params: EnrolmentParams, body: ActivityBodySchema, response: Id, successStatus: 201, errors: [404, 413],
});
const EnrolmentFileParams = z.object({ enrolmentId: z.string().min(1), fileId: z.string().min(1) });
export const listEnrolmentFilesOp = defineOperation({
  operationId: "listAnkangEnrolmentFiles", method: "get", path: "/ankang/enrolments/{enrolmentId}/files", summary: "参赛单位的文件：协议书、佐证材料、活动照片 / an enrolment's files",
  description: "kind: agreement, evidence (with itemCode) or activity (with activityId). Whoever may see the enrolment (the unit, the cycle's managers and assessment team); 403 for anyone else.",
  tags, params: EnrolmentParams,
  response: z.object({ attachments: z.array(AttachmentListItemSchema.extend({ kind: z.enum(["agreement", "evidence", "activity"]), itemCode: z.string().optional(), activityId: z.string().optional() })) }), errors: [404],
});
export const getEnrolmentFileOp = defineOperation({
  operationId: "getAnkangEnrolmentFile", method: "get", path: "/ankang/enrolments/{enrolmentId}/files/{fileId}", summary: "下载参赛单位的一个文件 / download one of an enrolment's files",
  description: "The file's bytes with its own Content-Type (images inline unless ?download=1, PDFs as attachment), Content-Security-Policy sandbox and nosniff; access as for the enrolment.",
  tags, params: EnrolmentFileParams, contentType: "application/octet-stream", response: z.string().describe("the file's bytes"), errors: [404],
});
/** The language of the reasons (brief ux item 8): ?lang wins, else Accept-Language, else the language cookie, else Chinese. */
const LangQuery = z.object({ lang: z.enum(["zh", "en"]).optional().describe("zh or en: the language of the reasons (default: Accept-Language, else zh)") });
const REASONS_IN = "Reasons are in the request's language: ?lang=zh|en, else Accept-Language, else the language cookie, else Chinese.";
export const standingsOp = defineOperation({ operationId: "getAnkangStandings", method: "get", path: "/ankang/cycles/{cycleId}/standings", summary: "排名与优胜单位资格（含原因）/ ranking and eligibility with reasons", description: `Each item's refusals are the reasons it may not be a 优胜单位 (A-6, A-10). ${REASONS_IN}`, tags, params: CycleParams, query: LangQuery, response: z.object({ items: z.array(Obj) }), errors: [404] });
export const quotaOp = defineOperation({
  operationId: "setAnkangQuota", method: "post", path: "/ankang/cycles/{cycleId}/quotas", summary: "分配称号名额 / set a title quota (A-5)", tags, permission: "ankang:manage",
  params: CycleParams, body: QuotaInputSchema, response: z.object({ orgId: z.string(), kind: z.enum(TITLE_KINDS), allowed: z.number() }), errors: [404],
});
export const listTitlesOp = defineOperation({ operationId: "listAnkangTitles", method: "get", path: "/ankang/cycles/{cycleId}/titles", summary: "称号推荐与名额 / title recommendations and quotas", tags, params: CycleParams, response: z.object({ titles: z.array(Obj), quotas: z.array(Obj) }), errors: [404] });
export const recommendOp = defineOperation({
  operationId: "recommendAnkangTitle", method: "post", path: "/ankang/cycles/{cycleId}/titles", summary: "推荐称号（逐级审核与公示）/ recommend for a title", description: "不符合基本条件、门槛、不重复授予或名额：422 并列出原因（rules A-5 … A-8）。", tags, /* ankang:unit over the unit, or ankang:manage over the cycle: checked in the service */
  params: CycleParams, body: RecommendInputSchema, response: z.object({ id: z.string(), submissionId: z.string(), status: z.string() }), successStatus: 201, errors: [404, 409, 422],
});
export const eligibilityOp = defineOperation({
  operationId: "checkAnkangEligibility", method: "get", path: "/ankang/cycles/{cycleId}/eligibility", summary: "称号资格检查（含原因）/ check title eligibility", tags,
  description: REASONS_IN,
  params: CycleParams, query: z.object({ holderOrgId: z.string().min(1), kind: z.enum(TITLE_KINDS), memberId: z.string().optional() }).extend(LangQuery.shape),
  response: z.object({ eligible: z.boolean(), refusals: z.array(z.object({ code: z.string(), reason: z.string() })), finalScore: z.number().nullable(), mayDayEligible: z.boolean() }), errors: [404],
});
export const recordDecisionsOp = defineOperation({
  operationId: "recordAnkangTitleDecisions", method: "post", path: "/ankang/cycles/{cycleId}/titles/record-decisions", summary: "登记审批结果（获批称号进入荣誉库）/ record approved titles in the honours register", tags, permission: "ankang:manage",
  params: CycleParams, response: z.object({ approved: z.number(), refused: z.number() }), errors: [404],
});
export const withdrawLapsedOp = defineOperation({
  operationId: "withdrawLapsedAnkangTitles", method: "post", path: "/ankang/cycles/{cycleId}/titles/withdraw-lapsed", summary: "撤销未参赛或考核不合格单位的称号 / withdraw lapsed titles (A-7)", tags, permission: "ankang:manage",
  description: `Each withdrawn title's reason is kept in the honours register in both languages; the answer gives it in one. ${REASONS_IN}`,
  params: CycleParams, query: LangQuery, response: z.object({ withdrawn: z.array(z.object({ honourId: z.string(), holderName: z.string(), reason: z.string() })) }), errors: [404],
});

export const listHazardsOp = defineOperation({ operationId: "listHazards", method: "get", path: "/hazards", summary: "隐患报告 / hazard reports", tags, query: z.object({ status: z.string().optional(), unitId: z.string().optional() }), response: z.object({ items: z.array(Obj) }) });
const PHOTO_RULES = "The file's type is taken from its bytes (JPEG, PNG, PDF); too large a file answers 413, another type 400 file_type_refused; a refused upload stores nothing (no file, no event) and changes nothing.";
export const HazardReportBodySchema = HazardReportSchema.extend({ photo: FileUploadSchema.optional().describe("隐患照片 / a photo of the hazard (optional)") });
export const HazardActionBodySchema = z.discriminatedUnion("action", [
  HazardActionSchema.options[0],
  HazardActionSchema.options[1].extend({ fixPhoto: FileUploadSchema.optional().describe("整改照片 / a photo of the fix (optional)") }),
  HazardActionSchema.options[2].extend({ closePhoto: FileUploadSchema.optional().describe("销号照片 / the photo after the fix (needed to close)") }),
]);
export const reportHazardOp = defineOperation({
  operationId: "reportHazard", method: "post", path: "/hazards", summary: "职工报告隐患（可附照片，可对单位匿名）/ report a hazard, with a photo", tags, permission: "self:profile",
  description: `吹哨人保护：举报人只有工会安全工作人员可见（rules A-4, A-8）；照片不记上传人，以“隐患照片”为名保存，任何回答都不透露举报人。 ${PHOTO_RULES}`,
  body: HazardReportBodySchema, response: Id, successStatus: 201, errors: [404, 413],
});
export const getHazardOp = defineOperation({ operationId: "getHazard", method: "get", path: "/hazards/{hazardId}", summary: "隐患报告详情 / a hazard report", tags, params: HazardParams, response: Obj, errors: [404] });
export const hazardActionOp = defineOperation({
  operationId: "handleHazard", method: "post", path: "/hazards/{hazardId}/actions", summary: "指派、整改（可附照片）、销号（须附整改后照片）/ assign, fix, close", tags, permission: "ankang:unit",
  description: `没有整改记录或没有整改后照片不能销号（400 no_fix_record, rule A-8）。 ${PHOTO_RULES}`,
  params: HazardParams, body: HazardActionBodySchema, response: z.object({ id: z.string(), status: z.string() }), errors: [404, 409, 413],
});
const HazardPhotoParams = z.object({ hazardId: z.string().min(1), fileId: z.string().min(1) });
export const listHazardPhotosOp = defineOperation({
  operationId: "listHazardPhotos", method: "get", path: "/hazards/{hazardId}/photos", summary: "隐患报告的照片（上报、整改、销号）/ a hazard report's photos",
  description: "Whoever may see the report (the reporter, the unit, the union's safety staff); kind is report, fix or close. No answer names the reporter of an anonymous report (rule A-4).",
  tags, params: HazardParams, response: z.object({ attachments: z.array(AttachmentListItemSchema.extend({ kind: z.enum(["report", "fix", "close"]) })) }), errors: [404],
});
export const getHazardPhotoOp = defineOperation({
  operationId: "getHazardPhoto", method: "get", path: "/hazards/{hazardId}/photos/{fileId}", summary: "下载隐患报告的一张照片 / download one photo of a hazard report",
  description: "The file's bytes with its own Content-Type (images inline unless ?download=1, PDFs as attachment), Content-Security-Policy sandbox and nosniff; access as for the report.",
  tags, params: HazardPhotoParams, contentType: "application/octet-stream", response: z.string().describe("the file's bytes"), errors: [404],
});

export const listQuestionsOp = defineOperation({ operationId: "listQuizQuestions", method: "get", path: "/quiz-questions", summary: "题库 / question bank", tags, permission: "ankang:manage", query: z.object({ orgId: z.string().min(1) }), response: z.object({ items: z.array(Obj) }), errors: [404] });
export const createQuestionOp = defineOperation({ operationId: "createQuizQuestion", method: "post", path: "/quiz-questions", summary: "新增题目（单选、多选、判断）/ add a question", tags, permission: "ankang:manage", body: QuestionInputSchema, response: Id, successStatus: 201, errors: [404] });
const XlsxFields = {
  filename: FileUploadFields.filename.describe("the workbook's name (.xlsx)"),
  contentBase64: FileUploadFields.contentBase64.describe("the .xlsx bytes, base64; the type is taken from the bytes; over 2 MB is refused with 413"),
};
const XLSX_RULES = "The .xlsx travels base64 (contentBase64, with its filename); its type is taken from the bytes (another type: 400 file_type_refused), at most 2 MB (413). All or nothing: one bad row imports nothing, and error.issues name each bad row in Chinese first. The workbook is not kept.";
export const importSheetOp = defineOperation({
  operationId: "importAnkangSheet", method: "post", path: "/ankang/cycles/{cycleId}/sheets/import", summary: "从 Excel 导入评分表新版本 / import a score sheet version from Excel", tags, permission: "ankang:manage",
  description: `The workbook exported by the cycle page (GET /ankang/{cycleId}/sheet.xlsx): 类型, 编号, 名称, 分值, 每缺一项扣分, 扣分要素. ${XLSX_RULES}`,
  params: CycleParams, body: z.object({ title: z.string().trim().max(100).optional().describe("the version's title (default: the file's name)"), ...XlsxFields }),
  response: z.object({ id: z.string(), version: z.number().int(), title: z.string() }), successStatus: 201, errors: [404, 413],
});
export const importQuestionsOp = defineOperation({
  operationId: "importQuizQuestions", method: "post", path: "/quiz-questions/import", summary: "从 Excel 导入题库 / import quiz questions from Excel", tags, permission: "ankang:manage",
  description: `The question template (GET /quiz/questions-template.xlsx): 题型, 题目, 选项A…F, 答案, 分值. ${XLSX_RULES}`,
  body: z.object({ orgId: z.string().min(1).describe("the organisation whose bank receives the questions"), ...XlsxFields }),
  response: z.object({ imported: z.number().int() }), successStatus: 201, errors: [404, 413],
});
export const listQuizzesOp = defineOperation({ operationId: "listQuizzes", method: "get", path: "/quizzes", summary: "知识竞赛 / quizzes", tags, response: z.object({ items: z.array(Obj) }) });
export const createQuizOp = defineOperation({ operationId: "createQuiz", method: "post", path: "/quizzes", summary: "创建知识竞赛 / create a quiz", tags, permission: "ankang:manage", body: QuizInputSchema, response: Id, successStatus: 201, errors: [404] });
export const getQuizOp = defineOperation({ operationId: "getQuiz", method: "get", path: "/quizzes/{quizId}", summary: "知识竞赛（答题人视角）/ a quiz as its taker sees it", tags, params: QuizParams, response: Obj, errors: [404] });
export const startQuizOp = defineOperation({
  operationId: "startQuiz", method: "post", path: "/quizzes/{quizId}/start", summary: "开始答题（每人一次）/ start the one attempt", tags, permission: "self:profile",
  params: QuizParams, response: z.object({ attemptId: z.string(), startedAt: z.string(), deadline: z.string(), questions: z.array(Obj) }), errors: [404, 409],
});
export const submitQuizOp = defineOperation({
  operationId: "submitQuizAnswers", method: "post", path: "/quizzes/{quizId}/answers", summary: "提交答卷，即时得分 / submit answers, scored at once", description: "第二次提交 409；答题结束或超时后 422（rule A-14）。", tags, permission: "self:profile",
  params: QuizParams, body: QuizAnswersSchema,
  response: z.object({ attemptId: z.string(), score: z.number(), maxScore: z.number(), correct: z.number(), total: z.number(), allCorrect: z.boolean(), durationMs: z.number() }), errors: [404, 409, 422],
});
export const publishSeedOp = defineOperation({
  operationId: "publishQuizSeed", method: "post", path: "/quizzes/{quizId}/seed", summary: "抽奖前公布随机种子 / publish the draw's seed", tags, permission: "ankang:manage",
  params: QuizParams, body: SeedInputSchema, response: z.object({ seed: z.string(), publishedAt: z.string() }), errors: [404, 409],
});
export const decidePrizesOp = defineOperation({
  operationId: "decideQuizPrizes", method: "post", path: "/quizzes/{quizId}/prizes", summary: "评奖：按名次或在全对答卷中抽取 / decide the prizes", tags, permission: "ankang:manage",
  params: QuizParams, response: z.object({ mode: z.string(), seed: z.string().nullable(), winners: z.array(z.object({ attemptId: z.string(), tier: z.string(), position: z.number() })) }), errors: [404, 409],
});
export const quizResultsOp = defineOperation({ operationId: "getQuizResults", method: "get", path: "/quizzes/{quizId}/results", summary: "参与率与平均分排名、获奖名单 / unit ranking and prizes", tags, permission: "ankang:manage", params: QuizParams, response: Obj, errors: [404] });
export const verifyDrawOp = defineOperation({
  operationId: "verifyQuizDraw", method: "get", path: "/quizzes/{quizId}/draw-verification", summary: "用公布的种子重新抽取并比对 / re-run the draw from the published seed", tags,
  params: QuizParams, response: z.object({ seed: z.string(), candidates: z.array(z.string()), rerun: z.array(Obj), stored: z.array(Obj).nullable(), same: z.boolean().nullable() }), errors: [404, 409],
});

export const ankangOperations = [
  listCyclesOp, createCycleOp, getCycleOp, cycleSettingsOp, listSheetsOp, addSheetOp, enrolOp, getEnrolmentOp, updateEnrolmentOp, selfAssessOp, reviewOp, activityOp, listEnrolmentFilesOp, getEnrolmentFileOp,
  standingsOp, quotaOp, listTitlesOp, recommendOp, eligibilityOp, recordDecisionsOp, withdrawLapsedOp,
  listHazardsOp, reportHazardOp, getHazardOp, hazardActionOp, listHazardPhotosOp, getHazardPhotoOp,
  listQuestionsOp, createQuestionOp, importQuestionsOp, importSheetOp, listQuizzesOp, createQuizOp, getQuizOp, startQuizOp, submitQuizOp, publishSeedOp, decidePrizesOp, quizResultsOp, verifyDrawOp,
];
