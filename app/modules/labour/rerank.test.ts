import { describe, expect, it } from "vitest";
import { TEMPLATE_QIBI_YICHUANG } from "./indicators";
import { rankByGroup, rerankChanged, scorePeriod, type IndicatorInput, type RankedUnit, type UnitInput } from "./periods";
import { emptyVetoes, type UnitVetoes } from "./vetoes";

// The incremental board update (issue 14 bench: one new score → the board in ≤ 10 ms): re-scoring
// only the changed units and ranking only their groups gives the same board as the full
// recompute, on random data with ties, tie-breaks, missing scores and disqualified units.

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const set = TEMPLATE_QIBI_YICHUANG;
const rubric = set.indicators.filter((i) => i.method === "rubric");
const quantity = set.indicators.filter((i) => i.method === "quantity");

function randomInputs(rnd: () => number, n: number): UnitInput[] {
  return Array.from({ length: n }, (_, k) => {
    const inputs: Record<string, IndicatorInput | undefined> = {};
    // coarse values so that equal totals (ties) happen often
    for (const i of rubric) if (rnd() > 0.05) inputs[i.key] = { method: "rubric", memberScores: [0, 1, 2].map(() => Math.floor(rnd() * 4) * 2500) };
    for (const i of quantity) if (rnd() > 0.1) inputs[i.key] = { method: "quantity", plan: 100, actual: 80 + Math.floor(rnd() * 5) * 10 };
    return { unitId: `u${String(k).padStart(4, "0")}`, group: rnd() < 0.2 ? "section" : rnd() < 0.9 ? "area" : "team", inputs };
  });
}

/** unit id → what a reader sees of it: rank, total, ties, indicator scores. */
const view = (ranked: readonly RankedUnit[]) =>
  new Map(ranked.map((r) => [r.unitId, { group: r.group, rank: r.rank, total: r.total, tiedWith: [...r.tiedWith].sort(), scores: r.scores, disqualified: r.disqualified }]));

describe("incremental re-ranking (rerankChanged) against the full recompute", () => {
  it("gives the same board after each of 300 random score changes, with tie-breaks and disqualified units", () => {
    const rnd = random(14);
    const units = randomInputs(rnd, 400);
    const vetoes = new Map<string, UnitVetoes>();
    for (const u of units) if (rnd() < 0.03) vetoes.set(u.unitId, { ...emptyVetoes(), disqualifiedForPeriod: true, reasons: ["veto"] });
    const tieBreaks = [rubric[0].key, rubric[1].key];
    let board = rankByGroup(scorePeriod(set, units, 15, vetoes), tieBreaks);
    let ties = 0;
    for (let step = 0; step < 300; step++) {
      // one committee member's new score for one unit and one rubric item (sometimes two units at once)
      const changed = new Set<number>();
      changed.add(Math.floor(rnd() * units.length));
      if (rnd() < 0.2) changed.add(Math.floor(rnd() * units.length));
      for (const k of changed) {
        const key = rubric[Math.floor(rnd() * rubric.length)].key;
        const before = units[k].inputs[key];
        const scores = before?.method === "rubric" ? [...before.memberScores] : [];
        if (scores.length < 3) scores.push(0);
        scores[Math.floor(rnd() * scores.length)] = Math.floor(rnd() * 4) * 2500;
        units[k] = { ...units[k], inputs: { ...units[k].inputs, [key]: { method: "rubric", memberScores: scores } } };
      }
      const rescored = scorePeriod(set, [...changed].map((k) => units[k]), 15, vetoes);
      board = rerankChanged(board, rescored, tieBreaks);
      const full = rankByGroup(scorePeriod(set, units, 15, vetoes), tieBreaks);
      expect(view(board)).toEqual(view(full));
      expect(board).toHaveLength(full.length);
      ties += full.filter((r) => r.tiedWith.length > 0).length;
    }
    // not vacuous: the data had ties and disqualified units
    expect(ties).toBeGreaterThan(0);
    expect(board.some((r) => r.rank === null)).toBe(true);
  });

  it("keeps the rows of untouched groups as they were, and places a unit new to the board", () => {
    const rnd = random(7);
    const units = randomInputs(rnd, 50).map((u, i) => ({ ...u, group: i % 2 ? "area" : "section" }));
    const board = rankByGroup(scorePeriod(set, units, 15));
    const one = units.find((u) => u.group === "area")!;
    const next = rerankChanged(board, scorePeriod(set, [{ ...one, inputs: {} }], 15));
    const sections = (b: readonly RankedUnit[]) => b.filter((r) => r.group === "section");
    sections(next).forEach((r, i) => expect(r).toBe(sections(board)[i]));
    const extra = rerankChanged(board, scorePeriod(set, [{ unitId: "new", group: "team", inputs: {} }], 15));
    expect(extra.find((r) => r.unitId === "new")).toMatchObject({ rank: 1, group: "team" });
    expect(extra).toHaveLength(board.length + 1);
  });
});
