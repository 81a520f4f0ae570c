/**
 * From one entrant's sheet to their component scores and weighted total.
 *
 * Order of work (docs/scoring.md):
 *   1. aspect mark   = the judges combined (exact rational, no rounding)
 *   2. module score  = sum of its aspect marks (exact; used for the rule S-52 tie-break)
 *   3. component raw = sum of its module scores (exact)
 *   4. component     = raw ÷ component maximum × 100 when scaled (rule S-10: 百分制), ROUNDED to 0.01,
 *                      0 if voided (rule S-35), minus component deductions, not below 0
 *   5. total         = Σ component × weight, ROUNDED to 0.01, minus total deductions, not below 0
 * Only steps 4 and 5 round, with settings.rounding (half-up by default).
 */
import { combineJudgeMarksFast } from "./combine-judges";
import { findDiscrepancy, type ScoringFlag } from "./discrepancy";
import { addRational, formatHundredths, formatRational, rational, roundRational, scaleRational, ZERO, type Hundredths, type Rational } from "./exact";
import type { EntrantSheet } from "./marks";
import type { MarkingScheme, SchemeComponent } from "./scheme";
import type { ScoringSettings } from "./settings";

export type ModuleResult = { moduleId: string; score: Rational; scoreText: string };

export type ComponentResult = {
  componentId: string;
  kind: SchemeComponent["kind"];
  /** Exact sum of the aspect marks, in hundredths, before scaling. */
  raw: Rational;
  /** The component score in hundredths: scaled, rounded, voided or reduced by deductions. */
  score: Hundredths;
  scoreText: string;
  /** rule S-35: the component was voided (e.g. identifying marks on the theory paper). */
  voided: boolean;
  deducted: Hundredths;
  modules: ModuleResult[];
};

export type EntrantResult = {
  entrantId: string;
  /** Final weighted total in hundredths (rounded once, at the end). */
  total: Hundredths;
  totalText: string;
  components: ComponentResult[];
  /** Hundredths of a second, kept for the time tie-break (rule S-51). */
  completionTime: Hundredths | null;
  /** rule S-44: not ranked. */
  disqualified: boolean;
  /** Every aspect has at least one mark. */
  complete: boolean;
  flags: ScoringFlag[];
};

const PERCENT_SCALE = 10_000; // 100.00 points in hundredths
const FULL_WEIGHT = 10_000; // basis points

/** rule S-10: a component out of 100 — raw ÷ maximum × 100, exact until the caller rounds. */
export function scaleToHundred(raw: Rational, componentMax: Hundredths): Rational {
  return scaleRational(raw, PERCENT_SCALE, componentMax);
}

/** The weighted total before rounding: Σ component score × weight (weights in basis points). */
export function weightedTotal(scores: readonly Hundredths[], weights: readonly number[]): Rational {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += scores[i] * weights[i];
  return rational(sum, FULL_WEIGHT);
}

export function computeEntrantResult(scheme: MarkingScheme, settings: ScoringSettings, sheet: EntrantSheet): EntrantResult {
  const moduleTotals: Rational[] = scheme.modules.map(() => ZERO);
  const flags: ScoringFlag[] = [];
  const denominator = [1];
  let complete = true;
  for (const aspect of scheme.aspects) {
    const marks = sheet.marks[aspect.index];
    const flag = findDiscrepancy(sheet.entrantId, aspect, marks, settings);
    if (flag) flags.push(flag);
    const numerator = combineJudgeMarksFast(aspect, marks, settings, denominator);
    if (Number.isNaN(numerator)) {
      complete = false;
      continue;
    }
    moduleTotals[aspect.moduleIndex] = addRational(moduleTotals[aspect.moduleIndex], rational(numerator, denominator[0]));
  }

  const components: ComponentResult[] = scheme.components.map((component, c) => {
    let raw = ZERO;
    const modules = component.modules.map((m) => {
      raw = addRational(raw, moduleTotals[m.index]);
      return { moduleId: m.id, score: moduleTotals[m.index], scoreText: formatRational(moduleTotals[m.index], settings.rounding) };
    });
    const voided = sheet.voidedComponents[c];
    const rounded = roundRational(component.scaleTo100 ? scaleToHundred(raw, component.max) : raw, settings.rounding);
    const deducted = sheet.componentDeductions[c];
    let score = voided ? 0 : rounded - deducted;
    if (settings.floorTotalsAtZero && score < 0) score = 0;
    return {
      componentId: component.id,
      kind: component.kind,
      raw,
      score,
      scoreText: formatHundredths(score),
      voided,
      deducted,
      modules,
    };
  });

  let total =
    roundRational(
      weightedTotal(
        components.map((c) => c.score),
        scheme.components.map((c) => c.weight),
      ),
      settings.rounding,
    ) - sheet.totalDeduction;
  if (settings.floorTotalsAtZero && total < 0) total = 0;

  return {
    entrantId: sheet.entrantId,
    total,
    totalText: formatHundredths(total),
    components,
    completionTime: sheet.completionTime,
    disqualified: sheet.disqualified,
    complete,
    flags,
  };
}
