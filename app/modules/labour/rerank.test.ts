import { describe, expect, it } from "vitest";
import { TEMPLATE_QIBI_YICHUANG } from "./indicators";
import { eventsScore, quantityScore, rubricScore, weightedContribution, type IndicatorSet } from "./indicators";
import { rankByGroup, rankGroup, rerankChanged, scorePeriod, type IndicatorInput, type RankedUnit, type UnitInput, type UnitPeriodScore } from "./periods";
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

/** unit ids per group in board order: eligible units by rank (ties by id), then the disqualified ones */
const orderOf = (ranked: readonly RankedUnit[]) => {
  const groups = new Map<string, { eligible: string[]; out: Set<string> }>();
  for (const r of ranked) {
    const g = groups.get(r.group) ?? { eligible: [], out: new Set<string>() };
    if (r.rank === null) g.out.add(r.unitId);
    else g.eligible.push(r.unitId);
    groups.set(r.group, g);
  }
  return groups;
};

describe("rerankChanged moves a changed unit to its place (no sort of its group)", () => {
  it("keeps every group in rankGroup's order after 400 random changes that also disqualify and requalify units", () => {
    const rnd = random(2026);
    const units = randomInputs(rnd, 300);
    const vetoes = new Map<string, UnitVetoes>();
    const tieBreaks = [rubric[2].key];
    let board = rankByGroup(scorePeriod(set, units, 15, vetoes), tieBreaks);
    let flips = 0;
    for (let step = 0; step < 400; step++) {
      const changed = new Set<number>([Math.floor(rnd() * units.length)]);
      while (rnd() < 0.3) changed.add(Math.floor(rnd() * units.length));
      for (const k of changed) {
        const id = units[k].unitId;
        if (rnd() < 0.15) {
          // a veto comes or goes (rule L-7): the unit leaves the ranking or comes back
          if (vetoes.has(id)) vetoes.delete(id);
          else vetoes.set(id, { ...emptyVetoes(), disqualifiedForPeriod: true, reasons: ["veto"] });
          flips++;
        } else {
          const key = rubric[Math.floor(rnd() * rubric.length)].key;
          units[k] = { ...units[k], inputs: { ...units[k].inputs, [key]: { method: "rubric", memberScores: [0, 1, 2].map(() => Math.floor(rnd() * 4) * 2500) } } };
        }
      }
      board = rerankChanged(board, scorePeriod(set, [...changed].map((k) => units[k]), 15, vetoes), tieBreaks);
      const full = rankByGroup(scorePeriod(set, units, 15, vetoes), tieBreaks);
      expect(view(board)).toEqual(view(full));
      expect(orderOf(board)).toEqual(orderOf(full));
      // every group stays in one piece on the board
      const seen: string[] = [];
      for (const r of board) if (seen.at(-1) !== r.group) seen.push(r.group);
      expect(new Set(seen).size).toBe(seen.length);
    }
    expect(flips).toBeGreaterThan(20);
  });

  it("gives a row a new object only when its rank or ties changed", () => {
    const rnd = random(99);
    const units = randomInputs(rnd, 80).map((u) => ({ ...u, group: "area" }));
    const board = rankByGroup(scorePeriod(set, units, 15));
    // the last-ranked unit climbs to the top: every row above its old place moves down one
    const last = board.filter((r) => r.rank !== null).at(-1)!;
    const top = Object.fromEntries(rubric.map((i) => [i.key, { method: "rubric", memberScores: [10_000, 10_000, 10_000] } as IndicatorInput]));
    const moved = units.find((u) => u.unitId === last.unitId)!;
    const next = rerankChanged(board, scorePeriod(set, [{ ...moved, inputs: { ...moved.inputs, ...top, progress: { method: "quantity", plan: 100, actual: 100 } } }], 15));
    expect(next.find((r) => r.unitId === last.unitId)).toMatchObject({ rank: 1 });
    const unchanged = next.filter((r) => r.unitId !== last.unitId && board.includes(r));
    for (const r of unchanged) expect(board.find((b) => b.unitId === r.unitId)!.rank).toBe(r.rank);
    expect(next).toHaveLength(board.length);
  });
});

// ---------------------------------------------------------------- the previous implementation, as the oracle

