// Each role's home is a to-do list (issue 12 item 3): what waits for this person, most urgent first,
// each with the page where it is done. Pure: the counts come from home.server.ts.

/** What a task asks for; the i18n key is `home.tasks.<kind>` in app/i18n/common.ts. */
export const TASK_KINDS = [
  "registrationApprovals", // 报名审核: registrations at a step this user signs (rule S-7: unit → host → office)
  "returnedRegistrations", // 报名被退回: the entrant (or the unit contact who sent it) corrects and resubmits
  "sheetsToMark", // 评分: stations of a drawn event this judge has not submitted yet
  "remarkRequests", // 重评: the chief judge asked this judge to mark an aspect again (rule S-24)
  "openFlags", // 分差提示: flagged marks the chief judge has not ruled on (rule S-24)
  "recusalRequests", // 回避申请 waiting for the encryption officer (rule S-30)
  "openAppeals", // 申诉 waiting for the supervision group (rule S-42)
  "reviewSubmissions", // 逐级审核: submissions at a level this user reviews (rule N-30)
  "returnedSubmissions", // submissions returned to this user's unit
  "objectionsToExamine", // 异议 on a notice still to examine (rule N-33)
  "reviewNoticesEnding", // 公示 of a review level ending within a few days (rule N-33)
  "resultNoticesEnding", // 成绩公示 ending soon
] as const;

export type TaskKind = (typeof TASK_KINDS)[number];

export type HomeTask = {
  kind: TaskKind;
  count: number;
  /** where the task is done */
  to: string;
  /** what it is about (an event's or a notice's name), shown beside the count */
  subject: string | null;
  /** YYYY-MM-DD (Beijing) when it must be done by, if it has a date */
  dueOn: string | null;
  /** days from today to dueOn (negative: overdue) */
  daysLeft: number | null;
};

const DAY_MS = 86_400_000;
const utcOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/** Whole days from `today` to `dueOn` (both Beijing dates, YYYY-MM-DD); negative once past. */
export function daysBetween(today: string, dueOn: string): number {
  return Math.round((utcOf(dueOn) - utcOf(today)) / DAY_MS);
}

/** A notice is ending from `withinDays` before its last day until that day; after it, it is over. */
export function endingSoon(endsOn: string, today: string, withinDays = 3): boolean {
  const left = daysBetween(today, endsOn);
  return left >= 0 && left <= withinDays;
}

/**
 * Stations a judge still has to mark: the stations of the sessions they judge, less the sheets they
 * have submitted (or that were locked). Sessions already signed off are not counted (rule S-24).
 */
export function sheetsLeft(input: { stations: number; done: number }): number {
  return Math.max(0, input.stations - input.done);
}

/** A task, or nothing when there is nothing to do. */
export function task(kind: TaskKind, count: number, to: string, extra: { subject?: string | null; dueOn?: string | null; today?: string } = {}): HomeTask | null {
  if (!Number.isFinite(count) || count <= 0) return null;
  const dueOn = extra.dueOn ?? null;
  return { kind, count, to, subject: extra.subject ?? null, dueOn, daysLeft: dueOn && extra.today ? daysBetween(extra.today, dueOn) : null };
}

/** Most urgent first: dated tasks by how soon they fall due, then the rest in the order of TASK_KINDS. */
export function orderTasks(tasks: ReadonlyArray<HomeTask | null>): HomeTask[] {
  const rank = (k: TaskKind) => TASK_KINDS.indexOf(k);
  return tasks
    .filter((t): t is HomeTask => t !== null)
    .sort((a, b) => {
      if ((a.daysLeft === null) !== (b.daysLeft === null)) return a.daysLeft === null ? 1 : -1;
      if (a.daysLeft !== null && b.daysLeft !== null && a.daysLeft !== b.daysLeft) return a.daysLeft - b.daysLeft;
      return rank(a.kind) - rank(b.kind) || b.count - a.count || (a.subject ?? "").localeCompare(b.subject ?? "", "zh");
    });
}

/** Sum of counts per kind (for the summary line). */
export function totalTasks(tasks: readonly HomeTask[]): number {
  return tasks.reduce((sum, t) => sum + t.count, 0);
}
