import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { AssignJudgeSchema, DeclareConflictSchema } from "./schemas";

// The judging API (issue 5): a judge's assignments, their sheets, marks with
// idempotency keys, sheet submission with the signing PIN; assignment of judges and
// declarations of conflicts. Marks and sheets are the caller's own: no operation here
// returns another judge's marks.

const EventParams = z.object({ eventId: z.string().min(1) });
const SheetParams = z.object({ eventId: z.string().min(1), blindCodeId: z.string().min(1) });

export const MarkInputSchema = z.object({
  blindCodeId: z.string().min(1).describe("the entrant's blind code id (judges know entrants by station code only)"),
  aspectId: z.string().min(1).describe("aspect id from the event's marking scheme"),
  value: z.union([z.number(), z.string()]).describe("the mark as typed: \"8.5\", or 0–3 points on the 0–3 judgement scale"),
  idempotencyKey: z.string().min(8).max(100).describe("made on the device when the judge entered the mark (e.g. a UUID); a replay answers the stored response and writes nothing"),
  typedBy: z.string().min(1).optional().describe("the user id of the judge who typed the mark on the device; a mark typed by another judge than the caller is refused with 409 judge_mismatch and nothing is written (a shared tablet)"),
  baseVersion: z.number().int().min(0).optional().describe("the mark's version the judge typed over (0: there was none); when the mark has moved on since, the entry is refused with 409 mark_conflict and the current value, and nothing is overwritten. Leave out to write without this check"),
});

export const MarksBodySchema = z.union([
  MarkInputSchema,
  z.object({ marks: z.array(MarkInputSchema).min(1, "至少一个分数 / at least one mark").max(200, "每次最多 200 个分数 / at most 200 marks per request") }),
]);

const SavedMarkSchema = z.object({
  key: z.string(),
  status: z.literal("saved"),
  markId: z.string(),
  sheetId: z.string(),
  blindCodeId: z.string(),
  stationCode: z.string(),
  aspectId: z.string(),
  value: z.number().int().describe("hundredths (a 0–3 judgement of 2 is 200)"),
  valueText: z.string(),
  version: z.number().int(),
  savedAt: z.string(),
  replayed: z.boolean().describe("true when the key had been seen before: nothing was written"),
});

const RejectedMarkSchema = z.object({
  key: z.string(),
  status: z.literal("rejected"),
  error: z.object({
    status: z.number().int(), code: z.string().describe("e.g. sheet_locked, sheet_submitted, invalid_mark, not_assigned, recused, idempotency_key_conflict, judge_mismatch, mark_conflict"), message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    stored: SavedMarkSchema.optional().describe("idempotency_key_conflict: the mark stored under this key"),
    current: z.object({ value: z.number().int(), valueText: z.string(), version: z.number().int() }).optional().describe("mark_conflict: the mark as the server holds it now"),
  }),
});

export const MarksResponseSchema = z.union([SavedMarkSchema, z.object({ results: z.array(z.union([SavedMarkSchema, RejectedMarkSchema])) })]);

const AspectSchema = z.object({
  id: z.string(), name: z.string(), group: z.string(), kind: z.enum(["judgement", "measurement"]),
  componentKind: z.string(), scale: z.enum(["points", "0-3"]),
  max: z.number().int().describe("highest value the judge may enter, hundredths"),
  markMax: z.number().int(), step: z.number().int().describe("allowed step, hundredths"),
  levels: z.array(z.object({ value: z.number().int(), label: z.string() })).describe("level descriptors (0–3 scale) or guidance bands"),
  rule: z.record(z.string(), z.unknown()).describe("the scoring engine's aspect"),
});

export const JudgeSheetSchema = z.object({
  eventId: z.string(),
  blindCodeId: z.string(),
  stationCode: z.string(),
  sessionId: z.string().nullable(),
  sheetId: z.string().nullable(),
  status: z.enum(["open", "submitted", "locked"]),
  submittedAt: z.string().nullable(),
  signatureName: z.string().nullable(),
  aspects: z.array(AspectSchema),
  marks: z.array(z.object({ aspectId: z.string(), markId: z.string(), value: z.number().int(), valueText: z.string(), version: z.number().int(), savedAt: z.string() })).describe("the caller's own marks only"),
  openRemarks: z.array(z.object({ aspectId: z.string(), reason: z.string() })),
});

