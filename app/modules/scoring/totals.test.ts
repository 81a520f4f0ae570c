import { describe, expect, it } from "vitest";
import { scoreEvent } from "./event";
import { parseMarkingScheme } from "./scheme";
import { settingsWith, sheetInput, sheets, workedScheme } from "./test-fixtures";
import { computeEntrantResult } from "./totals";

/*
 * The worked example (rule S-11, 理论 30% + 实操 70%), five judges on judgement aspects (rule S-21):
 *   theory paper 80                                        → theory 80.00
 *   fit (max 30):    24, 25, 26, 27, 28 → drop 28 and 24 → (25+26+27)/3 = 26
 *   gauge (max 20):  20, 20 (agreed)                        → 20
 *   finish (max 50): 40, 41, 41, 42, 45 → drop 45 and 40 → (41+41+42)/3 = 41.333…
 *   practical = 26 + 20 + 41.333… = 87.333… → rounded once: 87.33
 *   total = 0.3 × 80.00 + 0.7 × 87.33 = 24 + 61.131 = 85.131 → 85.13
 */
const WORKED_MARKS = {
  paper: [80],
  fit: [24, 25, 26, 27, 28],
  gauge: [20, 20],
  finish: [40, 41, 41, 42, 45],
};

describe("totals: component scores and weighted total", () => {
  const settings = settingsWith();
  const scheme = workedScheme(settings);

  it("rule S-11 / S-21 worked example: theory 80.00, practical 87.33, total 85.13", () => {
    const [sheet] = sheets(scheme, settings, [sheetInput("E1", WORKED_MARKS)]);
    const result = computeEntrantResult(scheme, settings, sheet);
    expect(result.components.map((c) => c.scoreText)).toEqual(["80.00", "87.33"]);
    expect(result.totalText).toBe("85.13");
    expect(result.total).toBe(8513);
    // Module scores stay exact (for the rule S-52 tie-break): P1 = 46, P2 = 41⅓.
    expect(result.components[1].modules.map((m) => m.score)).toEqual([{ num: 4600, den: 1 }, { num: 12400, den: 3 }]);
    expect(result.complete).toBe(true);
    expect(result.flags).toEqual([]);
  });

  it("rule S-10: a component is scaled to 100 (百分制): practical marked out of 50 and scored 43/50 → 86.00", () => {
    const { scheme: half } = parseMarkingScheme({
      components: [
        { id: "p", kind: "practical", weight: 1, modules: [{ id: "M", criteria: [{ id: "C", aspects: [{ id: "a", max: 50, kind: "measurement" }] }] }] },
      ],
    });
    const [sheet] = sheets(half, settings, [sheetInput("E1", { a: [43] })]);
    expect(computeEntrantResult(half, settings, sheet).totalText).toBe("86.00");
  });

  it("scaling can be switched off per component: 43 out of 50 stays 43.00", () => {
    const { scheme: raw } = parseMarkingScheme({
      components: [
        {
          id: "p",
          kind: "practical",
          weight: 1,
          scaleTo100: false,
          modules: [{ id: "M", criteria: [{ id: "C", aspects: [{ id: "a", max: 50, kind: "measurement" }] }] }],
        },
      ],
    });
    const [sheet] = sheets(raw, settings, [sheetInput("E1", { a: [43] })]);
    expect(computeEntrantResult(raw, settings, sheet).totalText).toBe("43.00");
  });

  it("rule S-35: identifying marks void the theory paper → theory 0, total = 0.7 × 87.33 = 61.131 → 61.13", () => {
    const [sheet] = sheets(scheme, settings, [
      sheetInput("E1", WORKED_MARKS, { voidedComponents: [{ component: "theory", reason: "试卷上有可识别标记" }] }),
    ]);
    const result = computeEntrantResult(scheme, settings, sheet);
    expect(result.components[0]).toMatchObject({ score: 0, voided: true });
    expect(result.totalText).toBe("61.13");
  });

  it("deductions: 2.5 off practical (after scaling) and 1 off the total: 0.3×80 + 0.7×84.83 = 83.381 → 83.38 − 1 = 82.38", () => {
    const [sheet] = sheets(scheme, settings, [
      sheetInput("E1", WORKED_MARKS, {
        deductions: [
          { component: "practical", points: "2.5", reason: "安全违规" },
          { points: 1, reason: "迟到" },
        ],
      }),
    ]);
    const result = computeEntrantResult(scheme, settings, sheet);
    expect(result.components[1].scoreText).toBe("84.83");
    expect(result.totalText).toBe("82.38");
  });

  it("totals never go below zero after deductions", () => {
    const [sheet] = sheets(scheme, settings, [sheetInput("E1", WORKED_MARKS, { deductions: [{ points: 200, reason: "严重违规" }] })]);
    expect(computeEntrantResult(scheme, settings, sheet).total).toBe(0);
  });

  it("rounding mode is a setting: 0.3 × 80 + 0.7 × 87.35 = 85.145 → half-up 85.15, half-even 85.14, down 85.14", () => {
    const marks = { ...WORKED_MARKS, finish: [40, 41.35, 41.35, 41.35, 45] };
    const totals = (["half-up", "half-even", "down"] as const).map((rounding) => {
      const s = settingsWith({ rounding });
      const [sheet] = sheets(scheme, s, [sheetInput("E1", marks)]);
      return computeEntrantResult(scheme, s, sheet).totalText;
    });
    expect(totals).toEqual(["85.15", "85.14", "85.14"]);
  });

  it("completion time is kept (hundredths of a second) for the time tie-break", () => {
    const [sheet] = sheets(scheme, settings, [sheetInput("E1", WORKED_MARKS, { completionSeconds: "3599.5" })]);
    expect(computeEntrantResult(scheme, settings, sheet).completionTime).toBe(359950);
  });

  it("a missing aspect counts as zero and is flagged as incomplete", () => {
    const [sheet] = sheets(scheme, settings, [sheetInput("E1", { paper: [80] })]);
    const result = computeEntrantResult(scheme, settings, sheet);
    expect(result.complete).toBe(false);
    expect(result.flags.map((f) => f.aspectId)).toEqual(["fit", "gauge", "finish"]);
  });
});

describe("scoreEvent: the full recompute", () => {
  it("scores, ranks and collects flags; disqualified entrants are not ranked (rule S-44)", () => {
    const settings = settingsWith();
    const scheme = workedScheme(settings);
    const all = sheets(scheme, settings, [
      sheetInput("E1", WORKED_MARKS),
      sheetInput("E2", { ...WORKED_MARKS, paper: [90] }),
      sheetInput("E3", { ...WORKED_MARKS, gauge: [20, 0] }),
      sheetInput("E4", { ...WORKED_MARKS, paper: [100] }, { disqualification: { reason: "冒名顶替" } }),
    ]);
    const event = scoreEvent(scheme, settings, all);
    expect(event.ranking.entries.map((e) => [e.entrantId, e.rank, e.totalText])).toEqual([
      ["E2", 1, "88.13"],
      ["E1", 2, "85.13"],
      ["E3", 3, "78.13"], // gauge provisional mean 10 → practical 77.33 → 24 + 54.131
    ]);
    expect(event.ranking.excluded).toEqual([{ entrantId: "E4", reason: "取消资格 / disqualified (rule S-44)" }]);
    expect(event.flags.map((f) => [f.entrantId, f.kind])).toEqual([["E3", "measurement-mismatch"]]);
  });
});
