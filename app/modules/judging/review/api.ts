import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import {
  AppealSchema, CorrectionSchema, DecryptionStepSchema, FlagResolutionSchema, PaperSheetSchema, RecheckDrawSchema, RecheckItemSchema, RemarkRequestSchema, RulingSchema,
  SignOffSchema, TheoryBatchSchema,
} from "./schemas";

// Chief-judge review, sign-off, corrections, paper double entry, theory scores,
// re-check, decryption and appeals (issue 5 part B). Entrants appear by station code
// only until the event is decrypted (rule S-34).

const EventParams = z.object({ eventId: z.string().min(1) });
const MarkParams = z.object({ markId: z.string().min(1) });
const TAGS = ["judging-review"];

const ConsoleSchema = z.object({
  event: z.object({ id: z.string(), name: z.string(), contestId: z.string(), contestName: z.string(), drawn: z.boolean(), decrypted: z.boolean() }),
  aspects: z.array(z.object({ id: z.string(), name: z.string(), group: z.string(), scale: z.string(), maxText: z.string() })),
  judges: z.array(z.object({ id: z.string(), displayName: z.string() })),
  entrants: z.array(z.object({
    blindCodeId: z.string(), stationCode: z.string().describe("工位号: the only way entrants are named before decryption"),
    sessionId: z.string().nullable(), sessionName: z.string().nullable(), locked: z.boolean(), totalText: z.string().nullable(), rank: z.number().nullable(),
    complete: z.boolean(), progress: z.object({ entered: z.number(), expected: z.number() }), flagged: z.boolean(),
    cells: z.array(z.object({ aspectId: z.string(), judgeId: z.string(), markId: z.string().nullable(), value: z.number().nullable().describe("hundredths"), valueText: z.string().nullable(), changed: z.boolean() })),
  })),
  progress: z.object({ entered: z.number(), expected: z.number() }),
  flags: z.array(z.object({
    key: z.string(), kind: z.string(), blindCodeId: z.string(), stationCode: z.string(), aspectId: z.string(), judgeIds: z.array(z.string()), judgeNames: z.array(z.string()), spread: z.number(), message: z.string(),
    resolution: z.object({ by: z.string(), reason: z.string(), at: z.string() }).nullable().describe("the chief judge's ruling that these exact marks stand (S-24); null while the flag is open"),
  })),
  calibration: z.array(z.object({ judgeId: z.string(), displayName: z.string(), entries: z.number(), meanDeviationText: z.string(), meanAbsoluteDeviationText: z.string(), tendency: z.string(), droppedHigh: z.number(), droppedLow: z.number() }).passthrough()),
  remarkRequests: z.array(z.object({ id: z.string(), stationCode: z.string(), aspectId: z.string(), judgeId: z.string(), judgeName: z.string(), reason: z.string(), createdAt: z.string(), settled: z.boolean() }).passthrough()),
  signOff: z.array(z.object({
    sessionId: z.string().nullable(), sessionName: z.string().nullable(),
    signedOff: z.object({ by: z.string(), signatureName: z.string(), at: z.string() }).nullable(),
    lockedByEvent: z.boolean(), allowed: z.boolean(), blockingFlags: z.number(), openRemarks: z.number(),
  })),
  deviceRefusals: z.array(z.object({
    id: z.string(), kind: z.enum(["mark_conflict", "judge_mismatch"]).describe("mark_conflict: a tablet's entry typed over an older version of the mark; judge_mismatch: a mark typed by another judge than the one signed in on the tablet"),
    at: z.string(), key: z.string(), blindCodeId: z.string(), stationCode: z.string(), aspectId: z.string(),
    judgeId: z.string().describe("the judge signed in when the tablet sent it"), judgeName: z.string(),
    typedById: z.string().nullable().describe("judge_mismatch: the judge who typed it"), typedByName: z.string().nullable(),
    valueText: z.string().nullable().describe("the refused entry"), currentText: z.string().nullable().describe("mark_conflict: the newer value the entry did not overwrite"),
    settled: z.boolean().describe("the mark was sent again and taken (by its own judge, or with the judge's choice)"),
  })).describe("marks the tablets sent that were refused without writing (issue 11); newest first"),
});

export const getConsoleOp = defineOperation({
  operationId: "getJudgingConsole",
  method: "get",
  path: "/events/{eventId}/console",
  summary: "裁判长控制台：评分矩阵、进度、差异标记、裁判校准 / chief judge console: marks matrix, progress, discrepancy flags, calibration",
  description: "选手仅以工位号出现（规则 S-34）。/ Entrants appear by station code only (rule S-34).",
  tags: TAGS,
  permission: "judging:chief",
  params: EventParams,
  response: ConsoleSchema,
  errors: [404, 422],
});

export const createRemarkRequestOp = defineOperation({
  operationId: "requestRemark",
  method: "post",
  path: "/events/{eventId}/remark-requests",
  summary: "要求裁判重评（附原因）/ ask a judge to re-mark an aspect, with a reason",
  description: "签字锁定后答 409，应改用更正。/ 409 after sign-off: use a correction.",
  tags: TAGS,
  permission: "judging:chief",
  params: EventParams,
  body: RemarkRequestSchema,
  response: z.object({ id: z.string(), stationCode: z.string(), aspectId: z.string(), judgeId: z.string(), reason: z.string(), createdAt: z.string() }),
  successStatus: 201,
  errors: [404, 409],
});

