/**
 * Team results. rule S-55: team score = sum of the members' totals; equal team totals → the shorter
 * total completion time ranks first. rule S-56: alternatively, the sum of each team's best k scores in
 * each event. Still equal → shared rank.
 */
import { formatHundredths, type Hundredths } from "./exact";
import { compareIds } from "./ranking";
import type { TeamSettings } from "./settings";

export type TeamMemberScore = {
  entrantId: string;
  teamId: string;
  /** The event (赛项/工种) the score belongs to; S-56 counts the best k per event. */
  eventId?: string;
  total: Hundredths;
  /** Hundredths of a second, or null when not recorded. */
  completionTime: Hundredths | null;
};

export type TeamResult = {
  teamId: string;
  rank: number;
  total: Hundredths;
  totalText: string;
  /** Sum of the counted members' times; null if any counted member has no recorded time. */
  completionTime: Hundredths | null;
  /** The members whose scores count, best first. */
  countedEntrantIds: string[];
};

/** Best first: higher total, then shorter time, then entrant id (only so the choice is stable). */
function compareMembers(a: TeamMemberScore, b: TeamMemberScore): number {
  if (a.total !== b.total) return b.total - a.total;
  if (a.completionTime !== b.completionTime) {
    if (a.completionTime === null) return 1;
    if (b.completionTime === null) return -1;
    return a.completionTime - b.completionTime;
  }
  return compareIds(a.entrantId, b.entrantId);
}

function compareTeams(a: Omit<TeamResult, "rank">, b: Omit<TeamResult, "rank">): number {
  if (a.total !== b.total) return b.total - a.total;
  if (a.completionTime === b.completionTime) return 0;
  if (a.completionTime === null) return 1;
  if (b.completionTime === null) return -1;
  return a.completionTime - b.completionTime;
}

export function rankTeams(members: readonly TeamMemberScore[], settings: TeamSettings): TeamResult[] {
  const byTeam = new Map<string, TeamMemberScore[]>();
  for (const member of members) {
    const list = byTeam.get(member.teamId) ?? [];
    list.push(member);
    byTeam.set(member.teamId, list);
  }
  const teams = [...byTeam.entries()].map(([teamId, list]) => {
    let counted: TeamMemberScore[];
    if (settings.mode === "sum-of-members") {
      counted = [...list].sort(compareMembers); // rule S-55
    } else {
      // rule S-56: per event, the team's best k scores.
      const byEvent = new Map<string, TeamMemberScore[]>();
      for (const m of list) {
        const key = m.eventId ?? "";
        byEvent.set(key, [...(byEvent.get(key) ?? []), m]);
      }
      counted = [...byEvent.values()].flatMap((eventList) => [...eventList].sort(compareMembers).slice(0, settings.bestK));
      counted.sort(compareMembers);
    }
    let total = 0;
    let time: number | null = 0;
    for (const m of counted) {
      total += m.total;
      time = time === null || m.completionTime === null ? null : time + m.completionTime;
    }
    return {
      teamId,
      total,
      totalText: formatHundredths(total),
      completionTime: time,
      countedEntrantIds: counted.map((m) => m.entrantId),
    };
  });
  teams.sort((a, b) => compareTeams(a, b) || compareIds(a.teamId, b.teamId));
  const results: TeamResult[] = [];
  teams.forEach((team, i) => {
    const rank = i > 0 && compareTeams(teams[i - 1], team) === 0 ? results[i - 1].rank : i + 1;
    results.push({ ...team, rank });
  });
  return results;
}
