import { describe, expect, it } from "vitest";
import { isAwardBarringIncident, isYearVeto, severitiesFor, severityProblem, SEVERITY_MESSAGES } from "./incident-kinds";

describe("incident severities", () => {
  it("safety and quality accidents need a severity of their own kind", () => {
    expect(severityProblem("safety_accident", null)).toBe(SEVERITY_MESSAGES.required);
    expect(severityProblem("safety_accident", "fatal")).toBeNull();
    expect(severityProblem("safety_accident", "major")).toBe(SEVERITY_MESSAGES.wrongKind);
    expect(severityProblem("quality_accident", "severe")).toBeNull();
    expect(severityProblem("quality_accident", "fatal")).toBe(SEVERITY_MESSAGES.wrongKind);
  });
  it("occupational hazards and mass incidents take none", () => {
    expect(severitiesFor("mass_incident")).toEqual([]);
    expect(severityProblem("mass_incident", null)).toBeNull();
    expect(severityProblem("occupational_hazard", "fatal")).toBe(SEVERITY_MESSAGES.notAllowed);
  });
});

describe("which incidents bar awards", () => {
  it("rule N-21: serious safety accidents, occupational hazards and mass incidents bar; minor injuries and quality accidents do not", () => {
    expect(isAwardBarringIncident({ kind: "safety_accident", severity: "fatal" })).toBe(true);
    expect(isAwardBarringIncident({ kind: "safety_accident", severity: "serious_injury" })).toBe(true);
    expect(isAwardBarringIncident({ kind: "safety_accident", severity: "minor_injury" })).toBe(false);
    expect(isAwardBarringIncident({ kind: "occupational_hazard", severity: null })).toBe(true);
    expect(isAwardBarringIncident({ kind: "mass_incident", severity: null })).toBe(true);
    expect(isAwardBarringIncident({ kind: "quality_accident", severity: "severe" })).toBe(false);
  });
  it("rule A-12: the year's veto is a serious-injury-or-worse safety accident", () => {
    expect(isYearVeto({ kind: "safety_accident", severity: "serious_injury" })).toBe(true);
    expect(isYearVeto({ kind: "mass_incident", severity: null })).toBe(false);
  });
});
