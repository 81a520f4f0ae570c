import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { badRequest } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { requireFreezeAccess } from "./access.server";
import { publishChange } from "./live.server";
import { refreshBoard } from "./leaderboard.server";

// 封榜 (freeze), as in programming contests: from `frozenAt` (now, or a time set ahead) the
// public board keeps showing the standings of that moment while the committee's live view
// goes on changing; unfreeze (or a publication after the freeze) shows the public the
// current standings again. Stored in ResultBoard; every change is an event.

export type FreezeView = { eventId: string; frozenAt: string | null; publishedAt: string | null };

const viewOf = (row: { eventId: string; frozenAt: Date | null; publishedAt: Date | null }): FreezeView => ({
  eventId: row.eventId,
  frozenAt: row.frozenAt?.toISOString() ?? null,
  publishedAt: row.publishedAt?.toISOString() ?? null,
});

/** Freezes the public board at `at` (default now). A freeze time may not lie in the past by more than a minute. */
export async function freezeBoard(user: SessionUser, eventId: string, input: { at?: Date | null }, actor: Actor): Promise<FreezeView> {
  const event = await requireFreezeAccess(user, eventId);
  const now = new Date();
  const at = input.at ?? now;
  if (at.getTime() < now.getTime() - 60_000) {
    throw badRequest("冻结时间不能早于现在 / the freeze time cannot be in the past", [{ path: "at", message: "冻结时间不能早于现在 / not in the past" }]);
  }
  const row = await db.$transaction(async (tx) => {
    const before = await tx.resultBoard.findUnique({ where: { eventId } });
    const saved = await tx.resultBoard.upsert({ where: { eventId }, create: { eventId, frozenAt: at }, update: { frozenAt: at } });
    await recordEvent(tx, actor, {
      action: "results.frozen", entityType: "ResultBoard", entityId: eventId, orgId: event.contest.orgId,
      before: { frozenAt: before?.frozenAt ?? null }, after: { frozenAt: at },
    });
    return saved;
  });
  await publishChange(eventId, "board");
  await refreshBoard(eventId, "board");
  return viewOf(row);
}

export async function unfreezeBoard(user: SessionUser, eventId: string, actor: Actor): Promise<FreezeView> {
  const event = await requireFreezeAccess(user, eventId);
  const row = await db.$transaction(async (tx) => {
    const before = await tx.resultBoard.findUnique({ where: { eventId } });
    const saved = await tx.resultBoard.upsert({ where: { eventId }, create: { eventId }, update: { frozenAt: null } });
    if (before?.frozenAt) {
      await recordEvent(tx, actor, {
        action: "results.unfrozen", entityType: "ResultBoard", entityId: eventId, orgId: event.contest.orgId,
        before: { frozenAt: before.frozenAt }, after: { frozenAt: null },
      });
    }
    return saved;
  });
  await publishChange(eventId, "board");
  await refreshBoard(eventId, "board");
  return viewOf(row);
}
