import { z } from "zod";

// One zod schema per judging input, shared by the pages, the services and the API.

export const AssignJudgeSchema = z.object({
  userId: z.string().min(1, "请选择裁判 / choose a judge"),
  role: z.enum(["judge", "chief"]).default("judge"),
  sessionId: z.string().min(1).nullish().transform((v) => v || null),
  aspectIds: z.array(z.string().min(1)).default([]),
});
export type AssignJudgeInput = z.input<typeof AssignJudgeSchema>;

export const DeclareConflictSchema = z
  .object({
    eventId: z.string().min(1).nullish().transform((v) => v || null),
    /** judges know entrants by station code only (rule S-33) */
    stationCode: z.string().trim().min(1).nullish().transform((v) => v || null),
    unitId: z.string().min(1).nullish().transform((v) => v || null),
    /** or the unit's name as the judge knows it: no list of units is shown (rule S-33) */
    unitName: z.string().trim().max(80).nullish().transform((v) => v || null),
    reason: z.string().trim().min(2, "请说明理由 / give a reason").max(200, "理由不超过 200 字 / at most 200 characters"),
  })
  .refine((v) => !v.stationCode || v.eventId, { path: ["eventId"], message: "按工位号申报时须选择赛项 / choose the event of the station code" })
  .refine((v) => v.eventId || v.unitId || v.unitName, { path: ["unitName"], message: "请选择赛项或填写单位 / choose an event or name a unit" });
export type DeclareConflictInput = z.input<typeof DeclareConflictSchema>;

export const JudgeProfileSchema = z.object({
  unitId: z.string().min(1).nullish().transform((v) => v || null),
  /** or the unit's full or short name (the organiser's form: no list of units, rule S-33) */
  unitName: z.string().trim().max(80).nullish().transform((v) => v || null),
  assessorCertNo: z.string().trim().max(40).nullish().transform((v) => v || null),
  skillLevel: z.string().trim().max(20).nullish().transform((v) => v || null),
  title: z.string().trim().max(40).nullish().transform((v) => v || null),
  /** a new signing PIN: 6 digits */
  pin: z.string().regex(/^\d{6}$/, "签字 PIN 须为 6 位数字 / the signing PIN is 6 digits").nullish().transform((v) => v || null),
});
export type JudgeProfileInput = z.input<typeof JudgeProfileSchema>;

export const SubmitSheetSchema = z.object({
  blindCodeId: z.string().min(1),
  signatureName: z.string().trim().min(2, "请输入您的姓名 / type your name").max(40),
  pin: z.string().regex(/^\d{4,8}$/, "请输入签字 PIN / enter your signing PIN"),
});

/** The encryption officer's decision on a recusal request (issue 10 item 2). */
export const ResolveRecusalSchema = z
  .object({
    action: z.enum(["swap", "move", "remove", "dismiss"], { message: "请选择处理方式 / choose what to do" }),
    assignmentId: z.string().min(1).nullish().transform((v) => v || undefined),
    withAssignmentId: z.string().min(1).nullish().transform((v) => v || undefined),
    sessionId: z.string().min(1).nullish().transform((v) => v || undefined),
    note: z.string().trim().max(200, "说明不超过 200 字 / at most 200 characters").nullish().transform((v) => v || undefined),
  })
  .refine((v) => !(v.action === "swap" || v.action === "move") || v.assignmentId, { path: ["assignmentId"], message: "请选择该裁判的分配 / choose the judge's assignment" })
  .refine((v) => v.action !== "swap" || v.withAssignmentId, { path: ["withAssignmentId"], message: "请选择与之对调的分配 / choose the assignment to swap with" })
  .refine((v) => v.action !== "move" || v.sessionId, { path: ["sessionId"], message: "请选择场次 / choose a session" });
export type ResolveRecusalInput = z.infer<typeof ResolveRecusalSchema>;
