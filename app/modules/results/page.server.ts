import { redirect } from "@remix-run/node";
import type { SessionUser } from "~/utils/auth.server";
import { isAppError } from "~/utils/errors";
import { asResponse } from "~/utils/http.server";
import type { BoardView } from "./board";
import { canFreeze, canSeeLive, requireBoardAccess } from "./access.server";
import { getBoard } from "./leaderboard.server";

// What the board pages' loaders share: the view from ?view=, the access check (a members-only
// board sends an anonymous visitor to sign in), and the prebuilt board JSON as a string (the
// page parses it; the server never re-serialises the rows).

export async function boardPageAccess(request: Request, user: SessionUser | null, eventId: string) {
  const url = new URL(request.url);
  const view: BoardView = url.searchParams.get("view") === "live" ? "live" : "public";
  let event;
  try {
    event = await requireBoardAccess(user, eventId, view);
  } catch (error) {
    if (isAppError(error) && error.status === 401) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    asResponse(error);
  }
  const board = await getBoard(eventId, view);
  return {
    boardJson: board.json,
    eventName: event.name,
    view,
    canLive: canSeeLive(user, event),
    canFreeze: canFreeze(user, event),
    isTeam: event.mode === "team",
  };
}

/** A datetime-local value ("2026-05-01T10:30") read as Beijing time; empty means now. */
export function parseFreezeTime(value: string): Date | null {
  const v = value.trim();
  if (!v) return null;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(v);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}${match[3] ?? ":00"}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}
