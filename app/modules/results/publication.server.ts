import crypto from "node:crypto";
import { db, type Tx } from "~/utils/db.server";
import { hasPermission, assertPermission, type SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { AppError, badRequest, conflict, notFound } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { fullySignedOff } from "~/modules/judging/review/review-event.server";
import { identityVisibleTo, loadBlindEvent } from "~/modules/draws/blind.server";
import { computeEventResults, type EventResults } from "./event-results.server";
import { publishChange } from "./live.server";
import { runPublicationHooks } from "./publication-hooks.server";
import "./publication-hook-modules.server";
import {
  base32,
  certificateNumber,
  changedRows,
  chinaDate,
  computePublication,
  DEFAULT_NOTICE_DAYS,
  noticeEndsAt,
  parseCertificateNumber,
  planCertificates,
  planTeamCertificates,
  publicationBlockers,
  teamStandings,
  type PublicationComputation,
  type PublicationEntrant,
  type PublicationSnapshot,
  type PublicationState,
  type PublishedRow,
  type PublishedTeam,
} from "./publication-rules";

// 成绩公示 (results publication), the shell around publication-rules.ts: an organiser
// (contest:manage over the contest's organisation) publishes an event once it is signed
// off (S-24), re-checked (S-40) and decrypted (S-34). The publication stores the exact
// results as a snapshot (version 1), opens the notice period, and issues certificates to
// the prize winners. A later change makes the live results differ from the snapshot; a
// re-publication (version n+1) needs a reason and reissues or revokes the certificates
// whose statement changed. Revoked certificates stay verifiable as 已作废.

export type PublicationEvent = {
  id: string;
  name: string;
  trade: string;
  groupName: string;
  minFieldSize: number;
  drawnAt: Date | null;
  decryptedAt: Date | null;
  contest: {
    id: string; name: string; orgId: string; status: string; visibility: string; startsAt: Date | null; endsAt: Date | null; level: string;
    org: { name: string; path: string };
  };
  sessions: { id: string }[];
};

export async function loadPublicationEvent(eventId: string): Promise<PublicationEvent> {
  const event = await db.contestEvent.findUnique({
    where: { id: eventId },
    select: {
      id: true, name: true, trade: true, groupName: true, minFieldSize: true, drawnAt: true, decryptedAt: true,
      contest: { select: { id: true, name: true, orgId: true, status: true, visibility: true, startsAt: true, endsAt: true, level: true, org: { select: { name: true, path: true } } } },
      sessions: { select: { id: true } },
    },
  });
  if (!event) throw notFound("找不到该赛项 / event not found");
  return event;
}

export const canManage = (user: SessionUser, event: PublicationEvent) => hasPermission(user, "contest:manage", event.contest.org.path);

/** The day ages are taken on (rule S-66): the contest's first day, else its last, else today. */
export const contestDayOf = (event: PublicationEvent, now = new Date()) => event.contest.startsAt ?? event.contest.endsAt ?? now;

/** The live results as the publication would state them, with what stands in the way. */
export type LivePublication = {
  results: EventResults;
  state: PublicationState;
  blockers: string[];
  computation: PublicationComputation | null;
  /** team standings (rules S-2, S-55, S-56); empty for an event without teams */
  teams: PublishedTeam[];
  components: { id: string; name: string; kind: string }[];
};

export async function computeLivePublication(event: PublicationEvent): Promise<LivePublication> {
  const results = await computeEventResults(event.id);
  const [signOffs, recheck] = await Promise.all([
    db.signOff.findMany({ where: { eventId: event.id }, select: { sessionId: true } }),
    db.recheck.findFirst({ where: { eventId: event.id }, orderBy: { drawnAt: "desc" }, select: { status: true } }),
  ]);
  const scores = results.scores;
  const components = results.scheme?.components.map((c) => ({ id: c.id, name: c.name || c.id, kind: c.kind })) ?? [];
  const state: PublicationState = {
    problem: results.problem,
    drawn: event.drawnAt !== null,
    signedOff: fullySignedOff(signOffs, event.sessions.map((s) => s.id)),
    recheckStatus: recheck?.status ?? null,
    decrypted: event.decryptedAt !== null,
    entrants: results.entrants.size,
    incomplete: scores ? scores.results.filter((r) => !r.complete && !r.disqualified).map((r) => results.entrants.get(r.entrantId)?.code ?? r.entrantId).sort() : [],
    unresolvedTies: scores?.ranking.unresolvedTies.length ?? 0,
  };
  if (!scores || !results.settings) return { results, state, blockers: publicationBlockers(state), computation: null, teams: [], components };

  const registrations = await db.registration.findMany({
    where: { id: { in: [...results.entrants.values()].map((e) => e.registrationId) } },
    select: { id: true, unitId: true, skillLevel: true, member: { select: { employmentStatus: true, birthDate: true, sex: true, skillLevel: true } } },
  });
  const registration = new Map(registrations.map((r) => [r.id, r]));
  const rank = new Map(scores.ranking.entries.map((e) => [e.entrantId, e.rank]));
  const excluded = new Map(scores.ranking.excluded.map((e) => [e.entrantId, e.reason]));
  const entrants: PublicationEntrant[] = scores.results.map((r) => {
    const e = results.entrants.get(r.entrantId)!;
    const reg = registration.get(e.registrationId)!;
    return {
      entrantId: r.entrantId,
      registrationId: e.registrationId,
      memberId: e.memberId,
      stationCode: e.code,
      name: e.name,
      unitId: reg.unitId,
      unitName: e.unit,
      rank: rank.get(r.entrantId) ?? null,
      total: r.total,
      totalText: r.totalText,
      scores: r.components.map((c) => c.scoreText),
      disqualifiedReason: excluded.get(r.entrantId) ?? (r.disqualified ? "取消成绩 / disqualified" : null),
      member: { ...reg.member, skillLevel: reg.skillLevel ?? reg.member.skillLevel },
    };
  });
  const settings = { ...results.settings, prizes: { ...results.settings.prizes, minimumFieldSize: event.minFieldSize } };
  const computation = computePublication(entrants, settings, contestDayOf(event));
  state.allZero = computation.allZero;
  // rule S-4: shares of a field below the minimum (S-60) need count-based prizes or a recorded confirmation
  state.smallField = computation.belowMinimumFieldSize && settings.prizes.mode === "shares"
    ? { fieldSize: computation.fieldSize, minimum: event.minFieldSize, confirmed: false }
    : null;
  const resultOf = new Map(scores.results.map((r) => [r.entrantId, r]));
  const membership = new Map(
    [...results.entrants.values()].filter((e) => e.teamId).map((e) => [e.registrationId, { teamId: e.teamId!, completionTime: resultOf.get(e.id)?.completionTime ?? null }]),
  );
  const teamNames = new Map([...results.teams].map(([id, t]) => [id, { name: t.name, unitName: t.unit }]));
  const teams = teamStandings(computation.rows, membership, teamNames, results.settings.teams);
  return { results, state, blockers: publicationBlockers(state), computation, teams, components };
}

const readSnapshot = (json: string) => JSON.parse(json) as PublicationSnapshot;

export async function latestPublication(eventId: string) {
  const row = await db.publication.findFirst({ where: { eventId }, orderBy: { version: "desc" } });
  return row ? { ...row, data: readSnapshot(row.snapshot) } : null;
}

/** The organiser's page: preview, blockers, warnings, what changed since the last version, history. */
export async function loadPublicationPage(user: SessionUser, eventId: string) {
  const event = await loadPublicationEvent(eventId);
  assertPermission(user, "contest:manage", event.contest.org.path);
  const live = await computeLivePublication(event);
  const identity = identityVisibleTo(user, await loadBlindEvent(eventId));
  const [history, board] = await Promise.all([
    db.publication.findMany({ where: { eventId }, orderBy: { version: "desc" }, select: { id: true, version: true, publishedAt: true, publishedById: true, noticeDays: true, reason: true } }),
    db.resultBoard.findUnique({ where: { eventId } }),
  ]);
  const latest = await latestPublication(eventId);
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: history.map((h) => h.publishedById) } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]),
  );
  const rows = live.computation?.rows ?? [];
  return {
    event: { id: event.id, name: event.name, trade: event.trade, groupName: event.groupName, contestId: event.contest.id, contestName: event.contest.name },
    // the small-field question (rule S-4) is asked by the form, not listed as a blocker
    blockers: live.state.smallField ? publicationBlockers({ ...live.state, smallField: { ...live.state.smallField, confirmed: true } }) : live.blockers,
    /** rule S-4: the field is below the minimum; publishing needs a written confirmation */
    smallField: live.state.smallField ?? null,
    components: live.components,
    preview: live.computation && {
      fieldSize: live.computation.fieldSize,
      counts: live.computation.counts,
      warnings: live.computation.warnings,
      // Before decryption the organiser sees codes only (rules S-33, S-34): no names, units,
      // registrations, nor outcomes or refusals, which follow from sex, age and employment.
      refusals: identity ? live.computation.refusals : [],
      rows: rows.map((r) => (identity ? r : { ...r, registrationId: r.blindCodeId, name: "", unitName: "", unitId: "", outcomes: [] })),
      // a team's name and unit say whose it is: before decryption, teams go by their members' codes
      teams: live.teams.map((t) => (identity ? t : {
        ...t, teamId: "", name: t.members.map((m) => m.stationCode).join(" · "), unitName: "",
        members: t.members.map((m) => ({ ...m, registrationId: "", name: "" })),
      })),
    },
    published: latest
      ? {
          version: latest.version,
          publishedAt: latest.publishedAt.toISOString(),
          noticeEndsAt: board?.noticeEndsAt?.toISOString() ?? null,
          noticeDays: latest.noticeDays,
          changed: live.computation ? changedRows(latest.data.rows, rows) : [],
        }
      : null,
    history: history.map((h) => ({ ...h, publishedAt: h.publishedAt.toISOString(), publishedBy: names.get(h.publishedById) ?? h.publishedById })),
    defaultNoticeDays: DEFAULT_NOTICE_DAYS,
  };
}

