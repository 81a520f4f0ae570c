/**
 * The marking scheme (评分标准): components (理论 / 实操 / 答辩 …) with weights, and inside each
 * component a tree of modules → criteria → aspects. An aspect is the unit the judges mark.
 */
import { z } from "zod";
import { IssueCollector, ScoringInputError, describeIssue, issuesFromZod, type ScoringIssue } from "./errors";
import { describeDecimalProblem, formatHundredths, parseScaledDecimal, type Hundredths } from "./exact";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings";
import { zodIssueMessage } from "~/utils/messages";

const decimalInput = z.union([z.number(), z.string()]);

const MeasurementRuleInputSchema = z.discriminatedUnion("mode", [
  /** The judges agree one mark (two entries that differ are a discrepancy). */
  z.object({ mode: z.literal("agreed") }),
  /** Within tolerance → full marks, otherwise zero. */
  z.object({ mode: z.literal("full-or-zero"), tolerance: decimalInput.default(0) }),
  /** Within tolerance → full marks; each started `step` beyond it loses `deductionPerStep`, down to zero. */
  z.object({
    mode: z.literal("steps"),
    tolerance: decimalInput.default(0),
    step: decimalInput,
    deductionPerStep: decimalInput,
  }),
]);

const AspectInputSchema = z.object({
  id: z.string().min(1),
  name: z.string().default(""),
  max: decimalInput,
  kind: z.enum(["judgement", "measurement"]),
  measurement: MeasurementRuleInputSchema.optional(),
});

const CriterionInputSchema = z.object({
  id: z.string().min(1),
  name: z.string().default(""),
  aspects: z.array(AspectInputSchema).min(1),
});

const ModuleInputSchema = z.object({
  id: z.string().min(1),
  name: z.string().default(""),
  criteria: z.array(CriterionInputSchema).min(1),
});

const ComponentInputSchema = z.object({
  id: z.string().min(1),
  name: z.string().default(""),
  /** rule S-10: theory is the kind the 30% check looks at. */
  kind: z.enum(["theory", "practical", "defence", "other"]),
  /** A share of the total: 0.3, "0.3", up to 4 decimals (basis points). */
  weight: decimalInput,
  /** rule S-10: each component is scored out of 100 before weighting (百分制). */
  scaleTo100: z.boolean().default(true),
  modules: z.array(ModuleInputSchema).min(1),
});

export const MarkingSchemeInputSchema = z.object({
  components: z.array(ComponentInputSchema).min(1),
});
export type MarkingSchemeInput = z.input<typeof MarkingSchemeInputSchema>;

/** Lengths in measurement rules carry up to 4 decimals (e.g. 0.005 mm) and are kept ×10 000. */
export type TenThousandths = number;

export type MeasurementRule =
  | { mode: "agreed" }
  | { mode: "full-or-zero"; tolerance: TenThousandths }
  | { mode: "steps"; tolerance: TenThousandths; step: TenThousandths; deductionPerStep: Hundredths };

export type Aspect = {
  id: string;
  name: string;
  /** Maximum mark in hundredths. */
  max: Hundredths;
  kind: "judgement" | "measurement";
  measurement: MeasurementRule | null;
  /** Position in `MarkingScheme.aspects` (scheme order). */
  index: number;
  componentIndex: number;
  moduleIndex: number;
};

export type SchemeModule = { id: string; name: string; index: number; componentIndex: number; max: Hundredths };

export type SchemeComponent = {
  id: string;
  name: string;
  kind: "theory" | "practical" | "defence" | "other";
  /** Basis points: 3000 = 30%. All weights add up to 10 000. */
  weight: number;
  scaleTo100: boolean;
  /** Sum of the aspect maxima, in hundredths. */
  max: Hundredths;
  modules: SchemeModule[];
};

/** A validated scheme, flattened for fast scoring: aspects and modules are in scheme order. */
export type MarkingScheme = {
  components: SchemeComponent[];
  modules: SchemeModule[];
  aspects: Aspect[];
  aspectIndexById: Map<string, number>;
};

export type ParsedScheme = { scheme: MarkingScheme; warnings: ScoringIssue[] };

const FULL_WEIGHT = 10_000;

function readDecimal(collector: IssueCollector, path: string, input: unknown, decimals: number): number | null {
  const parsed = parseScaledDecimal(input, decimals);
  if (!parsed.ok) {
    collector.issues.push(describeDecimalProblem(path, parsed.reason, decimals));
    return null;
  }
  return parsed.scaled;
}

