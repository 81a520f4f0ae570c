import crypto from "node:crypto";
import { db, type Tx } from "~/utils/db.server";
import { base32 } from "~/modules/results/publication-rules";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { LEVEL_LABELS, SOURCE_LABELS, type HonourLevel, type HonourSource } from "./honour-levels";
import type { HonourSearch, ManualHonourInput, RecordHonourInput } from "./schemas";

// The honours register (荣誉库, issue 13 item 7): the only code that writes Honour.
// Other domains record into it with recordHonour(tx, …) inside their own transaction
// (a nomination's approval, a contest's published 技术能手 title, a 劳动竞赛 or 安康杯 award)
// after their own permission checks; people with honour:write enter older honours by hand.
// Reading is scoped by the holder's unit (honour:read over its subtree), or one's own.

export const HONOUR_MESSAGES = {
  memberNotFound: "找不到该会员 / member not found",
  orgNotFound: "找不到该组织 / organisation not found",
  honourNotFound: "找不到该荣誉记录 / honour not found",
  noMember: "当前账号未关联会员信息 / this account is not linked to a member",
} as const;

type Client = Tx | typeof db;

/** Who holds it and under which unit: a member's unit, or the organisation itself. */
async function resolveHolder(client: Client, input: { memberId?: string; orgId?: string }) {
  if (input.memberId) {
    const member = await client.member.findUnique({ where: { id: input.memberId }, select: { id: true, name: true, org: { select: { id: true, name: true, path: true } } } });
    if (!member) throw badRequest(HONOUR_MESSAGES.memberNotFound, [{ path: "memberId", message: HONOUR_MESSAGES.memberNotFound }]);
    return { memberId: member.id, orgId: null, holderName: member.name, unitId: member.org.id, unitPath: member.org.path, unitName: member.org.name };
  }
  const org = await client.organisation.findUnique({ where: { id: input.orgId ?? "" }, select: { id: true, name: true, path: true } });
  if (!org) throw badRequest(HONOUR_MESSAGES.orgNotFound, [{ path: "orgId", message: HONOUR_MESSAGES.orgNotFound }]);
  return { memberId: null, orgId: org.id, holderName: org.name, unitId: org.id, unitPath: org.path, unitName: org.name };
}

/**
 * Records an honour in the caller's transaction, with its event. The caller has checked its own
 * permissions. With a sourceId, recording the same (source, sourceId, title) again returns the
 * first record unchanged, so a re-run (seed, re-publication) does not duplicate it.
 */
/** A new /verify/:code for an honour (26 base32 characters, 128 random bits). */
export const newHonourVerifyCode = () => base32(crypto.randomBytes(16));

export async function recordHonour(tx: Tx, input: RecordHonourInput, actor: Actor, options: { verifyCode?: string } = {}) {
  if (input.sourceId) {
    const existing = await tx.honour.findFirst({ where: { source: input.source, sourceId: input.sourceId, title: input.title } });
    if (existing) return existing;
  }
  const holder = await resolveHolder(tx, input);
  const honour = await tx.honour.create({
    data: {
      ...holder, title: input.title, level: input.level, year: input.year, issuingBody: input.issuingBody,
      source: input.source, sourceId: input.sourceId ?? null, certificateId: input.certificateId ?? null, verifyCode: options.verifyCode ?? null, recordedById: actor.userId,
    },
  });
  await recordEvent(tx, actor, {
    action: "honour.recorded", entityType: "Honour", entityId: honour.id, orgId: holder.unitId,
    after: { holder: holder.holderName, title: input.title, level: input.level, year: input.year, source: input.source, sourceId: input.sourceId ?? null },
  });
  return honour;
}

/** An older honour entered by hand: honour:write over the holder's unit. */
export async function recordManualHonour(user: SessionUser, input: ManualHonourInput, actor: Actor) {
  const holder = await resolveHolder(db, input);
  if (!hasPermission(user, "honour:write", holder.unitPath)) throw forbidden();
  return db.$transaction((tx) => recordHonour(tx, { ...input, source: "manual" }, actor));
}

export type HonourRow = Awaited<ReturnType<typeof db.honour.findMany>>[number];

/**
 * Every honour of one member or one organisation, revoked ones included (callers decide: the
 * eligibility rules read live ones, the register shows both). A plain read for other domains.
 */
export async function honoursOf(holder: { memberId: string } | { orgId: string }, client: Client = db): Promise<HonourRow[]> {
  const where = "memberId" in holder ? { memberId: holder.memberId } : { orgId: holder.orgId };
  return client.honour.findMany({ where, orderBy: [{ year: "desc" }, { createdAt: "desc" }] });
}

export type HonourView = ReturnType<typeof viewHonour>;

