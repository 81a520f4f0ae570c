import { describe, expect, it } from "vitest";
import { settingsWith } from "./test-fixtures";
import { rankTeams, type TeamMemberScore } from "./teams";

const member = (entrantId: string, teamId: string, points: number, seconds: number | null, eventId?: string): TeamMemberScore => ({
  entrantId,
  teamId,
  eventId,
  total: Math.round(points * 100),
  completionTime: seconds === null ? null : seconds * 100,
});

describe("rule S-55: team score = sum of the members' totals; ties → shorter total time", () => {
  it("red 80 + 85 + 90 = 255.00 in 930 s; blue 85 + 85 + 85 = 255.00 in 900 s → blue first", () => {
    const teams = rankTeams(
      [
        member("r1", "red", 80, 300),
        member("r2", "red", 85, 310),
        member("r3", "red", 90, 320),
        member("b1", "blue", 85, 300),
        member("b2", "blue", 85, 300),
        member("b3", "blue", 85, 300),
        member("g1", "green", 70, 200),
        member("g2", "green", 70, 200),
        member("g3", "green", 70, 200),
      ],
      settingsWith().teams,
    );
    expect(teams.map((t) => [t.teamId, t.rank, t.totalText, t.completionTime])).toEqual([
      ["blue", 1, "255.00", 90000],
      ["red", 2, "255.00", 93000],
      ["green", 3, "210.00", 60000],
    ]);
  });

  it("equal totals and times share the rank", () => {
    const teams = rankTeams([member("a", "A", 80, 100), member("b", "B", 80, 100), member("c", "C", 70, 100)], settingsWith().teams);
    expect(teams.map((t) => t.rank)).toEqual([1, 1, 3]);
  });
});

describe("rule S-56: sum of each team's best 3 scores in each event", () => {
  it("team A's 4th welder (60) does not count: welding 90 + 80 + 70, lathe 88 → 328.00", () => {
    const settings = settingsWith({ teams: { mode: "best-k-per-event", bestK: 3 } }).teams;
    const teams = rankTeams(
      [
        member("a1", "A", 90, 100, "welding"),
        member("a2", "A", 80, 100, "welding"),
        member("a3", "A", 70, 100, "welding"),
        member("a4", "A", 60, 100, "welding"),
        member("a5", "A", 88, 100, "lathe"),
        member("b1", "B", 95, 100, "welding"),
        member("b2", "B", 95, 100, "welding"),
        member("b3", "B", 95, 100, "lathe"),
      ],
      settings,
    );
    expect(teams.map((t) => [t.teamId, t.totalText, t.countedEntrantIds.length])).toEqual([
      ["A", "328.00", 4],
      ["B", "285.00", 3],
    ]);
    expect(teams[0].countedEntrantIds).not.toContain("a4");
  });
});
