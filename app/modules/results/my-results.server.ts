import { db } from "~/utils/db.server";
import { userScope, type SessionUser } from "~/utils/auth.server";
import type { PublicationSnapshot } from "./publication-rules";

// 我的成绩: published results only (the latest publication of each event). A worker sees
// their own registrations; a unit contact sees their units' entrants. Nothing unpublished
// is shown here: the live board and the organisers' pages cover that.

export type MyResult = {
  registrationId: string;
  eventId: string;
  contestName: string;
  eventName: string;
  name: string;
  unitName: string;
  components: { name: string; score: string }[];
  totalText: string;
  rank: number | null;
  fieldSize: number;
  prizeLabel: string | null;
  outcomes: string[];
  /** the entrant's team in the team standings (rules S-2, S-55), when they were in one */
  team: { name: string; rank: number; teams: number; award: string | null; counted: boolean } | null;
  version: number;
  certificate: { id: string; number: string; verifyCode: string } | null;
  /** the certificate of the team's award (rule S-2), for a member of an awarded team */
  teamCertificate: { id: string; number: string; verifyCode: string } | null;
};

async function publishedResultsOf(registrations: { id: string; eventId: string }[]): Promise<MyResult[]> {
  if (!registrations.length) return [];
  const eventIds = [...new Set(registrations.map((r) => r.eventId))];
  const boards = await db.resultBoard.findMany({ where: { eventId: { in: eventIds }, publishedAt: { not: null } }, select: { eventId: true, publicationVersion: true } });
  if (!boards.length) return [];
  const publications = await db.publication.findMany({
    where: { OR: boards.map((b) => ({ eventId: b.eventId, version: b.publicationVersion })) },
    select: { eventId: true, version: true, snapshot: true },
  });
  const certificates = await db.certificate.findMany({
    where: { registrationId: { in: registrations.map((r) => r.id) }, revokedAt: null },
    select: { id: true, number: true, verifyCode: true, registrationId: true, kind: true },
  });
  const certificateOf = new Map(certificates.filter((c) => c.kind !== "team").map((c) => [c.registrationId, c]));
  const teamCertificateOf = new Map(certificates.filter((c) => c.kind === "team").map((c) => [c.registrationId, c]));
  const wanted = new Set(registrations.map((r) => r.id));
  const out: MyResult[] = [];
  for (const p of publications) {
    const snapshot = JSON.parse(p.snapshot) as PublicationSnapshot;
    for (const row of snapshot.rows) {
      if (!wanted.has(row.registrationId)) continue;
      const cert = certificateOf.get(row.registrationId);
      const team = snapshot.teams?.find((t) => t.members.some((m) => m.registrationId === row.registrationId));
      out.push({
        registrationId: row.registrationId,
        eventId: p.eventId,
        contestName: snapshot.contest.name,
        eventName: snapshot.event.name,
        name: row.name,
        unitName: row.unitName,
        components: snapshot.components.map((c, i) => ({ name: c.name, score: row.scores[i] ?? "" })),
        totalText: row.totalText,
        rank: row.rank,
        fieldSize: snapshot.fieldSize,
        prizeLabel: row.prizeLabel,
        outcomes: row.outcomes.map((o) => o.label),
        team: team
          ? { name: team.name, rank: team.rank, teams: snapshot.teams!.length, award: team.award, counted: team.members.find((m) => m.registrationId === row.registrationId)!.counted }
          : null,
        version: p.version,
        certificate: cert ? { id: cert.id, number: cert.number, verifyCode: cert.verifyCode } : null,
        teamCertificate: (() => {
          const c = teamCertificateOf.get(row.registrationId);
          return c ? { id: c.id, number: c.number, verifyCode: c.verifyCode } : null;
        })(),
      });
    }
  }
  return out.sort((a, b) => a.contestName.localeCompare(b.contestName, "zh") || a.eventName.localeCompare(b.eventName, "zh") || (a.rank ?? 1e9) - (b.rank ?? 1e9));
}

export async function loadMyResults(user: SessionUser) {
  const own = user.memberId
    ? await db.registration.findMany({ where: { memberId: user.memberId, withdrawnAt: null }, select: { id: true, eventId: true } })
    : [];
  const scope = userScope(user, "registration:unit");
  const unit = scope.length
    ? await db.registration.findMany({
        where: { withdrawnAt: null, OR: scope.map((path) => ({ unit: { path: { startsWith: path } } })) },
        select: { id: true, eventId: true },
      })
    : null;
  return { mine: await publishedResultsOf(own), unit: unit ? await publishedResultsOf(unit) : null };
}
