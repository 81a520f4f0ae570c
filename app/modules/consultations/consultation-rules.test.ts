import { describe, expect, it } from "vitest";
import { candidateTypeOf, consultationHold, departmentsFor } from "./consultation-rules";

const form = { kind: "individual", award: "奖章", category: "产业工人", cadreRank: "", unitType: "企业", isLeader: false };

describe("rule N-34: who is consulted", () => {
  it("enterprise heads: five departments; state-owned adds audit and discipline", () => {
    expect(candidateTypeOf({ ...form, category: "企业负责人" })).toBe("enterprise_head");
    expect(departmentsFor("enterprise_head", false)).toEqual(["market_regulation", "tax", "human_resources", "emergency", "environment"]);
    expect(departmentsFor("enterprise_head", true)).toEqual(["market_regulation", "tax", "human_resources", "emergency", "environment", "audit", "discipline"]);
  });
  it("cadres: discipline and organisation; front-line workers: none", () => {
    expect(candidateTypeOf({ ...form, cadreRank: "县处级", unitType: "机关" })).toBe("cadre");
    expect(departmentsFor("cadre", true)).toEqual(["discipline", "organisation"]);
    expect(candidateTypeOf(form)).toBe("frontline");
    expect(departmentsFor("frontline", true)).toEqual([]);
  });
  it("a 奖状 enterprise is consulted like its head", () => {
    expect(candidateTypeOf({ ...form, kind: "collective", award: "奖状" })).toBe("enterprise_unit");
  });
});

describe("rule N-34: what holds the candidate", () => {
  const open = { status: "open", dueOn: "2026-04-10", ruling: null, department: "tax" };
  it("an unanswered request holds until its deadline", () => {
    expect(consultationHold([open], "2026-04-10")).toMatch(/税务/);
    expect(consultationHold([open], "2026-04-11")).toBeNull();
  });
  it("a problem holds until a reviewer clears it; upheld keeps it held", () => {
    const problem = { ...open, status: "problem" };
    expect(consultationHold([problem], "2026-05-01")).toMatch(/认定后/);
    expect(consultationHold([{ ...problem, ruling: "upheld" }], "2026-05-01")).toMatch(/不能推荐/);
    expect(consultationHold([{ ...problem, ruling: "cleared" }, { ...open, status: "no_objection" }], "2026-04-01")).toBeNull();
  });
});
