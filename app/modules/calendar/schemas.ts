import { z } from "zod";
import { isIsoDate } from "./working-days";

export const CalendarDaySchema = z.object({
  date: z.string().trim().refine(isIsoDate, "日期格式应为 年-月-日，例如 2026-05-01 / the date must be YYYY-MM-DD"),
  kind: z.enum(["holiday", "workday"], { error: "请选择：放假 或 调休上班 / choose holiday or working day" }),
  name: z.string().trim().min(1, "请填写节日名称 / give the holiday's name").max(40, "名称不能超过 40 个字 / at most 40 characters"),
});
export type CalendarDayInput = z.infer<typeof CalendarDaySchema>;

