import { db, type Tx } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { badRequest, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { accidentsFor } from "~/modules/incidents/accidents.server";
import { honoursOf } from "./honours.server";
import { checkEligibility, DEFAULT_ELIGIBILITY_SETTINGS, priorHonourFloorFor, type EligibilityReason, type EligibilitySettings } from "./eligibility";
import type { BarInput } from "./schemas";

// Eligibility from the registers (rules N-17, N-20, N-21, A-12, N-43): reads the facts and runs
// the pure checkEligibility. The nominations module calls eligibilityForNomination when a unit
// submits a candidate; anyone may call eligibilityOf with the facts they have.

type Client = Tx | typeof db;

export type EligibilityQuery = {
  award: string;
  kind: "individual" | "collective";
  /** the person (individual awards) */
  memberId?: string | null;
  /** the collective (an enterprise or 班组) when it is not the nominating unit itself */
  holderOrgId?: string | null;
  /** the nominating unit / employer: its incidents (and those under it) and its bars count */
  employerOrgId: string;
};

export async function eligibilityOf(client: Client, q: EligibilityQuery, settings: EligibilitySettings): Promise<EligibilityReason[]> {
  const from = new Date(Date.UTC(settings.year - settings.incidentLookbackYears, 0, 1));
  const to = new Date(Date.UTC(settings.year, 11, 31));
  const holder = q.kind === "individual" && q.memberId ? { memberId: q.memberId } : { orgId: q.holderOrgId ?? q.employerOrgId };
  const [incidents, honours, bars] = await Promise.all([
    accidentsFor([q.employerOrgId], from, to, client),
    honoursOf(holder, client),
    client.unitBar.findMany({ where: { orgId: q.employerOrgId, liftedAt: null } }),
  ]);
  return checkEligibility({ award: q.award, kind: q.kind }, { incidents, honours, bars }, settings);
}

/**
 * For the nominations module: the reasons a nomination may not stand (blocking) or should be
 * weighed (warnings), with the campaign's level deciding the 荣誉基础 floor (rule N-17).
 */
export async function eligibilityForNomination(
  client: Client,
  nomination: { orgId: string; memberId: string | null; award: string; kind?: string },
  campaign: { year: number; level: string },
  overrides: Partial<Omit<EligibilitySettings, "year">> = {},
) {
  const settings: EligibilitySettings = { ...DEFAULT_ELIGIBILITY_SETTINGS, priorHonourFloor: priorHonourFloorFor(campaign.level), ...overrides, year: campaign.year };
  const kind = nomination.kind === "collective" || !nomination.memberId ? "collective" : "individual";
  return eligibilityOf(client, { award: nomination.award, kind, memberId: nomination.memberId, employerOrgId: nomination.orgId }, settings);
}

// ------------------------------------------------------------------ rule N-43: barring a nominating unit

export const BAR_MESSAGES = {
  orgNotFound: "找不到该单位 / organisation not found",
  years: "截止年度不能早于起始年度 / the last year cannot be before the first",
} as const;

/** Rule N-43: bar the nominating unit from the next round (award:review or award:manage over it). */
export async function barNominatingUnit(user: SessionUser, input: BarInput, actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, path: true } });
  if (!org) throw notFound(BAR_MESSAGES.orgNotFound);
  if (!hasPermission(user, "award:review", org.path) && !hasPermission(user, "award:manage", org.path)) throw forbidden();
  if (input.untilYear <= input.fromYear) throw badRequest(BAR_MESSAGES.years, [{ path: "untilYear", message: BAR_MESSAGES.years }]);
  return db.$transaction(async (tx) => {
    const bar = await tx.unitBar.create({
      data: { orgId: org.id, orgPath: org.path, award: input.award ?? "", fromYear: input.fromYear, untilYear: input.untilYear, reason: input.reason, nominationId: input.nominationId ?? null, barredById: user.id },
    });
    await recordEvent(tx, actor, { action: "unit.barred", entityType: "UnitBar", entityId: bar.id, orgId: org.id, after: input });
    return bar;
  });
}

/** Is the unit barred from a round of this award in this year (rule N-43)? */
export async function isBarred(orgId: string, award: string, year: number, client: Client = db): Promise<boolean> {
  const bars = await client.unitBar.findMany({ where: { orgId, liftedAt: null, fromYear: { lt: year }, untilYear: { gte: year } } });
  return bars.some((b) => !b.award || b.award === award);
}

export async function listBars(user: SessionUser) {
  const rows = await db.unitBar.findMany({ where: { liftedAt: null }, orderBy: { createdAt: "desc" }, take: 500 });
  const visible = rows.filter((b) => hasPermission(user, "award:review", b.orgPath) || hasPermission(user, "award:manage", b.orgPath));
  const orgs = await db.organisation.findMany({ where: { id: { in: visible.map((b) => b.orgId) } }, select: { id: true, name: true } });
  return visible.map((b) => ({ id: b.id, org: { id: b.orgId, name: orgs.find((o) => o.id === b.orgId)?.name ?? b.orgId }, award: b.award, fromYear: b.fromYear, untilYear: b.untilYear, reason: b.reason, createdAt: b.createdAt.toISOString() }));
}
