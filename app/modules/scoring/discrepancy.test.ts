import { describe, expect, it } from "vitest";
import { canSignOff, findDiscrepancy } from "./discrepancy";
import type { JudgeMark } from "./marks";
import { settingsWith, workedScheme } from "./test-fixtures";

const judges = (...values: number[]): JudgeMark[] => values.map((value, i) => ({ judgeId: `J${i + 1}`, value }));

describe("discrepancy flags", () => {
  const settings = settingsWith();
  const scheme = workedScheme(settings);
  const [, fit, gauge, finish] = scheme.aspects; // fit max 30, gauge (measurement) max 20, finish max 50

  it("marks: more than 20% of the maximum apart is flagged (finish, max 50: 10.00 apart is fine, 10.01 is not)", () => {
    expect(findDiscrepancy("E1", finish, judges(4000, 3500, 3000), settings)).toBeNull();
    const flag = findDiscrepancy("E1", finish, judges(4001, 3500, 3000), settings);
    expect(flag).toMatchObject({ kind: "judge-spread", spread: 1001, judgeIds: ["J1", "J3"], key: "E1/finish" });
  });

  it("the 0–3 scale: more than 1 point apart is flagged (1 and 2 fine, 1 and 3 not)", () => {
    const worldSkills = settingsWith({ judgeAggregation: "scale-0-3" });
    expect(findDiscrepancy("E1", fit, judges(1, 2, 2), worldSkills)).toBeNull();
    expect(findDiscrepancy("E1", fit, judges(1, 2, 3), worldSkills)).toMatchObject({ spread: 2, judgeIds: ["J1", "J3"] });
  });

  it("thresholds are settings: 10% of 50 = 5.00", () => {
    const strict = settingsWith({ discrepancy: { percentOfMaximum: 10 } });
    expect(findDiscrepancy("E1", finish, judges(4000, 3400), strict)).toMatchObject({ spread: 600 });
  });

  it("measurement: two entries that differ are a discrepancy", () => {
    expect(findDiscrepancy("E1", gauge, judges(2000, 2000), settings)).toBeNull();
    expect(findDiscrepancy("E1", gauge, judges(2000, 0), settings)).toMatchObject({ kind: "measurement-mismatch" });
  });

  it("an aspect with no marks is flagged as missing", () => {
    expect(findDiscrepancy("E1", fit, [], settings)).toMatchObject({ kind: "missing-marks" });
  });
});

describe("canSignOff: flags block sign-off until resolved (rule S-24: the chief judge rules)", () => {
  const settings = settingsWith();
  const [, , gauge, finish] = workedScheme(settings).aspects;
  const spread = findDiscrepancy("E1", finish, judges(4500, 3000, 3200), settings)!;
  const mismatch = findDiscrepancy("E2", gauge, judges(2000, 0), settings)!;
  const missing = findDiscrepancy("E3", finish, [], settings)!;

  it("returns every open flag", () => {
    expect(canSignOff([spread, mismatch, missing])).toEqual({ allowed: false, blocking: [spread, mismatch, missing] });
    expect(canSignOff([])).toEqual({ allowed: true, blocking: [] });
  });

  it("a recorded resolution clears a flag only for the exact marks it was made on", () => {
    const resolution = { key: spread.key, signature: spread.signature, resolvedBy: "chief-judge" };
    expect(canSignOff([spread], [resolution]).allowed).toBe(true);
    const changed = findDiscrepancy("E1", finish, judges(4600, 3000, 3200), settings)!;
    expect(canSignOff([changed], [resolution]).blocking).toEqual([changed]);
  });

  it("missing marks cannot be resolved by a note", () => {
    expect(canSignOff([missing], [{ key: missing.key, signature: missing.signature, resolvedBy: "chief-judge" }]).allowed).toBe(false);
  });
});
