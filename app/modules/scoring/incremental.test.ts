import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScoringInputError } from "./errors";
import { scoreEvent } from "./event";
import { formatHundredths } from "./exact";
import { IncrementalScoring } from "./incremental";
import { settingsWith, sheetInput, sheets, workedScheme } from "./test-fixtures";

const BASE = { paper: [80], fit: [24, 25, 26, 27, 28], gauge: [20, 20], finish: [40, 41, 42, 43, 45] };

describe("incremental recompute: one changed mark", () => {
  const settings = settingsWith({ ranking: { tieBreaks: [{ by: "total" }] } });
  const scheme = workedScheme(settings);
  const build = () =>
    new IncrementalScoring(
      scheme,
      settings,
      sheets(scheme, settings, [
        sheetInput("A", { ...BASE, paper: [90] }), // 0.3×90 + 0.7×88 = 88.60
        sheetInput("B", BASE), // 0.3×80 + 0.7×88 = 85.60
        sheetInput("C", { ...BASE, paper: [70] }), // 82.60
      ]),
    );

  it("C's theory paper corrected from 70 to 100 → 91.60, C moves from 3rd to 1st, A and B each drop one place", () => {
    const scoring = build();
    const change = scoring.applyMark({ entrantId: "C", aspectId: "paper", judgeId: "J1", value: "100" });
    expect(change.entrant.totalText).toBe("91.60");
    expect(formatHundredths(change.previousTotal)).toBe("82.60");
    expect(change.changedRanks).toEqual([
      { entrantId: "C", previousRank: 3, rank: 1 },
      { entrantId: "A", previousRank: 1, rank: 2 },
      { entrantId: "B", previousRank: 2, rank: 3 },
    ]);
  });

  it("copies the caller's sheets by default; with adopt it keeps them (and scores the same)", () => {
    const input = () =>
      sheets(scheme, settings, [sheetInput("A", { ...BASE, paper: [90] }), sheetInput("B", BASE), sheetInput("C", { ...BASE, paper: [70] })]);
    const given = input();
    const copied = new IncrementalScoring(scheme, settings, given);
    copied.applyMark({ entrantId: "C", aspectId: "paper", judgeId: "J1", value: "100" });
    expect(given).toEqual(input()); // untouched
    const adopted = new IncrementalScoring(scheme, settings, input(), [], { adopt: true });
    adopted.applyMark({ entrantId: "C", aspectId: "paper", judgeId: "J1", value: "100" });
    expect(adopted.allResults().map((r) => [r.entrantId, r.totalText, adopted.rank(r.entrantId)])).toEqual(
      copied.allResults().map((r) => [r.entrantId, r.totalText, copied.rank(r.entrantId)]),
    );
  });

  it("a change that moves nobody reports no rank changes", () => {
    const scoring = build();
    expect(scoring.applyMark({ entrantId: "B", aspectId: "paper", judgeId: "J1", value: 81 }).changedRanks).toEqual([]);
    expect(scoring.result("B")?.totalText).toBe("85.90");
  });

  it("a change that creates a tie gives a shared rank", () => {
    const scoring = build();
    const change = scoring.applyMark({ entrantId: "B", aspectId: "paper", judgeId: "J1", value: 90 });
    expect(change.changedRanks).toEqual([{ entrantId: "B", previousRank: 2, rank: 1 }]);
    expect(scoring.rank("A")).toBe(1);
  });

  it("refuses a bad mark, naming the field, and leaves everything as it was", () => {
    const scoring = build();
    expect(() => scoring.applyMark({ entrantId: "B", aspectId: "fit", judgeId: "J1", value: "30.5" })).toThrow(ScoringInputError);
    let refusal: unknown;
    try { scoring.applyMark({ entrantId: "B", aspectId: "nope", judgeId: "J1", value: 1 }); } catch (error) { refusal = error; }
    expect(refusal).toBeInstanceOf(ScoringInputError);
    expect((refusal as ScoringInputError).issues.map((i) => i.path)).toContain("mark.aspectId");
    expect(scoring.result("B")?.totalText).toBe("85.60");
  });

  it("withdrawing a judge's entry (value null) recomputes with the rest of the panel", () => {
    const scoring = build();
    // fit without J5 (28): 4 judges → plain mean (24+25+26+27)/4 = 25.5 → practical 87.5 → 24 + 61.25 = 85.25
    expect(scoring.applyMark({ entrantId: "B", aspectId: "fit", judgeId: "J5", value: null }).entrant.totalText).toBe("85.25");
  });
});

describe("incremental and full recompute always agree", () => {
  it("after any sequence of mark changes: same totals, same ranks, and changedRanks lists exactly the moves", () => {
    const changeArb = fc.record({
      entrant: fc.integer({ min: 0, max: 7 }),
      aspect: fc.constantFrom("paper", "fit", "finish"),
      judge: fc.integer({ min: 1, max: 5 }),
      points: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 8, maxLength: 8 }),
        fc.array(changeArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom("shared", "no-ties") as fc.Arbitrary<"shared" | "no-ties">,
        (papers, changes, ties) => {
          const settings = settingsWith({ ranking: { ties } });
          const scheme = workedScheme(settings);
          const inputs = papers.map((p, i) => sheetInput(`E${i}`, { ...BASE, paper: [p] }, { completionSeconds: (i % 3) * 60 }));
          const decisions = [{ id: "d1", order: ["E3", "E1", "E2", "E0", "E4", "E5", "E6", "E7"] }];
          const scoring = new IncrementalScoring(scheme, settings, sheets(scheme, settings, inputs), decisions);
          const current = inputs.map((s) => ({ ...s, marks: [...(s.marks ?? [])] }));
          for (const change of changes) {
            const before = new Map(scoring.ranking().entries.map((e) => [e.entrantId, e.rank]));
            const id = `E${change.entrant}`;
            const result = scoring.applyMark({ entrantId: id, aspectId: change.aspect, judgeId: `J${change.judge}`, value: change.points });
            const sheet = current[change.entrant];
            const marks = sheet.marks!.filter((m) => !(m.aspectId === change.aspect && m.judgeId === `J${change.judge}`));
            marks.push({ aspectId: change.aspect, judgeId: `J${change.judge}`, value: change.points });
            sheet.marks = marks;
            const full = scoreEvent(scheme, settings, sheets(scheme, settings, current), decisions);
            expect(scoring.allResults().map((r) => r.total).sort()).toEqual(full.results.map((r) => r.total).sort());
            const after = new Map(full.ranking.entries.map((e) => [e.entrantId, e.rank]));
            expect(new Map(full.ranking.entries.map((e) => [e.entrantId, scoring.rank(e.entrantId)]))).toEqual(after);
            const moved = [...after].filter(([entrant, rank]) => before.get(entrant) !== rank).map(([entrant]) => entrant).sort();
            expect(result.changedRanks.map((r) => r.entrantId).sort()).toEqual(moved);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
