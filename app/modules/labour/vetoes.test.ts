import { describe, expect, it } from "vitest";
import { decideAccident, DEFAULT_VETO_RULES, teamAwardVetoes, vetoesForPeriod, type Accident } from "./vetoes";

const acc = (severity: Accident["severity"], date = "2026-05-10", unitId = "A1"): Accident => ({ id: `acc-${severity}`, unitId, date, severity });

describe("one accident, one consequence (rule L-7: 就高不就低, 不累计)", () => {
  it("a minor injury costs the safety deduction only", () => {
    expect(decideAccident(acc("minor"), DEFAULT_VETO_RULES)!.consequence).toEqual({ deduct: { role: "safety", points: 500 } });
  });
  it("a fatal accident matches three rules but only the most severe applies (no extra 5 points)", () => {
    const o = decideAccident(acc("fatal"), DEFAULT_VETO_RULES)!;
    expect(o.consequence).toEqual({ zeroSafetyForYear: true, disqualify: "year" });
    expect(o.consequence.deduct).toBeUndefined();
  });
  it("a 通报批评 about the same accident competes with the rules: the larger deduction applies, the other is neutralised", () => {
    const linked = [{ eventId: "e1", accidentId: "acc-minor", role: "safety" as const, points: 800 }, { eventId: "e2", accidentId: "acc-minor", role: "safety" as const, points: 300 }];
    const o = decideAccident(acc("minor"), DEFAULT_VETO_RULES, linked)!;
    expect(o.consequence).toEqual({ deduct: { role: "safety", points: 800 } });
    expect(o.appliedFrom).toBe("event:e1");
    expect(o.neutralisedEventIds).toEqual(["e2"]);
  });
  it("when the rule is harsher than the event, the event is neutralised", () => {
    const o = decideAccident(acc("serious"), DEFAULT_VETO_RULES, [{ eventId: "e1", accidentId: "acc-serious", role: "safety", points: 800 }])!;
    expect(o.consequence).toEqual({ disqualify: "period" });
    expect(o.neutralisedEventIds).toEqual(["e1"]);
  });
  it("quality accidents follow the quality rules", () => {
    expect(decideAccident(acc("general"), DEFAULT_VETO_RULES)!.consequence).toEqual({ deduct: { role: "quality", points: 500 } });
    expect(decideAccident(acc("grave"), DEFAULT_VETO_RULES)!.consequence).toEqual({ disqualify: "year" });
  });
  it("no matching rule → no consequence", () => {
    expect(decideAccident(acc("minor"), [])).toBeNull();
  });
});

describe("vetoes per period", () => {
  const fatal = decideAccident(acc("fatal", "2026-05-10", "W1"), DEFAULT_VETO_RULES)!;
  const minor = decideAccident(acc("minor", "2026-06-03", "W2"), DEFAULT_VETO_RULES)!;
  const serious = decideAccident(acc("serious", "2026-06-20", "W3"), DEFAULT_VETO_RULES)!;
  const affected = (id: string) => (id === "W1" ? ["W1", "S1"] : [id]);
  it("a fatal accident zeroes safety and disqualifies for the year, in every period of the year, on the 工区 and its 标段", () => {
    for (const period of [{ from: "2026-03-01", to: "2026-03-31" }, { from: "2026-09-01", to: "2026-09-30" }]) {
      const v = vetoesForPeriod([fatal], period, affected);
      for (const id of ["W1", "S1"]) {
        expect(v.get(id)!.safetyZeroedForYear).toBe(true);
        expect(v.get(id)!.disqualifiedForYear).toBe(true);
        expect(v.get(id)!.disqualifiedForPeriod).toBe(true);
      }
    }
  });
  it("a minor injury deducts only in its own period; a serious one disqualifies only its own period", () => {
    const june = vetoesForPeriod([minor, serious], { from: "2026-06-01", to: "2026-06-30" });
    expect(june.get("W2")!.deductions).toEqual([{ role: "safety", points: 500, accidentId: "acc-minor" }]);
    expect(june.get("W3")!.disqualifiedForPeriod).toBe(true);
    expect(june.get("W3")!.disqualifiedForYear).toBe(false);
    const july = vetoesForPeriod([minor, serious], { from: "2026-07-01", to: "2026-07-31" });
    expect(july.get("W2")!.deductions).toEqual([]);
    expect(july.get("W3")!.disqualifiedForPeriod).toBe(false);
  });
});

describe("monthly team award vetoes (rule L-7)", () => {
  it("attendance under 95 % vetoes; exactly 95 % does not", () => {
    expect(teamAwardVetoes({ attendancePercent: 94.9 })).toHaveLength(1);
    expect(teamAwardVetoes({ attendancePercent: 95 })).toEqual([]);
  });
  it("an injury, fighting, a criticism or a quality accident vetoes", () => {
    expect(teamAwardVetoes({ attendancePercent: 100, worstSafety: "minor", fightingOrTheft: true, criticised: true, worstQuality: "general" })).toHaveLength(4);
  });
});
