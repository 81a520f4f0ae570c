import { describe, expect, it } from "vitest";
import { campaignEnd, campaignWinners, countdown, safeDayBoard, safeDaysInPeriod, type CampaignSettings } from "./safe-days";

const c: CampaignSettings = { start: "2026-10-01", lengthDays: 100, onAccident: "reset", countsFrom: "minor" };

describe("百日安全生产无事故", () => {
  it("countdown: elapsed and remaining days", () => {
    expect(campaignEnd(c)).toBe("2027-01-08");
    expect(countdown(c, "2026-09-30")).toEqual({ elapsed: 0, remaining: 100, started: false, finished: false });
    expect(countdown(c, "2026-10-01")).toEqual({ elapsed: 1, remaining: 99, started: true, finished: false });
    expect(countdown(c, "2027-02-01")).toMatchObject({ elapsed: 100, remaining: 0, finished: true });
  });
  it("an accident resets the count: the accident day is not safe, the count restarts the day after", () => {
    const board = safeDayBoard(c, ["A", "B"], [{ unitId: "B", date: "2026-10-20", severity: "minor" }], "2026-10-30");
    expect(board).toEqual([
      { unitId: "A", safeDays: 30, vetoed: false, lastAccident: null, accidents: 0 },
      { unitId: "B", safeDays: 10, vetoed: false, lastAccident: "2026-10-20", accidents: 1 },
    ]);
  });
  it("with veto the unit is out; accidents before the start, after today or below the threshold do not count", () => {
    const v = { ...c, onAccident: "veto" as const, countsFrom: "serious" as const };
    const board = safeDayBoard(v, ["A", "B", "C"], [
      { unitId: "A", date: "2026-10-05", severity: "serious" },
      { unitId: "B", date: "2026-10-05", severity: "minor" },
      { unitId: "C", date: "2026-09-05", severity: "fatal" },
      { unitId: "C", date: "2026-11-05", severity: "fatal" },
    ], "2026-10-10");
    expect(board.map((s) => [s.unitId, s.safeDays, s.vetoed])).toEqual([["B", 10, false], ["C", 10, false], ["A", 0, true]]);
  });
  it("the winners went the whole length without an accident", () => {
    const board = safeDayBoard(c, ["A", "B"], [{ unitId: "B", date: "2026-12-01", severity: "minor" }], "2027-01-20");
    expect(board.find((s) => s.unitId === "B")!.safeDays).toBe(38);
    expect(campaignWinners(c, board)).toEqual(["A"]);
  });
  it("safe days inside an assessment period", () => {
    expect(safeDaysInPeriod({ from: "2026-05-01", to: "2026-05-31" }, [])).toBe(31);
    expect(safeDaysInPeriod({ from: "2026-05-01", to: "2026-05-31" }, ["2026-05-10", "2026-04-01"])).toBe(21);
  });
});
