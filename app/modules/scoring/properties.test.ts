/**
 * Whole-pipeline properties: exact results equal a reference computed independently with BigInt
 * rationals, judge order never matters, and raising a mark never hurts the entrant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreEvent } from "./event";
import { formatHundredths, type RoundingMode } from "./exact";
import { parseEntrantSheets, type EntrantSheetInput } from "./marks";
import { parseMarkingScheme, type MarkingSchemeInput } from "./scheme";
import { settingsWith } from "./test-fixtures";

// ---- a tiny BigInt rational reference, written without looking at exact.ts --------------------
type Q = { n: bigint; d: bigint };
const q = (n: bigint | number, d: bigint | number = 1n): Q => ({ n: BigInt(n), d: BigInt(d) });
const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const mul = (a: Q, b: Q): Q => ({ n: a.n * b.n, d: a.d * b.d });
/** Round a non-negative rational to an integer. */
function roundQ(a: Q, mode: RoundingMode): bigint {
  const whole = a.n / a.d;
  const twiceRemainder = 2n * (a.n - whole * a.d);
  if (mode === "down") return whole;
  if (mode === "half-up") return twiceRemainder >= a.d ? whole + 1n : whole;
  return twiceRemainder > a.d || (twiceRemainder === a.d && whole % 2n === 1n) ? whole + 1n : whole;
}

type Method = "mean" | "trimmed-mean" | "scale-0-3";

type Case = {
  weights: number[]; // basis points, sum 10000
  aspects: { component: number; module: number; max: number; kind: "judgement" | "measurement"; values: number[] }[];
  method: Method;
  rounding: RoundingMode;
};

function referenceTotal(c: Case): { components: bigint[]; total: bigint } {
  const raw = c.weights.map(() => q(0));
  const max = c.weights.map(() => 0n);
  for (const a of c.aspects) {
    max[a.component] += BigInt(a.max);
    if (a.values.length === 0) continue;
    const values = a.values.map(BigInt);
    const sum = values.reduce((s, v) => s + v, 0n);
    const n = BigInt(values.length);
    let mark: Q;
    if (a.kind === "judgement" && c.method === "scale-0-3") mark = q(sum * BigInt(a.max), 3n * n);
    else if (a.kind === "judgement" && c.method === "trimmed-mean" && values.length >= 5) {
      const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      mark = q(sum - sorted[0] - sorted[sorted.length - 1], n - 2n);
    } else mark = q(sum, n);
    raw[a.component] = add(raw[a.component], mark);
  }
  const components = raw.map((r, i) => roundQ(mul(r, q(10_000n, max[i])), c.rounding));
  let weighted = q(0);
  components.forEach((score, i) => (weighted = add(weighted, q(score * BigInt(c.weights[i]), 10_000n))));
  return { components, total: roundQ(weighted, c.rounding) };
}

// ---- generators -----------------------------------------------------------------------------
const weightsArb = fc.integer({ min: 1, max: 3 }).chain((count) =>
  fc.array(fc.integer({ min: 1, max: 9_999 }), { minLength: count - 1, maxLength: count - 1 }).map((cuts) => {
    const points = [0, ...new Set(cuts)].sort((a, b) => a - b).concat(10_000);
    return points.slice(1).map((p, i) => p - points[i]);
  }),
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    weights: weightsArb,
    method: fc.constantFrom<Method>("mean", "trimmed-mean", "scale-0-3"),
    rounding: fc.constantFrom<RoundingMode>("half-up", "half-even", "down"),
    judges: fc.integer({ min: 1, max: 7 }),
  })
  .chain(({ weights, method, rounding, judges }) =>
    fc
      .array(
        fc.record({
          component: fc.integer({ min: 0, max: weights.length - 1 }),
          module: fc.integer({ min: 0, max: 1 }),
          max: fc.integer({ min: 1, max: 10_000 }),
          kind: fc.constantFrom<"judgement" | "measurement">("judgement", "judgement", "measurement"),
          seeds: fc.array(fc.nat(), { minLength: judges, maxLength: judges }),
        }),
        { minLength: weights.length, maxLength: 12 },
      )
      .map((aspects) => {
        // every component needs at least one aspect
        aspects.forEach((a, i) => {
          if (i < weights.length) a.component = i;
        });
        return {
          weights,
          method,
          rounding,
          aspects: aspects.map((a) => ({
            component: a.component,
            module: a.module,
            max: a.max,
            kind: a.kind,
            values: a.seeds.map((s) => (a.kind === "judgement" && method === "scale-0-3" ? s % 4 : s % (a.max + 1))),
          })),
        };
      }),
  );

function weightText(bp: number): string {
  return bp === 10_000 ? "1" : `0.${String(bp).padStart(4, "0")}`;
}