function formatBasisPoints(weight: number): string {
  return String(weight / FULL_WEIGHT); // display only: weights are compared as integers
}

/**
 * Validates a marking scheme. Refuses (ScoringInputError, every problem at once): weights that do not
 * add up to exactly 1, maxima that are not positive 2-decimal marks, duplicate ids, bad measurement
 * rules. Warns (does not refuse) when theory is above 30% of the total (rules S-10, S-12).
 */
export function parseMarkingScheme(input: unknown, settings: ScoringSettings = DEFAULT_SCORING_SETTINGS): ParsedScheme {
  const shape = MarkingSchemeInputSchema.safeParse(input, { error: zodIssueMessage });
  if (!shape.success) throw new ScoringInputError(issuesFromZod(shape.error.issues));
  const collector = new IssueCollector();
  const components: SchemeComponent[] = [];
  const modules: SchemeModule[] = [];
  const aspects: Aspect[] = [];
  const aspectIndexById = new Map<string, number>();
  const componentIds = new Set<string>();
  const moduleIds = new Set<string>();
  let weightSum = 0;

  shape.data.components.forEach((componentInput, c) => {
    const componentPath = `components[${c}]`;
    if (componentIds.has(componentInput.id)) {
      collector.add(`${componentPath}.id`, `组成部分编号重复：${componentInput.id}`, "component id is not unique");
    }
    componentIds.add(componentInput.id);
    const weight = readDecimal(collector, `${componentPath}.weight`, componentInput.weight, 4);
    if (weight !== null) {
      if (weight <= 0 || weight > FULL_WEIGHT) {
        collector.add(`${componentPath}.weight`, "权重必须大于 0 且不超过 1", "weight must be above 0 and at most 1");
      }
      weightSum += weight;
    }
    const component: SchemeComponent = {
      id: componentInput.id,
      name: componentInput.name,
      kind: componentInput.kind,
      weight: weight ?? 0,
      scaleTo100: componentInput.scaleTo100,
      max: 0,
      modules: [],
    };
    componentInput.modules.forEach((moduleInput, m) => {
      const modulePath = `${componentPath}.modules[${m}]`;
      if (moduleIds.has(moduleInput.id)) {
        collector.add(`${modulePath}.id`, `模块编号重复：${moduleInput.id}`, "module id is not unique");
      }
      moduleIds.add(moduleInput.id);
      const schemeModule: SchemeModule = {
        id: moduleInput.id,
        name: moduleInput.name,
        index: modules.length,
        componentIndex: c,
        max: 0,
      };
      moduleInput.criteria.forEach((criterionInput, k) => {
        criterionInput.aspects.forEach((aspectInput, a) => {
          const aspectPath = `${modulePath}.criteria[${k}].aspects[${a}]`;
          if (aspectIndexById.has(aspectInput.id)) {
            collector.add(`${aspectPath}.id`, `评分点编号重复：${aspectInput.id}`, "aspect id is not unique");
          }
          const max = readDecimal(collector, `${aspectPath}.max`, aspectInput.max, 2);
          if (max !== null && max <= 0) {
            collector.add(`${aspectPath}.max`, "满分必须大于 0", "maximum mark must be above 0");
          }
          const measurement = readMeasurementRule(collector, aspectPath, aspectInput, max ?? 0);
          const aspect: Aspect = {
            id: aspectInput.id,
            name: aspectInput.name,
            max: max ?? 0,
            kind: aspectInput.kind,
            measurement,
            index: aspects.length,
            componentIndex: c,
            moduleIndex: schemeModule.index,
          };
          aspectIndexById.set(aspect.id, aspect.index);
          aspects.push(aspect);
          schemeModule.max += aspect.max;
        });
      });
      component.max += schemeModule.max;
      component.modules.push(schemeModule);
      modules.push(schemeModule);
    });
    components.push(component);
  });

  if (collector.issues.length === 0 && weightSum !== FULL_WEIGHT) {
    collector.add(
      `components[${components.length - 1}].weight`,
      `权重之和必须等于 1（当前为 ${formatBasisPoints(weightSum)}）`,
      "weights must sum to 1",
    );
  }
  collector.throwIfAny();

  const warnings: ScoringIssue[] = [];
  const theoryWeight = components.filter((c) => c.kind === "theory").reduce((sum, c) => sum + c.weight, 0);
  // rules S-10, S-12: theory ≤ 30% is a soft check — some trades legitimately differ, so warn only.
  if (theoryWeight > settings.theoryWarningPercent * 100) {
    const index = components.findIndex((c) => c.kind === "theory");
    warnings.push(
      describeIssue(
        `components[${index}].weight`,
        `理论成绩占比 ${formatBasisPoints(theoryWeight)} 超过 ${settings.theoryWarningPercent}%（规则 S-10）`,
        `theory weight is above ${settings.theoryWarningPercent}% of the total (rule S-10)`,
      ),
    );
  }
  return { scheme: { components, modules, aspects, aspectIndexById }, warnings };
}

