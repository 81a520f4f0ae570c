// Working days on the Chinese calendar: Monday to Friday, except 法定节假日 (statutory
// holidays), plus 调休 working weekends (weekend days declared working days when a holiday
// is stretched). The calendar is data (CalendarDay rows, edited by the administrator); these
// functions are pure. Dates are Beijing calendar dates written YYYY-MM-DD.

export type DayKind = "holiday" | "workday";
export type Calendar = ReadonlyMap<string, DayKind>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toISOString().slice(0, 10) === value;
}

const toUtc = (date: string) => {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Beijing (UTC+8, no daylight saving) calendar date of an instant. */
export const beijingDate = (at: Date): string => fromUtc(at.getTime() + 8 * 3_600_000);

export const addCalendarDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * DAY_MS);

/** 0 = Sunday … 6 = Saturday */
export const weekday = (date: string): number => new Date(toUtc(date)).getUTCDay();

export function isWorkingDay(date: string, calendar: Calendar): boolean {
  const kind = calendar.get(date);
  if (kind === "workday") return true; // 调休: a weekend day worked
  if (kind === "holiday") return false; // 法定节假日 (and the days stretched around it)
  const w = weekday(date);
  return w !== 0 && w !== 6;
}

/** The date `n` working days after `date` (not counting `date` itself); n ≥ 0. */
export function addWorkingDays(date: string, n: number, calendar: Calendar): string {
  if (!Number.isInteger(n) || n < 0) throw new Error("n must be a whole number ≥ 0");
  let day = date;
  for (let left = n; left > 0; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function countWorkingDays(from: string, to: string, calendar: Calendar): number {
  let count = 0;
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) if (isWorkingDay(day, calendar)) count += 1;
  return count;
}

/**
 * The last day of a window of `days` days opening on `startsOn` (rules N-31, N-33): calendar
 * days count every day from the first; working days count the working days from the first
 * (a window opening on a holiday starts counting at the next working day).
 */
export function windowEndDate(startsOn: string, days: number, kind: "calendar" | "working", calendar: Calendar): string {
  if (!Number.isInteger(days) || days < 1) throw new Error("days must be a whole number ≥ 1");
  return kind === "calendar" ? addCalendarDays(startsOn, days - 1) : addWorkingDays(addCalendarDays(startsOn, -1), days, calendar);
}

export const calendarOf = (rows: readonly { date: string; kind: string }[]): Calendar =>
  new Map(rows.filter((r) => r.kind === "holiday" || r.kind === "workday").map((r) => [r.date, r.kind as DayKind]));
