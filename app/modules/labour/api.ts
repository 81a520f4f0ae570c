import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { LabourSettingsObjectSchema } from "./settings-schema";
import { TeamMonthInputSchema, LabourEventInputSchema, ProjectInputSchema, RosterEntryInputSchema, SafetyReportInputSchema, ScoresInputSchema, SignInputSchema, AccidentInputSchema, YearEndConfirmSchema, YearEndRecommendSchema } from "./schemas";

// /api/v1/labour…: the same services as the pages (issue 14 item 9).

const ProjectParams = z.object({ projectId: z.string().min(1) });
const PeriodParams = z.object({ projectId: z.string().min(1), periodId: z.string().min(1) });
const Loose = z.object({}).passthrough();
const tags = ["labour"];

export const listLabourProjectsOp = defineOperation({
  operationId: "listLabourProjects", method: "get", path: "/labour/projects", tags, permission: "labour:read",
  summary: "劳动竞赛项目列表（本人权限范围内）/ labour-competition projects in the caller's scope",
  response: z.object({ items: z.array(Loose) }),
});

export const applyLabourProjectOp = defineOperation({
  operationId: "applyLabourProject", method: "post", path: "/labour/projects", tags, permission: "labour:apply",
  summary: "基层工会申报劳动竞赛项目（L-2）/ a grass-roots union applies for a project (L-2)",
  description: "Indicator weights are basis points summing to 10000 (L-1). With roundId the application goes up the review chain (subject type competition.project).",
  body: ProjectInputSchema, response: Loose, successStatus: 201, errors: [404, 409],
});

export const getLabourProjectOp = defineOperation({
  operationId: "getLabourProject", method: "get", path: "/labour/projects/{projectId}", tags, permission: "labour:read",
  summary: "项目详情：名录、指标体系、考评期、台账 / one project: roster, indicators, periods, ledger",
  params: ProjectParams, response: Loose, errors: [404],
});

export const submitLabourProjectOp = defineOperation({
  operationId: "submitLabourProject", method: "post", path: "/labour/projects/{projectId}/submit", tags, permission: "labour:apply",
  summary: "草稿项目送审（L-2）/ send a draft project up the review chain (L-2)",
  params: ProjectParams, body: z.object({ roundId: z.string().min(1) }), response: Loose, errors: [404, 409],
});

export const addLabourRosterOp = defineOperation({
  operationId: "addLabourRosterEntry", method: "post", path: "/labour/projects/{projectId}/roster", tags, permission: "labour:manage",
  summary: "名录增加单位、标段、工区、班组或建设者（L-9）/ add to the roster (L-9)",
  params: ProjectParams, body: RosterEntryInputSchema, response: Loose, successStatus: 201, errors: [404],
});

export const getLabourPeriodOp = defineOperation({
  operationId: "getLabourPeriod", method: "get", path: "/labour/projects/{projectId}/periods/{periodId}", tags, permission: "labour:read",
  summary: "考评期：排名、签字、流动红旗 / a period: ranking, signatures, banners",
  params: PeriodParams, response: Loose, errors: [404],
});

export const recordLabourScoresOp = defineOperation({
  operationId: "recordLabourScores", method: "post", path: "/labour/projects/{projectId}/periods/{periodId}/scores", tags, permission: "labour:score",
  summary: "委员录入考评分数（L-11）/ a committee member enters scores (L-11)",
  description: "Rubric items take value (points, ≤ the item's maximum); quantity items take plan and actual. A signed period needs correctionReason.",
  params: PeriodParams, body: ScoresInputSchema, response: Loose, errors: [404, 409],
});

export const signLabourPeriodOp = defineOperation({
  operationId: "signLabourPeriod", method: "post", path: "/labour/projects/{projectId}/periods/{periodId}/sign", tags, permission: "labour:score",
  summary: "委员以签字 PIN 签署考评表（L-11）/ a member signs the sheet with their PIN (L-11)",
  params: PeriodParams, body: SignInputSchema, response: Loose, errors: [404, 409, 423],
});

