/**
 * What a judge's score sheet shows and accepts, as pure functions shared by the server (which
 * refuses bad marks) and the tablet page (which refuses them before they are queued).
 *
 * Values are integer hundredths as stored in `Mark.value` (a 0–3 judgement of 2 is 200).
 * Validation goes through the scoring engine's own rule (`readJudgeValue`): never negative, never
 * above the maximum, at most 2 decimals, 0–3 judgements whole points, measurement marks that the
 * measurement rule can produce. On top of it, an aspect (or the event) may configure a mark step
 * (`markStep`, e.g. 0.5): the mark must then be a multiple of it.
 */
import { IssueCollector, ScoringInputError } from "~/modules/scoring/errors";
import type { Aspect } from "~/modules/scoring/scheme";
import type { ScoringSettings } from "~/modules/scoring/settings";
import { formatHundredths, parseScaledDecimal } from "~/modules/scoring/exact";
import { readJudgeValue, usesZeroToThreeScale } from "~/modules/scoring/marks";
import { parseMarkingScheme } from "~/modules/scoring/scheme";
import { parseScoringSettings } from "~/modules/scoring/event";

/** Default level descriptors of the 0–3 judgement scale (WorldSkills style). */
export const DEFAULT_LEVEL_DESCRIPTORS = ["未达到", "基本达到", "达到", "超出"] as const;

export type SheetAspect = {
  id: string;
  name: string;
  /** path for display: component / module */
  group: string;
  kind: "judgement" | "measurement";
  /** the component's kind: theory aspects come from the exam system, judges do not mark them */
  componentKind: "theory" | "practical" | "defence" | "other";
  /** "points": a mark from 0 to max; "0-3": a judgement of 0, 1, 2 or 3 points */
  scale: "points" | "0-3";
  /** the highest value the judge may enter, in hundredths (300 on the 0–3 scale) */
  max: number;
  /** the aspect's maximum mark in the scheme, in hundredths */
  markMax: number;
  /** allowed step in hundredths (1 = any two-decimal mark); for 0–3, 100 */
  step: number;
  /** level descriptors: for 0–3, one per level; otherwise optional guidance bands from the scheme */
  levels: { value: number; label: string }[];
  /** the scoring engine's aspect (plain data), so browser and server run the same check */
  rule: Aspect;
};

type RawAspect = { id?: unknown; markStep?: unknown; descriptors?: unknown; levels?: unknown };

function rawAspects(scheme: unknown): Map<string, RawAspect> {
  const map = new Map<string, RawAspect>();
  const components = (scheme as { components?: unknown })?.components;
  if (!Array.isArray(components)) return map;
  for (const c of components) for (const m of (c?.modules ?? []) as unknown[]) {
    for (const k of ((m as { criteria?: unknown[] })?.criteria ?? []) as unknown[]) {
      for (const a of ((k as { aspects?: unknown[] })?.aspects ?? []) as RawAspect[]) {
        if (typeof a?.id === "string") map.set(a.id, a);
      }
    }
  }
  return map;
}

function readStep(input: unknown): number | null {
  if (input === undefined || input === null || input === "") return null;
  const parsed = parseScaledDecimal(input, 2);
  return parsed.ok && parsed.scaled > 0 ? parsed.scaled : null;
}

function readDescriptors(input: unknown): string[] | null {
  if (!Array.isArray(input)) return null;
  const labels = input.map((d) => (typeof d === "string" ? d : typeof d?.label === "string" ? d.label : "")).filter(Boolean);
  return labels.length > 0 ? labels : null;
}

/**
 * The aspects a judge marks, from the event's stored scheme and settings JSON (already parsed from
 * text). Throws ScoringInputError when the scheme itself is invalid.
 */
