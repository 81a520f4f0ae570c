import { describe, expect, it } from "vitest";
import { accidentFromIncident } from "./accident-mapping";

const roster = [{ id: "S1", orgId: "secOrg" }, { id: "W1", orgId: "areaOrg" }];
const incident = (orgPath: string, kind = "safety_accident", severity: string | null = "fatal") => ({ id: "i1", orgId: "x", orgPath, kind, severity, occurredOn: new Date("2026-05-03T00:00:00Z") });

describe("incidents of the shared register as accidents (rules L-7, A-12)", () => {
  it("counts against the deepest roster organisation above the place", () => {
    expect(accidentFromIncident(incident("/root/secOrg/areaOrg/teamOrg/"), roster)).toEqual({ id: "i1", unitId: "W1", date: "2026-05-03", severity: "fatal" });
    expect(accidentFromIncident(incident("/root/secOrg/other/"), roster)!.unitId).toBe("S1");
  });
  it("maps the register's severities, quality ones included", () => {
    expect(accidentFromIncident(incident("/secOrg/", "quality_accident", "severe"), roster)!.severity).toBe("grave");
    expect(accidentFromIncident(incident("/secOrg/", "safety_accident", "minor_injury"), roster)!.severity).toBe("minor");
  });
  it("ignores other kinds, missing severities and places outside the roster", () => {
    expect(accidentFromIncident(incident("/secOrg/", "mass_incident", null), roster)).toBeNull();
    expect(accidentFromIncident(incident("/secOrg/", "safety_accident", null), roster)).toBeNull();
    expect(accidentFromIncident(incident("/elsewhere/"), roster)).toBeNull();
  });
});
