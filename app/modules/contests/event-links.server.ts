import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import type { EventLinkState } from "./event-links";

/** The event's state for this user, so the workbench leaves out links its pages would refuse. */
export async function eventLinkState(user: SessionUser, eventId: string): Promise<EventLinkState> {
  const [board, assignment, registration] = await Promise.all([
    db.resultBoard.findUnique({ where: { eventId }, select: { publishedAt: true } }),
    db.judgeAssignment.findFirst({ where: { eventId, userId: user.id }, select: { id: true } }),
    user.memberId ? db.registration.findFirst({ where: { eventId, memberId: user.memberId, status: { not: "withdrawn" } }, select: { id: true } }) : null,
  ]);
  return {
    published: !!board?.publishedAt,
    assignedJudge: !!assignment,
    // the appeal form's own rule (judging/review/appeals.server.ts): an entrant, or a team leader (unit contact)
    entrantOrLeader: !!registration || hasPermission(user, "registration:unit"),
  };
}
