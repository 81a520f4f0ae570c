/**
 * Scoring engine benchmark (npm run bench:scoring).
 *   - full recompute: 10,000 entrants × 5 judges × 20 aspects = 1,000,000 marks (target < 1 s)
 *   - one changed mark through IncrementalScoring (target < 5 ms; median and p99 over 1,000 changes)
 * Marks are generated with a fixed seed, so runs are comparable.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import {
  IncrementalScoring,
  parseEntrantSheets,
  parseMarkingScheme,
  ScoringSettingsSchema,
  scoreEvent,
  type EntrantSheet,
  type EntrantSheetInput,
} from "../../app/modules/scoring/index.ts";

const ENTRANTS = 10_000;
const JUDGES = 5;
const CHANGES = 1_000;
const RUNS = 5;

/** Mulberry32: a small deterministic PRNG. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const aspect = (id: string, max: number) => ({ id, max, kind: "judgement" as const });
const settings = ScoringSettingsSchema.parse({});
const { scheme } = parseMarkingScheme(
  {
    components: [
      {
        id: "theory",
        kind: "theory",
        weight: "0.3",
        modules: [{ id: "T", criteria: [{ id: "T1", aspects: [1, 2, 3, 4].map((i) => aspect(`t${i}`, 25)) }] }],
      },
      {
        id: "practical",
        kind: "practical",
        weight: "0.7",
        modules: [1, 2, 3, 4].map((m) => ({
          id: `P${m}`,
          criteria: [{ id: `P${m}c`, aspects: [1, 2, 3, 4].map((i) => aspect(`p${m}${i}`, 6.25)) }],
        })),
      },
    ],
  },
  settings,
);

const rand = random(20_240_501);
const mark = (max: number) => Math.floor(rand() * (max + 1)); // hundredths
const validated: EntrantSheet[] = [];
const raw: EntrantSheetInput[] = [];
for (let e = 0; e < ENTRANTS; e++) {
  const entrantId = `E${String(e).padStart(5, "0")}`;
  const skill = 0.5 + rand() * 0.5;
  const marks = scheme.aspects.map((a) =>
    Array.from({ length: JUDGES }, (_, j) => ({ judgeId: `J${j + 1}`, value: Math.min(a.max, Math.round(skill * a.max * (0.9 + rand() * 0.2))) })),
  );
  validated.push({
    entrantId,
    marks,
    componentDeductions: [0, 0],
    totalDeduction: 0,
    voidedComponents: [false, false],
    disqualified: false,
    completionTime: 360_000 + Math.floor(rand() * 180_000),
  });
  if (e < ENTRANTS) {
    raw.push({
      entrantId,
      completionSeconds: (validated[e].completionTime! / 100).toFixed(2),
      marks: marks.flatMap((list, i) => list.map((m) => ({ aspectId: scheme.aspects[i].id, judgeId: m.judgeId, value: (m.value / 100).toFixed(2) }))),
    });
  }
}
const markCount = validated.reduce((n, s) => n + s.marks.reduce((k, l) => k + l.length, 0), 0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;

console.log(`Scoring engine benchmark`);
console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores (${os.availableParallelism()} available), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`);
console.log(`data: ${ENTRANTS} entrants × ${JUDGES} judges × ${scheme.aspects.length} aspects = ${markCount.toLocaleString("en")} marks (trimmed mean, 2 components)`);

// Full recompute from validated marks: combine, totals, flags, ranking.
scoreEvent(scheme, settings, validated); // warm-up
const full: number[] = [];
let lastTop = "";
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const result = scoreEvent(scheme, settings, validated);
  full.push(performance.now() - t0);
  lastTop = `${result.ranking.entries[0].entrantId} ${result.ranking.entries[0].totalText}`;
}
console.log(`full recompute (validated marks → totals + ranking): median ${ms(median(full))}, best ${ms(Math.min(...full))} over ${RUNS} runs [top: ${lastTop}]`);

// Validation of raw input (strings) once, plus recompute: what a route does after import.
const tp = performance.now();
const parsed = parseEntrantSheets(scheme, settings, raw);
const parseTime = performance.now() - tp;
const tc = performance.now();
scoreEvent(scheme, settings, parsed);
console.log(`validate raw input ("8.75" strings, zod + parse) ${ms(parseTime)}; then recompute ${ms(performance.now() - tc)}`);

// Incremental: one changed mark.
const tb = performance.now();
const incremental = new IncrementalScoring(scheme, settings, validated);
console.log(`incremental: build (score + sort all) ${ms(performance.now() - tb)}`);
const changeTimes: number[] = [];
let moved = 0;
for (let i = 0; i < CHANGES + 100; i++) {
  const e = Math.floor(rand() * ENTRANTS);
  const a = scheme.aspects[Math.floor(rand() * scheme.aspects.length)];
  const j = 1 + Math.floor(rand() * JUDGES);
  const value = (mark(a.max) / 100).toFixed(2);
  const t0 = performance.now();
  const change = incremental.applyMark({ entrantId: validated[e].entrantId, aspectId: a.id, judgeId: `J${j}`, value });
  const elapsed = performance.now() - t0;
  if (i >= 100) {
    changeTimes.push(elapsed); // the first 100 are warm-up
    moved += change.changedRanks.length;
  }
}
console.log(
  `one changed mark (applyMark): median ${ms(median(changeTimes))}, p99 ${ms(percentile(changeTimes, 99))}, max ${ms(Math.max(...changeTimes))} over ${CHANGES} changes (avg ${(moved / CHANGES).toFixed(0)} ranks changed per mark)`,
);
