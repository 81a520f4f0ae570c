// How an incident of the shared register (app/modules/incidents) becomes an accident of a
// labour competition (rules L-7, A-12). Pure.
import type { Accident, AccidentSeverity } from "./vetoes";

export const SEVERITY_FROM_REGISTER: Record<string, AccidentSeverity> = {
  minor_injury: "minor", serious_injury: "serious", fatal: "fatal", general: "general", major: "major", severe: "grave",
};

/**
 * The roster entry an incident counts against: the one whose organisation is the deepest at or
 * above the incident's place (its path contains that organisation's id). Incidents of other kinds
 * (occupational hazards, mass incidents) or without a severity are not accidents here.
 */
export function accidentFromIncident(
  incident: { id: string; orgId: string; orgPath: string; kind: string; severity: string | null; occurredOn: Date },
  roster: readonly { id: string; orgId: string }[],
): Accident | null {
  if (incident.kind !== "safety_accident" && incident.kind !== "quality_accident") return null;
  const severity = incident.severity ? SEVERITY_FROM_REGISTER[incident.severity] : undefined;
  if (!severity) return null;
  const ids = incident.orgPath.split("/").filter(Boolean);
  let best: { id: string; depth: number } | null = null;
  for (const r of roster) {
    const depth = ids.indexOf(r.orgId);
    if (depth >= 0 && (!best || depth > best.depth)) best = { id: r.id, depth };
  }
  if (!best) return null;
  return { id: incident.id, unitId: best.id, date: incident.occurredOn.toISOString().slice(0, 10), severity };
}
