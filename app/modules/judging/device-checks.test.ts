import { describe, expect, it } from "vitest";
import { staleOver, typedByOtherJudge } from "./device-checks";

describe("typedByOtherJudge (issue 11: a shared tablet)", () => {
  it("names the typing judge only when it differs from the session's", () => {
    expect(typedByOtherJudge("judge-a", "judge-b")).toBe("judge-a");
    expect(typedByOtherJudge("judge-b", "judge-b")).toBeNull();
    expect(typedByOtherJudge(undefined, "judge-b")).toBeNull();
  });
});

describe("staleOver (issue 11: an older offline entry never overwrites a newer one)", () => {
  it("refuses a write typed over an older version, answering the current mark", () => {
    expect(staleOver({ value: 1500, version: 2 }, 1, 1200)).toEqual({ value: 1500, version: 2 });
    expect(staleOver({ value: 1500, version: 1 }, 0, 1200)).toEqual({ value: 1500, version: 1 });
  });
  it("lets through a write over the current version, a first mark, a write without a base, and the same value", () => {
    expect(staleOver({ value: 1500, version: 2 }, 2, 1200)).toBeNull();
    expect(staleOver(null, 0, 1200)).toBeNull();
    expect(staleOver({ value: 1500, version: 2 }, undefined, 1200)).toBeNull();
    expect(staleOver({ value: 1500, version: 3 }, 1, 1500)).toBeNull();
  });
});
