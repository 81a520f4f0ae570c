import { z } from "zod";
import { birthDateOf, findIdNumberProblem, ID_NUMBER_MESSAGES, normaliseIdNumber, sexOf } from "./id-number";
import {
  EMPLOYMENT_STATUSES, ETHNICITIES, isoDay, MOBILE_PATTERN, normaliseEthnicity, parseCalendarDate, parseFlag, SEXES, SKILL_LEVELS,
} from "./member-fields";

// One schema per input. MemberInputSchema is used by the form, the Excel import and
// the API alike: every message names the field, Chinese first, then English.

export const MEMBER_MESSAGES = {
  nameRequired: "请填写姓名 / name is required",
  nameTooLong: "姓名最多 50 个字 / name: at most 50 characters",
  sex: `性别只能是 男 或 女 / sex must be "男" (male) or "女" (female)`,
  ethnicity: `民族请填写标准名称，如「汉族」「回族」/ give the ethnic group's standard name, such as "汉族" (Han)`,
  birthDate: "出生日期格式应为 1990-05-17 / date of birth: use YYYY-MM-DD",
  idNumberRequired: "请填写身份证号 / ID number is required",
  phone: "手机号应为 11 位大陆手机号码，或留空 / give an 11-digit mainland mobile number, or leave the phone blank",
  orgId: "请选择所在单位 / choose the member's unit",
  skillLevel: `技能等级只能是：${SKILL_LEVELS.join("、")} / skill level: one of the five levels`,
  employmentStatus: `人员身份只能是：${EMPLOYMENT_STATUSES.join("、")} / employment status: "职工" (employee), "学生" (student) or "其他" (other)`,
  flag: `请填写 是 或 否 / answer "是" (yes) or "否" (no)`,
  textTooLong: (max: number) => `最多 ${max} 个字 / at most ${max} characters`,
  birthDateMismatch: (fromId: string) => `出生日期与身份证号不一致（身份证号中为 ${fromId}）/ date of birth does not match the ID number (${fromId})`,
  sexMismatch: (fromId: string) => `性别与身份证号不一致（身份证号中为 ${fromId}）/ sex does not match the ID number (${fromId})`,
  linkCodeRequired: "请填写单位工会给您的关联码 / enter the link code your unit gave you",
  mergePick: "请选择要保留和要并入的会员记录 / choose the record to keep and the record to merge into it",
} as const;

const isBlank = (v: unknown) => v === null || (typeof v === "string" && v.trim() === "");
const blankToNull = (v: unknown) => (isBlank(v) ? null : v);

const optionalText = (max: number) =>
  z.preprocess(blankToNull, z.string().trim().max(max, MEMBER_MESSAGES.textTooLong(max)).nullable().optional());

const flag = z.preprocess(parseFlag, z.boolean({ message: MEMBER_MESSAGES.flag }));

/** 五级, 初级工 and 五级/初级工 all mean the same level. */
function normaliseSkillLevel(value: unknown) {
  if (typeof value !== "string") return value;
  const text = value.trim().replace(/[／\\]/g, "/");
  return SKILL_LEVELS.find((level) => level === text || level.split("/").includes(text)) ?? text;
}

export const IdNumberSchema = z
  .string({ message: MEMBER_MESSAGES.idNumberRequired })
  .transform(normaliseIdNumber)
  .superRefine((id, ctx) => {
    if (id === "") return void ctx.addIssue({ code: "custom", message: MEMBER_MESSAGES.idNumberRequired });
    const problem = findIdNumberProblem(id);
    if (problem) ctx.addIssue({ code: "custom", message: ID_NUMBER_MESSAGES[problem] });
  });

/** The fields of a member record as typed in; sex and date of birth may be left out (read from the ID number). */
export const MemberFieldsSchema = z.object({
  name: z.string({ message: MEMBER_MESSAGES.nameRequired }).trim().min(1, MEMBER_MESSAGES.nameRequired).max(50, MEMBER_MESSAGES.nameTooLong),
  sex: z.preprocess(blankToNull, z.enum(SEXES, { message: MEMBER_MESSAGES.sex }).nullable().optional()),
  ethnicity: z.preprocess((v) => (typeof v === "string" ? normaliseEthnicity(v) : v), z.enum(ETHNICITIES, { message: MEMBER_MESSAGES.ethnicity })),
  birthDate: z.preprocess(
    (v) => (isBlank(v) ? null : parseCalendarDate(v) ?? v),
    z.date({ message: MEMBER_MESSAGES.birthDate }).nullable().optional(),
  ).describe("YYYY-MM-DD；留空则取身份证号中的日期 / blank: taken from the ID number"),
  idNumber: IdNumberSchema.describe("18 位身份证号 / 18-character resident ID number (GB 11643)"),
  phone: z.preprocess(
    (v) => (isBlank(v) ? null : typeof v === "number" ? String(v) : typeof v === "string" ? v.replace(/[\s-]/g, "") : v),
    z.string({ message: MEMBER_MESSAGES.phone }).regex(MOBILE_PATTERN, MEMBER_MESSAGES.phone).nullable().optional(),
  ),
  orgId: z.string({ message: MEMBER_MESSAGES.orgId }).trim().min(1, MEMBER_MESSAGES.orgId).describe("所在单位（组织 id）/ the member's unit (organisation id)"),
  post: optionalText(50),
  skillLevel: z.preprocess((v) => (isBlank(v) ? null : normaliseSkillLevel(v)), z.enum(SKILL_LEVELS, { message: MEMBER_MESSAGES.skillLevel }).nullable().optional()),
  title: optionalText(50),
  employmentStatus: z.preprocess((v) => (isBlank(v) ? undefined : v), z.enum(EMPLOYMENT_STATUSES, { message: MEMBER_MESSAGES.employmentStatus }).optional()),
  isFrontline: flag.optional(),
  isMigrantWorker: flag.optional(),
  isNewEmployment: flag.optional(),
});

