import { describe, expect, it, vi } from "vitest";
import { batchLoader } from "./batch-loader";

describe("batchLoader: keys asked for in one round are loaded by one call (issue 15)", () => {
  it("gathers the keys of one round into one load, each caller gets its own answer", async () => {
    const loadMany = vi.fn(async (keys: string[]) => new Map(keys.filter((k) => k !== "missing").map((k) => [k, k.toUpperCase()])));
    const load = batchLoader(loadMany);
    const answers = await Promise.all(["a", "b", "a", "missing"].map(load));
    expect(answers).toEqual(["A", "B", "A", undefined]);
    expect(loadMany).toHaveBeenCalledTimes(1);
    expect(loadMany.mock.calls[0]![0]).toEqual(["a", "b", "missing"]); // a key asked twice is loaded once
    expect(await load("c")).toBe("C"); // a later round is a new load
    expect(loadMany).toHaveBeenCalledTimes(2);
  });

  it("splits a large round into loads of at most maxBatch keys", async () => {
    const sizes: number[] = [];
    const load = batchLoader(async (keys: number[]) => {
      sizes.push(keys.length);
      return new Map(keys.map((k) => [k, k * 2]));
    }, { maxBatch: 4 });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => load(i)));
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it("a failed load rejects the callers of that load only", async () => {
    const load = batchLoader(async (keys: string[]) => {
      if (keys.includes("bad")) throw new Error("disk full");
      return new Map(keys.map((k) => [k, 1]));
    }, { maxBatch: 1 });
    const [good, bad] = await Promise.allSettled([load("good"), load("bad")]);
    expect(good).toEqual({ status: "fulfilled", value: 1 });
    expect(bad.status).toBe("rejected");
  });

  it("with waitMs, the keys asked for during the wait are loaded together", async () => {
    vi.useFakeTimers();
    try {
      const loadMany = vi.fn(async (keys: string[]) => new Map(keys.map((k) => [k, k])));
      const load = batchLoader(loadMany, { waitMs: 50 });
      const first = load("x");
      await vi.advanceTimersByTimeAsync(20);
      const second = load("y");
      expect(loadMany).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(40);
      expect(await Promise.all([first, second])).toEqual(["x", "y"]);
      expect(loadMany).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