const concurrentPublication = () => conflict("另一位组织者刚刚发布了公示，请刷新后再试 / someone else has just published: reload and try again", "concurrent_publication");

export type PublishInput = {
  noticeDays?: number;
  reason?: string | null;
  /** rule S-4: the organiser's written confirmation to publish shares of a field below the minimum */
  smallFieldConfirmation?: string | null;
};

export class PublicationBlocked extends AppError {
  constructor(reasons: string[]) {
    super(409, "publication_blocked", `不能公示：${reasons.join("；")} / cannot publish`, reasons.map((message) => ({ path: "event", message })));
  }
}

/**
 * Publishes (version 1) or re-publishes (version n+1, with a reason) an event's results.
 * Refuses while anything blocks publication; a re-publication also when nothing changed.
 */
export async function publishResults(user: SessionUser, eventId: string, input: PublishInput, actor: Actor) {
  const event = await loadPublicationEvent(eventId);
  assertPermission(user, "contest:manage", event.contest.org.path);
  const noticeDays = input.noticeDays ?? DEFAULT_NOTICE_DAYS;
  if (!Number.isInteger(noticeDays) || noticeDays < 1 || noticeDays > 60) {
    throw badRequest("公示天数须为 1–60 的整数 / notice days must be a whole number from 1 to 60", [{ path: "noticeDays", message: "1–60" }]);
  }
  const live = await computeLivePublication(event);
  const smallFieldConfirmation = input.smallFieldConfirmation?.trim() || null;
  if (live.state.smallField && smallFieldConfirmation) live.state.smallField.confirmed = true;
  const blockers = publicationBlockers(live.state);
  if (blockers.length || !live.computation) throw new PublicationBlocked(blockers);
  const computation = live.computation;
  const previous = await latestPublication(event.id);
  const reason = input.reason?.trim() || null;
  if (previous) {
    const changed = changedRows(previous.data.rows, computation.rows);
    if (!changed.length) throw conflict("成绩与已公示的版本相同，无需重新公示 / the results equal the published version: nothing to re-publish", "unchanged");
    if (!reason) throw badRequest("重新公示须说明原因 / a re-publication needs a reason", [{ path: "reason", message: "请填写重新公示的原因 / give the reason" }]);
  }
  const version = (previous?.version ?? 0) + 1;
  const now = new Date();
  const snapshot: PublicationSnapshot = {
    version,
    contest: { id: event.contest.id, name: event.contest.name, orgName: event.contest.org.name, startsAt: event.contest.startsAt?.toISOString() ?? null },
    event: { id: event.id, name: event.name, trade: event.trade, groupName: event.groupName },
    components: live.components,
    fieldSize: computation.fieldSize,
    counts: computation.counts,
    warnings: computation.warnings,
    ...(live.state.smallField ? { smallFieldConfirmation } : {}),
    rows: computation.rows,
    ...(live.teams.length ? { teams: live.teams } : {}),
  };
  const endsAt = noticeEndsAt(now, noticeDays);
  const result = await db.$transaction(async (tx) => {
    if (await tx.publication.findFirst({ where: { eventId: event.id, version }, select: { id: true } })) throw concurrentPublication();
    const publication = await tx.publication.create({
      data: { eventId: event.id, version, publishedById: user.id, publishedAt: now, noticeDays, reason, snapshot: JSON.stringify(snapshot) },
    });
    await tx.resultBoard.upsert({
      where: { eventId: event.id },
      create: { eventId: event.id, publishedAt: now, publicationVersion: version, noticeEndsAt: endsAt },
      update: { publishedAt: now, publicationVersion: version, noticeEndsAt: endsAt },
    });
    const certificates = await reconcileCertificates(tx, event, publication.id, computation.rows, live.teams, now, actor);
    // other domains follow the publication in this transaction (the honours register: rules S-62 … S-68, L-10)
    const liveCertificates = await tx.certificate.findMany({ where: { eventId: event.id, revokedAt: null, kind: "individual" }, select: { id: true, number: true, verifyCode: true, prize: true, registrationId: true } });
    await runPublicationHooks(tx, {
      eventId: event.id, eventName: event.name, version, publicationId: publication.id,
      contest: { id: event.contest.id, name: event.contest.name, level: event.contest.level, orgId: event.contest.orgId, orgName: event.contest.org.name },
      year: chinaDate(event.contest.startsAt ?? now)[0],
      rows: computation.rows, outcomes: live.results.settings?.outcomes ?? [],
      certificates: new Map(liveCertificates.map((c) => [c.registrationId, { id: c.id, number: c.number, verifyCode: c.verifyCode, prize: c.prize }])),
    }, actor);
    await recordEvent(tx, actor, {
      action: previous ? "results.republished" : "results.published",
      entityType: "Publication",
      entityId: publication.id,
      orgId: event.contest.orgId,
      before: previous ? { version: previous.version } : undefined,
      after: {
        eventId: event.id, version, noticeDays, noticeEndsAt: endsAt.toISOString(), reason,
        ...(live.state.smallField ? { smallField: { ...live.state.smallField, confirmation: smallFieldConfirmation } } : {}),
        fieldSize: computation.fieldSize, counts: computation.counts,
        changed: previous ? changedRows(previous.data.rows, computation.rows) : undefined,
        certificates: { issued: certificates.issued.length, revoked: certificates.revoked.length, kept: certificates.kept },
      },
    });
    return { publication, certificates };
  }).catch((error: unknown) => {
    // two organisers publishing at once: the second meets the unique (eventId, version)
    if ((error as { code?: string })?.code === "P2002") throw concurrentPublication();
    throw error;
  });
  await publishChange(event.id, "board");
  return {
    id: result.publication.id,
    eventId: event.id,
    version,
    publishedAt: now.toISOString(),
    noticeDays,
    noticeEndsAt: endsAt.toISOString(),
    reason,
    fieldSize: computation.fieldSize,
    counts: computation.counts,
    warnings: computation.warnings,
    certificates: { issued: result.certificates.issued, revoked: result.certificates.revoked.length, kept: result.certificates.kept },
  };
}

