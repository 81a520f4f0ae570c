import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, forbidden, notFound, unauthorized } from "~/utils/errors";
import type { PermissionKey } from "~/modules/users/roles";
import type { BoardView } from "./board";
import { loadEventMeta, type EventMeta } from "./event-results.server";

// Who may follow which board.
//
//   public view   contest.visibility "public": anyone, signed in or not;
//                 "members": signed-in members of the contest's union — a user holding
//                 contest:read over it, or whose own unit (member record or grants) lies inside
//                 its subtree. Never for a draft contest.
//   live view     the committee: contest:manage, judging:score, judging:chief or
//                 judging:supervise over the contest's organisation. Ignores the freeze.
//   freeze        contest:manage or judging:chief over the contest's organisation.
// Identity on the boards follows board.ts identityShown (codes until decryption / publication).

const LIVE_PERMISSIONS: PermissionKey[] = ["contest:manage", "judging:chief", "judging:score", "judging:supervise"];
const FREEZE_PERMISSIONS: PermissionKey[] = ["contest:manage", "judging:chief"];

const holdsAny = (user: SessionUser | null, permissions: PermissionKey[], orgPath: string) =>
  !!user && permissions.some((p) => hasPermission(user, p, orgPath));

export const canSeeLive = (user: SessionUser | null, event: EventMeta) => holdsAny(user, LIVE_PERMISSIONS, event.contest.org.path);
export const canFreeze = (user: SessionUser | null, event: EventMeta) => holdsAny(user, FREEZE_PERMISSIONS, event.contest.org.path);

async function isMemberOf(user: SessionUser, orgPath: string): Promise<boolean> {
  if (hasPermission(user, "contest:read", orgPath)) return true;
  const paths = user.grants.map((g) => g.orgPath);
  if (user.memberId) {
    const member = await db.member.findUnique({ where: { id: user.memberId }, select: { org: { select: { path: true } } } });
    if (member) paths.push(member.org.path);
  }
  return paths.some((p) => p.startsWith(orgPath));
}

export async function canSeePublic(user: SessionUser | null, event: EventMeta): Promise<boolean> {
  if (canSeeLive(user, event)) return true;
  if (event.contest.status === "draft") return false;
  if (event.contest.visibility === "public") return true;
  return !!user && (await isMemberOf(user, event.contest.org.path));
}

/**
 * Loads the event and checks that `user` may see `view`. Throws 404 (no such event, or a
 * draft contest the user cannot see), 401 (members-only board, not signed in) or 403.
 */
export async function requireBoardAccess(user: SessionUser | null, eventId: string, view: BoardView): Promise<EventMeta> {
  const event = await loadEventMeta(eventId);
  if (view === "live") {
    if (!user) throw unauthorized();
    if (!canSeeLive(user, event)) throw forbidden("实时榜仅限组委会与裁判查看 / the live board is for the committee and judges only");
    return event;
  }
  if (await canSeePublic(user, event)) return event;
  if (event.contest.status === "draft") throw notFound("找不到该赛项 / event not found");
  if (!user) throw unauthorized("本竞赛的排行榜仅限会员查看，请先登录 / this contest's boards are for members only: please sign in");
  throw forbidden("本竞赛的排行榜仅限本系统会员查看 / this contest's boards are for its members only");
}

export async function requireFreezeAccess(user: SessionUser, eventId: string): Promise<EventMeta> {
  const event = await loadEventMeta(eventId);
  if (!canFreeze(user, event)) throw new AppError(403, "forbidden", "只有组织者或裁判长可以冻结排行榜 / only the organiser or the chief judge may freeze the board");
  return event;
}
