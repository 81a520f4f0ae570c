import { db, type Tx } from "~/utils/db.server";
import { assertNationalPermission, type SessionUser } from "~/utils/auth.server";
import { badRequest, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { calendarOf, isIsoDate, type Calendar } from "./working-days";
import { PUBLISHED_CALENDAR } from "./holidays-cn";
import type { CalendarDayInput } from "./schemas";

// The holiday calendar: 法定节假日 and 调休 working days as CalendarDay rows. The
// administrator (calendar:manage) adds, changes and removes days; everyone counting
// working days reads them here.

export async function loadCalendar(client: Tx | typeof db = db, fromYear?: number): Promise<Calendar> {
  const rows = await client.calendarDay.findMany({ where: fromYear ? { date: { gte: `${fromYear}-01-01` } } : {}, select: { date: true, kind: true } });
  return calendarOf(rows);
}

export async function listCalendarDays(year: number) {
  return db.calendarDay.findMany({ where: { date: { gte: `${year}-01-01`, lte: `${year}-12-31` } }, orderBy: { date: "asc" } });
}

export async function calendarYears() {
  const rows = await db.calendarDay.findMany({ select: { date: true } });
  return [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))].sort();
}

export async function saveCalendarDay(user: SessionUser, input: CalendarDayInput, actor: Actor) {
  assertNationalPermission(user, "calendar:manage");
  return db.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: input.date } });
    const day = await tx.calendarDay.upsert({ where: { date: input.date }, create: input, update: { kind: input.kind, name: input.name } });
    await recordEvent(tx, actor, { action: "calendar.day-saved", entityType: "CalendarDay", entityId: input.date, before: before && { kind: before.kind, name: before.name }, after: input });
    return day;
  });
}

export async function removeCalendarDay(user: SessionUser, date: string, actor: Actor) {
  assertNationalPermission(user, "calendar:manage");
  if (!isIsoDate(date)) throw badRequest("日期格式应为 年-月-日 / the date must be YYYY-MM-DD");
  return db.$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date } });
    if (!before) throw notFound("日历中没有这一天 / the day is not in the calendar");
    await tx.calendarDay.delete({ where: { date } });
    await recordEvent(tx, actor, { action: "calendar.day-removed", entityType: "CalendarDay", entityId: date, before: { kind: before.kind, name: before.name } });
  });
}

/** Seed: the State Council's published years, added where missing (an administrator's edits are kept). */
export async function seedPublishedCalendar() {
  const existing = new Set((await db.calendarDay.findMany({ select: { date: true } })).map((d) => d.date));
  const missing = PUBLISHED_CALENDAR.filter((d) => !existing.has(d.date));
  for (const d of missing) await db.calendarDay.create({ data: d });
  return missing.length;
}
