import { db } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, forbidden } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { runIncidentRecordedHooks } from "./hooks.server";
import "./hook-modules.server";
import type { IncidentFilter, IncidentInput } from "./schemas";
import { KIND_LABELS, SEVERITY_LABELS, type IncidentKind, type IncidentSeverity } from "./incident-kinds";

// The accident and incident register (rules A-12, N-21): the only code that writes Incident.
// Recording needs incident:write over the organisation where it happened; reading is scoped
// to the reader's incident:read subtrees.

export const INCIDENT_MESSAGES = {
  orgNotFound: "找不到该单位 / organisation not found",
  inFuture: "发生日期不能晚于今天 / the date cannot be in the future",
} as const;

export const dateOnly = (value: string) => new Date(`${value}T00:00:00.000Z`);

export async function recordIncident(user: SessionUser, input: IncidentInput, actor: Actor, now = new Date()) {
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, path: true, name: true } });
  if (!org) throw badRequest(INCIDENT_MESSAGES.orgNotFound, [{ path: "orgId", message: INCIDENT_MESSAGES.orgNotFound }]);
  if (!hasPermission(user, "incident:write", org.path)) throw forbidden();
  const occurredOn = dateOnly(input.occurredOn);
  // Beijing's today: an accident late on the 6th (UTC+8) is still "today" there.
  if (occurredOn.getTime() > now.getTime() + 8 * 3600_000) throw badRequest(INCIDENT_MESSAGES.inFuture, [{ path: "occurredOn", message: INCIDENT_MESSAGES.inFuture }]);
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        orgId: org.id, orgPath: org.path, kind: input.kind, severity: input.severity ?? null, occurredOn,
        title: input.title, description: input.description ?? "", casualties: input.casualties ?? null, recordedById: user.id,
      },
    });
    await recordEvent(tx, actor, { action: "incident.recorded", entityType: "Incident", entityId: incident.id, orgId: org.id, after: { ...input } });
    await runIncidentRecordedHooks(tx, incident, actor);
    return incident;
  });
}

export type IncidentView = Awaited<ReturnType<typeof listIncidents>>[number];

/** The register as the user may see it: their incident:read subtrees, optionally one organisation's subtree, year, kind. */
export async function listIncidents(user: SessionUser, filter: IncidentFilter = {}, take = 500) {
  const scopes = userScope(user, "incident:read");
  if (scopes.length === 0) throw forbidden();
  let within: string | null = null;
  if (filter.orgId) {
    const org = await db.organisation.findUnique({ where: { id: filter.orgId }, select: { path: true } });
    if (!org || !hasPermission(user, "incident:read", org.path)) throw forbidden();
    within = org.path;
  }
  const rows = await db.incident.findMany({
    where: {
      AND: [
        { OR: scopes.map((p) => ({ orgPath: { startsWith: p } })) },
        within ? { orgPath: { startsWith: within } } : {},
        filter.year ? { occurredOn: { gte: new Date(Date.UTC(filter.year, 0, 1)), lt: new Date(Date.UTC(filter.year + 1, 0, 1)) } } : {},
        filter.kind ? { kind: filter.kind } : {},
      ],
    },
    orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
    take,
  });
  const orgs = await db.organisation.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.orgId))] } }, select: { id: true, name: true } });
  return rows.map((r) => ({
    id: r.id,
    org: { id: r.orgId, name: orgs.find((o) => o.id === r.orgId)?.name ?? r.orgId },
    kind: r.kind as IncidentKind,
    kindLabel: KIND_LABELS[r.kind as IncidentKind] ?? { zh: r.kind, en: r.kind },
    severity: r.severity,
    severityLabel: r.severity ? SEVERITY_LABELS[r.severity as IncidentSeverity] ?? { zh: r.severity, en: r.severity } : null,
    occurredOn: r.occurredOn.toISOString().slice(0, 10),
    title: r.title,
    description: r.description,
    casualties: r.casualties,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Organisations where the user may record an incident (enterprises and teams), for the form. */
export async function incidentOrgOptions(user: SessionUser) {
  const scopes = userScope(user, "incident:write");
  if (scopes.length === 0) return [];
  return db.organisation.findMany({
    where: { OR: scopes.map((p) => ({ path: { startsWith: p } })), type: { in: ["grassroots", "team"] } },
    select: { id: true, name: true, depth: true, type: true }, orderBy: { path: "asc" }, take: 2000,
  });
}

/** Organisations the user may filter the register by (their incident:read subtrees, above the teams). */
export async function incidentFilterOrgs(user: SessionUser) {
  const scopes = userScope(user, "incident:read");
  if (scopes.length === 0) return [];
  return db.organisation.findMany({
    where: { OR: scopes.map((p) => ({ path: { startsWith: p } })), type: { not: "team" } },
    select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 2000,
  });
}
