import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DrawError, drawEntryNumbers, drawSessionsAndStations, runDraw, seededRandom, sessionQuotas, shuffle } from "./draw";

const SEED_A = "a".repeat(64);
const SEED_B = "0123456789abcdef".repeat(4);

const entrants = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ registrationId: `reg-${i}`, admissionNo: `ZK2026${String(i + 1).padStart(4, "0")}` }));
const sessions = [
  { id: "s1", name: "第一场", stationCount: 10, sortOrder: 1 },
  { id: "s2", name: "第二场", stationCount: 10, sortOrder: 2 },
];

const reversed = <T>(xs: T[]) => [...xs].reverse();

describe("seeded random stream", () => {
  it("gives the same numbers for the same seed and label, different ones otherwise", () => {
    const take = (seed: string, label: string) => { const r = seededRandom(seed, label); return Array.from({ length: 20 }, () => r.int(1000)); };
    expect(take(SEED_A, "x")).toEqual(take(SEED_A, "x"));
    expect(take(SEED_A, "x")).not.toEqual(take(SEED_B, "x"));
    expect(take(SEED_A, "x")).not.toEqual(take(SEED_A, "y"));
  });

  it("stays inside the range", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
      const r = seededRandom(SEED_B, `n${n}`);
      for (let i = 0; i < 50; i++) { const v = r.int(n); if (v < 0 || v >= n) return false; }
      return true;
    }));
  });

  it("refuses a seed that is not hex", () => {
    expect(() => seededRandom("not-a-seed", "x")).toThrow(DrawError);
  });

  it("shuffle is a permutation", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffle(items, seededRandom(SEED_A, "p"));
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(out).not.toEqual(items);
  });
});

describe("round 1: draw order and 参赛号 (S-33)", () => {
  it("is reproducible from the seed and independent of the input order", () => {
    const list = entrants(25);
    const first = drawEntryNumbers(list, SEED_A);
    expect(drawEntryNumbers(reversed(list), SEED_A)).toEqual(first);
    expect(drawEntryNumbers(list, SEED_B)).not.toEqual(first);
  });

  it("numbers every entrant once, 001 upward, in draw order", () => {
    const out = drawEntryNumbers(entrants(12), SEED_A);
    expect(out.map((e) => e.entryNo)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(3, "0")));
    expect(new Set(out.map((e) => e.registrationId)).size).toBe(12);
    expect(out.map((e) => e.drawOrder)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("does not simply follow the admission numbers", () => {
    const out = drawEntryNumbers(entrants(30), SEED_A);
    expect(out.map((e) => e.registrationId)).not.toEqual(entrants(30).map((e) => e.registrationId));
  });

  it("refuses an empty field and duplicate admission numbers", () => {
    expect(() => drawEntryNumbers([], SEED_A)).toThrow(/no approved entrants/);
    expect(() => drawEntryNumbers([{ registrationId: "a", admissionNo: "1" }, { registrationId: "b", admissionNo: "1" }], SEED_A)).toThrow(DrawError);
  });
});

describe("round 2: sessions, stations and 工位号 (S-34, S-36)", () => {
  const round1 = drawEntryNumbers(entrants(17), SEED_A);

  it("is reproducible and independent of the order of entrants and sessions", () => {
    const first = drawSessionsAndStations(round1, sessions, SEED_B);
    expect(drawSessionsAndStations(reversed(round1), reversed(sessions), SEED_B)).toEqual(first);
    expect(drawSessionsAndStations(round1, sessions, SEED_A)).not.toEqual(first);
  });

  it("gives no two entrants the same station in a session, nor the same code in the event", () => {
    const out = drawSessionsAndStations(round1, sessions, SEED_B);
    expect(out).toHaveLength(17);
    const seats = out.map((a) => `${a.sessionId}#${a.stationNo}`);
    expect(new Set(seats).size).toBe(17);
    expect(new Set(out.map((a) => a.stationCode)).size).toBe(17);
    for (const a of out) {
      const session = sessions.find((s) => s.id === a.sessionId)!;
      expect(a.stationNo).toBeGreaterThanOrEqual(1);
      expect(a.stationNo).toBeLessThanOrEqual(session.stationCount);
      expect(a.stationCode).toMatch(/^[1-9]\d{2,}$/);
    }
  });

  it("spreads entrants evenly and numbers the order of appearance from 1 in each session", () => {
    const out = drawSessionsAndStations(round1, sessions, SEED_B);
    const inS1 = out.filter((a) => a.sessionId === "s1").map((a) => a.orderNo).sort((a, b) => a - b);
    const inS2 = out.filter((a) => a.sessionId === "s2").map((a) => a.orderNo).sort((a, b) => a - b);
    expect(inS1).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    expect(inS2).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
  });

  it("codes do not reveal the entry number (not monotone in it)", () => {
    const out = drawSessionsAndStations(drawEntryNumbers(entrants(40), SEED_A), [{ id: "s", name: "", stationCount: 40, sortOrder: 0 }], SEED_B);
    const codes = out.map((a) => Number(a.stationCode));
    expect(codes).not.toEqual([...codes].sort((a, b) => a - b));
    expect(out.some((a) => a.stationCode.endsWith(a.entryNo))).toBe(false);
  });

  it("refuses when there are fewer stations than entrants, or no sessions", () => {
    expect(() => drawSessionsAndStations(round1, [{ id: "s", name: "", stationCount: 16, sortOrder: 0 }], SEED_B)).toThrow(/not enough stations/);
    expect(() => drawSessionsAndStations(round1, [], SEED_B)).toThrow(DrawError);
  });

  it("never collides, for any field size and session layout", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (n, caps, bytes) => {
        const s = Buffer.from(bytes).toString("hex");
        const layout = caps.map((c, i) => ({ id: `s${i}`, name: "", stationCount: c, sortOrder: i }));
        const capacity = caps.reduce((a, b) => a + b, 0);
        if (capacity < n) {
          expect(() => runDraw(entrants(n), layout, { round1: s, round2: s })).toThrow(DrawError);
          return;
        }
        const { round2 } = runDraw(entrants(n), layout, { round1: s, round2: s });
        expect(round2).toHaveLength(n);
        expect(new Set(round2.map((a) => a.stationCode)).size).toBe(n);
        expect(new Set(round2.map((a) => `${a.sessionId}#${a.stationNo}`)).size).toBe(n);
      }),
      { numRuns: 150 },
    );
  });
});

describe("session quotas", () => {
  it("fills as evenly as the station counts allow", () => {
    expect(sessionQuotas(10, [3, 10, 10])).toEqual([3, 4, 3]);
    expect(sessionQuotas(7, [10, 10])).toEqual([4, 3]);
    expect(sessionQuotas(5, [0, 5])).toEqual([0, 5]);
  });
});
