import { onIncidentRecorded } from "~/modules/incidents/hooks.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { accidentFromIncident } from "./accident-mapping";
import { forgetProject } from "./board-cache-state.server";
import { publishLabourChange } from "./live.server";

// When an accident is recorded in the shared register, every labour project whose roster holds
// the place notes it in the event log in the same transaction (rules L-7, A-12): the boards read
// the register, so the 百日 count resets and the vetoes apply from the next read on. The project's
// open boards hear of it once the register's transaction had time to commit (decision 005; a
// notice after a rollback only makes them read the same board again).

onIncidentRecorded(async (tx, incident, actor) => {
  if (incident.kind !== "safety_accident" && incident.kind !== "quality_accident") return;
  const ids = incident.orgPath.split("/").filter(Boolean);
  const entries = await tx.labourRosterEntry.findMany({ where: { orgId: { in: ids } }, select: { id: true, orgId: true, projectId: true } });
  const projects = new Map<string, { id: string; orgId: string }[]>();
  for (const e of entries) projects.set(e.projectId, [...(projects.get(e.projectId) ?? []), { id: e.id, orgId: e.orgId! }]);
  for (const [projectId, roster] of projects) {
    const project = await tx.labourProject.findUnique({ where: { id: projectId }, select: { orgId: true, startDate: true, endDate: true } });
    const accident = accidentFromIncident(incident, roster);
    // the boards read the register: the project's cached boards are stale from now on (board-cache.server.ts)
    await tx.labourProject.update({ where: { id: projectId }, data: { updatedAt: new Date() }, select: { id: true } });
    forgetProject(projectId);
    const day = incident.occurredOn.toISOString().slice(0, 10);
    if (!project || !accident || day < project.startDate || day > project.endDate) continue;
    setTimeout(() => publishLabourChange(projectId), 300).unref();
    await recordEvent(tx, actor, { action: "labour.accident.applied", entityType: "LabourProject", entityId: projectId, orgId: project.orgId, after: { incidentId: incident.id, unitId: accident.unitId, severity: accident.severity, date: accident.date } });
  }
}, "labour");
