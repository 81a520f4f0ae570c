/**
 * An entrant's score sheet as the judges and the scoring clerk enter it: every judge's mark per aspect,
 * deductions, voided components (rule S-35), disqualification (rule S-44) and completion time (kept for
 * ties, rule S-51). `parseEntrantSheets` validates raw input once; scoring then works on integers.
 */
import { z } from "zod";
import { IssueCollector, ScoringInputError, issuesFromZod } from "./errors";
import { describeDecimalProblem, formatHundredths, parseScaledDecimal, type Hundredths } from "./exact";
import { isReachableMeasurementMark, type Aspect, type MarkingScheme } from "./scheme";
import type { ScoringSettings } from "./settings";
import { zodIssueMessage } from "~/utils/messages";

const decimalInput = z.union([z.number(), z.string()]);

export const EntrantSheetInputSchema = z.object({
  entrantId: z.string().min(1),
  marks: z
    .array(z.object({ aspectId: z.string().min(1), judgeId: z.string().min(1), value: decimalInput }))
    .default([]),
  /** Points taken off a component's score (after scaling) or, without `component`, off the final total. */
  deductions: z
    .array(z.object({ component: z.string().min(1).optional(), points: decimalInput, reason: z.string().min(1) }))
    .default([]),
  /** rule S-35: e.g. an identifying mark on the theory paper voids that component's score. */
  voidedComponents: z.array(z.object({ component: z.string().min(1), reason: z.string().min(1) })).default([]),
  /** rule S-44: fraud or impersonation — the entrant loses eligibility and score; not ranked. */
  disqualification: z.object({ reason: z.string().min(1) }).nullable().default(null),
  /** Seconds, up to 2 decimals; kept for the time tie-break (rule S-51) and team ties (rule S-55). */
  completionSeconds: decimalInput.nullable().default(null),
});
export type EntrantSheetInput = z.input<typeof EntrantSheetInputSchema>;

/** One judge's entry for one aspect. `value` is hundredths of a mark, or 0–3 points on the 0–3 scale. */
export type JudgeMark = { judgeId: string; value: number };

/** A validated sheet. `marks[i]` holds the entries for `scheme.aspects[i]`. */
export type EntrantSheet = {
  entrantId: string;
  marks: JudgeMark[][];
  /** Deductions per component index (hundredths); `totalDeduction` comes off the weighted total. */
  componentDeductions: Hundredths[];
  totalDeduction: Hundredths;
  voidedComponents: boolean[];
  disqualified: boolean;
  completionTime: Hundredths | null;
};

/** True when judges enter 0–3 points for this aspect instead of a mark (WorldSkills-style judgement). */
export function usesZeroToThreeScale(aspect: Aspect, settings: ScoringSettings): boolean {
  return aspect.kind === "judgement" && settings.judgeAggregation === "scale-0-3";
}

/**
 * Checks one judge entry and returns it in the unit scoring uses, or pushes an issue naming `path`.
 * Refused: not a number, more than 2 decimals, negative, above the maximum, a 0–3 judgement that is
 * not a whole number of points (2.5), a measurement mark the measurement rule cannot produce.
 */
export function readJudgeValue(
  collector: IssueCollector,
  path: string,
  aspect: Aspect,
  settings: ScoringSettings,
  input: unknown,
): number | null {
  const parsed = parseScaledDecimal(input, 2);
  if (!parsed.ok) {
    collector.issues.push(describeDecimalProblem(path, parsed.reason, 2));
    return null;
  }
  const hundredths = parsed.scaled;
  if (hundredths < 0) {
    collector.add(path, "分数不能为负数", "a mark cannot be negative");
    return null;
  }
  if (usesZeroToThreeScale(aspect, settings)) {
    if (hundredths % 100 !== 0 || hundredths > 300) {
      collector.add(path, "0–3 分制评分只能是 0、1、2 或 3", "a 0–3 judgement must be 0, 1, 2 or 3");
      return null;
    }
    return hundredths / 100;
  }
  if (hundredths > aspect.max) {
    collector.add(path, `分数不能超过满分 ${formatHundredths(aspect.max)}`, `a mark cannot exceed the maximum ${formatHundredths(aspect.max)}`);
    return null;
  }
  if (aspect.kind === "measurement" && !isReachableMeasurementMark(aspect, hundredths)) {
    collector.add(path, "该分数不符合测量项的评分规则", "the measurement rule cannot produce this mark");
    return null;
  }
  return hundredths;
}