/** scorePeriod and rankGroup as they were before the allocation cuts of 2026-12-07 (spread copies, per-unit vetoes). */
function referenceScorePeriod(s: IndicatorSet, units: readonly UnitInput[], periodDays: number, vetoes: ReadonlyMap<string, UnitVetoes>): UnitPeriodScore[] {
  return units.map((u) => {
    const v = vetoes.get(u.unitId) ?? emptyVetoes();
    const scores: Record<string, number> = {};
    const contributions: Record<string, number> = {};
    let progressRatio: number | null = null;
    for (const indicator of s.indicators) {
      const input = u.inputs[indicator.key];
      let score = !input
        ? indicator.method === "events" ? eventsScore(indicator, []) : 0
        : input.method === "rubric" ? rubricScore(indicator, input.memberScores)
        : input.method === "quantity" ? quantityScore(indicator, input.plan, input.actual)
        : input.method === "events" ? eventsScore(indicator, input.points) : 0;
      const adjustment = u.adjustments?.[indicator.key];
      if (adjustment) score = Math.min(indicator.max, Math.max(0, score + adjustment));
      if (indicator.role === "progress" && input?.method === "quantity" && progressRatio === null) progressRatio = Math.round((Math.max(0, input.actual) * 10_000) / input.plan);
      for (const d of v.deductions) if (s.indicators.find((i) => i.role === d.role) === indicator) score = Math.max(0, score - d.points);
      if (indicator.role === "safety" && v.safetyZeroedForYear) score = 0;
      scores[indicator.key] = score;
      contributions[indicator.key] = weightedContribution(indicator, score);
    }
    const total = Object.values(contributions).reduce((a, c) => a + c, 0);
    return { unitId: u.unitId, group: u.group, scores, contributions, total, disqualified: v.disqualifiedForPeriod, reasons: v.reasons, progressRatio };
  });
}

function referenceRankGroup(scores: readonly UnitPeriodScore[], tieBreaks: readonly string[]): RankedUnit[] {
  const cmp = (a: UnitPeriodScore, b: UnitPeriodScore) => {
    if (a.total !== b.total) return b.total - a.total;
    for (const key of tieBreaks) {
      const d = (b.scores[key] ?? 0) - (a.scores[key] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  const eligible = scores.filter((x) => !x.disqualified).sort((a, b) => cmp(a, b) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const ranked: RankedUnit[] = [];
  let start = 0;
  while (start < eligible.length) {
    let end = start + 1;
    while (end < eligible.length && cmp(eligible[start], eligible[end]) === 0) end++;
    const ids = eligible.slice(start, end).map((e) => e.unitId);
    for (let i = start; i < end; i++) ranked.push({ ...eligible[i], rank: start + 1, tiedWith: end - start === 1 ? [] : ids.filter((id) => id !== eligible[i].unitId) });
    start = end;
  }
  for (const x of scores) if (x.disqualified) ranked.push({ ...x, rank: null, tiedWith: [] });
  return ranked;
}

describe("the full recompute gives what it gave before the allocation cuts", () => {
  it("scorePeriod and rankGroup equal the previous implementation on random periods with adjustments, deductions and vetoes", () => {
    const rnd = random(1207);
    for (let round = 0; round < 30; round++) {
      const units: UnitInput[] = randomInputs(rnd, 150).map((u) => ({
        ...u,
        adjustments: (rnd() < 0.3 ? { safety: -Math.floor(rnd() * 4) * 500, civilised: Math.floor(rnd() * 3) * 200 } : {}) as Record<string, number>,
      }));
      const vetoes = new Map<string, UnitVetoes>();
      for (const u of units) {
        const r = rnd();
        if (r < 0.05) vetoes.set(u.unitId, { ...emptyVetoes(), disqualifiedForPeriod: true, reasons: ["veto"] });
        else if (r < 0.1) vetoes.set(u.unitId, { ...emptyVetoes(), safetyZeroedForYear: true, reasons: ["fatal"] });
        else if (r < 0.2) vetoes.set(u.unitId, { ...emptyVetoes(), deductions: [{ role: rnd() < 0.5 ? "safety" : "quality", points: 1500, accidentId: "a" }], reasons: ["deduction"] });
      }
      const tieBreaks = round % 2 ? [rubric[0].key] : [];
      const scored = scorePeriod(set, units, 15, vetoes);
      expect(scored).toEqual(referenceScorePeriod(set, units, 15, vetoes));
      for (const group of ["section", "area", "team"]) {
        const inGroup = scored.filter((x) => x.group === group);
        expect(rankGroup(inGroup, tieBreaks)).toEqual(referenceRankGroup(inGroup, tieBreaks));
      }
    }
  });
});
