// Contest dates are entered as calendar days in China (UTC+8, no daylight saving):
// a registration window "2026-11-01 — 2026-12-10" opens at 00:00 on the first day and
// closes at 23:59:59 on the last, Beijing time. The API also accepts full ISO timestamps.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** "2026-11-01" → the instant that day starts ("start") or ends ("end") in China; null if not a day. */
export function chinaDay(text: string, edge: "start" | "end"): Date | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const [, y, m, d] = match.map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const check = new Date(utcMidnight);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  const start = utcMidnight - CHINA_OFFSET_MS;
  return new Date(edge === "start" ? start : start + 86_400_000 - 1000);
}

/** The China calendar day of an instant, "YYYY-MM-DD"; "" for none. */
export function formatChinaDay(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