function componentIndexOf(scheme: MarkingScheme, reference: string): number {
  return scheme.components.findIndex((c) => c.id === reference);
}

/** Validates raw sheets against the scheme; throws one ScoringInputError listing every problem. */
export function parseEntrantSheets(scheme: MarkingScheme, settings: ScoringSettings, input: unknown): EntrantSheet[] {
  const shape = z.array(EntrantSheetInputSchema).safeParse(input, { error: zodIssueMessage });
  if (!shape.success) throw new ScoringInputError(issuesFromZod(shape.error.issues, ["sheets"]));
  const collector = new IssueCollector();
  const seenEntrants = new Set<string>();
  const sheets = shape.data.map((raw, s) => {
    const sheetPath = `sheets[${s}]`;
    if (seenEntrants.has(raw.entrantId)) {
      collector.add(`${sheetPath}.entrantId`, `选手编号重复：${raw.entrantId}`, "entrant id is not unique");
    }
    seenEntrants.add(raw.entrantId);
    const marks: JudgeMark[][] = scheme.aspects.map(() => []);
    raw.marks.forEach((entry, m) => {
      const path = `${sheetPath}.marks[${m}]`;
      const index = scheme.aspectIndexById.get(entry.aspectId);
      if (index === undefined) {
        collector.add(`${path}.aspectId`, `评分标准中没有评分点 ${entry.aspectId}`, "no such aspect in the marking scheme");
        return;
      }
      if (marks[index].some((existing) => existing.judgeId === entry.judgeId)) {
        collector.add(`${path}.judgeId`, "同一裁判对同一评分点重复评分", "this judge already marked this aspect");
        return;
      }
      const value = readJudgeValue(collector, `${path}.value`, scheme.aspects[index], settings, entry.value);
      if (value !== null) marks[index].push({ judgeId: entry.judgeId, value });
    });
    const componentDeductions = scheme.components.map(() => 0);
    let totalDeduction = 0;
    raw.deductions.forEach((deduction, d) => {
      const parsed = parseScaledDecimal(deduction.points, 2);
      const path = `${sheetPath}.deductions[${d}]`;
      if (!parsed.ok) return void collector.issues.push(describeDecimalProblem(`${path}.points`, parsed.reason, 2));
      if (parsed.scaled < 0) return void collector.add(`${path}.points`, "扣分不能为负数", "a deduction cannot be negative");
      if (deduction.component === undefined) {
        totalDeduction += parsed.scaled;
        return;
      }
      const c = componentIndexOf(scheme, deduction.component);
      if (c < 0) return void collector.add(`${path}.component`, `没有组成部分 ${deduction.component}`, "no such component");
      componentDeductions[c] += parsed.scaled;
    });
    const voidedComponents = scheme.components.map(() => false);
    raw.voidedComponents.forEach((voided, v) => {
      const c = componentIndexOf(scheme, voided.component);
      if (c < 0) {
        collector.add(`${sheetPath}.voidedComponents[${v}].component`, `没有组成部分 ${voided.component}`, "no such component");
      } else {
        voidedComponents[c] = true;
      }
    });
    let completionTime: Hundredths | null = null;
    if (raw.completionSeconds !== null) {
      const parsed = parseScaledDecimal(raw.completionSeconds, 2);
      if (!parsed.ok) collector.issues.push(describeDecimalProblem(`${sheetPath}.completionSeconds`, parsed.reason, 2));
      else if (parsed.scaled < 0) collector.add(`${sheetPath}.completionSeconds`, "用时不能为负数", "time cannot be negative");
      else completionTime = parsed.scaled;
    }
    return {
      entrantId: raw.entrantId,
      marks,
      componentDeductions,
      totalDeduction,
      voidedComponents,
      disqualified: raw.disqualification !== null,
      completionTime,
    } satisfies EntrantSheet;
  });
  collector.throwIfAny();
  return sheets;
}
