import { z } from "zod";

// One schema per input, shared by the pages and the JSON API.

const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const trimmed = (max: number) => z.string().trim().max(max);

export const SessionInputSchema = z.object({
  name: trimmed(60).min(1, "请填写场次名称 / enter the session name"),
  // A form's datetime-local ("2026-05-01T09:00") is Beijing time (UTC+8); the API may send full ISO timestamps.
  startsAt: z
    .union([z.literal(""), z.null(), z.preprocess((v) => (typeof v === "string" && LOCAL_MINUTE.test(v) ? `${v}:00+08:00` : v), z.coerce.date({ message: "时间格式不正确 / invalid date and time" }))])
    .optional()
    .transform((v) => (v === "" || v === undefined || v === null ? null : v)),
  place: trimmed(120).default(""),
  stationCount: z.coerce
    .number({ message: "赛位数必须是数字 / the station count must be a number" })
    .int("赛位数必须是整数 / whole number")
    .min(1, "赛位数至少为 1 / at least 1 station")
    .max(2000, "赛位数不能超过 2000 / at most 2000 stations"),
  sortOrder: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SessionInput = z.infer<typeof SessionInputSchema>;

export const RunDrawSchema = z.object({
  /** must be true to replace an existing draw (only before the contest starts) */
  redraw: z
    .union([z.boolean(), z.literal("true"), z.literal("on"), z.literal("false"), z.literal("")])
    .optional()
    .transform((v) => v === true || v === "true" || v === "on"),
  /** the officer types 抽签 (or DRAW in English mode) to confirm: a draw cannot be taken back silently */
  confirm: z.enum(["抽签", "DRAW"], { message: "请输入“抽签”两个字确认 / type DRAW to confirm" }),
});
export type RunDrawInput = z.infer<typeof RunDrawSchema>;

/** A scanned QR payload may be the whole check-in URL; keep only its token. */
function tokenFrom(value: string) {
  const text = value.trim();
  const match = /[?&]token=([^&#\s]+)/.exec(text);
  return match ? decodeURIComponent(match[1]) : text;
}

export const CheckInSchema = z
  .object({
    token: z.string().max(500).optional().transform((v) => (v ? tokenFrom(v) : undefined)),
    admissionNo: z.string().trim().max(40).optional().transform((v) => v || undefined),
  })
  .refine((v) => Boolean(v.token || v.admissionNo), { message: "请扫描二维码或输入准考证号 / scan the QR code or type the admission number", path: ["admissionNo"] });
export type CheckInInput = z.infer<typeof CheckInSchema>;
