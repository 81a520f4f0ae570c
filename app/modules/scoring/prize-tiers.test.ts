import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocatePrizeTiers, shareOfField } from "./prize-tiers";
import { settingsWith } from "./test-fixtures";

/** A field of `n` entrants with distinct ranks 1 … n. */
const field = (n: number) => Array.from({ length: n }, (_, i) => ({ entrantId: `E${String(i + 1).padStart(3, "0")}`, rank: i + 1 }));

describe("rule S-60: 一等 10%, 二等 20%, 三等 30% of the group's entrants", () => {
  it("40 entrants → 4 / 8 / 12", () => {
    const allocation = allocatePrizeTiers(field(40), settingsWith().prizes);
    expect(allocation.counts).toEqual({ first: 4, second: 8, third: 12, honourable: 0 });
    expect(allocation.awards[0]).toMatchObject({ tier: "first", label: "一等奖" });
    expect(allocation.awards[24]).toMatchObject({ rank: 25, tier: null });
  });

  it("each tier is its own share of the field (floor): 37 → ⌊3.7⌋ = 3, ⌊7.4⌋ = 7, ⌊11.1⌋ = 11", () => {
    const allocation = allocatePrizeTiers(field(37), settingsWith().prizes);
    expect(allocation.quotas).toMatchObject({ first: 3, second: 7, third: 11 });
    expect(allocation.cutoffs).toMatchObject({ first: 3, second: 10, third: 21 });
    expect(allocation.counts).toEqual({ first: 3, second: 7, third: 11, honourable: 0 });
  });

  it("a field of 7: never more second prizes than its own share (the cumulative cut gave 0 / 2 / 2)", () => {
    expect(allocatePrizeTiers(field(7), settingsWith().prizes).counts).toMatchObject({ first: 0, second: 1, third: 2 });
    expect(allocatePrizeTiers(field(7), settingsWith({ prizes: { shareRounding: "half-up" } }).prizes).counts).toMatchObject({ first: 1, second: 1, third: 2 });
    expect(allocatePrizeTiers(field(7), settingsWith({ prizes: { shareRounding: "ceil" } }).prizes).counts).toMatchObject({ first: 1, second: 2, third: 3 });
  });

  it("the share rounding is a setting: half-up gives ⌊3.7⌉ = 4, ⌊7.4⌉ = 7, ⌊11.1⌉ = 11 → 4 / 7 / 11", () => {
    const allocation = allocatePrizeTiers(field(37), settingsWith({ prizes: { shareRounding: "half-up" } }).prizes);
    expect(allocation.counts).toMatchObject({ first: 4, second: 7, third: 11 });
    expect(shareOfField(35, 10, "half-up")).toBe(4); // 3.5 → 4
    expect(shareOfField(35, 10, "ceil")).toBe(4);
    expect(shareOfField(30, 10, "ceil")).toBe(3);
  });
});

describe("an all-zero field (rule S-60 shares of those who scored)", () => {
  it("nobody gets a prize when every total is zero, and it is reported", () => {
    const zero = field(40).map((e) => ({ ...e, rank: 1, total: 0 }));
    const allocation = allocatePrizeTiers(zero, settingsWith().prizes);
    expect(allocation.allZero).toBe(true);
    expect(allocation.counts).toEqual({ first: 0, second: 0, third: 0, honourable: 0 });
    expect(allocation.warnings.map((w) => w.path)).toContain("totals");
  });

  it("an entrant with a zero total gets no prize even inside a tier", () => {
    const entries = field(10).map((e, i) => ({ ...e, total: i === 0 ? 50 : 0, rank: i === 0 ? 1 : 2 }));
    const allocation = allocatePrizeTiers(entries, settingsWith({ prizes: { mode: "fixed-counts" } }).prizes);
    expect(allocation.allZero).toBe(false);
    expect(allocation.awards.filter((a) => a.tier).map((a) => a.entrantId)).toEqual(["E001"]);
  });
});

describe("rule S-61: fixed counts 1 / 2 / 5 plus 优胜奖 for the top half of the field", () => {
  const fixed = settingsWith({ prizes: { mode: "fixed-counts" } }).prizes;

  it("31 entrants → 1 / 2 / 5, then 优胜奖 for places 9 … 15 (⌊31 ÷ 2⌋ = 15)", () => {
    const allocation = allocatePrizeTiers(field(31), fixed);
    expect(allocation.counts).toEqual({ first: 1, second: 2, third: 5, honourable: 7 });
    expect(allocation.awards[14]).toMatchObject({ rank: 15, label: "优胜奖" });
    expect(allocation.awards[15].tier).toBeNull();
  });

  it("Zoucheng style: 1 / 3 / 5 plus 10 优胜奖", () => {
    const settings = settingsWith({
      prizes: { mode: "fixed-counts", fixedCounts: { first: 1, second: 3, third: 5 }, honourableMention: { mode: "count", count: 10 } },
    }).prizes;
    expect(allocatePrizeTiers(field(40), settings).counts).toEqual({ first: 1, second: 3, third: 5, honourable: 10 });
  });

  it("a field smaller than the counts: nobody is counted twice, nobody invented (3 entrants → 1 / 2 / 0)", () => {
    expect(allocatePrizeTiers(field(3), fixed).counts).toEqual({ first: 1, second: 2, third: 0, honourable: 0 });
  });
});