export const recordLabourTeamMonthOp = defineOperation({
  operationId: "recordLabourTeamMonth", method: "post", path: "/labour/projects/{projectId}/periods/{periodId}/team-months", tags, permission: "labour:score",
  summary: "登记班组本期出勤率等月度优秀班组否决事项（L-7）/ record a team's attendance for the monthly best-team award (L-7)",
  description: "attendance is a percentage (≤ 2 decimals); under the project's minimum (95 % by default) the team cannot take the month's 优秀班组 award, nor with fightingOrTheft, a minor injury or worse, a deduction event or a general quality accident in the period. A signed period needs correctionReason.",
  params: PeriodParams, body: TeamMonthInputSchema, response: Loose, errors: [404, 409],
});

export const awardLabourPeriodOp = defineOperation({
  operationId: "awardLabourPeriod", method: "post", path: "/labour/projects/{projectId}/periods/{periodId}/award", tags, permission: "labour:manage",
  summary: "颁发流动红旗并按名次奖罚（L-3, L-5）/ award the banners and the rewards by place (L-3, L-5)",
  params: PeriodParams, response: Loose, errors: [404, 409],
});

export const recordLabourEventOp = defineOperation({
  operationId: "recordLabourEvent", method: "post", path: "/labour/projects/{projectId}/events", tags, permission: "labour:score",
  summary: "登记加减分事项：通报批评、表扬（L-4）/ record a bonus or deduction (L-4)",
  params: ProjectParams, body: LabourEventInputSchema, response: Loose, successStatus: 201, errors: [404, 409],
});

export const recordLabourAccidentOp = defineOperation({
  operationId: "recordLabourAccident", method: "post", path: "/labour/projects/{projectId}/accidents", tags, permission: "labour:manage",
  summary: "为参赛单位登记事故（进入事故台账，L-7, A-12）/ record an accident of a roster unit in the shared register (L-7, A-12)",
  params: ProjectParams, body: AccidentInputSchema, response: Loose, successStatus: 201, errors: [404],
});

export const getLabourYearEndOp = defineOperation({
  operationId: "getLabourYearEnd", method: "get", path: "/labour/projects/{projectId}/year-end", tags, permission: "labour:read",
  summary: "年度总评（L-6, L-8, L-9）/ the year-end roll-up (L-6, L-8, L-9)",
  params: ProjectParams, response: Loose, errors: [404],
});

export const confirmLabourYearEndOp = defineOperation({
  operationId: "confirmLabourYearEnd", method: "post", path: "/labour/projects/{projectId}/year-end/confirm", tags, permission: "labour:manage",
  summary: "确认年度评优结果并记入荣誉库（L-6, L-9, L-10）/ confirm the year's results into the honours register (L-6, L-9, L-10)",
  description: "Needs every period awarded. Records each year-end award (先进单位, 先进班组, the single-item prizes of L-8, and the listed 优秀建设者) in the honours register for the roster entry's organisation or the builder's member record, once: confirming again records nothing twice. A unit refused by the roll-up (L-6: no banner all year) gets nothing. Answers recorded, existing, skipped (winners without an organisation or member) and refused.",
  params: ProjectParams, body: YearEndConfirmSchema, response: Loose, errors: [404, 409],
});

export const recommendLabourWinnerOp = defineOperation({
  operationId: "recommendLabourWinner", method: "post", path: "/labour/projects/{projectId}/year-end/recommendations", tags, permission: "labour:manage",
  summary: "推荐年度获奖集体或个人参评工人先锋号、五一劳动奖状或奖章（L-10）/ recommend a year-end winner into an open 工人先锋号 / 五一 campaign (L-10)",
  description: "honourId is one of this project's year-end honours; the campaign must be an open 单列 (competition) listing that awards the chosen award, at a level and scope covering the winner. Creates the draft nomination with the register's titles as evidence, as the skills contests do (S-68).",
  params: ProjectParams, body: YearEndRecommendSchema, response: Loose, successStatus: 201, errors: [404, 409],
});