export const resolveFlagOp = defineOperation({
  operationId: "resolveDiscrepancyFlag",
  method: "post",
  path: "/events/{eventId}/flag-resolutions",
  summary: "裁判长裁定差异标记维持原分（附理由，规则 S-24）/ rule that flagged marks stand, with the reason (rule S-24)",
  description:
    "裁定只覆盖当时的评分；之后任一评分改动，标记重新打开。尚无评分的评分点不能裁定；签字锁定后答 409。/ The ruling covers the marks as they are; if one changes, the flag opens again. An aspect with no marks cannot be ruled on; 409 after sign-off.",
  tags: TAGS,
  permission: "judging:chief",
  params: EventParams,
  body: FlagResolutionSchema,
  response: z.object({ id: z.string(), stationCode: z.string(), aspectId: z.string(), kind: z.string(), reason: z.string(), at: z.string() }),
  successStatus: 201,
  errors: [404, 409],
});

export const signOffOp = defineOperation({
  operationId: "signOffScores",
  method: "post",
  path: "/events/{eventId}/sign-off",
  summary: "签字锁定一个场次或整个赛项 / sign off (lock) one session or the whole event",
  description: "有未解决的差异标记或重评请求时答 409，issues 逐项列出。/ 409 while discrepancy flags or re-mark requests are open; issues list them.",
  tags: TAGS,
  permission: "judging:chief",
  params: EventParams,
  body: SignOffSchema,
  response: z.object({ id: z.string(), eventId: z.string(), sessionId: z.string().nullable(), signatureName: z.string(), at: z.string(), lockedSheets: z.number() }),
  successStatus: 201,
  errors: [404, 409, 422],
});

export const correctMarkOp = defineOperation({
  operationId: "correctMark",
  method: "post",
  path: "/marks/{markId}/corrections",
  summary: "签字后更正分数（裁判长，须填原因）/ correct a mark after sign-off (chief judge, reason required)",
  description: "kind: correction（裁判长更正）、recheck（复核发现的差错，规则 S-40）、appeal（仅限申诉维持后重开的分数，规则 S-42）。原值保留在修改历史中。/ The original value stays in the history.",
  tags: TAGS,
  permission: "judging:chief",
  params: MarkParams,
  body: CorrectionSchema,
  response: z.object({ markId: z.string(), kind: z.string(), before: z.number(), after: z.number(), beforeText: z.string(), afterText: z.string(), version: z.number(), reason: z.string(), changeId: z.string(), at: z.string() }),
  successStatus: 201,
  errors: [404, 409],
});

export const markHistoryOp = defineOperation({
  operationId: "getMarkHistory",
  method: "get",
  path: "/marks/{markId}/history",
  summary: "分数修改历史：原值、每次修改的人、时间、前后值和原因 / a mark's history: original value, who, when, before → after, why",
  description: "裁判长、监督仲裁组，或该分数的评分裁判本人可查看。/ The chief judge, the supervision group, or the judge who entered the mark.",
  tags: TAGS,
  params: MarkParams,
  response: z.object({
    mark: z.object({ id: z.string(), stationCode: z.string(), aspectId: z.string(), judgeId: z.string(), judgeName: z.string(), value: z.number(), original: z.number().nullable(), version: z.number() }).passthrough(),
    changes: z.array(z.object({ id: z.string(), kind: z.string(), before: z.number().nullable(), after: z.number().nullable(), reason: z.string().nullable(), byName: z.string().nullable(), at: z.string() }).passthrough()),
  }),
  errors: [404],
});

export const paperSheetOp = defineOperation({
  operationId: "enterPaperSheet",
  method: "post",
  path: "/events/{eventId}/paper-sheets",
  summary: "纸质评分表双人录入（规则 S-41）/ key in a paper score sheet; a second person confirms (rule S-41)",
  description: "需要 judging:chief 或 contest:manage。同一人第二次录入答 409；两次不一致时 status=mismatch 并列出评分点。/ Needs judging:chief or contest:manage. The same person keying twice gets 409; differences are listed.",
  tags: TAGS,
  params: EventParams,
  body: PaperSheetSchema,
  response: z.object({ id: z.string(), stationCode: z.string(), judgeId: z.string(), judgeLabel: z.string(), status: z.enum(["awaiting_second", "mismatch", "applied"]), differences: z.array(z.string()), appliedMarks: z.number() }),
  errors: [404, 409],
});