function readMeasurementRule(
  collector: IssueCollector,
  aspectPath: string,
  aspectInput: z.infer<typeof AspectInputSchema>,
  max: Hundredths,
): MeasurementRule | null {
  if (aspectInput.kind === "judgement") {
    if (aspectInput.measurement) {
      collector.add(`${aspectPath}.measurement`, "主观评分点不能设置测量规则", "a judgement aspect has no measurement rule");
    }
    return null;
  }
  const input = aspectInput.measurement ?? { mode: "agreed" as const };
  if (input.mode === "agreed") return { mode: "agreed" };
  const tolerance = readDecimal(collector, `${aspectPath}.measurement.tolerance`, input.tolerance, 4);
  if (tolerance !== null && tolerance < 0) {
    collector.add(`${aspectPath}.measurement.tolerance`, "公差不能为负数", "tolerance cannot be negative");
  }
  if (input.mode === "full-or-zero") return { mode: "full-or-zero", tolerance: tolerance ?? 0 };
  const step = readDecimal(collector, `${aspectPath}.measurement.step`, input.step, 4);
  if (step !== null && step <= 0) {
    collector.add(`${aspectPath}.measurement.step`, "步长必须大于 0", "step must be above 0");
  }
  const deduction = readDecimal(collector, `${aspectPath}.measurement.deductionPerStep`, input.deductionPerStep, 2);
  if (deduction !== null && (deduction <= 0 || deduction > max)) {
    collector.add(
      `${aspectPath}.measurement.deductionPerStep`,
      `每步扣分必须大于 0 且不超过满分 ${formatHundredths(max)}`,
      "deduction per step must be above 0 and at most the maximum",
    );
  }
  return { mode: "steps", tolerance: tolerance ?? 0, step: step ?? 1, deductionPerStep: deduction ?? 0 };
}

/**
 * The mark a measured item earns (objective scoring): full marks within tolerance; for `full-or-zero`
 * nothing outside it; for `steps`, each started step beyond the tolerance loses `deductionPerStep`
 * (never below zero). `deviation` is the measured difference from nominal, up to 4 decimals.
 */
export function markFromMeasurement(aspect: Aspect, deviation: unknown): Hundredths {
  const parsed = parseScaledDecimal(deviation, 4);
  if (!parsed.ok) throw new ScoringInputError([describeDecimalProblem("deviation", parsed.reason, 4)]);
  const rule = aspect.measurement;
  if (!rule) {
    throw new ScoringInputError([describeIssue(`aspects.${aspect.id}`, "该评分点不是测量项", "aspect is not a measurement")]);
  }
  const beyond = Math.abs(parsed.scaled) - (rule.mode === "agreed" ? 0 : rule.tolerance);
  if (rule.mode === "agreed" || beyond <= 0) return aspect.max;
  if (rule.mode === "full-or-zero") return 0;
  // Integer ceiling of beyond ÷ step, corrected so a float quotient can never be off by one.
  let steps = Math.trunc(beyond / rule.step);
  while (steps * rule.step < beyond) steps += 1;
  while (steps > 1 && (steps - 1) * rule.step >= beyond) steps -= 1;
  return Math.max(0, aspect.max - steps * rule.deductionPerStep);
}

/** Whether a measurement mark is one the rule can produce (0 or max; or max − k·deduction, or 0). */
export function isReachableMeasurementMark(aspect: Aspect, mark: Hundredths): boolean {
  const rule = aspect.measurement;
  if (!rule || rule.mode === "agreed") return true;
  if (mark === 0 || mark === aspect.max) return true;
  if (rule.mode === "full-or-zero") return false;
  return (aspect.max - mark) % rule.deductionPerStep === 0;
}
