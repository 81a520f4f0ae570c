import type { Db, Tx } from "~/utils/db.server";
import type { Actor } from "~/utils/actor";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { blindedNow } from "~/modules/draws/blind-rules";

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

/** The row recordEvent writes, for a batch transaction (`db.$transaction([...])`) that writes it beside the change. */
export function eventData(actor: Actor, input: EventInput) {
  return {
    actorId: actor.userId,
    requestId: actor.requestId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    orgId: input.orgId ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
  };
}

export async function recordEvent(tx: Tx | Db, actor: Actor, input: EventInput) {
  await tx.event.create({ data: eventData(actor, input) });
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

// ------------------------------------------------------------------ sealed while blinded

type LogRow = { requestId: string | null; action: string; entityType: string; entityId: string | null; before: string | null; after: string | null; actor: { username: string; displayName: string } | null; actorId: string | null };

const readAfter = (text: string | null) => {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * Entries about the entrants of a blinded event show only their time and action to anyone but
 * the encryption officer (issue 10 item 3, rule S-34): who filed an appeal (a unit's contact
 * names the unit), which registration checked in when, which admission numbers a theory import
 * held, which unit a judge declared. With the appeal id or the registration id beside the actor,
 * the appeals page or the start list would map the unit to a station code.
 */
export async function sealBlindedEntries<R extends LogRow>(db: Db, viewer: SessionUser, rows: R[]): Promise<(R & { sealed: boolean })[]> {
  const appealIds = rows.filter((r) => r.entityType === "Appeal" && r.entityId).map((r) => r.entityId!);
  const registrationIds = rows.filter((r) => r.entityType === "Registration" && r.entityId).map((r) => r.entityId!);
  const [appeals, registrations] = await Promise.all([
    appealIds.length ? db.appeal.findMany({ where: { id: { in: appealIds } }, select: { id: true, eventId: true } }) : [],
    registrationIds.length ? db.registration.findMany({ where: { id: { in: registrationIds } }, select: { id: true, eventId: true } }) : [],
  ]);
  const eventOfEntity = new Map<string, string>([...appeals.map((a) => [a.id, a.eventId] as const), ...registrations.map((r) => [r.id, r.eventId] as const)]);
  const eventOf = (r: R): string | null => {
    if (r.entityType === "Appeal" || r.entityType === "Registration") return r.entityId ? eventOfEntity.get(r.entityId) ?? null : null;
    if (r.entityType === "ContestEvent" && r.action.startsWith("theory.")) return r.entityId;
    if (r.entityType === "ConflictDeclaration" || r.entityType === "RecusalRequest") {
      const eventId = readAfter(r.after)?.eventId;
      return typeof eventId === "string" ? eventId : null;
    }
    return null;
  };
  const eventIds = [...new Set(rows.map(eventOf).filter((id): id is string => !!id))];
  const events = eventIds.length
    ? await db.contestEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, drawnAt: true, decryptedAt: true, contest: { select: { org: { select: { path: true } } } } } })
    : [];
  const sealedEvents = new Set(events.filter((e) => blindedNow(e) && !hasPermission(viewer, "judging:encrypt", e.contest.org.path)).map((e) => e.id));
  return rows.map((r) => {
    const eventId = eventOf(r);
    if (!eventId || !sealedEvents.has(eventId)) return { ...r, sealed: false };
    return { ...r, actor: null, actorId: null, requestId: null, entityId: null, before: null, after: null, sealed: true };
  });
}
