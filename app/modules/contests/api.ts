import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { MarkingSchemeInputSchema } from "~/modules/scoring";
import { CONTEST_STATUSES } from "./event-rules";
import { STAGES } from "./lifecycle";
import {
  ContestDetailSchema, ContestInputSchema, ContestSchema, ContestUpdateSchema, EventInputSchema, EventSchema, EventUpdateSchema,
  MarkingSchemeResponseSchema, OpenRegistrationResponseSchema,
} from "./schemas";

const ContestIdParams = z.object({ contestId: z.string().min(1) });
const EventIdParams = z.object({ eventId: z.string().min(1) });

export const listContestsOp = defineOperation({
  operationId: "listContests",
  method: "get",
  path: "/contests",
  summary: "竞赛列表 / contests the caller can see",
  description:
    "本人 contest:read 范围内的竞赛，以及本人所在单位上级工会已开放（非草稿）的竞赛。/ Contests inside the caller's contest:read scope, and non-draft contests of the unions above the caller's own unit.",
  tags: ["contests"],
  permission: "contest:read",
  query: z.object({
    status: z.enum(CONTEST_STATUSES).optional(),
    q: z.string().optional().describe("名称包含 / name contains"),
  }),
  response: z.object({ items: z.array(ContestSchema.extend({ eventCount: z.number().int() })) }),
});

export const createContestOp = defineOperation({
  operationId: "createContest",
  method: "post",
  path: "/contests",
  summary: "新建竞赛（可从往届竞赛复制）/ create a contest, optionally from a template",
  description:
    "templateId：未提供的字段取自该竞赛，并复制其组委会和赛项（评分标准、设置、资格、赛段）；日期留空。日期可写 YYYY-MM-DD（北京时间整日）或 ISO 时间。/ With templateId, omitted fields come from that contest, and its committee and events are copied; dates start blank. Dates: YYYY-MM-DD (whole China days) or ISO timestamps.",
  tags: ["contests"],
  permission: "contest:manage",
  body: ContestInputSchema,
  response: ContestSchema,
  successStatus: 201,
});

export const getContestOp = defineOperation({
  operationId: "getContest",
  method: "get",
  path: "/contests/{contestId}",
  summary: "竞赛详情（含组委会和赛项）/ one contest with its committee and events",
  tags: ["contests"],
  permission: "contest:read",
  params: ContestIdParams,
  response: ContestDetailSchema,
  errors: [404],
});

export const updateContestOp = defineOperation({
  operationId: "updateContest",
  method: "patch",
  path: "/contests/{contestId}",
  summary: "修改竞赛 / update a contest",
  description: "只改提供的字段；null 清空日期。/ Only the given fields change; null clears a date.",
  tags: ["contests"],
  permission: "contest:manage",
  params: ContestIdParams,
  body: ContestUpdateSchema,
  response: ContestSchema,
  errors: [404, 409],
});

export const openRegistrationOp = defineOperation({
  operationId: "openContestRegistration",
  method: "post",
  path: "/contests/{contestId}/open-registration",
  summary: "开放报名 / open registration",
  description:
    "草稿或已截止 → 报名中。须已填写报名起止日期、至少一个赛项，且每个赛项的评分标准有效；否则答 400 并逐项说明。理论占比超过 30% 等仅作提示（warnings）。/ draft or closed → open. Needs the registration window, at least one event and a valid marking scheme for every event; otherwise 400 naming each problem. Soft checks (theory above 30%, rule S-10) come back as warnings.",
  tags: ["contests"],
  permission: "contest:manage",
  params: ContestIdParams,
  response: OpenRegistrationResponseSchema,
  errors: [404, 409],
});

export const listEventsOp = defineOperation({
  operationId: "listContestEvents",
  method: "get",
  path: "/contests/{contestId}/events",
  summary: "竞赛的赛项 / the events of a contest",
  tags: ["contests"],
  permission: "contest:read",
  params: ContestIdParams,
  response: z.object({ items: z.array(EventSchema) }),
  errors: [404],
});

