import { db } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import type { PermissionKey } from "~/modules/users/roles";
import { beijingDate } from "~/modules/calendar/working-days";
import { listReviewQueue } from "~/modules/registration/registration.server";
import { countOpenFlags, openRemarkRequestsFor } from "~/modules/judging/review/console.server";
import { listQueue, reviewsAnything } from "~/modules/review-chain/review-chain.server";
import { listNotices } from "~/modules/review-chain/notices.server";
import { logger } from "~/utils/logger.server";
import { endingSoon, orderTasks, sheetsLeft, task, type HomeTask } from "./tasks";

// The signed-in user's to-do list (issue 12 item 3). Each source reads only what the user may act on,
// through the same scope rules as the page the task links to (organisation subtree, committee seat,
// judge assignment), and shows only counts and event or notice names: never who holds a station code
// (rule S-34).

/** Events in the subtrees where the user holds the permission (contest's organisation). */
function eventsInScope(user: SessionUser, permission: PermissionKey) {
  const paths = userScope(user, permission);
  if (!paths.length) return null;
  return { contest: { OR: paths.map((p) => ({ org: { path: { startsWith: p } } })) } };
}

const eventLabel = (e: { name: string; contest: { name: string } }) => `${e.contest.name} · ${e.name}`;
const eventSelect = { id: true, name: true, contestId: true, contest: { select: { name: true } } } as const;

/** rule S-7: registrations waiting at a step this user signs (unit, host, committee office). */
async function registrationApprovals(user: SessionUser) {
  const queue = await listReviewQueue(user);
  return [task("registrationApprovals", queue.length, "/registrations/review")];
}

/** The user's own registrations (or those they submitted for a unit) sent back for a correction. */
async function returnedRegistrations(user: SessionUser) {
  const or: object[] = [{ submittedById: user.id }];
  if (user.memberId) or.push({ memberId: user.memberId });
  const rows = await db.registration.findMany({ where: { status: "returned", OR: or }, select: { id: true, event: { select: eventSelect } }, take: 50 });
  return rows.map((r) => task("returnedRegistrations", 1, `/registrations/${r.id}`, { subject: eventLabel(r.event) }));
}

/** Stations of drawn events this judge has not submitted, outside signed-off sessions (rule S-24). */
async function sheetsToMark(user: SessionUser) {
  const assignments = await db.judgeAssignment.findMany({ where: { userId: user.id, role: "judge" }, select: { eventId: true, sessionId: true } });
  if (!assignments.length) return [];
  const events = await db.contestEvent.findMany({ where: { id: { in: [...new Set(assignments.map((a) => a.eventId))] }, drawnAt: { not: null } }, select: eventSelect });
  return Promise.all(events.map(async (event) => {
    const mine = assignments.filter((a) => a.eventId === event.id);
    const signOffs = await db.signOff.findMany({ where: { eventId: event.id }, select: { sessionId: true } });
    if (signOffs.some((s) => s.sessionId === null)) return null;
    const closed = signOffs.map((s) => s.sessionId!);
    const sessionFilter = mine.some((a) => a.sessionId === null) ? {} : { sessionId: { in: mine.map((a) => a.sessionId!) } };
    const codes = await db.blindCode.findMany({ where: { eventId: event.id, ...sessionFilter, NOT: { sessionId: { in: closed } } }, select: { id: true } });
    // NOT { in: [...] } drops null sessions on some databases: add them back when the judge marks every session.
    const unsessioned = mine.some((a) => a.sessionId === null) ? await db.blindCode.findMany({ where: { eventId: event.id, sessionId: null }, select: { id: true } }) : [];
    const ids = [...new Set([...codes, ...unsessioned].map((c) => c.id))];
    const done = ids.length ? await db.scoreSheet.count({ where: { eventId: event.id, judgeId: user.id, status: { in: ["submitted", "locked"] }, blindCodeId: { in: ids } } }) : 0;
    return task("sheetsToMark", sheetsLeft({ stations: ids.length, done }), `/judging/${event.id}`, { subject: eventLabel(event) });
  }));
}

/** rule S-24: the chief judge asked this judge to mark an aspect again. */
async function remarkRequests(user: SessionUser) {
  const open = await openRemarkRequestsFor(user.id);
  if (!open.length) return [];
  const events = await db.contestEvent.findMany({ where: { id: { in: [...new Set(open.map((r) => r.eventId))] } }, select: eventSelect });
  return events.map((e) => task("remarkRequests", open.filter((r) => r.eventId === e.id).length, `/judging/${e.id}`, { subject: eventLabel(e) }));
}