const readOutcomes = (json: string): string[] => {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.map((o) => (typeof o === "string" ? o : String((o as { label?: unknown })?.label ?? ""))) : [];
  } catch {
    return [];
  }
};

/** The certificate sequence of the event within its year: reused once given, else the next free one. */
async function eventSequence(tx: Tx, eventId: string, year: number): Promise<number> {
  const own = await tx.certificate.findFirst({ where: { eventId }, select: { number: true } });
  const parsed = own ? parseCertificateNumber(own.number) : null;
  if (parsed) return parsed.eventSeq;
  const sameYear = await tx.certificate.findMany({ where: { number: { startsWith: `GS${year}-` } }, select: { number: true } });
  return Math.max(0, ...sameYear.map((c) => parseCertificateNumber(c.number)?.eventSeq ?? 0)) + 1;
}

async function reconcileCertificates(tx: Tx, event: PublicationEvent, publicationId: string, rows: PublishedRow[], teams: PublishedTeam[], now: Date, actor: Actor) {
  const active = await tx.certificate.findMany({ where: { eventId: event.id, revokedAt: null }, select: { id: true, registrationId: true, prize: true, outcomes: true, number: true, kind: true, teamName: true } });
  const individual = active.filter((c) => c.kind !== "team");
  const plan = planCertificates(individual.map((c) => ({ id: c.id, registrationId: c.registrationId, prize: c.prize, outcomes: readOutcomes(c.outcomes) })), rows);
  // 团体奖 (rule S-2): each member of an awarded team holds a certificate of the team's award
  const teamPlan = planTeamCertificates(active.filter((c) => c.kind === "team").map((c) => ({ id: c.id, registrationId: c.registrationId, prize: c.prize, teamName: c.teamName })), teams);
  const toIssue = [
    ...plan.issue.map((row) => ({ registrationId: row.registrationId, prize: row.prizeLabel!, outcomes: row.outcomes.map((o) => o.label), kind: "individual" as const, teamName: null as string | null })),
    ...teamPlan.issue.map((grant) => ({ registrationId: grant.registrationId, prize: grant.prize, outcomes: [] as string[], kind: "team" as const, teamName: grant.teamName as string | null })),
  ];
  for (const id of [...plan.revoke, ...teamPlan.revoke]) {
    const cert = active.find((c) => c.id === id)!;
    await tx.certificate.update({ where: { id }, data: { revokedAt: now } });
    await recordEvent(tx, actor, { action: "certificate.revoked", entityType: "Certificate", entityId: id, orgId: event.contest.orgId, after: { number: cert.number, publicationId, revokedAt: now.toISOString() } });
  }
  const issued: { id: string; number: string; registrationId: string; prize: string; kind: "individual" | "team" }[] = [];
  if (toIssue.length) {
    const year = chinaDate(event.contest.startsAt ?? now)[0];
    const seq = await eventSequence(tx, event.id, year);
    const existing = await tx.certificate.findMany({ where: { eventId: event.id }, select: { number: true } });
    let serial = Math.max(0, ...existing.map((c) => parseCertificateNumber(c.number)?.serial ?? 0));
    // A certificate keeps the holder's name and unit as they are today, at issue: renaming a
    // member or moving them to another unit later does not rewrite an awarded certificate.
    const holders = new Map((await tx.registration.findMany({
      where: { id: { in: toIssue.map((g) => g.registrationId) } },
      select: { id: true, member: { select: { name: true } }, unit: { select: { name: true } } },
    })).map((r) => [r.id, r]));
    for (const grant of toIssue) {
      serial += 1;
      const cert = await tx.certificate.create({
        data: {
          number: certificateNumber(year, seq, serial),
          verifyCode: base32(crypto.randomBytes(16)),
          eventId: event.id,
          registrationId: grant.registrationId,
          prize: grant.prize,
          outcomes: JSON.stringify(grant.outcomes),
          kind: grant.kind,
          teamName: grant.teamName,
          holderName: holders.get(grant.registrationId)?.member.name ?? null,
          unitName: holders.get(grant.registrationId)?.unit.name ?? null,
          publicationId,
          issuedAt: now,
        },
      });
      issued.push({ id: cert.id, number: cert.number, registrationId: grant.registrationId, prize: cert.prize, kind: grant.kind });
      await recordEvent(tx, actor, {
        action: "certificate.issued", entityType: "Certificate", entityId: cert.id, orgId: event.contest.orgId,
        after: { number: cert.number, registrationId: grant.registrationId, prize: cert.prize, kind: cert.kind, teamName: cert.teamName, publicationId },
      });
    }
  }
  return { issued, revoked: [...plan.revoke, ...teamPlan.revoke], kept: plan.keep.length + teamPlan.keep.length };
}

