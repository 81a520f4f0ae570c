import { db } from "~/utils/db.server";
import { hasPermission, assertPermission, type SessionUser } from "~/utils/auth.server";
import { calibrateJudges } from "~/modules/scoring";
import { identityVisibleTo, loadBlindEvent } from "~/modules/draws/blind.server";
import { computeEventResults, sheetsOf } from "./event-results.server";
import { calibrationBars, countBy, findHeatsAndFinal, histogram, rankMovement, type Bar, type Movement } from "./charts-data";

// The data of /events/$eventId/charts (organisers and the chief judge over the contest's
// organisation): aggregates only, plus rank movement labelled by name when the reader may
// see identities (rule S-34), else by station code.

export type ChartsData = {
  event: { id: string; name: string; contestName: string };
  distribution: Bar[];
  calibration: Bar[];
  byUnit: Bar[];
  byRegion: Bar[];
  movement: Movement[] | null;
};

export async function loadCharts(user: SessionUser, eventId: string): Promise<ChartsData> {
  const event = await loadBlindEvent(eventId);
  const path = event.contest.org.path;
  if (!hasPermission(user, "judging:chief", path)) assertPermission(user, "contest:manage", path);
  const results = await computeEventResults(eventId);
  const scores = results.scores;
  const ranked = new Set(scores?.ranking.entries.map((e) => e.entrantId) ?? []);
  const distribution = histogram(scores?.results.filter((r) => ranked.has(r.entrantId)).map((r) => r.total) ?? []);

  let calibration: Bar[] = [];
  if (results.scheme && results.settings) {
    const rows = calibrateJudges(results.scheme, results.settings, sheetsOf(results));
    const users = await db.user.findMany({ where: { id: { in: rows.map((r) => r.judgeId) } }, select: { id: true, displayName: true } });
    calibration = calibrationBars(rows, new Map(users.map((u) => [u.id, u.displayName])));
  }

  const registrations = await db.registration.findMany({
    where: { eventId, status: "approved", withdrawnAt: null },
    select: { unit: { select: { name: true, region: true } } },
  });
  // Rule S-34: while the event is blind, which units entered is identity too; regions are not.
  const byUnit = identityVisibleTo(user, event) ? countBy(registrations.map((r) => r.unit.name)) : [];
  const byRegion = countBy(registrations.map((r) => r.unit.region));

  const siblings = await db.contestEvent.findMany({ where: { contestId: event.contestId }, select: { id: true, name: true, trade: true, groupName: true, sortOrder: true } });
  const stages = findHeatsAndFinal(siblings, eventId);
  let movement: Movement[] | null = null;
  if (stages) {
    const [heats, final] = await Promise.all([computeEventResults(stages.heatsId), computeEventResults(stages.finalId)]);
    const rankOf = (r: typeof heats) => new Map(r.scores?.ranking.entries.map((e) => [e.entrantId, e.rank]) ?? []);
    const heatsRank = rankOf(heats);
    const heatsByMember = new Map<string, number>();
    for (const [codeId, entrant] of heats.entrants) if (heatsRank.has(codeId)) heatsByMember.set(entrant.memberId, heatsRank.get(codeId)!);
    const finalRank = rankOf(final);
    const named = identityVisibleTo(user, await loadBlindEvent(stages.finalId)) && identityVisibleTo(user, await loadBlindEvent(stages.heatsId));
    movement = rankMovement(
      heatsByMember,
      [...final.entrants.entries()].map(([codeId, e]) => ({ memberId: e.memberId, rank: finalRank.get(codeId) ?? null, label: named ? e.name : e.code })),
    );
  }
  return { event: { id: event.id, name: event.name, contestName: event.contest.name }, distribution, calibration, byUnit, byRegion, movement };
}
