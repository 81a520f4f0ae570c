import { z } from "zod";
import { SKILL_LEVEL_ORDER } from "~/modules/contests/event-rules";
import { parseFlag } from "~/modules/members/member-fields";
import { skillLevelRank } from "./eligibility";

// One schema per input, shared by the worker's form, the unit contact's form, the
// Excel rows and the JSON API. Messages name the field, Chinese first.

export const REGISTRATION_MESSAGES = {
  eventId: "请选择赛项 / choose an event",
  skillLevel: `技能等级只能是：${SKILL_LEVEL_ORDER.join("、")} / skill level: one of the five levels`,
  yearsOfService: "从业年限应为 0 到 60 之间的整数 / years of service: a whole number from 0 to 60",
  flag: `请填写 是 或 否 / answer "是" (yes) or "否" (no)`,
  textTooLong: (field: string, max: number) => `${field}最多 ${max} 个字 / ${field}: at most ${max} characters`,
  reasonRequired: "退回时请填写原因 / give a reason when returning",
  memberIds: "请至少选择一名会员 / pick at least one member",
  unitId: "请选择报名单位 / choose the unit",
} as const;

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

const optionalText = (label: string, max: number) =>
  z.preprocess((v) => (isBlank(v) ? null : typeof v === "number" ? String(v) : v),
    z.string().trim().max(max, REGISTRATION_MESSAGES.textTooLong(label, max)).nullable()).optional().transform((v) => v ?? null);

/** The fields an entrant (or their unit contact) fills in; the rest comes from the member record. */
export const RegistrationFieldsSchema = z.object({
  skillLevel: z.preprocess(
    (v) => (isBlank(v) ? null : typeof v === "string" && skillLevelRank(v) >= 0 ? SKILL_LEVEL_ORDER[skillLevelRank(v)] : v),
    z.enum(SKILL_LEVEL_ORDER, { message: REGISTRATION_MESSAGES.skillLevel }).nullable(),
  ).optional().transform((v) => v ?? null).describe("技能等级；留空则取会员记录 / blank: the member record's level"),
  certificateNo: optionalText("证书编号", 50),
  yearsOfService: z.preprocess(
    (v) => (isBlank(v) ? null : typeof v === "string" ? Number(v.trim()) : v),
    z.number({ message: REGISTRATION_MESSAGES.yearsOfService }).int(REGISTRATION_MESSAGES.yearsOfService)
      .min(0, REGISTRATION_MESSAGES.yearsOfService).max(60, REGISTRATION_MESSAGES.yearsOfService).nullable(),
  ).optional().transform((v) => v ?? null),
  declaredNoAccident: z.preprocess((v) => (v === undefined ? false : parseFlag(v)), z.boolean({ message: REGISTRATION_MESSAGES.flag }))
    .optional().transform((v) => v ?? false).describe("本年度无重大事故声明 / declares no serious accident this year"),
  teamName: optionalText("团队名称", 50).describe("团体赛项的团队名称 / team name, for team events"),
  leaderName: optionalText("领队", 50),
  coachName: optionalText("指导教练", 50),
});
export type RegistrationFields = z.output<typeof RegistrationFieldsSchema>;

/** The worker registers themself (member from the signed-in account). */
export const RegisterSelfSchema = RegistrationFieldsSchema.extend({
  eventId: z.string({ message: REGISTRATION_MESSAGES.eventId }).trim().min(1, REGISTRATION_MESSAGES.eventId),
});

/** The unit contact registers picked members of their unit, with the same team/leader/coach. */
export const RegisterMembersSchema = RegistrationFieldsSchema.extend({
  eventId: z.string({ message: REGISTRATION_MESSAGES.eventId }).trim().min(1, REGISTRATION_MESSAGES.eventId),
  unitId: z.string({ message: REGISTRATION_MESSAGES.unitId }).trim().min(1, REGISTRATION_MESSAGES.unitId),
  memberIds: z.array(z.string().min(1)).min(1, REGISTRATION_MESSAGES.memberIds).max(500),
});

/** API: with memberId a unit contact registers that member; without it the caller registers themself. */
export const RegistrationInputSchema = RegistrationFieldsSchema.extend({
  memberId: z.string().trim().min(1).optional().describe("单位联络员为本单位会员报名时填写；留空为本人报名 / a member of the caller's unit; blank: the caller themself"),
});

const stepField = z.enum(["unit", "host", "office"]).optional()
  .describe("操作时看到的环节；报名已进入其他环节时拒绝 / the step the caller saw: refused if the registration has moved on");

export const ApproveSchema = z.object({ step: stepField });
export const ReturnSchema = z.object({
  step: stepField,
  reason: z.string({ message: REGISTRATION_MESSAGES.reasonRequired }).trim().min(1, REGISTRATION_MESSAGES.reasonRequired).max(500, REGISTRATION_MESSAGES.textTooLong("退回原因", 500)),
});
