import { db, type Tx } from "~/utils/db.server";

// Plain reads of the incident register for other domains (劳动竞赛, 安康杯, eligibility).
// No permission check: the caller has already decided that its user may see the result it
// derives (a veto, an eligibility reason); it never shows these rows as they are.

export type IncidentRow = {
  id: string; orgId: string; orgPath: string; kind: string; severity: string | null;
  occurredOn: Date; title: string; casualties: number | null;
};

const rowFields = { id: true, orgId: true, orgPath: true, kind: true, severity: true, occurredOn: true, title: true, casualties: true } as const;

/**
 * Incidents that happened in any of these organisations OR anywhere under them (an accident in
 * a 班组 counts against its enterprise), with occurredOn in [from, to] (both dates inclusive).
 */
export async function accidentsFor(orgIds: string[], from: Date, to: Date, client: Tx | typeof db = db): Promise<IncidentRow[]> {
  const ids = [...new Set(orgIds.filter(Boolean))];
  if (ids.length === 0) return [];
  return client.incident.findMany({
    where: { occurredOn: { gte: from, lte: to }, OR: ids.map((id) => ({ orgPath: { contains: `/${id}/` } })) },
    select: rowFields,
    orderBy: { occurredOn: "asc" },
  });
}
