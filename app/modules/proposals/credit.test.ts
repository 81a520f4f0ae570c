import { describe, expect, it } from "vitest";
import { checkShares, formatShare, mergeShares, parsePercent, splitReward } from "./credit";

describe("credit shares add to 100 % exactly", () => {
  it("parses percents with up to two decimals", () => {
    expect(parsePercent("33.34")).toBe(3334);
    expect(parsePercent("60%")).toBe(6000);
    expect(parsePercent("0.5")).toBe(50);
    expect(parsePercent("33.333")).toBeNull();
    expect(parsePercent("abc")).toBeNull();
    expect(formatShare(3334)).toBe("33.34%");
    expect(formatShare(6000)).toBe("60%");
  });
  it("accepts one author at 100 % and three at 33.33/33.33/33.34", () => {
    expect(checkShares([{ memberId: "a", share: 10000 }])).toEqual([]);
    expect(checkShares([{ memberId: "a", share: 3333 }, { memberId: "b", share: 3333 }, { memberId: "c", share: 3334 }])).toEqual([]);
  });
  it("refuses 99.99 % with the sum in the message", () => {
    const problems = checkShares([{ memberId: "a", share: 3333 }, { memberId: "b", share: 3333 }, { memberId: "c", share: 3333 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^作者贡献比例合计须为 100%，现为 99.99%/);
  });
  it("refuses no author, a duplicate author and a zero share", () => {
    expect(checkShares([])[0].path).toBe("authors");
    expect(checkShares([{ memberId: "a", share: 5000 }, { memberId: "a", share: 5000 }])[0].path).toBe("authors.1.memberId");
    expect(checkShares([{ memberId: "a", share: 10000 }, { memberId: "b", share: 0 }])[0].path).toBe("authors.1.share");
  });
});

describe("merging duplicates keeps every author", () => {
  it("two proposals weigh equally; an author on both adds up; the total stays 100 %", () => {
    const merged = mergeShares([
      [{ memberId: "a", share: 6000 }, { memberId: "b", share: 4000 }],
      [{ memberId: "c", share: 10000 }],
    ]);
    expect(merged).toEqual([{ memberId: "a", share: 3000 }, { memberId: "b", share: 2000 }, { memberId: "c", share: 5000 }]);
    const overlap = mergeShares([[{ memberId: "a", share: 10000 }], [{ memberId: "a", share: 5000 }, { memberId: "b", share: 5000 }]]);
    expect(overlap).toEqual([{ memberId: "a", share: 7500 }, { memberId: "b", share: 2500 }]);
  });
  it("thirds of odd shares still add to exactly 100 %", () => {
    const merged = mergeShares([[{ memberId: "a", share: 10000 }], [{ memberId: "b", share: 10000 }], [{ memberId: "c", share: 10000 }]]);
    expect(merged.reduce((s, a) => s + a.share, 0)).toBe(10000);
    expect(merged.map((a) => a.share)).toEqual([3334, 3333, 3333]);
    expect(checkShares(merged)).toEqual([]);
  });
});

describe("a reward split by credit", () => {
  it("parts add up to the whole in fen", () => {
    const parts = splitReward(100_000, [{ memberId: "a", share: 3333 }, { memberId: "b", share: 3333 }, { memberId: "c", share: 3334 }]);
    expect(parts.reduce((s, p) => s + p.fen, 0)).toBe(100_000);
    expect(parts).toEqual([{ memberId: "a", fen: 33330 }, { memberId: "b", fen: 33330 }, { memberId: "c", fen: 33340 }]);
    const odd = splitReward(1001, [{ memberId: "a", share: 5000 }, { memberId: "b", share: 5000 }]);
    expect(odd).toEqual([{ memberId: "a", fen: 501 }, { memberId: "b", fen: 500 }]);
  });
});
