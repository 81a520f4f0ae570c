// 申诉时限 (appeal window), rule S-42: a written appeal is accepted until the window
// closes — by default 2 hours after the event ends (Contest.appealWindowMinutes, a
// setting, rule S-43 lists other windows). Late appeals are not accepted. The server's
// clock decides, never the client's.

export const DEFAULT_APPEAL_WINDOW_MINUTES = 120;

/** When the window closes, or null when the event has no end time yet (then appeals stay open). */
export function appealDeadline(endsAt: Date | null, windowMinutes: number): Date | null {
  if (!endsAt) return null;
  return new Date(endsAt.getTime() + windowMinutes * 60_000);
}

export type AppealWindowCheck = { open: true; deadline: Date | null } | { open: false; deadline: Date; message: string };

export function checkAppealWindow(now: Date, endsAt: Date | null, windowMinutes: number): AppealWindowCheck {
  const deadline = appealDeadline(endsAt, windowMinutes);
  if (deadline === null || now.getTime() <= deadline.getTime()) return { open: true, deadline };
  return {
    open: false,
    deadline,
    message: `申诉期已过（截止 ${formatDeadline(deadline)}），不再受理 / the appeal window closed at ${deadline.toISOString()} (rule S-42)`,
  };
}

/** Beijing time for people; the ISO form goes into the English half and the API. */
export function formatDeadline(deadline: Date): string {
  const local = new Date(deadline.getTime() + 8 * 3_600_000);
  return `${local.toISOString().slice(0, 16).replace("T", " ")}（北京时间）`;
}
