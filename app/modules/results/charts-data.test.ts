import { describe, expect, it } from "vitest";
import { calibrationBars, countBy, findHeatsAndFinal, histogram, rankMovement } from "./charts-data";

describe("charts data", () => {
  it("histogram: 10-point bins, 100 in the last bin, out-of-range clamped", () => {
    const bars = histogram([0, 999, 1000, 8550, 9999, 10_000, 12_000, -5]);
    expect(bars).toHaveLength(10);
    expect(bars[0]).toEqual({ label: "0–10", value: 3 });
    expect(bars[1].value).toBe(1);
    expect(bars[8]).toEqual({ label: "80–90", value: 1 });
    expect(bars[9]).toEqual({ label: "90–100", value: 3 });
    expect(bars.reduce((s, b) => s + b.value, 0)).toBe(8);
  });

  it("calibration: percentage points, most lenient first, judges without entries left out", () => {
    const names = new Map([["j1", "王"], ["j2", "李"]]);
    expect(calibrationBars([
      { judgeId: "j1", meanDeviation: -325, entries: 4 },
      { judgeId: "j2", meanDeviation: 510, entries: 4 },
      { judgeId: "j3", meanDeviation: 0, entries: 0 },
    ], names)).toEqual([{ label: "李", value: 5.1 }, { label: "王", value: -3.25 }]);
  });

  it("participation counts, missing region as 未填写", () => {
    expect(countBy(["杭州", "宁波", "杭州", null, " "])).toEqual([{ label: "杭州", value: 2 }, { label: "未填写", value: 2 }, { label: "宁波", value: 1 }]);
  });

  it("finds heats and final of the same trade and group by name", () => {
    const events = [
      { id: "h", name: "焊工初赛", trade: "焊工", groupName: "职工组", sortOrder: 0 },
      { id: "f", name: "焊工决赛", trade: "焊工", groupName: "职工组", sortOrder: 1 },
      { id: "s", name: "焊工决赛", trade: "焊工", groupName: "学生组", sortOrder: 2 },
      { id: "c", name: "养老护理员", trade: "养老护理员", groupName: "职工组", sortOrder: 3 },
    ];
    expect(findHeatsAndFinal(events, "f")).toEqual({ heatsId: "h", finalId: "f" });
    expect(findHeatsAndFinal(events, "h")).toEqual({ heatsId: "h", finalId: "f" });
    expect(findHeatsAndFinal(events, "s")).toBeNull();
    expect(findHeatsAndFinal(events, "c")).toBeNull();
  });

  it("rank movement matched by member, up is positive", () => {
    const heats = new Map([["m1", 5], ["m2", 1], ["m3", 2]]);
    expect(rankMovement(heats, [
      { memberId: "m2", rank: 3, label: "乙" },
      { memberId: "m1", rank: 1, label: "甲" },
      { memberId: "m4", rank: 2, label: "丁" },
      { memberId: "m3", rank: null, label: "丙" },
    ])).toEqual([
      { label: "甲", heatsRank: 5, finalRank: 1, change: 4 },
      { label: "乙", heatsRank: 1, finalRank: 3, change: -2 },
    ]);
  });
});