/** A complete, consistent member: sex and date of birth must agree with the ID number. */
export const MemberInputSchema = MemberFieldsSchema.superRefine((m, ctx) => {
  if (typeof m.idNumber !== "string" || findIdNumberProblem(m.idNumber)) return; // already reported on idNumber
  const birthFromId = isoDay(birthDateOf(m.idNumber)!);
  if (m.birthDate instanceof Date && isoDay(m.birthDate) !== birthFromId) {
    ctx.addIssue({ code: "custom", path: ["birthDate"], message: MEMBER_MESSAGES.birthDateMismatch(birthFromId) });
  }
  const sexFromId = sexOf(m.idNumber);
  if (m.sex && m.sex !== sexFromId) ctx.addIssue({ code: "custom", path: ["sex"], message: MEMBER_MESSAGES.sexMismatch(sexFromId) });
}).transform((m) => ({
  name: m.name,
  sex: m.sex ?? sexOf(m.idNumber),
  ethnicity: m.ethnicity,
  birthDate: m.birthDate ?? birthDateOf(m.idNumber)!,
  idNumber: m.idNumber,
  phone: m.phone ?? null,
  orgId: m.orgId,
  post: m.post ?? null,
  skillLevel: m.skillLevel ?? null,
  title: m.title ?? null,
  employmentStatus: m.employmentStatus ?? "职工",
  isFrontline: m.isFrontline ?? false,
  isMigrantWorker: m.isMigrantWorker ?? false,
  isNewEmployment: m.isNewEmployment ?? false,
}));
export type MemberInput = z.output<typeof MemberInputSchema>;

/** A partial change (API PATCH): absent fields are kept, null clears an optional field. */
export const MemberPatchSchema = MemberFieldsSchema.partial();
export type MemberPatch = z.output<typeof MemberPatchSchema>;

/** A one-time link code as typed by the worker (decision 009); checked for shape in link-code.ts. */
export const RedeemLinkCodeSchema = z.object({
  code: z.string({ message: MEMBER_MESSAGES.linkCodeRequired }).trim().min(1, MEMBER_MESSAGES.linkCodeRequired).max(40, MEMBER_MESSAGES.linkCodeRequired)
    .describe("单位工会给出的一次性关联码，如 7KQM-2W9D-XH4T / the one-time code from the unit, e.g. 7KQM-2W9D-XH4T"),
});

/** Merging two records of the same person inside the caller's subtree (decision 009). */
export const MergeMembersSchema = z.object({
  keepId: z.string({ message: MEMBER_MESSAGES.mergePick }).trim().min(1, MEMBER_MESSAGES.mergePick).describe("保留的会员记录 / the record to keep"),
  mergeId: z.string({ message: MEMBER_MESSAGES.mergePick }).trim().min(1, MEMBER_MESSAGES.mergePick).describe("并入保留记录的会员记录 / the record merged into it"),
});

export const MemberListQuerySchema = z.object({
  q: z.string().trim().max(50).optional().describe("姓名、手机号或单位名称包含 / name, phone or unit name contains"),
  orgId: z.string().trim().optional().describe("该组织及其全部下级 / this organisation and everything below it"),
  skillLevel: z.enum(SKILL_LEVELS).optional(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1).describe("1-based page number"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type MemberListQuery = z.output<typeof MemberListQuerySchema>;

/** What the API answers: the ID number is masked unless the caller holds member:read-id over the member's unit. */
export const MemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.string(),
  ethnicity: z.string(),
  birthDate: z.string().describe("YYYY-MM-DD"),
  idNumber: z.string().describe("完整号码（需 member:read-id 权限）或脱敏形式，如 4201**********1234 / full with member:read-id, else masked"),
  idNumberRevealed: z.boolean().describe("idNumber 是否为完整号码 / whether idNumber is the full number"),
  phone: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  post: z.string().nullable(),
  skillLevel: z.string().nullable(),
  title: z.string().nullable(),
  employmentStatus: z.string(),
  isFrontline: z.boolean(),
  isMigrantWorker: z.boolean(),
  isNewEmployment: z.boolean(),
  supersededById: z.string().nullable().describe("已并入的会员记录（去重合并后）/ the record this one was merged into"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberView = z.infer<typeof MemberSchema>;
