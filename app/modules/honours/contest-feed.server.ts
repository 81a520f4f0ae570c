import type { Tx } from "~/utils/db.server";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { onResultsPublished, type PublishedResults } from "~/modules/results/publication-hooks.server";
import { placeRecommendation } from "~/modules/nominations/nominations.server";
import { recordHonour } from "./honours.server";
import { revokeHonour } from "./awards.server";
import type { HonourLevel } from "./honour-levels";

// Contest results feed the honours register (issue 13 item 7, rules S-62 … S-68, L-10). When an
// event's results are published (or re-published), in the same transaction:
//  - every granted title outcome (全国技术能手, 省技术能手, 青年岗位能手 …) is recorded in the
//    register for the member, pointing at the contest certificate (its /verify link);
//  - every granted nomination outcome (全国五一劳动奖章 …) becomes a HonourRecommendation, and a
//    draft 单列 nomination in the matching open campaign (rule N-3), or stays queued for the
//    federation until a 单列 campaign is created (nominations.takeUpRecommendations).
// Idempotent: a title is keyed on (contest, event:member, title), a recommendation on its unique
// (source, event, member, honour). A re-publication that no longer grants a title revokes it; an
// unused recommendation no longer granted lapses.

const titleSourceId = (eventId: string, memberId: string) => `${eventId}:${memberId}`;

/** 全国技术能手 → national, 省技术能手 / 湖南省… → provincial, 市技术能手 → city; else the contest's level. */
export function levelOfTitle(title: string, contestLevel: string): HonourLevel {
  if (/^全国/.test(title)) return "national";
  if (/省|自治区/.test(title)) return "provincial";
  if (/市/.test(title)) return "city";
  if (/区|县/.test(title)) return "county";
  const known: HonourLevel[] = ["national", "provincial", "city", "county", "enterprise"];
  return known.includes(contestLevel as HonourLevel) ? (contestLevel as HonourLevel) : "enterprise";
}

export async function feedContestResults(tx: Tx, p: PublishedResults, actor: Actor) {
  const ruleById = new Map(p.outcomes.map((r) => [r.id, r]));
  const registrations = await tx.registration.findMany({ where: { id: { in: p.rows.map((r) => r.registrationId) } }, select: { id: true, memberId: true } });
  const memberOf = new Map(registrations.map((r) => [r.id, r.memberId]));
  const titlesNow = new Set<string>(); // sourceId + title
  const recommendationsNow = new Set<string>(); // memberId + honour
  let titles = 0, recommendations = 0, nominations = 0;

  for (const row of p.rows) {
    if (row.rank === null || row.disqualifiedReason) continue;
    const memberId = memberOf.get(row.registrationId);
    if (!memberId) continue;
    const cert = p.certificates.get(row.registrationId) ?? null;
    for (const o of row.outcomes) {
      const outcome = ruleById.get(o.ruleId)?.outcome;
      if (outcome?.type === "title") {
        const sourceId = titleSourceId(p.eventId, memberId);
        titlesNow.add(`${sourceId}\u0000${outcome.title}`);
        const before = await tx.honour.findFirst({ where: { source: "contest", sourceId, title: outcome.title }, select: { id: true, certificateId: true, revokedAt: true } });
        if (!before) {
          await recordHonour(tx, { memberId, title: outcome.title, level: levelOfTitle(outcome.title, p.contest.level), year: p.year, issuingBody: p.contest.orgName, source: "contest", sourceId, certificateId: cert?.id }, actor);
          titles += 1;
        } else if (!before.revokedAt && cert && before.certificateId !== cert.id) {
          // a re-publication reissued the certificate: the register points at the live one
          await tx.honour.update({ where: { id: before.id }, data: { certificateId: cert.id } });
          await recordEvent(tx, actor, { action: "honour.certificate-reissued", entityType: "Honour", entityId: before.id, before: { certificateId: before.certificateId }, after: { certificateId: cert.id, publicationVersion: p.version } });
        }
      } else if (outcome?.type === "nomination") {
        recommendationsNow.add(`${memberId}\u0000${outcome.honour}`);
        const key = { source_sourceId_memberId_honour: { source: "contest", sourceId: p.eventId, memberId, honour: outcome.honour } };
        let rec = await tx.honourRecommendation.findUnique({ where: key });
        if (!rec) {
          const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { name: true, org: { select: { id: true, path: true, name: true } } } });
          rec = await tx.honourRecommendation.create({
            data: { memberId, holderName: member.name, unitId: member.org.id, unitPath: member.org.path, unitName: member.org.name, honour: outcome.honour, year: p.year, source: "contest", sourceId: p.eventId, certificateId: cert?.id ?? null },
          });
          await recordEvent(tx, actor, {
            action: "honour.recommended", entityType: "HonourRecommendation", entityId: rec.id, orgId: member.org.id,
            after: { holder: member.name, honour: outcome.honour, year: p.year, contest: p.contest.name, event: p.eventName, rank: row.rank, prize: row.prizeLabel, rule: o.rule, certificate: cert?.number ?? null },
          });
          recommendations += 1;
        } else if (rec.status === "lapsed") {
          rec = await tx.honourRecommendation.update({ where: { id: rec.id }, data: { status: "open", certificateId: cert?.id ?? rec.certificateId } });
          await recordEvent(tx, actor, { action: "honour.recommendation-reopened", entityType: "HonourRecommendation", entityId: rec.id, orgId: rec.unitId, after: { publicationVersion: p.version } });
        } else if (cert && rec.certificateId !== cert.id) {
          rec = await tx.honourRecommendation.update({ where: { id: rec.id }, data: { certificateId: cert.id } });
        }
        if (rec.status === "open" && (await placeRecommendation(tx, rec, actor))) nominations += 1;
      }
    }
  }

  // a re-publication that no longer grants a title or a recommendation
  if (p.version > 1) {
    const earlier = await tx.honour.findMany({ where: { source: "contest", sourceId: { startsWith: `${p.eventId}:` }, revokedAt: null }, select: { id: true, sourceId: true, title: true } });
    for (const h of earlier) {
      if (!titlesNow.has(`${h.sourceId}\u0000${h.title}`)) {
        await revokeHonour(tx, h.id, `成绩重新公示（第 ${p.version} 版）后不再获得该称号 / no longer granted after re-publication`, actor);
      }
    }
    const open = await tx.honourRecommendation.findMany({ where: { source: "contest", sourceId: p.eventId, status: "open" } });
    for (const rec of open) {
      if (recommendationsNow.has(`${rec.memberId}\u0000${rec.honour}`)) continue;
      await tx.honourRecommendation.update({ where: { id: rec.id }, data: { status: "lapsed" } });
      await recordEvent(tx, actor, { action: "honour.recommendation-lapsed", entityType: "HonourRecommendation", entityId: rec.id, orgId: rec.unitId, after: { publicationVersion: p.version } });
    }
  }
  if (titles || recommendations || nominations) {
    await recordEvent(tx, actor, {
      action: "honours.contest-results-fed", entityType: "Publication", entityId: p.publicationId, orgId: p.contest.orgId,
      after: { eventId: p.eventId, version: p.version, titles, recommendations, nominations },
    });
  }
}

onResultsPublished("honours.contest-feed", feedContestResults);