export function sheetAspects(schemeJson: unknown, settingsJson: unknown): SheetAspect[] {
  const settings = parseScoringSettings(settingsJson);
  const { scheme } = parseMarkingScheme(schemeJson, settings);
  const raw = rawAspects(schemeJson);
  const eventStep = readStep((settingsJson as { markStep?: unknown } | null)?.markStep);
  return scheme.aspects.map((aspect) => {
    const extra = raw.get(aspect.id) ?? {};
    const component = scheme.components[aspect.componentIndex];
    const module = scheme.modules[aspect.moduleIndex];
    const zeroToThree = usesZeroToThreeScale(aspect, settings);
    const descriptors = readDescriptors(extra.descriptors ?? extra.levels);
    const levels = zeroToThree
      ? [0, 1, 2, 3].map((p) => ({ value: p * 100, label: descriptors?.[p] ?? DEFAULT_LEVEL_DESCRIPTORS[p] }))
      : (descriptors ?? []).map((label, i) => ({ value: i, label }));
    return {
      id: aspect.id,
      name: aspect.name || aspect.id,
      group: [component.name, module.name].filter(Boolean).join(" / "),
      kind: aspect.kind,
      componentKind: component.kind,
      scale: zeroToThree ? "0-3" : "points",
      max: zeroToThree ? 300 : aspect.max,
      markMax: aspect.max,
      step: zeroToThree ? 100 : readStep(extra.markStep) ?? eventStep ?? 1,
      levels,
      rule: aspect,
    };
  });
}

export type MarkCheck = { ok: true; value: number } | { ok: false; message: string };

/**
 * Checks one entry for an aspect. `input` is what the judge typed ("8.5") or a number of
 * hundredths' worth of decimal text. Returns the stored value (hundredths) or a message naming the
 * rule broken, Chinese first.
 */
export function checkMarkInput(aspect: SheetAspect, input: unknown, path = "value"): MarkCheck {
  const collector = new IssueCollector();
  // The engine's check; the only setting it reads is whether judgements use the 0–3 scale.
  const settings = { judgeAggregation: aspect.scale === "0-3" ? "scale-0-3" : "mean" } as ScoringSettings;
  const text = typeof input === "string" ? input.trim() : input;
  if (text === "" || text === null || text === undefined) return { ok: false, message: `${path}: 请输入分数 / enter a mark` };
  const read = readJudgeValue(collector, path, aspect.rule, settings, text);
  if (read === null) return { ok: false, message: collector.issues.map((i) => i.message).join("；") };
  const value = aspect.scale === "0-3" ? read * 100 : read;
  if (value % aspect.step !== 0) {
    const step = formatHundredths(aspect.step);
    return { ok: false, message: `${path}: 分数须为 ${step} 的整数倍 / a mark must be a multiple of ${step}` };
  }
  return { ok: true, value };
}

/** How a stored value reads on the sheet: "8.50", or "2" on the 0–3 scale. */
export const displayValue = (aspect: Pick<SheetAspect, "scale">, value: number) =>
  aspect.scale === "0-3" ? String(value / 100) : formatHundredths(value);

/**
 * A running subtotal of the marks entered so far, in marks (0–3 judgements count as points ÷ 3 ×
 * maximum, as the engine combines them). Display only, rounded half-up to hundredths; the official
 * total is computed by the scoring engine from every judge's marks.
 */
export function runningSubtotal(
  aspects: readonly Pick<SheetAspect, "id" | "scale" | "markMax">[],
  values: ReadonlyMap<string, number>,
): { value: number; max: number; text: string; maxText: string } {
  let thirds = 0;
  let max = 0;
  for (const aspect of aspects) {
    const fullMax = aspect.markMax;
    max += fullMax;
    const v = values.get(aspect.id);
    if (v === undefined) continue;
    thirds += aspect.scale === "0-3" ? (v / 100) * fullMax : v * 3;
  }
  const value = Math.floor((thirds + 1) / 3); // half-up of thirds/3 for non-negative integers
  return { value, max, text: formatHundredths(value), maxText: formatHundredths(max) };
}

export { ScoringInputError };