describe("ties on a tier boundary", () => {
  // 30 entrants; places 3 and 4 share rank 3. 10% of 30 = 3 first prizes.
  const tied = field(30).map((e) => (e.rank === 4 ? { ...e, rank: 3 } : e));

  it("default: both tied entrants get 一等奖 (4 first prizes, reported), second prize shrinks to 5", () => {
    const allocation = allocatePrizeTiers(tied, settingsWith().prizes);
    expect(allocation.counts).toEqual({ first: 4, second: 5, third: 9, honourable: 0 });
    expect(allocation.warnings.map((w) => w.path)).toEqual(["tiers.first"]);
  });

  it("alternative: the tied pair drops to 二等奖, so 一等奖 never runs over (2 first prizes)", () => {
    const allocation = allocatePrizeTiers(tied, settingsWith({ prizes: { boundaryTies: "tied-drop-to-lower-tier" } }).prizes);
    expect(allocation.counts).toEqual({ first: 2, second: 7, third: 9, honourable: 0 });
    expect(allocation.warnings).toEqual([]);
  });
});

describe("rule S-4: a group below the minimum field size is reported", () => {
  it("29 entrants in a provincial contest (minimum 30)", () => {
    const allocation = allocatePrizeTiers(field(29), settingsWith().prizes);
    expect(allocation.belowMinimumFieldSize).toBe(true);
    expect(allocation.warnings[0].message).toContain("本组别参赛人数 29 少于最低要求 30 人（规则 S-4）");
    expect(allocatePrizeTiers(field(30), settingsWith().prizes).belowMinimumFieldSize).toBe(false);
  });

  it("the minimum is a setting (WorldSkills provincial selection: 15)", () => {
    expect(allocatePrizeTiers(field(15), settingsWith({ prizes: { minimumFieldSize: 15 } }).prizes).belowMinimumFieldSize).toBe(false);
  });
});

describe("prize properties", () => {
  it("prize counts never exceed the entrants, and each entrant gets at most one tier", () => {
    const ranksArb = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 }).map((steps) => {
      // Build a valid competition ranking: a step of 0 ties with the previous entrant.
      const entries: { entrantId: string; rank: number }[] = [];
      steps.forEach((step, i) => entries.push({ entrantId: `E${i}`, rank: i === 0 || step > 0 ? i + 1 : entries[i - 1].rank }));
      return entries;
    });
    const settingsArb = fc.record({
      mode: fc.constantFrom("shares", "fixed-counts"),
      shareRounding: fc.constantFrom("floor", "half-up", "ceil"),
      boundaryTies: fc.constantFrom("tied-share-higher-tier", "tied-drop-to-lower-tier"),
      sharesPercent: fc.record({ first: fc.integer({ min: 0, max: 60 }), second: fc.integer({ min: 0, max: 60 }), third: fc.integer({ min: 0, max: 60 }) }),
      fixedCounts: fc.record({ first: fc.nat(50), second: fc.nat(50), third: fc.nat(50) }),
      honourableMention: fc.oneof(
        fc.constant({ mode: "none" as const }),
        fc.record({ mode: fc.constant("top-share" as const), percent: fc.integer({ min: 0, max: 100 }) }),
        fc.record({ mode: fc.constant("count" as const), count: fc.nat(50) }),
      ),
    });
    fc.assert(
      fc.property(ranksArb, settingsArb, (entries, prizes) => {
        const allocation = allocatePrizeTiers(entries, settingsWith({ prizes } as never).prizes);
        const { first, second, third, honourable } = allocation.counts;
        expect(first + second + third + honourable).toBeLessThanOrEqual(entries.length);
        expect(allocation.awards.filter((a) => a.tier !== null)).toHaveLength(first + second + third + honourable);
        // Better rank never gets a lower tier than a worse rank.
        const order = [null, "honourable", "third", "second", "first"];
        for (const a of allocation.awards) {
          for (const b of allocation.awards) {
            if (a.rank < b.rank) expect(order.indexOf(a.tier)).toBeGreaterThanOrEqual(order.indexOf(b.tier));
          }
        }
      }),
    );
  });
});
