import { describe, expect, it } from "vitest";
import { selectFinalists } from "./qualification";
import { rankEntrants } from "./ranking";
import { rankable, settingsWith } from "./test-fixtures";

const shared = settingsWith({ ranking: { tieBreaks: [{ by: "total" }] } }).ranking;

describe("rule S-14: heats → final, top N plus everyone tied with the N-th", () => {
  it("top 3 asked; 3rd and 4th both 88.50 → 4 go through", () => {
    const ranking = rankEntrants(
      [rankable("A", 95), rankable("B", 90), rankable("C", 88.5), rankable("D", 88.5), rankable("E", 80)],
      shared,
    );
    const result = selectFinalists(ranking, 3);
    expect(result.finalists.map((f) => [f.entrantId, f.rank])).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 3],
      ["D", 3],
    ]);
    expect(result.cutoffRank).toBe(3);
    expect(result.extraBecauseOfTies).toEqual(["D"]);
  });

  it("a tie just after the N-th place does not go through: 1, 2, 3, 4, 4 with N = 3 → 3 finalists", () => {
    const ranking = rankEntrants([rankable("A", 95), rankable("B", 90), rankable("C", 89), rankable("D", 88), rankable("E", 88)], shared);
    expect(selectFinalists(ranking, 3).finalists.map((f) => f.entrantId)).toEqual(["A", "B", "C"]);
  });

  it("everyone tied at the top with N = 1 → all of them", () => {
    const ranking = rankEntrants([rankable("A", 90), rankable("B", 90), rankable("C", 90)], shared);
    expect(selectFinalists(ranking, 1)).toMatchObject({ cutoffRank: 1, extraBecauseOfTies: ["B", "C"] });
  });

  it("N larger than the field takes everyone; the default N (30) is a setting", () => {
    const ranking = rankEntrants([rankable("A", 90)], shared);
    expect(selectFinalists(ranking, settingsWith().qualification.finalists).finalists).toHaveLength(1);
  });
});
