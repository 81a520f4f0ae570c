import type { Db, Tx } from "~/utils/db.server";
import type { Actor } from "~/utils/actor";

// The append-only event log. recordEvent takes the transaction of the change it
// records, so a change and its event are written together or not at all.
// Nothing in the application updates or deletes an Event row.

export type EventInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
};

const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordEvent(tx: Tx | Db, actor: Actor, input: EventInput) {
  await tx.event.create({
    data: {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      orgId: input.orgId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
    },
  });
}

export type EventFilter = {
  action?: string;
  entityType?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  orgPaths?: string[] | "all";
  cursor?: number;
  take?: number;
};

export async function listEvents(db: Db, filter: EventFilter) {
  const take = Math.min(filter.take ?? 50, 200);
  const where = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.actor ? { actor: { username: filter.actor } } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
    ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
  };
  const scoped =
    filter.orgPaths === "all" || !filter.orgPaths
      ? where
      : { ...where, orgId: { in: await orgIdsUnder(db, filter.orgPaths) } };
  const rows = await db.event.findMany({
    where: scoped,
    orderBy: { id: "desc" },
    take: take + 1,
    include: { actor: { select: { username: true, displayName: true } } },
  });
  return { events: rows.slice(0, take), nextCursor: rows.length > take ? rows[take - 1].id : null };
}

async function orgIdsUnder(db: Db, paths: string[]) {
  if (paths.length === 0) return [];
  const orgs = await db.organisation.findMany({
    where: { OR: paths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true },
  });
  return orgs.map((o) => o.id);
}
