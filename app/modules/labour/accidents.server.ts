import { accidentsFor } from "~/modules/incidents/accidents.server";
import { accidentFromIncident } from "./accident-mapping";
import type { Accident } from "./vetoes";

// The project's accidents come from the shared accident register (app/modules/incidents,
// rule A-12): no accident table of our own. An incident counts against the roster entry whose
// organisation is the deepest one above (or at) the place it happened, and through the roster
// against that entry's 工区 and 标段 (rule L-7).

export async function loadAccidents(
  project: { startDate: string; endDate: string },
  roster: readonly { id: string; orgId: string | null }[],
): Promise<Accident[]> {
  const withOrg = roster.filter((r) => r.orgId);
  if (withOrg.length === 0) return [];
  const rows = await accidentsFor(withOrg.map((r) => r.orgId!), new Date(`${project.startDate}T00:00:00Z`), new Date(`${project.endDate}T00:00:00Z`));
  const out: Accident[] = [];
  for (const row of rows) {
    const accident = accidentFromIncident(row, withOrg as { id: string; orgId: string }[]);
    if (accident) out.push(accident);
  }
  return out;
}