export const createEventOp = defineOperation({
  operationId: "createContestEvent",
  method: "post",
  path: "/contests/{contestId}/events",
  summary: "新增赛项（仅草稿）/ add an event (draft contests only)",
  description: "评分标准另行设置：PUT /events/{eventId}/marking-scheme。/ Set the marking scheme with PUT /events/{eventId}/marking-scheme.",
  tags: ["contests"],
  permission: "contest:manage",
  params: ContestIdParams,
  body: EventInputSchema,
  response: EventSchema,
  successStatus: 201,
  errors: [404, 409],
});

export const getEventOp = defineOperation({
  operationId: "getContestEvent",
  method: "get",
  path: "/events/{eventId}",
  summary: "赛项详情 / one event",
  tags: ["contests"],
  permission: "contest:read",
  params: EventIdParams,
  response: EventSchema,
  errors: [404],
});

export const updateEventOp = defineOperation({
  operationId: "updateContestEvent",
  method: "patch",
  path: "/events/{eventId}",
  summary: "修改赛项设置、资格和赛段 / update an event's settings, eligibility and stages",
  description: "只改提供的字段；scoring 中未提供的评分设置保持不变。/ Only the given fields change; scoring settings not named keep their values.",
  tags: ["contests"],
  permission: "contest:manage",
  params: EventIdParams,
  body: EventUpdateSchema,
  response: EventSchema,
  errors: [404, 409],
});

export const getMarkingSchemeOp = defineOperation({
  operationId: "getMarkingScheme",
  method: "get",
  path: "/events/{eventId}/marking-scheme",
  summary: "赛项评分标准 / an event's marking scheme",
  tags: ["contests"],
  permission: "contest:read",
  params: EventIdParams,
  response: MarkingSchemeResponseSchema,
  errors: [404],
});

export const putMarkingSchemeOp = defineOperation({
  operationId: "putMarkingScheme",
  method: "put",
  path: "/events/{eventId}/marking-scheme",
  summary: "替换赛项评分标准 / replace an event's marking scheme",
  description:
    "评分引擎校验：权重之和须为 1，满分为正数（两位小数），编号不重复，测量规则完整；有误时答 400，issues 逐项给出路径（如 body.components[1].weight），不做任何修改。/ Validated by the scoring engine; a refusal names every problem by path and changes nothing.",
  tags: ["contests"],
  permission: "contest:manage",
  params: EventIdParams,
  body: MarkingSchemeInputSchema,
  response: MarkingSchemeResponseSchema,
  errors: [404, 409],
});

const StageViewSchema = z.object({ stage: z.enum(STAGES), label: z.string(), labelEn: z.string() });

export const getLifecycleOp = defineOperation({
  operationId: "getContestLifecycle",
  method: "get",
  path: "/contests/{contestId}/lifecycle",
  summary: "竞赛与各赛项所处阶段 / the stage of the contest and of each event",
  description:
    "筹备 → 报名中 → 报名截止 → 抽签 → 比赛中 → 评分完成 → 公示中 → 已发布 → 归档，由报名、抽签、评分、签字与公示情况得出。/ Read from the registration window, draw, marks, sign-off and publication.",
  tags: ["contests"],
  permission: "contest:read",
  params: ContestIdParams,
  response: StageViewSchema.extend({ events: z.record(z.string(), StageViewSchema) }),
  errors: [404],
});

export const archiveContestOp = defineOperation({
  operationId: "archiveContest",
  method: "post",
  path: "/contests/{contestId}/archive",
  summary: "归档竞赛 / archive a contest",
  description: "全部赛项成绩已发布且公示期满后才能归档，否则答 409。/ Only once every event is published and its notice period over; otherwise 409.",
  tags: ["contests"],
  permission: "contest:manage",
  params: ContestIdParams,
  response: ContestSchema,
  errors: [404, 409],
});

export const contestOperations = [
  listContestsOp, createContestOp, getContestOp, updateContestOp, openRegistrationOp, getLifecycleOp, archiveContestOp,
  listEventsOp, createEventOp, getEventOp, updateEventOp, getMarkingSchemeOp, putMarkingSchemeOp,
];
