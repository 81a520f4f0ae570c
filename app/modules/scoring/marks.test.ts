import { describe, expect, it } from "vitest";
import { ScoringInputError } from "./errors";
import { parseEntrantSheets } from "./marks";
import { parseMarkingScheme } from "./scheme";
import { settingsWith, sheetInput, workedScheme, WORKED_SCHEME_INPUT } from "./test-fixtures";

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScoringInputError) return error.issues;
    throw error;
  }
  throw new Error("expected a ScoringInputError");
}

describe("invalid marks are refused with a message naming the field", () => {
  const settings = settingsWith();
  const scheme = workedScheme(settings);

  it("a mark above the maximum", () => {
    const issues = issuesOf(() => parseEntrantSheets(scheme, settings, [sheetInput("E1", { fit: [30.01] })]));
    expect(issues).toEqual([
      { path: "sheets[0].marks[0].value", message: "分数不能超过满分 30.00 / a mark cannot exceed the maximum 30.00" },
    ]);
  });

  it("a negative mark", () => {
    const issues = issuesOf(() => parseEntrantSheets(scheme, settings, [sheetInput("E1", { fit: ["-1"] })]));
    expect(issues[0].message).toBe("分数不能为负数 / a mark cannot be negative");
  });

  it("more than 2 decimals", () => {
    const issues = issuesOf(() => parseEntrantSheets(scheme, settings, [sheetInput("E1", { fit: ["8.125"] })]));
    expect(issues[0].message).toBe("最多保留 2 位小数 / at most 2 decimal places are allowed");
  });

  it("a 0–3 judgement of 2.5 (and of 4)", () => {
    const worldSkills = settingsWith({ judgeAggregation: "scale-0-3" });
    const issues = issuesOf(() => parseEntrantSheets(workedScheme(worldSkills), worldSkills, [sheetInput("E1", { fit: [2.5, 4, 3] })]));
    expect(issues.map((i) => i.path)).toEqual(["sheets[0].marks[0].value", "sheets[0].marks[1].value"]);
    expect(issues[0].message).toBe("0–3 分制评分只能是 0、1、2 或 3 / a 0–3 judgement must be 0, 1, 2 or 3");
  });

  it("a measurement mark its rule cannot produce (full or zero: 20 or 0 only)", () => {
    const issues = issuesOf(() => parseEntrantSheets(scheme, settings, [sheetInput("E1", { gauge: [15] })]));
    expect(issues[0].path).toBe("sheets[0].marks[0].value");
  });

  it("unknown aspects, duplicate judge entries and duplicate entrants, all at once", () => {
    const issues = issuesOf(() =>
      parseEntrantSheets(scheme, settings, [
        {
          entrantId: "E1",
          marks: [
            { aspectId: "nope", judgeId: "J1", value: 1 },
            { aspectId: "fit", judgeId: "J1", value: 1 },
            { aspectId: "fit", judgeId: "J1", value: 2 },
          ],
        },
        { entrantId: "E1" },
      ]),
    );
    expect(issues.map((i) => i.path)).toEqual(["sheets[0].marks[0].aspectId", "sheets[0].marks[2].judgeId", "sheets[1].entrantId"]);
  });

  it("a 0–3 entry is kept as whole points; other marks as hundredths", () => {
    const worldSkills = settingsWith({ judgeAggregation: "scale-0-3" });
    const [sheet] = parseEntrantSheets(parseMarkingScheme(WORKED_SCHEME_INPUT).scheme, worldSkills, [sheetInput("E1", { fit: [2, "3"], paper: ["87.5"] })]);
    expect(sheet.marks[1].map((m) => m.value)).toEqual([2, 3]);
    expect(sheet.marks[0].map((m) => m.value)).toEqual([8750]);
  });
});
