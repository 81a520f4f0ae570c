import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankEntrants, type Rankable } from "./ranking";
import type { TieBreak } from "./settings";
import { rankable, settingsWith } from "./test-fixtures";

const ranksOf = (entrants: Rankable[], tieBreaks?: TieBreak[], ties: "shared" | "no-ties" = "shared") =>
  rankEntrants(entrants, settingsWith({ ranking: { tieBreaks, ties } }).ranking).entries.map((e) => [e.entrantId, e.rank]);

describe("rule S-50: equal totals → the higher practical score first", () => {
  it("A and B both 85.00; A practical 90.00, B practical 80.00 → A 1st, B 2nd", () => {
    const entrants = [rankable("B", 85, { practical: 80, theory: 97.67 }), rankable("A", 85, { practical: 90, theory: 74.33 })];
    expect(ranksOf(entrants, [{ by: "total" }, { by: "component", component: "practical" }])).toEqual([
      ["A", 1],
      ["B", 2],
    ]);
  });
});

describe("rule S-51: total → shorter time → practical → theory → shared rank", () => {
  it("equal totals: 58 min beats 60 min", () => {
    const entrants = [rankable("slow", 90, { time: 3600 }), rankable("fast", 90, { time: 3480 })];
    expect(ranksOf(entrants)).toEqual([
      ["fast", 1],
      ["slow", 2],
    ]);
  });

  it("equal totals and times: higher practical, then higher theory", () => {
    const entrants = [
      rankable("C", 90, { time: 3600, practical: 88, theory: 95 }),
      rankable("B", 90, { time: 3600, practical: 92, theory: 85 }),
      rankable("A", 90, { time: 3600, practical: 92, theory: 86 }),
    ];
    expect(ranksOf(entrants)).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 3],
    ]);
  });

  it("still equal → the same rank, and the next rank skips (1, 1, 3)", () => {
    const entrants = [
      rankable("Y", 90, { time: 3600, practical: 90, theory: 90 }),
      rankable("Z", 80),
      rankable("X", 90, { time: 3600, practical: 90, theory: 90 }),
    ];
    expect(ranksOf(entrants)).toEqual([
      ["X", 1],
      ["Y", 1],
      ["Z", 3],
    ]);
    const ranking = rankEntrants(entrants, settingsWith().ranking);
    expect(ranking.entries[0].tiedWith).toEqual(["Y"]);
    expect(ranking.unresolvedTies).toEqual([]);
  });

  it("an entrant without a recorded time ranks after those with one", () => {
    expect(ranksOf([rankable("none", 90), rankable("timed", 90, { time: 5000 })])).toEqual([
      ["timed", 1],
      ["none", 2],
    ]);
  });
});

describe("rule S-52: modular contests compare module scores one by one", () => {
  it("equal totals; module 1 equal (30), module 2: 25 beats 24", () => {
    const entrants = [rankable("B", 80, { modules: [30, 24, 26] }), rankable("A", 80, { modules: [30, 25, 25] })];
    expect(ranksOf(entrants, [{ by: "total" }, { by: "modules", component: "practical" }])).toEqual([
      ["A", 1],
      ["B", 2],
    ]);
  });
});

describe("rule S-53: no shared ranks — unresolved ties are reported and need a recorded decision", () => {
  const entrants = [rankable("P", 95), rankable("Q", 90), rankable("R", 90), rankable("S", 70)];

  it("reports the tie at rank 2 instead of inventing an order", () => {
    const ranking = rankEntrants(entrants, settingsWith({ ranking: { tieBreaks: [{ by: "total" }], ties: "no-ties" } }).ranking);
    expect(ranking.unresolvedTies).toHaveLength(1);
    expect(ranking.unresolvedTies[0]).toMatchObject({ rank: 2, entrantIds: ["Q", "R"] });
    expect(ranking.unresolvedTies[0].message).toContain("需记录裁决");
  });

  it("a recorded decision (R before Q) gives distinct ranks 2 and 3", () => {
    const settings = settingsWith({ ranking: { tieBreaks: [{ by: "total" }], ties: "no-ties" } });
    const ranking = rankEntrants(entrants, settings.ranking, [{ id: "chief-judge-ruling-1", order: ["R", "Q"] }]);
    expect(ranking.entries.map((e) => [e.entrantId, e.rank, e.decidedBy])).toEqual([
      ["P", 1, null],
      ["R", 2, "chief-judge-ruling-1"],
      ["Q", 3, "chief-judge-ruling-1"],
      ["S", 4, null],
    ]);
    expect(ranking.unresolvedTies).toEqual([]);
  });

  it("decisions are ignored when shared ranks are allowed", () => {
    const ranking = rankEntrants(entrants, settingsWith({ ranking: { tieBreaks: [{ by: "total" }] } }).ranking, [{ id: "d", order: ["R", "Q"] }]);
    expect(ranking.entries.map((e) => e.rank)).toEqual([1, 2, 2, 4]);
  });
});

describe("ranking properties", () => {
  const entrantArb = fc
    .uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        total: fc.integer({ min: 0, max: 20 }),
        time: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
        practical: fc.integer({ min: 0, max: 3 }),
      }),
      { selector: (e) => e.id, maxLength: 30 },
    )
    .map((list) => list.map((e) => rankable(e.id, e.total, { time: e.time, practical: e.practical })));

  it("the same input gives the same order whatever order it arrives in", () => {
    fc.assert(
      fc.property(entrantArb, fc.infiniteStream(fc.nat()), (entrants, randomness) => {
        const shuffled = [...entrants];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = randomness.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const settings = settingsWith().ranking;
        expect(rankEntrants(shuffled, settings)).toEqual(rankEntrants(entrants, settings));
      }),
    );
  });

  it("ranks form a valid competition ranking: rank = 1 + the number strictly ahead", () => {
    fc.assert(
      fc.property(entrantArb, fc.constantFrom("shared", "no-ties") as fc.Arbitrary<"shared" | "no-ties">, (entrants, ties) => {
        const { entries } = rankEntrants(entrants, settingsWith({ ranking: { ties } }).ranking);
        expect(entries).toHaveLength(entrants.length);
        entries.forEach((entry, i) => {
          const strictlyAhead = entries.filter((other) => other.rank < entry.rank).length;
          expect(entry.rank).toBe(strictlyAhead + 1);
          if (i > 0) expect(entry.rank).toBeGreaterThanOrEqual(entries[i - 1].rank);
          if (i > 0 && entry.rank !== entries[i - 1].rank) expect(entry.rank).toBe(i + 1);
        });
        if (entries.length > 0) expect(entries[0].rank).toBe(1);
      }),
    );
  });
});
