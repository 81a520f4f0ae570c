import { describe, expect, it } from "vitest";
import { calibrateJudges } from "./calibration";
import { settingsWith, sheetInput, sheets, workedScheme } from "./test-fixtures";

describe("judge calibration", () => {
  it("finish (max 50) marked 45, 40, 35 by J1, J2, J3: panel mean 40 → J1 +10.00 lenient, J2 0.00, J3 −10.00 severe", () => {
    const settings = settingsWith({ judgeAggregation: "mean" });
    const scheme = workedScheme(settings);
    const all = sheets(scheme, settings, [sheetInput("E1", { finish: [45, 40, 35] })]);
    const calibration = calibrateJudges(scheme, settings, all);
    expect(calibration.map((c) => [c.judgeId, c.meanDeviationText, c.tendency])).toEqual([
      ["J1", "+10.00", "lenient"],
      ["J2", "0.00", "in-line"],
      ["J3", "-10.00", "severe"],
    ]);
    expect(calibration.map((c) => c.meanAbsoluteDeviationText)).toEqual(["10.00", "0.00", "10.00"]);
  });

  it("deviations are in percentage points of each aspect's maximum, so a small aspect counts like a big one", () => {
    // fit (max 30): J1 27, J2 24 → mean 25.5 → J1 +5.00; finish (max 50): J1 40, J2 45 → mean 42.5 → J1 −5.00
    const settings = settingsWith({ judgeAggregation: "mean" });
    const scheme = workedScheme(settings);
    const calibration = calibrateJudges(scheme, settings, sheets(scheme, settings, [sheetInput("E1", { fit: [27, 24], finish: [40, 45] })]));
    expect(calibration[0]).toMatchObject({ judgeId: "J1", entries: 2, meanDeviationText: "0.00", meanAbsoluteDeviationText: "5.00" });
  });

  it("rule S-21: counts how often each judge was the dropped highest or lowest", () => {
    const settings = settingsWith();
    const scheme = workedScheme(settings);
    const all = sheets(scheme, settings, [
      sheetInput("E1", { fit: [29, 25, 26, 27, 20] }),
      sheetInput("E2", { fit: [28, 25, 26, 27, 24], finish: [40, 41, 42, 43, 39] }),
    ]);
    const byJudge = Object.fromEntries(calibrateJudges(scheme, settings, all).map((c) => [c.judgeId, c]));
    expect(byJudge.J1).toMatchObject({ droppedHigh: 2, droppedLow: 0, trimmedAspects: 3 });
    expect(byJudge.J5).toMatchObject({ droppedHigh: 0, droppedLow: 3 });
    expect(byJudge.J4).toMatchObject({ droppedHigh: 1, droppedLow: 0 });
  });

  it("0–3 scale: J1 gives 3 where the panel averages 2 → +33.33 points of the 3-point scale", () => {
    const settings = settingsWith({ judgeAggregation: "scale-0-3" });
    const scheme = workedScheme(settings);
    const calibration = calibrateJudges(scheme, settings, sheets(scheme, settings, [sheetInput("E1", { fit: [3, 2, 1] })]));
    expect(calibration[0].meanDeviationText).toBe("+33.33");
  });
});