function viewHonour(h: HonourRow, certificates: Map<string, string>) {
  return {
    id: h.id,
    holder: { kind: h.memberId ? ("member" as const) : ("org" as const), id: (h.memberId ?? h.orgId)!, name: h.holderName },
    unit: { id: h.unitId, name: h.unitName },
    title: h.title,
    level: h.level as HonourLevel,
    levelLabel: LEVEL_LABELS[h.level as HonourLevel] ?? { zh: h.level, en: h.level },
    year: h.year,
    issuingBody: h.issuingBody,
    source: h.source as HonourSource,
    sourceLabel: SOURCE_LABELS[h.source as HonourSource] ?? { zh: h.source, en: h.source },
    certificate: h.certificateId && certificates.get(h.certificateId)
      ? { id: h.certificateId as string | null, verifyCode: certificates.get(h.certificateId)! }
      : h.verifyCode ? { id: null, verifyCode: h.verifyCode } : null,
    revokedAt: h.revokedAt ? h.revokedAt.toISOString() : null,
    revocationReason: h.revocationReason,
  };
}

async function view(rows: HonourRow[]) {
  const ids = rows.map((r) => r.certificateId).filter((x): x is string => !!x);
  const certs = ids.length ? await db.certificate.findMany({ where: { id: { in: ids } }, select: { id: true, verifyCode: true } }) : [];
  const map = new Map(certs.map((c) => [c.id, c.verifyCode]));
  return rows.map((r) => viewHonour(r, map));
}

/** The register within the reader's honour:read subtrees, searched by name, unit, title, year, level. */
export async function searchHonours(user: SessionUser, search: Partial<HonourSearch> = {}, take = 500) {
  const scopes = userScope(user, "honour:read");
  if (scopes.length === 0) throw forbidden();
  let within: string | null = null;
  if (search.orgId) {
    const org = await db.organisation.findUnique({ where: { id: search.orgId }, select: { path: true } });
    if (!org || !hasPermission(user, "honour:read", org.path)) throw forbidden();
    within = org.path;
  }
  const q = search.q?.trim();
  const rows = await db.honour.findMany({
    where: {
      AND: [
        { OR: scopes.map((p) => ({ unitPath: { startsWith: p } })) },
        within ? { unitPath: { startsWith: within } } : {},
        q ? { OR: [{ holderName: { contains: q } }, { unitName: { contains: q } }, { title: { contains: q } }] } : {},
        search.year ? { year: search.year } : {},
        search.level ? { level: search.level } : {},
        search.includeRevoked ? {} : { revokedAt: null },
      ],
    },
    orderBy: [{ year: "desc" }, { holderName: "asc" }],
    take,
  });
  return view(rows);
}

export type RecommendationView = Awaited<ReturnType<typeof viewRecommendations>>[number];

/**
 * Recommendations from contest results (rules S-62 … S-68, L-10): open (queued for the
 * federation's 单列 campaign), used (a nomination took it up) or lapsed (a re-publication no
 * longer grants it), with the certificate's verify code and the nomination's campaign.
 */
async function viewRecommendations(where: { memberId?: string; unitPaths?: string[]; status?: string }) {
  const rows = await db.honourRecommendation.findMany({
    where: {
      ...(where.memberId ? { memberId: where.memberId } : {}),
      ...(where.status ? { status: where.status } : {}),
      ...(where.unitPaths ? { OR: where.unitPaths.map((p) => ({ unitPath: { startsWith: p } })) } : {}),
    },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    take: 500,
  });
  const certIds = rows.map((r) => r.certificateId).filter((x): x is string => !!x);
  const nominationIds = rows.map((r) => r.nominationId).filter((x): x is string => !!x);
  const eventIds = rows.filter((r) => r.source === "contest").map((r) => r.sourceId);
  const [certs, nominations, events] = await Promise.all([
    certIds.length ? db.certificate.findMany({ where: { id: { in: certIds } }, select: { id: true, verifyCode: true, number: true, prize: true } }) : [],
    nominationIds.length ? db.nomination.findMany({ where: { id: { in: nominationIds } }, select: { id: true, status: true, campaign: { select: { id: true, round: { select: { title: true } } } } } }) : [],
    eventIds.length ? db.contestEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, name: true, contest: { select: { name: true } } } }) : [],
  ]);
  const cert = new Map(certs.map((c) => [c.id, c]));
  const nomination = new Map(nominations.map((n) => [n.id, n]));
  const event = new Map(events.map((e) => [e.id, e]));
  return rows.map((r) => {
    const c = r.certificateId ? cert.get(r.certificateId) : undefined;
    const n = r.nominationId ? nomination.get(r.nominationId) : undefined;
    const e = r.source === "contest" ? event.get(r.sourceId) : undefined;
    return {
      id: r.id, holderName: r.holderName, unitName: r.unitName, honour: r.honour, year: r.year, source: r.source as HonourSource,
      sourceLabel: SOURCE_LABELS[r.source as HonourSource] ?? { zh: r.source, en: r.source },
      evidence: e ? `${e.contest.name} · ${e.name}${c ? ` · ${c.prize}` : ""}` : null,
      status: r.status as "open" | "used" | "lapsed",
      certificate: c ? { number: c.number, verifyCode: c.verifyCode } : null,
      nomination: n ? { id: n.id, status: n.status, campaignId: n.campaign.id, campaignTitle: n.campaign.round.title } : null,
    };
  });
}

