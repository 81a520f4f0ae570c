import { describe, expect, it } from "vitest";
import { drawRecheckSample, needsFullRecheck, recheckStatus, sampleSize } from "./recheck-sample";

const SEED = "0123456789abcdef0123456789abcdef";
const field = (n: number) => Array.from({ length: n }, (_, i) => ({ blindCodeId: `c${String(i + 1).padStart(2, "0")}`, rank: i + 1 }));

describe("re-check sample (rule S-40)", () => {
  it("rule S-40 worked example: 40 entrants, top 10 in full and ⌈15 % of 30⌉ = 5 of the others", () => {
    const draw = drawRecheckSample(field(40), { topN: 10, sampleBp: 1500, seed: SEED });
    expect(draw.topCount).toBe(10);
    expect(draw.othersCount).toBe(30);
    expect(draw.sampleCount).toBe(5);
    expect(draw.items.filter((i) => i.reason === "top").map((i) => i.blindCodeId)).toEqual(field(10).map((c) => c.blindCodeId));
    const sampled = draw.items.filter((i) => i.reason === "sample").map((i) => i.blindCodeId);
    expect(new Set(sampled).size).toBe(5);
    for (const id of sampled) expect(Number(id.slice(1))).toBeGreaterThan(10);
  });

  it("rule S-40: the sample rounds up, so it is never below 15 % (7 others → 2, since 1.05 → 2)", () => {
    expect(sampleSize(7, 1500)).toBe(2);
    expect(sampleSize(20, 1500)).toBe(3);
    expect(sampleSize(0, 1500)).toBe(0);
  });

  it("rule S-40: the same seed redraws the same sample, whatever the input order", () => {
    const a = drawRecheckSample(field(40), { topN: 10, sampleBp: 1500, seed: SEED });
    const b = drawRecheckSample([...field(40)].reverse(), { topN: 10, sampleBp: 1500, seed: SEED });
    expect(b).toEqual(a);
    const c = drawRecheckSample(field(40), { topN: 10, sampleBp: 1500, seed: "f".repeat(32) });
    expect(c.items.filter((i) => i.reason === "sample")).not.toEqual(a.items.filter((i) => i.reason === "sample"));
  });

  it("rule S-40: entrants tied with the N-th place are re-checked in full too", () => {
    const tied = [{ blindCodeId: "a", rank: 1 }, { blindCodeId: "b", rank: 2 }, { blindCodeId: "c", rank: 2 }, { blindCodeId: "d", rank: 4 }];
    const draw = drawRecheckSample(tied, { topN: 2, sampleBp: 1500, seed: SEED });
    expect(draw.items.filter((i) => i.reason === "top").map((i) => i.blindCodeId)).toEqual(["a", "b", "c"]);
  });

  it("rule S-40: a sample below 15 % is refused", () => {
    expect(() => drawRecheckSample(field(10), { topN: 3, sampleBp: 1499, seed: SEED })).toThrow(/15%/);
  });

  it("rule S-40: more than 5 % wrong requires a full re-check; exactly 5 % does not", () => {
    expect(needsFullRecheck(100, 5)).toBe(false);
    expect(needsFullRecheck(100, 6)).toBe(true);
    expect(needsFullRecheck(40, 3)).toBe(true); // 7.5 %
    expect(needsFullRecheck(0, 0)).toBe(false);
  });

  it("rule S-40: status open → full_required → completed", () => {
    const drawn = [
      { reason: "top", checked: true, marks: 20, wrongMarks: 3 },
      { reason: "sample", checked: false, marks: 20, wrongMarks: 0 },
    ];
    expect(recheckStatus(drawn).status).toBe("open");
    drawn[1].checked = true;
    expect(recheckStatus(drawn)).toEqual({ status: "full_required", checkedMarks: 40, wrongMarks: 3 });
    const full = [...drawn, { reason: "full", checked: true, marks: 20, wrongMarks: 0 }];
    expect(recheckStatus(full).status).toBe("completed");
    expect(recheckStatus([{ reason: "top", checked: true, marks: 40, wrongMarks: 2 }]).status).toBe("passed");
  });
});
