import { describe, expect, it } from "vitest";
import { drawAmongAllCorrect, prizesByRank, rankQuizUnits, scoreQuiz, seededRandom, type Question } from "./quiz";

const qs: Question[] = [
  { id: "q1", kind: "single", options: ["A", "B", "C", "D"], answer: ["B"], points: 1 },
  { id: "q2", kind: "multiple", options: ["A", "B", "C", "D"], answer: ["A", "C"], points: 2 },
  { id: "q3", kind: "truefalse", options: ["对", "错"], answer: ["A"], points: 1 },
];

describe("quiz scoring (rule A-14)", () => {
  it("scores exact answers only; multiple choice needs every option and no other", () => {
    expect(scoreQuiz(qs, { q1: ["b"], q2: ["C", "A"], q3: ["A"] })).toEqual({ score: 4, maxScore: 4, correct: 3, total: 3, allCorrect: true });
    expect(scoreQuiz(qs, { q1: ["B"], q2: ["A"], q3: ["A"] })).toMatchObject({ score: 2, allCorrect: false });
    expect(scoreQuiz(qs, { q1: ["B"], q2: ["A", "B", "C"] })).toMatchObject({ score: 1, correct: 1 });
  });
});

describe("prizes by rank: 1st 30 / 2nd 60 / 3rd 120, ties by time", () => {
  it("orders by score then time taken", () => {
    const w = prizesByRank([
      { attemptId: "a", score: 90, durationMs: 5000, submittedAt: 1 },
      { attemptId: "b", score: 100, durationMs: 9000, submittedAt: 2 },
      { attemptId: "c", score: 90, durationMs: 4000, submittedAt: 3 },
      { attemptId: "d", score: 10, durationMs: 1000, submittedAt: 4 },
    ], [{ name: "一等奖", count: 1 }, { name: "二等奖", count: 2 }]);
    expect(w).toEqual([{ attemptId: "b", tier: "一等奖", position: 1 }, { attemptId: "c", tier: "二等奖", position: 2 }, { attemptId: "a", tier: "二等奖", position: 3 }]);
  });
  it("with the default tiers hands out 210 prizes when there are enough entrants", () => {
    const entries = Array.from({ length: 500 }, (_, i) => ({ attemptId: `x${i}`, score: i % 7, durationMs: i, submittedAt: i }));
    const w = prizesByRank(entries, [{ name: "一等奖", count: 30 }, { name: "二等奖", count: 60 }, { name: "三等奖", count: 120 }]);
    expect(w.length).toBe(210);
    expect(w.filter((x) => x.tier === "一等奖").length).toBe(30);
  });
});

describe("the seeded draw among all-correct sheets", () => {
  const ids = Array.from({ length: 200 }, (_, i) => `sheet-${String(i).padStart(3, "0")}`);
  const tiers = [{ name: "纪念奖", count: 10 }];
  it("is reproducible from the published seed, whatever order the candidates come in", () => {
    const a = drawAmongAllCorrect(ids, "2026-05-30 公证处 8831", tiers);
    const b = drawAmongAllCorrect([...ids].reverse(), "2026-05-30 公证处 8831", tiers);
    expect(a).toEqual(b);
    expect(new Set(a.map((w) => w.attemptId)).size).toBe(10);
  });
  it("another seed gives other winners", () => {
    const a = drawAmongAllCorrect(ids, "seed-1", tiers).map((w) => w.attemptId);
    const b = drawAmongAllCorrect(ids, "seed-2", tiers).map((w) => w.attemptId);
    expect(a).not.toEqual(b);
  });
  it("the PRNG is fixed: the first numbers for a known seed never change", () => {
    const r = seededRandom("gongsai");
    const first = [r(), r(), r()].map((x) => Math.floor(x * 1e6));
    expect(first).toMatchInlineSnapshot(`
      [
        847079,
        568852,
        237910,
      ]
    `);
    for (let i = 0; i < 1000; i++) { const x = r(); expect(x >= 0 && x < 1).toBe(true); }
  });
  it("fewer candidates than prizes: everyone wins once", () => {
    expect(drawAmongAllCorrect(["a", "b", "a"], "s", tiers).map((w) => w.attemptId).sort()).toEqual(["a", "b"]);
  });
});

describe("unit ranking by participation rate and average score", () => {
  it("ranks participation first", () => {
    const r = rankQuizUnits([
      { unitId: "u1", members: 100, participants: 50, scoreSum: 5000 },
      { unitId: "u2", members: 10, participants: 9, scoreSum: 540 },
      { unitId: "u3", members: 20, participants: 18, scoreSum: 1620 },
      { unitId: "u4", members: 0, participants: 0, scoreSum: 0 },
    ]);
    expect(r.map((x) => [x.unitId, x.rank])).toEqual([["u3", 1], ["u2", 2], ["u1", 3], ["u4", 4]]);
    expect(r[0]).toMatchObject({ participationRate: 0.9, averageScore: 90 });
  });
});
