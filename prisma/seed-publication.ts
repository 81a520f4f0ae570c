// Demo data for results publication (issue 6 part B): the finished 2025 contest's welding
// event (seed-contests.ts) gets 24 entrants drawn into one session, marks from the demo
// judges, theory scores, the chief judge's sign-off, a passed re-check, layered decryption,
// and then its publication (成绩公示, version 1) with certificates for the prize winners.
// The demo `worker` is the top entrant, so /my-results shows a 一等奖 with a certificate
// to download and verify. Idempotent: nothing is added once the event has entrants, and
// it is published only once. Called from prisma/seed.ts after the contests seed.
import { db } from "~/utils/db.server";
import { demoDraw, pad2 } from "./seed-draw";
import { loadUserForToken } from "~/utils/auth.server";
import { parseMarkingScheme, parseScoringSettings } from "~/modules/scoring";
import { publishResults } from "~/modules/results/publication.server";

export const PUBLICATION_DEMO = { eventId: "ev-hz-2025-weld", entrants: 24, prefix: "pubdemo" } as const;

const readJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
};

export async function seedPublicationDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  const event = await db.contestEvent.findUnique({ where: { id: PUBLICATION_DEMO.eventId }, include: { contest: true } });
  const [worker, judge, judge2, chief, encryptor, organiser] = await Promise.all(
    ["worker", "judge", "judge2", "chief_judge", "encryptor", "organiser"].map(async (u) => (await db.user.findUnique({ where: { username: u }, select: { id: true, memberId: true } }))),
  );
  if (!event || !worker?.memberId || !judge || !judge2 || !chief || !encryptor || !organiser) return log("seed-publication: demo contest or accounts missing, skipped");
  if (await db.resultBoard.findFirst({ where: { eventId: event.id, publishedAt: { not: null } } })) return;

  if ((await db.registration.count({ where: { eventId: event.id } })) === 0) {
    const settings = parseScoringSettings(readJson(event.scoringSettings));
    const { scheme } = parseMarkingScheme(readJson(event.markingScheme), settings);
    const theoryIds = new Set(scheme.aspects.filter((a) => scheme.components[a.componentIndex].kind === "theory").map((a) => a.id));
    const hostPath = (await db.organisation.findUniqueOrThrow({ where: { id: event.contest.orgId }, select: { path: true } })).path;
    const others = await db.member.findMany({
      where: { employmentStatus: "职工", id: { not: worker.memberId }, org: { path: { startsWith: hostPath } } },
      orderBy: { idNumberHash: "asc" },
      take: PUBLICATION_DEMO.entrants - 1,
      select: { id: true, org: { select: { id: true, type: true, parentId: true } } },
    });
    const workerMember = await db.member.findUniqueOrThrow({ where: { id: worker.memberId }, select: { id: true, org: { select: { id: true, type: true, parentId: true } } } });
    const entrants = [workerMember, ...others].map((m) => ({ memberId: m.id, unitId: m.org.type === "team" && m.org.parentId ? m.org.parentId : m.org.id }));
    const drawnAt = event.contest.startsAt ?? new Date();
    const p = PUBLICATION_DEMO.prefix;
    // 代表队 (rule S-2 团体奖): each unit with at least three entrants sends a team of its first three.
    const unitNames = new Map(
      (await db.organisation.findMany({ where: { id: { in: [...new Set(entrants.map((e) => e.unitId))] } }, select: { id: true, name: true, shortName: true } }))
        .map((o) => [o.id, (o.shortName ?? o.name).replace(/工会$/, "")]),
    );
    const teamOf = new Map<number, { id: string; unitId: string; name: string }>();
    for (const unitId of new Set(entrants.map((e) => e.unitId))) {
      const members = entrants.flatMap((e, i) => (e.unitId === unitId ? [i] : [])).slice(0, 3);
      if (members.length < 3) continue;
      const team = { id: `${p}-team-${teamOf.size / 3 + 1}`, unitId, name: `${unitNames.get(unitId) ?? unitId}代表队` };
      for (const i of members) teamOf.set(i, team);
    }
    await db.$transaction(async (tx) => {
      for (const team of new Map([...teamOf.values()].map((t) => [t.id, t])).values()) {
        await tx.team.create({ data: { id: team.id, eventId: event.id, unitId: team.unitId, name: team.name } });
      }
      const session = await tx.contestSession.create({ data: { id: `${p}-session`, eventId: event.id, name: "决赛第一场", place: "杭州技师学院焊接实训中心", stationCount: entrants.length, startsAt: drawnAt } });
      const places = demoDraw(event.id, entrants.length);
      for (const [i, e] of entrants.entries()) {
        const n = String(i + 1).padStart(2, "0");
        const { orderNo, stationNo } = places[i];
        const registration = await tx.registration.create({
          data: { id: `${p}-reg-${n}`, eventId: event.id, memberId: e.memberId, unitId: e.unitId, teamId: teamOf.get(i)?.id ?? null, status: "approved", admissionNo: `HZ2025-WELD-${n}`, checkedInAt: drawnAt },
        });
        const code = await tx.blindCode.create({
          data: { id: `${p}-code-${n}`, eventId: event.id, registrationId: registration.id, entryNo: `0${pad2(orderNo)}`, orderNo, sessionId: session.id, stationNo, stationCode: `H${pad2(stationNo)}` },
        });
        for (const j of [judge, judge2, chief]) {
          const sheet = await tx.scoreSheet.create({ data: { eventId: event.id, judgeId: j.id, blindCodeId: code.id, status: "locked", submittedAt: drawnAt, signatureName: "签" } });
          for (const aspect of scheme.aspects) {
            if (theoryIds.has(aspect.id)) continue;
            // measurement aspects within tolerance (full marks); judgement aspects fall with the place
            const value = aspect.kind === "measurement" ? aspect.max : Math.round((aspect.max * (96 - 1.5 * i)) / 100 / 50) * 50;
            await tx.mark.create({ data: { sheetId: sheet.id, eventId: event.id, blindCodeId: code.id, judgeId: j.id, aspectId: aspect.id, value, enteredAt: drawnAt } });
          }
        }
        await tx.theoryScore.create({ data: { eventId: event.id, registrationId: registration.id, value: 9600 - i * 120, source: "import" } });
      }
      await tx.signOff.create({ data: { eventId: event.id, byId: chief.id, signatureName: "王国栋", at: drawnAt } });
      await tx.recheck.create({ data: { eventId: event.id, seed: "demo", topN: 10, sampleBp: 1500, drawnById: chief.id, status: "passed" } });
      for (const layer of [2, 1]) await tx.decryptionStep.create({ data: { eventId: event.id, layer, byId: encryptor.id, witnessName: "吴明" } });
      await tx.contestEvent.update({ where: { id: event.id }, data: { drawnAt, decryptedAt: new Date() } });
    }, { timeout: 60_000 }); // a few hundred marks: more than the default 5 s on a busy machine
    log(`seed-publication: ${entrants.length} entrants marked, signed off and decrypted in ${event.name}`);
  }

  const user = await loadUserForToken(organiser.id, "seed");
  if (!user) return;
  try {
    const published = await publishResults(user, event.id, { noticeDays: 5 }, { userId: organiser.id, requestId: null });
    log(`seed-publication: ${event.name} published (version ${published.version}, ${published.certificates.issued.length} certificates)`);
  } catch (error) {
    log(`seed-publication: ${event.name} not published: ${error instanceof Error ? error.message : String(error)}`);
  }
}