export const listMyJudgingEventsOp = defineOperation({
  operationId: "listMyJudgingEvents",
  method: "get",
  path: "/judging/events",
  summary: "我的执裁赛项 / the events and sessions I judge",
  tags: ["judging"],
  permission: "judging:score",
  response: z.object({
    items: z.array(z.object({
      eventId: z.string(), eventName: z.string(), trade: z.string(), groupName: z.string(), contestId: z.string(), contestName: z.string(),
      startsAt: z.string().nullable(), drawn: z.boolean(), roles: z.array(z.string()),
      sessions: z.array(z.object({ id: z.string(), name: z.string() })),
      sheets: z.object({ open: z.number().int(), submitted: z.number().int(), locked: z.number().int() }),
    })),
  }),
});

export const getMySheetOp = defineOperation({
  operationId: "getMySheet",
  method: "get",
  path: "/events/{eventId}/sheets/{blindCodeId}",
  summary: "我的评分表（一名选手，仅工位号）/ my score sheet for one entrant (station code only)",
  description: "只返回调用者本人的分数，从不返回其他裁判的分数。/ Only the caller's own marks, never another judge's.",
  tags: ["judging"],
  permission: "judging:score",
  params: SheetParams,
  response: JudgeSheetSchema,
  errors: [404],
});

export const putMarksOp = defineOperation({
  operationId: "putMarks",
  method: "put",
  path: "/events/{eventId}/marks",
  summary: "录入分数（带幂等键，可批量）/ enter marks with idempotency keys (one or a batch)",
  description:
    "每个分数带设备生成的幂等键：同一键的重放返回首次的结果，不再写入；同一键若用于另一个选手、评分点或分值，返回 409 idempotency_key_conflict 并附上已保存的分数（stored）。服务器存储空间已满时返回 503 与 Retry-After，什么也不写入。单个分数出错时按错误格式应答（锁定为 409 sheet_locked，超过满分为 400 并指明 body.value）；批量时逐个返回结果。录入人（typedBy）不是调用者时答 409 judge_mismatch；录入时依据的版本（baseVersion）已过时答 409 mark_conflict 并附当前分数。/ " +
    "Each mark carries an idempotency key made on the device: a replay answers the first response and writes nothing; the same key for another entrant, aspect or value answers 409 idempotency_key_conflict with the stored mark (stored). A full server disk answers 503 with Retry-After and writes nothing. A single mark that fails answers the error shape (409 sheet_locked when signed off, 400 naming body.value when above the maximum); a batch answers one result per mark. " +
    "A device's queued mark may say who typed it (typedBy: 409 judge_mismatch when not the caller) and which version it was typed over (baseVersion: 409 mark_conflict with error.current when the mark has moved on); both are shown in the chief judge's console.",
  tags: ["judging"],
  permission: "judging:score",
  params: EventParams,
  body: MarksBodySchema,
  response: MarksResponseSchema,
  errors: [404, 409, 503],
});

export const submitMySheetOp = defineOperation({
  operationId: "submitMySheet",
  method: "post",
  path: "/events/{eventId}/sheets/{blindCodeId}/submit",
  summary: "提交评分表并签字（姓名 + PIN）/ submit and sign my sheet (typed name and PIN)",
  description: "所有分配给本人的评分点须已评分。PIN 连续输错 5 次后暂停签字 15 分钟（429）。/ Every aspect assigned to the caller must be marked. After 5 wrong PINs, signing pauses for 15 minutes (429).",
  tags: ["judging"],
  permission: "judging:score",
  params: SheetParams,
  body: z.object({ signatureName: z.string().trim().min(2, "请输入姓名 / type your name").max(40), pin: z.string().min(1, "请输入 PIN / enter your PIN").max(20) }),
  response: z.object({ sheetId: z.string(), stationCode: z.string(), status: z.literal("submitted"), submittedAt: z.string(), signatureName: z.string() }),
  errors: [404, 409, 429],
});