function schemeInputOf(c: Case): MarkingSchemeInput {
  return {
    components: c.weights.map((w, ci) => ({
      id: `C${ci}`,
      kind: ci === 0 ? "practical" : "other",
      weight: weightText(w),
      modules: [0, 1]
        .map((mi) => ({
          id: `C${ci}M${mi}`,
          criteria: [
            {
              id: `C${ci}M${mi}K`,
              aspects: c.aspects
                .map((a, ai) => ({ a, ai }))
                .filter(({ a }) => a.component === ci && a.module === mi)
                .map(({ a, ai }) => ({ id: `A${ai}`, max: formatHundredths(a.max), kind: a.kind })),
            },
          ],
        }))
        .filter((m) => m.criteria[0].aspects.length > 0),
    })),
  };
}

function sheetOf(c: Case, entrantId = "E1"): EntrantSheetInput {
  return {
    entrantId,
    marks: c.aspects.flatMap((a, ai) =>
      a.values.map((v, j) => ({
        aspectId: `A${ai}`,
        judgeId: `J${j}`,
        value: a.kind === "judgement" && c.method === "scale-0-3" ? v : formatHundredths(v),
      })),
    ),
  };
}

describe("exact arithmetic: results equal a BigInt rational reference", () => {
  it("component scores and totals, for any scheme, method, panel and rounding mode", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const input = schemeInputOf(c);
        const settings = settingsWith({ judgeAggregation: c.method, rounding: c.rounding });
        const { scheme } = parseMarkingScheme(input, settings);
        const sheets = parseEntrantSheets(scheme, settings, [sheetOf(c)]);
        const [result] = scoreEvent(scheme, settings, sheets).results;
        const expected = referenceTotal(c);
        expect(result.components.map((x) => BigInt(x.score))).toEqual(expected.components);
        expect(BigInt(result.total)).toBe(expected.total);
      }),
      { numRuns: 300 },
    );
  });
});

describe("judge order and raising marks", () => {
  it("the order in which marks are entered never changes any result", () => {
    fc.assert(
      fc.property(caseArb, fc.infiniteStream(fc.nat()), (c, randomness) => {
        const input = schemeInputOf(c);
        const settings = settingsWith({ judgeAggregation: c.method, rounding: c.rounding });
        const { scheme } = parseMarkingScheme(input, settings);
        const sheet = sheetOf(c);
        const shuffled = [...(sheet.marks ?? [])];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = randomness.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = scoreEvent(scheme, settings, parseEntrantSheets(scheme, settings, [sheet]));
        const b = scoreEvent(scheme, settings, parseEntrantSheets(scheme, settings, [{ ...sheet, marks: shuffled }]));
        expect(b.results.map((r) => [r.total, r.components])).toEqual(a.results.map((r) => [r.total, r.components]));
        expect(b.flags.map((f) => f.key)).toEqual(a.flags.map((f) => f.key));
      }),
      { numRuns: 150 },
    );
  });

  it("raising one mark never lowers that entrant's total or rank", () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.nat(), { minLength: 3, maxLength: 6 }), fc.nat(), fc.nat(), (c, others, pick, raise) => {
        const input = schemeInputOf(c);
        const settings = settingsWith({ judgeAggregation: c.method, rounding: c.rounding });
        const { scheme } = parseMarkingScheme(input, settings);
        // Other entrants: the same panel shape with rotated marks.
        const field = [sheetOf(c, "E0"), ...others.map((shift, k) => sheetOf({ ...c, aspects: c.aspects.map((a) => ({ ...a, values: a.values.map((v, j) => a.values[(j + shift) % a.values.length] ?? v) })) }, `E${k + 1}`))];
        const before = scoreEvent(scheme, settings, parseEntrantSheets(scheme, settings, field));
        const marks = field[0].marks ?? [];
        if (marks.length === 0) return;
        const target = marks[pick % marks.length];
        const aspect = c.aspects[Number(target.aspectId.slice(1))];
        const scaleTop = aspect.kind === "judgement" && c.method === "scale-0-3" ? 3 : aspect.max;
        const current = aspect.kind === "judgement" && c.method === "scale-0-3" ? Number(target.value) : Math.round(Number(target.value) * 100);
        const raised = current + (raise % (scaleTop - current + 1));
        const changed = marks.map((m) =>
          m === target ? { ...m, value: aspect.kind === "judgement" && c.method === "scale-0-3" ? raised : formatHundredths(raised) } : m,
        );
        const after = scoreEvent(scheme, settings, parseEntrantSheets(scheme, settings, [{ ...field[0], marks: changed }, ...field.slice(1)]));
        const total = (e: typeof before) => e.results.find((r) => r.entrantId === "E0")!.total;
        const rank = (e: typeof before) => e.ranking.entries.find((r) => r.entrantId === "E0")!.rank;
        expect(total(after)).toBeGreaterThanOrEqual(total(before));
        expect(rank(after)).toBeLessThanOrEqual(rank(before));
      }),
      { numRuns: 150 },
    );
  });
});