export const getLabourSafeDaysOp = defineOperation({
  operationId: "getLabourSafeDays", method: "get", path: "/labour/projects/{projectId}/safe-days", tags, permission: "labour:read",
  summary: "百日安全竞赛：倒计时与安全天数榜 / the 百日 campaign: countdown and safe-day board",
  params: ProjectParams, response: Loose, errors: [404],
});

export const recordLabourSafetyReportOp = defineOperation({
  operationId: "recordLabourSafetyReport", method: "post", path: "/labour/projects/{projectId}/safety-reports", tags, permission: "labour:read",
  summary: "单位每日安全状况报告 / a unit's daily safety report",
  params: ProjectParams, body: SafetyReportInputSchema, response: Loose, successStatus: 201, errors: [404],
});

const ImportValue = z.union([z.string(), z.number()]).nullable().optional();
export const LabourImportBodySchema = z.object({
  scores: z.array(z.object({
    unit: z.string().describe("the roster name of a 标段, 工区 or 班组"),
    kind: z.string().optional().describe("标段 / 工区 / 班组 (section / area / team), when names repeat"),
    values: z.record(z.string(), ImportValue).default({}).describe("rubric indicator key → points (≤ the item's maximum, 2 decimals)"),
    plans: z.record(z.string(), ImportValue).default({}).describe("quantity indicator key → planned quantity"),
    actuals: z.record(z.string(), ImportValue).default({}).describe("quantity indicator key → actual quantity"),
  })).max(5000).default([]),
  events: z.array(z.object({
    unit: z.string(), kind: z.string().optional(), date: z.string().describe("YYYY-MM-DD within the period"),
    type: z.string().describe("an event-table key or label (L-4)"), note: z.string().max(500).optional(),
  })).max(5000).default([]),
  correctionReason: z.string().trim().max(500).optional(),
});

export const importLabourPeriodOp = defineOperation({
  operationId: "importLabourPeriod", method: "post", path: "/labour/projects/{projectId}/periods/{periodId}/import", tags, permission: "labour:score",
  summary: "批量导入考评分数和加减分事项，一行有误全部不导入 / import a period's scores and events, all or nothing",
  description: "The Excel template's lines as JSON. Rubric scores are the caller's own committee scores (L-11); events follow the project's event table (L-4). Any bad line (unknown unit, not on the roster, above the maximum, unknown type, date outside the period, duplicate) imports nothing; error.issues name each line (path scores.N or events.N, 1-based).",
  params: PeriodParams, body: LabourImportBodySchema, response: Loose, errors: [404, 409],
});

export const getLabourPeriodBoardOp = defineOperation({
  operationId: "getLabourPeriodBoard", method: "get", path: "/labour/projects/{projectId}/periods/{periodId}/board", tags, permission: "labour:read",
  summary: "考评期排名（标段、工区分组，名次、总分、各指标得分）/ a period's ranking: groups, ranks, totals, indicator scores",
  description: "The live board of one period, the same for every reader of the project; answered from memory and re-encoded only after a change (a new score recomputes only its period).",
  params: PeriodParams, response: Loose, errors: [404],
});

const UnitParams = z.object({ projectId: z.string().min(1), unitId: z.string().min(1) });

export const LabourEvidenceBodySchema = z.object({
  unitId: z.string().min(1).describe("the roster entry (标段, 工区 or 班组) the evidence is about"),
  indicatorKey: z.string().min(1).describe("a rubric or quantity indicator of the project's set, already scored for the unit in this period"),
  filename: z.string().trim().min(1).max(200).describe("the file's name; its extension must match the content (.jpg, .png, .pdf)"),
  contentBase64: z.string().min(1).max(11_000_000).describe("the file's bytes, base64; JPEG, PNG or PDF, at most 8 MB through the API (the JSON body's limit; the pages take 10 MB)"),
  correctionReason: z.string().trim().max(500).optional().describe("required once the period is signed (L-11)"),
});