const PoolJudgeSchema = z.object({
  userId: z.string(), username: z.string(), displayName: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  assessorCertNo: z.string().nullable(), skillLevel: z.string().nullable(), title: z.string().nullable(), hasPin: z.boolean(),
  assignments: z.array(z.object({ id: z.string(), role: z.string(), sessionId: z.string().nullable(), sessionName: z.string().nullable(), aspectIds: z.array(z.string()) })),
  check: z.object({
    refusals: z.array(z.object({ rule: z.string(), code: z.string(), message: z.string() })),
    warnings: z.array(z.object({ rule: z.string(), code: z.string(), message: z.string() })),
  }),
});

export const listEventJudgesOp = defineOperation({
  operationId: "listEventJudges",
  method: "get",
  path: "/events/{eventId}/judges",
  summary: "赛项裁判库与回避情况 / the event's judge pool with recusal checks",
  tags: ["judging"],
  permission: "contest:read",
  params: EventParams,
  response: z.object({
    event: z.object({ id: z.string(), name: z.string(), contestName: z.string(), sessions: z.array(z.object({ id: z.string(), name: z.string() })) }),
    aspects: z.array(z.object({ id: z.string(), name: z.string(), group: z.string() })),
    judges: z.array(PoolJudgeSchema),
    entrantCount: z.number().int(),
    canManageProfiles: z.boolean(),
  }),
  errors: [404],
});

export const assignJudgeOp = defineOperation({
  operationId: "assignJudge",
  method: "post",
  path: "/events/{eventId}/judges",
  summary: "选派裁判（赛项、场次、评分点）/ assign a judge to the event, a session and aspects",
  description:
    "组织者（contest:manage）或裁判长（judging:chief）。须回避时（S-30、S-31：与选手同单位、已申报关系、同一单位已有裁判）答 409 recusal_required，并逐条说明理由；资格不足（S-20）仅作提示。/ " +
    "Organiser or chief judge. Refused with 409 recusal_required and every reason when the judge must recuse (S-30, S-31); qualification gaps (S-20) are warnings.",
  tags: ["judging"],
  permission: "contest:read",
  params: EventParams,
  body: AssignJudgeSchema,
  response: z.object({ id: z.string(), eventId: z.string(), userId: z.string(), displayName: z.string(), role: z.string(), sessionId: z.string().nullable(), aspectIds: z.array(z.string()), warnings: z.array(z.string()) }),
  successStatus: 201,
  errors: [404, 409],
});

const ConflictSchema = z.object({ id: z.string(), eventName: z.string().nullable().optional(), eventId: z.string().nullable().optional(), stationCode: z.string().nullable(), unitId: z.string().nullable().optional(), unitName: z.string().nullable().optional(), reason: z.string(), createdAt: z.string() });

export const listMyConflictsOp = defineOperation({
  operationId: "listMyConflicts",
  method: "get",
  path: "/judging/conflicts",
  summary: "我申报的回避关系 / my declared conflicts",
  tags: ["judging"],
  permission: "judging:score",
  response: z.object({ items: z.array(ConflictSchema) }),
});

export const declareConflictOp = defineOperation({
  operationId: "declareConflict",
  method: "post",
  path: "/judging/conflicts",
  summary: "申报回避关系（S-30）/ declare a conflict (S-30)",
  description: "与某工位号的选手、某单位或整个赛项存在利害关系。申报后不能再被选派到相关赛项，已分配的也不能再评该选手。/ A relationship with the entrant at a station code, a unit, or a whole event.",
  tags: ["judging"],
  permission: "judging:score",
  body: DeclareConflictSchema,
  response: ConflictSchema,
  successStatus: 201,
});

export const judgingOperations = [listMyJudgingEventsOp, getMySheetOp, putMarksOp, submitMySheetOp, listEventJudgesOp, assignJudgeOp, listMyConflictsOp, declareConflictOp];
