import { describe, expect, it } from "vitest";
import type { RankedUnit } from "./periods";
import { DEFAULT_TEAM_VETO_SETTINGS, type Accident } from "./vetoes";
import { DEFAULT_TEAM_AWARD, TEAM_AWARD_REASONS, teamAwards, teamVetoFacts, type TeamMonthRecord } from "./team-award";
import type { RosterEntry } from "./year-end";

const team = (unitId: string, total: number, rank: number | null): RankedUnit => ({
  unitId, group: "team", scores: {}, contributions: {}, total, disqualified: rank === null, reasons: [], progressRatio: null, rank, tiedWith: [],
});
const span = { from: "2026-03-01", to: "2026-03-31" };
const att = (unitId: string, attendance: number, fightingOrTheft = false): TeamMonthRecord => ({ unitId, attendance, fightingOrTheft });
const award = (board: RankedUnit[], records: TeamMonthRecord[], accidents = new Map<string, Accident[]>(), criticisms = new Set<string>(), rule = DEFAULT_TEAM_AWARD) =>
  teamAwards(board, records, accidents, criticisms, span, DEFAULT_TEAM_VETO_SETTINGS, rule);

describe("the monthly best-team award and its vetoes (rule L-7)", () => {
  const board = [team("T1", 9_500, 1), team("T2", 9_000, 2), team("T3", 8_000, 3)];

  it("attendance under 95 % vetoes the best team, so the next eligible one wins; exactly 95 % does not veto", () => {
    const r = award(board, [att("T1", 9_499), att("T2", 9_500), att("T3", 9_900)]);
    expect(r.winners).toEqual(["T2"]);
    expect(r.rows.find((x) => x.unitId === "T1")!.reasons.join()).toMatch(/出勤率 94\.99% 低于 95%/);
    expect(r.rows.find((x) => x.unitId === "T2")).toMatchObject({ eligible: true, reasons: [] });
  });

  it("a team without recorded attendance is not eligible, with the reason", () => {
    const r = award(board, [att("T2", 9_600)]);
    expect(r.winners).toEqual(["T2"]);
    expect(r.rows.find((x) => x.unitId === "T1")!.reasons).toEqual([TEAM_AWARD_REASONS.noAttendance]);
    expect(award(board, []).winners).toEqual([]);
  });

  it("fighting or theft, an injury in the period, a criticism and a quality accident each veto", () => {
    const all = [att("T1", 10_000, true), att("T2", 10_000), att("T3", 10_000)];
    const accidents = new Map<string, Accident[]>([["T2", [{ id: "a", unitId: "T2", date: "2026-03-10", severity: "minor" }]]]);
    const r = award(board, all, accidents, new Set(["T3"]));
    expect(r.winners).toEqual([]);
    expect(r.rows.map((x) => x.reasons.length)).toEqual([1, 1, 1]);
    const quality = new Map<string, Accident[]>([["T1", [{ id: "q", unitId: "T1", date: "2026-03-02", severity: "general" }]]]);
    expect(award(board, [att("T1", 10_000), att("T2", 10_000)], quality).winners).toEqual(["T2"]);
    // an accident outside the period does not count
    const before = new Map<string, Accident[]>([["T1", [{ id: "b", unitId: "T1", date: "2026-02-27", severity: "serious" }]]]);
    expect(award(board, [att("T1", 10_000)], before).winners).toEqual(["T1"]);
  });

  it("ties among the eligible teams share the award by default, or give none when ties are refused", () => {
    const tied = [team("T1", 9_000, 1), team("T2", 9_000, 1), team("T3", 8_000, 3)];
    const records = [att("T1", 9_800), att("T2", 9_800), att("T3", 9_800)];
    expect(award(tied, records).winners.sort()).toEqual(["T1", "T2"]);
    expect(award(tied, records, undefined, undefined, { topK: 1, ties: "none", amount: 0 }).winners).toEqual([]);
  });

  it("a disqualified team (not ranked) cannot win", () => {
    const r = award([team("T1", 9_900, null), team("T2", 8_000, 1)], [att("T1", 10_000), att("T2", 10_000)]);
    expect(r.winners).toEqual(["T2"]);
    expect(r.rows[0].reasons).toContain(TEAM_AWARD_REASONS.notRanked);
  });

  it("counts an accident and a deduction against the team they happened in, by the roster", () => {
    const roster = new Map<string, RosterEntry>([
      ["S", { id: "S", kind: "section", name: "一标段", parentId: null, startOnSite: null }],
      ["A", { id: "A", kind: "area", name: "一工区", parentId: "S", startOnSite: null }],
      ["T", { id: "T", kind: "team", name: "钢筋班", parentId: "A", startOnSite: null }],
      ["B", { id: "B", kind: "builder", name: "张伟", parentId: "T", startOnSite: null }],
    ]);
    const f = teamVetoFacts(roster, [{ id: "x", unitId: "B", date: "2026-03-05", severity: "minor" }, { id: "y", unitId: "A", date: "2026-03-05", severity: "minor" }], [
      { unitId: "T", date: "2026-03-06", points: -300 }, { unitId: "A", date: "2026-03-06", points: -300 }, { unitId: "T", date: "2026-04-01", points: -300 },
    ], span);
    expect([...f.accidents.keys()]).toEqual(["T"]);
    expect(f.accidents.get("T")!.map((a) => a.id)).toEqual(["x"]);
    expect([...f.criticisms]).toEqual(["T"]);
    const praiseOnly = teamVetoFacts(roster, [], [{ unitId: "T", date: "2026-03-06", points: 200 }], span);
    expect(praiseOnly.criticisms.size).toBe(0);
  });
});
