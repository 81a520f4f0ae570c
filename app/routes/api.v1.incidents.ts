import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { listIncidentsOp, recordIncidentOp } from "~/modules/incidents/api";
import { listIncidents, recordIncident } from "~/modules/incidents/incidents.server";
import type { IncidentKind } from "~/modules/incidents/incident-kinds";

export const loader = apiLoader(listIncidentsOp, async ({ user, query }) => ({ items: await listIncidents(user, query) }));

export const action = apiAction({
  post: handle(recordIncidentOp, async ({ user, body, actor }) => {
    const incident = await recordIncident(user, body, actor);
    return { id: incident.id, orgId: incident.orgId, kind: incident.kind as IncidentKind, severity: incident.severity, occurredOn: incident.occurredOn.toISOString().slice(0, 10) };
  }),
});