/**
 * The published results notice (成绩公示) of an event: the latest snapshot and the notice
 * period. Public for contests whose results are public; otherwise for signed-in users.
 */
export async function loadResultsNotice(eventId: string, user: SessionUser | null) {
  const event = await loadPublicationEvent(eventId);
  const [latest, board] = await Promise.all([latestPublication(eventId), db.resultBoard.findUnique({ where: { eventId } })]);
  if (!latest || !board?.publishedAt) throw notFound("该赛项成绩尚未公示 / the results of this event are not published");
  if (event.contest.visibility !== "public" && !user) throw new AppError(401, "unauthorized", "请先登录 / please sign in");
  const { data } = latest;
  return {
    contest: data.contest,
    event: data.event,
    components: data.components,
    version: latest.version,
    reason: latest.reason,
    publishedAt: latest.publishedAt.toISOString(),
    noticeDays: latest.noticeDays,
    noticeEndsAt: board.noticeEndsAt?.toISOString() ?? null,
    fieldSize: data.fieldSize,
    counts: data.counts,
    rows: data.rows.map((r) => ({
      rank: r.rank, name: r.name, unitName: r.unitName, stationCode: r.stationCode, totalText: r.totalText, scores: r.scores,
      prizeLabel: r.prizeLabel, outcomes: r.outcomes.map((o) => o.label), disqualified: r.disqualifiedReason !== null,
    })),
    teams: (data.teams ?? []).map((t) => ({
      rank: t.rank, name: t.name, unitName: t.unitName, totalText: t.totalText, award: t.award,
      members: t.members.map((m) => ({ name: m.name, totalText: m.totalText, counted: m.counted })),
    })),
  };
}

export type ResultsNotice = Awaited<ReturnType<typeof loadResultsNotice>>;