/** rule S-24: discrepancy flags the chief judge has not ruled on, per drawn event not yet signed off. */
async function openFlags(user: SessionUser) {
  const scope = eventsInScope(user, "judging:chief");
  if (!scope) return [];
  const events = await db.contestEvent.findMany({
    where: { ...scope, drawnAt: { not: null }, decryptedAt: null },
    select: eventSelect, orderBy: { drawnAt: "desc" }, take: 20,
  });
  const wholeSignOffs = await db.signOff.findMany({ where: { eventId: { in: events.map((e) => e.id) }, sessionId: null }, select: { eventId: true } });
  const open = events.filter((e) => !wholeSignOffs.some((s) => s.eventId === e.id));
  return Promise.all(open.map(async (e) => {
    try {
      return task("openFlags", await countOpenFlags(e.id), `/events/${e.id}/console`, { subject: eventLabel(e) });
    } catch (error) {
      // An event whose scheme cannot be scored yet has no flags to rule on; its console says why.
      logger.warn("home: flags not counted", { eventId: e.id, err: String(error) });
      return null;
    }
  }));
}

/** Per event, rows waiting in the user's scope: recusal requests (S-30), appeals (S-42). */
async function perEventQueue(user: SessionUser, permission: PermissionKey, rows: { eventId: string }[], kind: "recusalRequests" | "openAppeals", page: string) {
  if (!rows.length) return [];
  const scope = eventsInScope(user, permission);
  if (!scope) return [];
  const events = await db.contestEvent.findMany({ where: { ...scope, id: { in: [...new Set(rows.map((r) => r.eventId))] } }, select: eventSelect });
  return events.map((e) => task(kind, rows.filter((r) => r.eventId === e.id).length, `/events/${e.id}/${page}`, { subject: eventLabel(e) }));
}

/** rule N-30: submissions at a level this user reviews; and the user's units' returned ones. */
async function reviewChain(user: SessionUser) {
  if (!reviewsAnything(user)) return [];
  const { toReview, returned } = await listQueue(user);
  return [task("reviewSubmissions", toReview.length, "/reviews"), task("returnedSubmissions", returned.length, "/reviews")];
}

/** rule N-33: notices this user runs that end within three days, and objections still to examine. */
async function reviewNotices(user: SessionUser, today: string) {
  if (!(["award:manage", "award:review"] as const).some((p) => hasPermission(user, p))) return [];
  const notices = await listNotices(user);
  if (!notices.length) return [];
  const objections = await db.noticeObjection.groupBy({
    by: ["noticeId"], where: { noticeId: { in: notices.map((n) => n.id) }, toExamine: true, status: { not: "closed" } }, _count: { _all: true },
  });
  return [
    ...notices.filter((n) => n.status === "open" && endingSoon(n.endsOn, today)).map((n) => task("reviewNoticesEnding", 1, `/review-notices/${n.id}`, { subject: n.title, dueOn: n.endsOn, today })),
    ...objections.map((o) => task("objectionsToExamine", o._count._all, `/review-notices/${o.noticeId}`, { subject: notices.find((n) => n.id === o.noticeId)?.title ?? null })),
  ];
}

/** 成绩公示 of events this user organises that end within three days. */
async function resultNotices(user: SessionUser, now: Date, today: string) {
  const scope = eventsInScope(user, "contest:manage");
  if (!scope) return [];
  const boards = await db.resultBoard.findMany({ where: { noticeEndsAt: { gte: now, lte: new Date(now.getTime() + 4 * 86_400_000) } }, select: { eventId: true, noticeEndsAt: true } });
  if (!boards.length) return [];
  const events = await db.contestEvent.findMany({ where: { ...scope, id: { in: boards.map((b) => b.eventId) } }, select: eventSelect });
  return events.map((e) => {
    const endsOn = beijingDate(boards.find((b) => b.eventId === e.id)!.noticeEndsAt!);
    return endingSoon(endsOn, today) ? task("resultNoticesEnding", 1, `/events/${e.id}/publication`, { subject: eventLabel(e), dueOn: endsOn, today }) : null;
  });
}

/** Everything waiting for this user, most urgent first. */
export async function loadHomeTasks(user: SessionUser, now = new Date()): Promise<HomeTask[]> {
  const today = beijingDate(now);
  const [recusals, appeals] = await Promise.all([
    userScope(user, "judging:encrypt").length ? db.recusalRequest.findMany({ where: { status: "open" }, select: { eventId: true } }) : [],
    userScope(user, "judging:supervise").length ? db.appeal.findMany({ where: { status: "pending" }, select: { eventId: true } }) : [],
  ]);
  const parts = await Promise.all([
    registrationApprovals(user),
    returnedRegistrations(user),
    sheetsToMark(user),
    remarkRequests(user),
    openFlags(user),
    perEventQueue(user, "judging:encrypt", recusals, "recusalRequests", "recusals"),
    perEventQueue(user, "judging:supervise", appeals, "openAppeals", "appeals"),
    reviewChain(user),
    reviewNotices(user, today),
    resultNotices(user, now, today),
  ]);
  return orderTasks(parts.flat());
}
