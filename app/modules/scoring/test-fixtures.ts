/**
 * Builders shared by the scoring tests (not a test file itself). Everything goes through the public
 * parse functions, so tests exercise validation the same way routes will.
 */
import { parseEntrantSheets, type EntrantSheet, type EntrantSheetInput } from "./marks";
import type { Rankable } from "./ranking";
import { parseMarkingScheme, type MarkingScheme, type MarkingSchemeInput } from "./scheme";
import { ScoringSettingsSchema, type ScoringSettings, type ScoringSettingsInput } from "./settings";
import type { ComponentResult } from "./totals";

export function settingsWith(overrides: ScoringSettingsInput = {}): ScoringSettings {
  return ScoringSettingsSchema.parse(overrides);
}

/**
 * The worked-example scheme (rule S-11: 理论 30% + 实操 70%), each component out of 100:
 *   theory    T1 › paper      max 100, measurement (the paper's agreed mark)
 *   practical P1 › fit        max 30,  judgement
 *             P1 › gauge      max 20,  measurement, full or zero
 *             P2 › finish     max 50,  judgement
 */
export const WORKED_SCHEME_INPUT: MarkingSchemeInput = {
  components: [
    {
      id: "theory",
      name: "理论",
      kind: "theory",
      weight: "0.3",
      modules: [{ id: "T1", criteria: [{ id: "T1-c", aspects: [{ id: "paper", max: 100, kind: "measurement" }] }] }],
    },
    {
      id: "practical",
      name: "实操",
      kind: "practical",
      weight: "0.7",
      modules: [
        {
          id: "P1",
          criteria: [
            {
              id: "P1-c",
              aspects: [
                { id: "fit", max: 30, kind: "judgement" },
                { id: "gauge", max: 20, kind: "measurement", measurement: { mode: "full-or-zero", tolerance: "0.05" } },
              ],
            },
          ],
        },
        { id: "P2", criteria: [{ id: "P2-c", aspects: [{ id: "finish", max: 50, kind: "judgement" }] }] },
      ],
    },
  ],
};

export function workedScheme(settings: ScoringSettings = settingsWith()): MarkingScheme {
  return parseMarkingScheme(WORKED_SCHEME_INPUT, settings).scheme;
}

/** Marks per aspect, judges named J1, J2, … in the order given. */
export type MarksByAspect = Record<string, Array<number | string>>;

export function sheetInput(
  entrantId: string,
  marks: MarksByAspect,
  extra: Omit<EntrantSheetInput, "entrantId" | "marks"> = {},
): EntrantSheetInput {
  return {
    entrantId,
    marks: Object.entries(marks).flatMap(([aspectId, values]) => values.map((value, j) => ({ aspectId, judgeId: `J${j + 1}`, value }))),
    ...extra,
  };
}

export function sheets(scheme: MarkingScheme, settings: ScoringSettings, inputs: EntrantSheetInput[]): EntrantSheet[] {
  return parseEntrantSheets(scheme, settings, inputs);
}

/** A hand-made rankable entrant: scores in points (2 decimals), time in seconds. */
export function rankable(
  entrantId: string,
  total: number,
  options: { time?: number | null; practical?: number; theory?: number; modules?: number[]; disqualified?: boolean } = {},
): Rankable {
  const h = (points: number) => Math.round(points * 100); // test data only: literal 2-decimal numbers
  const component = (componentId: string, kind: ComponentResult["kind"], score: number, modules: number[]): ComponentResult => ({
    componentId,
    kind,
    raw: { num: h(score), den: 1 },
    score: h(score),
    scoreText: "",
    voided: false,
    deducted: 0,
    modules: modules.map((m, i) => ({ moduleId: `${componentId}-M${i + 1}`, score: { num: h(m), den: 1 }, scoreText: "" })),
  });
  return {
    entrantId,
    total: h(total),
    completionTime: options.time === undefined || options.time === null ? null : h(options.time),
    disqualified: options.disqualified ?? false,
    components: [
      component("theory", "theory", options.theory ?? 0, []),
      component("practical", "practical", options.practical ?? 0, options.modules ?? []),
    ],
  };
}
