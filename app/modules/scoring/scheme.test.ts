import { describe, expect, it } from "vitest";
import { ScoringInputError } from "./errors";
import { markFromMeasurement, parseMarkingScheme, type MarkingSchemeInput } from "./scheme";
import { settingsWith, WORKED_SCHEME_INPUT } from "./test-fixtures";

function oneAspectComponent(id: string, kind: "theory" | "practical" | "defence" | "other", weight: string | number) {
  return {
    id,
    kind,
    weight,
    modules: [{ id: `${id}-M`, criteria: [{ id: `${id}-C`, aspects: [{ id: `${id}-A`, max: 100, kind: "judgement" as const }] }] }],
  };
}

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseMarkingScheme(input);
  } catch (error) {
    if (error instanceof ScoringInputError) return error.issues;
    throw error;
  }
  return [];
}

describe("marking scheme weights (rules S-10, S-11, S-12)", () => {
  it("rule S-11: 理论 30% + 实操 70% is accepted, as basis points 3000 / 7000", () => {
    const { scheme, warnings } = parseMarkingScheme(WORKED_SCHEME_INPUT);
    expect(scheme.components.map((c) => c.weight)).toEqual([3000, 7000]);
    expect(scheme.components.map((c) => c.max)).toEqual([10000, 10000]);
    expect(warnings).toEqual([]);
  });

  it("rule S-12: 20/80 (hairdressing) and 25/55/20 (theory / practical / defence) are accepted", () => {
    expect(() => parseMarkingScheme({ components: [oneAspectComponent("t", "theory", 0.2), oneAspectComponent("p", "practical", 0.8)] })).not.toThrow();
    const { scheme } = parseMarkingScheme({
      components: [oneAspectComponent("t", "theory", "0.25"), oneAspectComponent("p", "practical", "0.55"), oneAspectComponent("d", "defence", "0.2")],
    });
    expect(scheme.components.map((c) => c.weight)).toEqual([2500, 5500, 2000]);
  });

  it("weights that do not sum to 1 are refused, naming the field, Chinese first", () => {
    const issues = issuesOf({ components: [oneAspectComponent("t", "theory", 0.3), oneAspectComponent("p", "practical", 0.6)] });
    expect(issues).toEqual([
      { path: "components[1].weight", message: "权重之和必须等于 1（当前为 0.9）/ weights must sum to 1" },
    ]);
  });

  it("0.1 + 0.2 style float weights are compared exactly: 0.1 + 0.2 + 0.7 sums to exactly 1", () => {
    const { scheme } = parseMarkingScheme({
      components: [oneAspectComponent("a", "theory", 0.1), oneAspectComponent("b", "other", 0.2), oneAspectComponent("c", "practical", 0.7)],
    });
    expect(scheme.components.reduce((sum, c) => sum + c.weight, 0)).toBe(10_000);
  });

  it("rule S-10 / S-12: theory above 30% is a warning, not a refusal", () => {
    const { warnings } = parseMarkingScheme({ components: [oneAspectComponent("t", "theory", 0.4), oneAspectComponent("p", "practical", 0.6)] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe("components[0].weight");
    expect(warnings[0].message).toContain("理论成绩占比 0.4 超过 30%");
    const atLimit = parseMarkingScheme({ components: [oneAspectComponent("t", "theory", 0.3), oneAspectComponent("p", "practical", 0.7)] });
    expect(atLimit.warnings).toEqual([]);
  });

  it("rule S-10: the 30% threshold is a setting", () => {
    const input = { components: [oneAspectComponent("t", "theory", 0.3), oneAspectComponent("p", "practical", 0.7)] };
    expect(parseMarkingScheme(input, settingsWith({ theoryWarningPercent: 25 })).warnings).toHaveLength(1);
  });
});

describe("invalid schemes are refused with every problem listed", () => {
  it("names each bad field", () => {
    const input: MarkingSchemeInput = {
      components: [
        {
          id: "p",
          kind: "practical",
          weight: "1.00001",
          modules: [
            {
              id: "M",
              criteria: [
                {
                  id: "C",
                  aspects: [
                    { id: "a", max: "10.005", kind: "judgement" },
                    { id: "a", max: -5, kind: "judgement" },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toEqual([
      "components[0].weight",
      "components[0].modules[0].criteria[0].aspects[0].max",
      "components[0].modules[0].criteria[0].aspects[1].id",
      "components[0].modules[0].criteria[0].aspects[1].max",
    ]);
  });

  it("shape errors from the schema are translated too (Chinese first)", () => {
    const issues = issuesOf({ components: [{ id: "x", kind: "cooking", weight: 1, modules: [] }] });
    expect(issues.map((i) => i.path)).toEqual(["components[0].kind", "components[0].modules"]);
    // No field path and no zod jargon in what people read: the path is in `path`.
    expect(issues[0].message).toBe("不是可选的值 / Not one of the allowed values");
    expect(issues[1].message).toBe("至少需要 1 项 / At least 1 needed");
  });
});

describe("measurement aspects: objective scoring", () => {
  const { scheme } = parseMarkingScheme({
    components: [
      {
        id: "p",
        kind: "practical",
        weight: 1,
        modules: [
          {
            id: "M",
            criteria: [
              {
                id: "C",
                aspects: [
                  { id: "bore", max: 10, kind: "measurement", measurement: { mode: "full-or-zero", tolerance: "0.02" } },
                  { id: "length", max: 10, kind: "measurement", measurement: { mode: "steps", tolerance: "0.05", step: "0.01", deductionPerStep: 2 } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  const [bore, length] = scheme.aspects;

  it("full or zero: within ±0.02 mm → 10, outside → 0", () => {
    expect(markFromMeasurement(bore, "0.02")).toBe(1000);
    expect(markFromMeasurement(bore, "-0.015")).toBe(1000);
    expect(markFromMeasurement(bore, "0.021")).toBe(0);
  });

  it("steps: tolerance 0.05, each started 0.01 beyond it costs 2 points", () => {
    expect(markFromMeasurement(length, "0.05")).toBe(1000);
    expect(markFromMeasurement(length, "0.051")).toBe(800); // one started step
    expect(markFromMeasurement(length, "0.07")).toBe(600); // two full steps
    expect(markFromMeasurement(length, "0.2")).toBe(0); // never below zero
  });
});
