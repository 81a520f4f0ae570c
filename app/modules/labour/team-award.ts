// The monthly best-team award (月度优秀班组) of a period and its vetoes (rule L-7 examples):
// attendance under 95 %, a minor injury or worse, fighting or theft, a notice of criticism or
// worse, a general-or-worse quality accident. Pure: the caller passes the period's ranked board,
// the teams' recorded attendance, the accidents and the events; every number is a setting
// (LabourSettings.teamVetoes and teamAward) with the documented default.
import { awardBanners, rankGroup, type BannerTies, type RankedUnit } from "./periods";
import { ancestry, type RosterEntry } from "./year-end";
import { KIND_OF_SEVERITY, SEVERITY_ORDER, teamAwardVetoes, type Accident, type AccidentSeverity, type TeamVetoSettings } from "./vetoes";

/** How many teams take the month's award, how ties are treated and the reward (yuan, 0 = none). */
export type TeamAwardRule = { topK: number; ties: BannerTies; amount: number };
export const DEFAULT_TEAM_AWARD: TeamAwardRule = { topK: 1, ties: "share", amount: 0 };

/** What the committee records for a team in a period: attendance in hundredths of a percent (9 500 = 95 %). */
export type TeamMonthRecord = { unitId: string; attendance: number; fightingOrTheft: boolean };

export const TEAM_AWARD_REASONS = {
  noAttendance: "本期未登记出勤率 / attendance not recorded for the period",
  notRanked: "本期未参加排名 / not ranked in the period",
} as const;

export type TeamAwardRow = { unitId: string; rank: number | null; total: number; attendance: number | null; reasons: string[]; eligible: boolean };

/**
 * rule L-7: each team of the board with the reasons it may not take the month's award, and the
 * winners: the best `topK` of the eligible teams, ranked again among themselves (ties as set).
 * `accidents` are those counted against each team (its own and those of its builders);
 * `criticisms` are the teams' deduction events dated inside the period.
 */
export function teamAwards(
  board: readonly RankedUnit[],
  records: readonly TeamMonthRecord[],
  accidents: ReadonlyMap<string, readonly Accident[]>,
  criticisms: ReadonlySet<string>,
  period: { from: string; to: string },
  vetoSettings: TeamVetoSettings,
  rule: TeamAwardRule,
  tieBreaks: readonly string[] = [],
): { rows: TeamAwardRow[]; winners: string[] } {
  const teams = board.filter((r) => r.group === "team");
  const rows: TeamAwardRow[] = teams.map((t) => {
    const record = records.find((r) => r.unitId === t.unitId) ?? null;
    let worstSafety: AccidentSeverity | null = null;
    let worstQuality: AccidentSeverity | null = null;
    for (const a of accidents.get(t.unitId) ?? []) {
      if (a.date < period.from || a.date > period.to) continue;
      if (KIND_OF_SEVERITY[a.severity] === "safety") { if (!worstSafety || SEVERITY_ORDER[a.severity] > SEVERITY_ORDER[worstSafety]) worstSafety = a.severity; }
      else if (!worstQuality || SEVERITY_ORDER[a.severity] > SEVERITY_ORDER[worstQuality]) worstQuality = a.severity;
    }
    const reasons = [
      ...(t.rank === null ? [TEAM_AWARD_REASONS.notRanked] : []),
      ...(record ? [] : [TEAM_AWARD_REASONS.noAttendance]),
      ...teamAwardVetoes({ attendancePercent: record ? record.attendance / 100 : 100, worstSafety, worstQuality, fightingOrTheft: record?.fightingOrTheft ?? false, criticised: criticisms.has(t.unitId) }, vetoSettings),
    ];
    return { unitId: t.unitId, rank: t.rank, total: t.total, attendance: record?.attendance ?? null, reasons, eligible: reasons.length === 0 };
  });
  const eligible = teams.filter((t) => rows.find((r) => r.unitId === t.unitId)!.eligible);
  const reranked = rankGroup(eligible, tieBreaks);
  const winners = awardBanners(reranked, { group: "team", topK: rule.topK, ties: rule.ties, amount: rule.amount });
  return { rows, winners };
}

/**
 * The facts of the teams' vetoes in a period, from the project's facts: the accidents counted
 * against each team (recorded at the team or below it on the roster) and the teams with a
 * deduction event (通报批评 or worse, rule L-4) dated inside the period.
 */
export function teamVetoFacts(
  roster: ReadonlyMap<string, RosterEntry>,
  accidents: readonly Accident[],
  events: readonly { unitId: string; date: string; points: number }[],
  period: { from: string; to: string },
): { accidents: Map<string, Accident[]>; criticisms: Set<string> } {
  const byTeam = new Map<string, Accident[]>();
  for (const a of accidents) {
    const team = ancestry(roster, a.unitId).find((e) => e.kind === "team");
    if (team) byTeam.set(team.id, [...(byTeam.get(team.id) ?? []), a]);
  }
  const criticisms = new Set<string>();
  for (const e of events) {
    if (e.points >= 0 || e.date < period.from || e.date > period.to) continue;
    const team = ancestry(roster, e.unitId).find((x) => x.kind === "team");
    if (team) criticisms.add(team.id);
  }
  return { accidents: byTeam, criticisms };
}