export const attachLabourEvidenceOp = defineOperation({
  operationId: "attachLabourEvidence", method: "post", path: "/labour/projects/{projectId}/periods/{periodId}/evidence", tags, permission: "labour:read",
  summary: "为已打分的考评项上传佐证照片或文件（考评委员或参赛单位本单位人员，L-11）/ attach a photo or document to a scored item (a committee member, or the unit's own people, L-11)",
  description: "A committee member (labour:score over the project) attaches to their own score, whoever entered the quantities to the quantity; the unit's own people (labour:apply or labour:score over the roster entry's organisation) attach to their own unit's item only, as the unit's evidence (by: unit). The file's type is taken from its bytes (JPEG, PNG, PDF). Refused: not on the roster or another unit (403), an item not yet scored (400 not_scored), a signed period without correctionReason (409 correction_reason_required), an awarded period (409 period_awarded). Uploading again for the same item replaces the caller's earlier file.",
  params: PeriodParams, body: LabourEvidenceBodySchema, response: Loose, successStatus: 201, errors: [404, 409, 413],
});

export const getLabourUnitEvidenceOp = defineOperation({
  operationId: "getLabourUnitEvidence", method: "get", path: "/labour/projects/{projectId}/units/{unitId}/evidence", tags, permission: "labour:read",
  summary: "参赛单位本单位的佐证材料：各考评项是否已打分、本单位文件 / a unit's own evidence: each item, whether it is scored, the unit's file",
  description: "For the unit's own people only (403 for anyone else). period: a period id (default: the latest period not awarded).",
  params: UnitParams, query: z.object({ period: z.string().min(1).optional() }), response: Loose, errors: [404],
});

/** PUT …/settings: the groups to replace (each whole, as GET answers it); groups left out keep their values. */
export const LabourSettingsUpdateSchema = LabourSettingsObjectSchema.partial().extend({
  correctionReason: z.string().trim().max(500).optional().describe("required once any period is signed (L-11); kept in the event"),
});

export const getLabourSettingsOp = defineOperation({
  operationId: "getLabourSettings", method: "get", path: "/labour/projects/{projectId}/settings", tags, permission: "labour:read",
  summary: "项目竞赛规则设置：当前值、默认值及对应规则编号 / a project's rules as settings: values, defaults and the rule of each group",
  description: "settings: minSigners (L-11), tieBreaks (indicator keys, L-3), banners (top-k per group, L-3), placeRewards (yuan by place, L-5), vetoRules and teamVetoes (L-7), teamAward, eventTable (L-4: points in hundredths, negative = deduction), yearEnd (L-6, L-9), campaign (百日 only). Also the defaults, each group's rule ID, the project's indicators, and whether a change needs a correction reason (a period is signed).",
  params: ProjectParams, response: Loose, errors: [404],
});

export const saveLabourSettingsOp = defineOperation({
  operationId: "saveLabourSettings", method: "put", path: "/labour/projects/{projectId}/settings", tags, permission: "labour:manage",
  summary: "修改项目竞赛规则设置（组织者）/ change a project's rules (the organiser)",
  description: "Each group given replaces the stored one whole; groups left out keep their values. The whole object is checked first and a bad value changes nothing (400 with error.issues naming each field, Chinese first): minSigners ≥ 3 (L-11), tie-breaks among the project's indicator keys, no duplicate event types, percentages 0–100, top-k ≥ 1. An event type that recorded events use cannot be removed. Once any period is signed, correctionReason is required (409 correction_reason_required). Saving records the old and new values in the event log and recomputes every board and the year-end at once. Answers the same as GET.",
  params: ProjectParams, body: LabourSettingsUpdateSchema, response: Loose, errors: [403, 404, 409],
});

export const labourOperations = [
  listLabourProjectsOp, applyLabourProjectOp, getLabourProjectOp, submitLabourProjectOp, addLabourRosterOp, getLabourPeriodOp, recordLabourScoresOp,
  signLabourPeriodOp, recordLabourTeamMonthOp, awardLabourPeriodOp, recordLabourEventOp, recordLabourAccidentOp, getLabourYearEndOp, confirmLabourYearEndOp, recommendLabourWinnerOp, getLabourSafeDaysOp, recordLabourSafetyReportOp,
  importLabourPeriodOp, getLabourPeriodBoardOp, attachLabourEvidenceOp, getLabourUnitEvidenceOp, getLabourSettingsOp, saveLabourSettingsOp,
];