/** The signed-in worker's own honours (/my-honours), revoked ones shown as such, and their contest recommendations. */
export async function myHonours(user: SessionUser) {
  if (!user.memberId) return { linked: false as const, honours: [], recommendations: [] };
  const [honours, recommendations] = await Promise.all([view(await honoursOf({ memberId: user.memberId })), viewRecommendations({ memberId: user.memberId })]);
  return { linked: true as const, honours, recommendations };
}

/** The recommendations queued for a 单列 campaign within the reader's honour:read subtrees (the federation's queue). */
export async function queuedRecommendations(user: SessionUser) {
  const scopes = userScope(user, "honour:read");
  if (scopes.length === 0) throw forbidden();
  return viewRecommendations({ unitPaths: scopes, status: "open" });
}

/** One honour, for a reader with honour:read (or award:nominate) over its unit, or its holder. */
export async function getHonour(user: SessionUser, honourId: string) {
  const h = await db.honour.findUnique({ where: { id: honourId } });
  const may = h && (hasPermission(user, "honour:read", h.unitPath) || hasPermission(user, "award:nominate", h.unitPath) || (h.memberId && h.memberId === user.memberId));
  if (!h || !may) throw notFound(HONOUR_MESSAGES.honourNotFound);
  return (await view([h]))[0];
}

/** The honour with its revocation requests, for its page and the API. */
export async function getHonourWithHistory(user: SessionUser, honourId: string) {
  const honour = await getHonour(user, honourId);
  const revocations = await db.honourRevocation.findMany({ where: { honourId }, orderBy: { createdAt: "desc" } });
  return {
    ...honour,
    revocations: revocations.map((r) => ({
      id: r.id, status: r.status as "pending" | "approved" | "refused" | "withdrawn", grounds: JSON.parse(r.grounds) as string[], details: r.details,
      documents: JSON.parse(r.documents) as { fileId: string; label: string }[], submissionId: r.submissionId, createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * Organisations and members the user may record an honour for (the form's choices). Members
 * are many: only those whose name contains the search text are offered (none without one).
 */
export async function honourHolderOptions(user: SessionUser, memberName?: string) {
  const scopes = userScope(user, "honour:write");
  if (scopes.length === 0) return { orgs: [], members: [] };
  const inScope = { OR: scopes.map((p) => ({ path: { startsWith: p } })) };
  const name = memberName?.trim();
  const [orgs, members] = await Promise.all([
    db.organisation.findMany({ where: inScope, select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 2000 }),
    name ? db.member.findMany({ where: { org: inScope, name: { contains: name } }, select: { id: true, name: true, org: { select: { name: true } } }, orderBy: { name: "asc" }, take: 50 }) : Promise.resolve([]),
  ]);
  return { orgs, members: members.map((m) => ({ id: m.id, name: m.name, unit: m.org.name })) };
}

export type HonourVerification = {
  kind: "honour";
  holderName: string;
  unitName: string;
  title: string;
  level: string;
  year: number;
  issuer: string;
  status: "valid" | "revoked";
  revokedAt: string | null;
  /** why it was revoked, as stored (both languages; the page shows the reader's half) */
  revocationReason: string | null;
};

/** Public check of an honour certificate's code (/verify/:code): the register's record, nothing private. */
export async function verifyHonour(code: string): Promise<HonourVerification | null> {
  const normalised = code.trim().toLowerCase();
  if (!/^[a-z2-7]{26}$/.test(normalised)) return null;
  const h = await db.honour.findUnique({ where: { verifyCode: normalised } });
  if (!h) return null;
  return {
    kind: "honour", holderName: h.holderName, unitName: h.unitName, title: h.title, level: LEVEL_LABELS[h.level as HonourLevel]?.zh ?? h.level,
    year: h.year, issuer: h.issuingBody, status: h.revokedAt ? "revoked" : "valid", revokedAt: h.revokedAt?.toISOString() ?? null,
    revocationReason: h.revokedAt ? h.revocationReason : null,
  };
}
