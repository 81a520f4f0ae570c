import { db } from "~/utils/db.server";
import { fullySignedOff } from "~/modules/judging/review/review-event.server";
import { contestStage, eventStage, STAGE_LABELS, type ContestFacts, type EventFacts, type Stage } from "./lifecycle";

// Reads the facts the lifecycle (lifecycle.ts) is computed from, for many contests at once:
// the contest's status and window, each event's draw, marks, sign-offs and publication.

export type StageView = { stage: Stage; label: string; labelEn: string };
const view = (stage: Stage): StageView => ({ stage, label: STAGE_LABELS[stage].zh, labelEn: STAGE_LABELS[stage].en });

export type ContestLifecycle = StageView & { events: Record<string, StageView> };

export async function lifecycleOf(contestIds: readonly string[], now = new Date()): Promise<Map<string, ContestLifecycle>> {
  if (contestIds.length === 0) return new Map();
  const contests = await db.contest.findMany({
    where: { id: { in: [...contestIds] } },
    select: { id: true, status: true, registrationOpensAt: true, registrationClosesAt: true, events: { select: { id: true, drawnAt: true, sessions: { select: { id: true } } } } },
  });
  const eventIds = contests.flatMap((c) => c.events.map((e) => e.id));
  const [marks, theory, signOffs, boards] = eventIds.length
    ? await Promise.all([
        db.mark.groupBy({ by: ["eventId"], where: { eventId: { in: eventIds } }, _count: { _all: true } }),
        db.theoryScore.groupBy({ by: ["eventId"], where: { eventId: { in: eventIds } }, _count: { _all: true } }),
        db.signOff.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true, sessionId: true } }),
        db.resultBoard.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true, publishedAt: true, noticeEndsAt: true } }),
      ])
    : [[], [], [], []];
  const marked = new Set([...marks, ...theory].map((m) => m.eventId));
  const board = new Map(boards.map((b) => [b.eventId, b]));
  const result = new Map<string, ContestLifecycle>();
  for (const c of contests) {
    const facts: ContestFacts = { status: c.status, registrationOpensAt: c.registrationOpensAt, registrationClosesAt: c.registrationClosesAt };
    const eventFacts = c.events.map((e): [string, EventFacts] => [e.id, {
      drawnAt: e.drawnAt,
      marked: marked.has(e.id),
      signedOff: fullySignedOff(signOffs.filter((s) => s.eventId === e.id), e.sessions.map((s) => s.id)),
      publishedAt: board.get(e.id)?.publishedAt ?? null,
      noticeEndsAt: board.get(e.id)?.noticeEndsAt ?? null,
    }]);
    result.set(c.id, {
      ...view(contestStage(facts, eventFacts.map(([, f]) => f), now)),
      events: Object.fromEntries(eventFacts.map(([id, f]) => [id, view(eventStage(facts, f, now))])),
    });
  }
  return result;
}

/** The stage of one event (and its contest). */
export async function eventLifecycle(eventId: string, now = new Date()) {
  const event = await db.contestEvent.findUnique({ where: { id: eventId }, select: { contestId: true } });
  if (!event) return null;
  const contest = (await lifecycleOf([event.contestId], now)).get(event.contestId)!;
  return { contest: { stage: contest.stage, label: contest.label, labelEn: contest.labelEn }, event: contest.events[eventId] };
}
