// 百日安全生产无事故 (issue 14 item 7): a campaign with a start date and a length; each unit's
// count of days without an accident; an accident resets the count or vetoes the unit, as
// configured (rules L-7, A-12). Pure.
import { SEVERITY_ORDER, type AccidentSeverity } from "./vetoes";

export type CampaignSettings = {
  start: string;
  lengthDays: number;
  /** `reset`: the count starts again the day after an accident; `veto`: the unit is out of the campaign */
  onAccident: "reset" | "veto";
  /** accidents below this severity do not count (default 轻伤: every injury counts) */
  countsFrom: AccidentSeverity;
};

export const DEFAULT_CAMPAIGN: Omit<CampaignSettings, "start"> = { lengthDays: 100, onAccident: "reset", countsFrom: "minor" };

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export function campaignEnd(c: Pick<CampaignSettings, "start" | "lengthDays">): string {
  return addDays(c.start, c.lengthDays - 1);
}

/** Days elapsed (today included) and days left, clamped to the campaign. */
export function countdown(c: Pick<CampaignSettings, "start" | "lengthDays">, today: string) {
  const elapsed = Math.min(c.lengthDays, Math.max(0, dayNumber(today) - dayNumber(c.start) + 1));
  return { elapsed, remaining: c.lengthDays - elapsed, started: elapsed > 0, finished: elapsed >= c.lengthDays };
}

export type SafeDayStatus = { unitId: string; safeDays: number; vetoed: boolean; lastAccident: string | null; accidents: number };

/**
 * Each unit's safe days on `today` (today counts once it is reached). An accident day is never
 * safe: with `reset` the count restarts the day after the latest accident; with `veto` the unit is
 * out and shows 0.
 */
export function safeDayBoard(
  c: CampaignSettings, unitIds: readonly string[], accidents: readonly { unitId: string; date: string; severity: AccidentSeverity }[], today: string,
): SafeDayStatus[] {
  const { elapsed } = countdown(c, today);
  const end = campaignEnd(c);
  const counted = accidents.filter((a) => a.date >= c.start && a.date <= end && a.date <= today && SEVERITY_ORDER[a.severity] >= SEVERITY_ORDER[c.countsFrom]);
  const board = unitIds.map((unitId) => {
    const own = counted.filter((a) => a.unitId === unitId).map((a) => a.date).sort();
    const last = own.at(-1) ?? null;
    const vetoed = c.onAccident === "veto" && own.length > 0;
    let safeDays = elapsed;
    if (vetoed) safeDays = 0;
    else if (last) safeDays = Math.max(0, Math.min(dayNumber(today), dayNumber(end)) - dayNumber(last));
    return { unitId, safeDays, vetoed, lastAccident: last, accidents: own.length };
  });
  return board.sort((a, b) => b.safeDays - a.safeDays || a.accidents - b.accidents || (a.unitId < b.unitId ? -1 : 1));
}

/** The campaign's winners at its end: every unit that went the whole length without a counted accident. */
export function campaignWinners(c: CampaignSettings, board: readonly SafeDayStatus[]): string[] {
  return board.filter((s) => !s.vetoed && s.accidents === 0 && s.safeDays >= c.lengthDays).map((s) => s.unitId);
}

/** Safe days inside one assessment period (for a `safe-days` indicator): period days minus days up to the latest accident in it. */
export function safeDaysInPeriod(period: { from: string; to: string }, accidentDates: readonly string[]): number {
  const days = dayNumber(period.to) - dayNumber(period.from) + 1;
  const inside = accidentDates.filter((d) => d >= period.from && d <= period.to).sort();
  const last = inside.at(-1);
  return last ? dayNumber(period.to) - dayNumber(last) : days;
}