export const theoryScoresOp = defineOperation({
  operationId: "importTheoryScores",
  method: "post",
  path: "/events/{eventId}/theory-scores",
  summary: "批量导入理论成绩（按准考证号，全部或全不）/ import theory scores by admission number, all or nothing",
  description: "需要 contest:manage 或 judging:chief。任一行有误答 422，不导入任何成绩，issues 逐行说明。作废须注明原因（规则 S-35）。/ Any bad row → 422 and nothing imported; a voided score needs its reason (rule S-35).",
  tags: TAGS,
  params: EventParams,
  body: TheoryBatchSchema,
  response: z.object({ imported: z.number(), report: z.array(z.object({ row: z.number(), admissionNo: z.string(), ok: z.boolean(), messages: z.array(z.string()), value: z.number().nullable() })) }),
  errors: [404, 422],
});

export const drawRecheckOp = defineOperation({
  operationId: "drawRecheck",
  method: "post",
  path: "/events/{eventId}/rechecks",
  summary: "抽取复核名单：前 N 名全部 + 其余至少 15% 随机（规则 S-40）/ draw the re-check list: all top N + ≥15 % of the rest (rule S-40)",
  description: "签字锁定全部场次后方可抽取，随机种子记录在案，只能抽一次。/ After every session is signed off; the seed is recorded; drawn once.",
  tags: TAGS,
  permission: "judging:supervise",
  params: EventParams,
  body: RecheckDrawSchema,
  response: z.object({ id: z.string(), seed: z.string(), algorithm: z.string(), topN: z.number(), sampleBp: z.number(), topCount: z.number(), sampleCount: z.number(), othersCount: z.number(), status: z.string() }),
  successStatus: 201,
  errors: [404, 409],
});

export const checkRecheckItemOp = defineOperation({
  operationId: "checkRecheckItem",
  method: "post",
  path: "/rechecks/{recheckId}/items/{itemId}",
  summary: "记录一名选手已复核及差错数 / record one re-check item as checked, with its wrong marks",
  description: "差错率超过 5% 时状态变为 full_required，其余选手全部加入复核。/ Above 5 % wrong the status becomes full_required and every other entrant is added.",
  tags: TAGS,
  permission: "judging:supervise",
  params: z.object({ recheckId: z.string().min(1), itemId: z.string().min(1) }),
  body: RecheckItemSchema,
  response: z.object({ id: z.string(), itemId: z.string(), status: z.string(), checkedMarks: z.number(), wrongMarks: z.number() }),
  errors: [404, 409],
});

export const decryptionStepOp = defineOperation({
  operationId: "openDecryptionLayer",
  method: "post",
  path: "/events/{eventId}/decryption-steps",
  summary: "逐层解密：先第 2 层（工位号→参赛号），再第 1 层（参赛号→选手）（规则 S-34）/ open a decryption layer, in reverse order (rule S-34)",
  description: "须签字锁定且复核通过或完成。最后一层打开时赛项解密，姓名对其他角色可见。/ Needs sign-off and a passed or completed re-check; opening the last layer decrypts the event.",
  tags: TAGS,
  permission: "judging:encrypt",
  params: EventParams,
  body: DecryptionStepSchema,
  response: z.object({ eventId: z.string(), layer: z.number(), witnessName: z.string().nullable(), at: z.string(), decrypted: z.boolean(), decryptedAt: z.string().nullable() }),
  successStatus: 201,
  errors: [404, 409],
});

export const fileAppealOp = defineOperation({
  operationId: "fileAppeal",
  method: "post",
  path: "/events/{eventId}/appeals",
  summary: "提出书面申诉（选手本人或领队，申诉期内）/ file a written appeal (entrant or team leader, within the window)",
  description: "领队须填写选手的准考证号。申诉期（默认赛项结束后 2 小时，规则 S-42）过后答 409。/ A team leader gives the entrant's admission number. 409 after the window (default 2 h after the end, rule S-42).",
  tags: TAGS,
  params: EventParams,
  body: AppealSchema,
  response: z.object({ id: z.string(), eventId: z.string(), filedAs: z.string(), status: z.string(), filedAt: z.string(), deadline: z.string().nullable() }),
  successStatus: 201,
  errors: [404, 409],
});

export const ruleAppealOp = defineOperation({
  operationId: "ruleAppeal",
  method: "post",
  path: "/appeals/{appealId}/ruling",
  summary: "监督仲裁组裁决申诉（维持或驳回，须写理由；裁决为最终）/ rule on an appeal (upheld or rejected, with reasons; final)",
  description: "维持时须列出重开的分数（aspectId + judgeId），裁判长随后以 kind=appeal 更正。第二次裁决答 409。/ Upheld names the reopened marks; a second ruling gets 409.",
  tags: TAGS,
  permission: "judging:supervise",
  params: z.object({ appealId: z.string().min(1) }),
  body: RulingSchema,
  response: z.object({ id: z.string(), status: z.string(), ruling: z.string(), reopened: z.array(z.object({ blindCodeId: z.string(), aspectId: z.string(), judgeId: z.string() })) }),
  errors: [404, 409],
});

export const reviewOperations = [
  getConsoleOp, createRemarkRequestOp, resolveFlagOp, signOffOp, correctMarkOp, markHistoryOp, paperSheetOp, theoryScoresOp,
  drawRecheckOp, checkRecheckItemOp, decryptionStepOp, fileAppealOp, ruleAppealOp,
];
