// The lifecycle of a contest and of each of its events (issue 12): 筹备 → 报名中 → 报名截止 →
// 抽签 → 比赛中 → 评分完成 → 公示中 → 已发布 → 归档. The stage is read from the facts (contest
// status and registration window, draw, marks, sign-off, publication, notice period), never stored
// apart from them, so pages and API can never disagree. Each step has its guard: no draw while
// registration is open, no registration after the close (rule S-7), no publication before the
// chief judge's sign-off (rule S-24). Pure: no I/O.

export const STAGES = [
  "preparing", "registration", "registration_closed", "drawn", "in_progress", "marked", "notice", "published", "archived",
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  preparing: { zh: "筹备", en: "Preparing" },
  registration: { zh: "报名中", en: "Registration open" },
  registration_closed: { zh: "报名截止", en: "Registration closed" },
  drawn: { zh: "抽签", en: "Drawn" },
  in_progress: { zh: "比赛中", en: "In progress" },
  marked: { zh: "评分完成", en: "Marking complete" },
  notice: { zh: "公示中", en: "Results on notice" },
  published: { zh: "已发布", en: "Published" },
  archived: { zh: "归档", en: "Archived" },
};

export type ContestFacts = {
  /** draft | open | closed | running | finished (finished is archived) */
  status: string;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
};

export type EventFacts = {
  drawnAt: Date | null;
  /** any mark or theory score entered */
  marked: boolean;
  /** every session signed off, or the whole event (rule S-24) */
  signedOff: boolean;
  publishedAt: Date | null;
  noticeEndsAt: Date | null;
};

/** Registrations are accepted now: the contest is open and the clock is inside the window. */
export function registrationIsOpen(contest: ContestFacts, now: Date): boolean {
  return contest.status === "open" && !!contest.registrationOpensAt && !!contest.registrationClosesAt
    && contest.registrationOpensAt <= now && now < contest.registrationClosesAt;
}

/** The stage the contest itself is at before its events take over (or when it has none). */
function contestOwnStage(contest: ContestFacts, now: Date): Stage {
  if (contest.status === "finished") return "archived";
  if (contest.status === "draft") return "preparing";
  if (contest.status === "open" && contest.registrationOpensAt && now < contest.registrationOpensAt) return "preparing";
  if (registrationIsOpen(contest, now)) return "registration";
  return "registration_closed";
}

export function eventStage(contest: ContestFacts, event: EventFacts, now: Date): Stage {
  const own = contestOwnStage(contest, now);
  if (own === "archived" || own === "preparing" || own === "registration") return own;
  if (event.publishedAt) return event.noticeEndsAt && now < event.noticeEndsAt ? "notice" : "published";
  if (event.signedOff) return "marked";
  if (event.marked || contest.status === "running") return event.drawnAt ? "in_progress" : "registration_closed";
  if (event.drawnAt) return "drawn";
  return "registration_closed";
}

/** A contest is as far as its least advanced event (its own stage when it has none). */
export function contestStage(contest: ContestFacts, events: readonly EventFacts[], now: Date): Stage {
  const own = contestOwnStage(contest, now);
  if (own === "archived" || own === "preparing" || own === "registration" || events.length === 0) return own;
  return events.map((e) => eventStage(contest, e, now)).reduce((a, b) => (STAGES.indexOf(a) <= STAGES.indexOf(b) ? a : b));
}

export type LifecycleAction = "register" | "draw" | "publish" | "archive";

/** Why `action` is not allowed at `stage` (Chinese first), or null when it is. */
export function lifecycleRefusal(action: LifecycleAction, stage: Stage): string | null {
  const at = STAGES.indexOf(stage);
  switch (action) {
    case "register":
      if (stage === "registration") return null;
      return at < STAGES.indexOf("registration")
        ? "报名尚未开始 / registration has not opened"
        : "报名已截止，不能再报名 / registration has closed: no late entries";
    case "draw":
      if (stage === "preparing" || stage === "registration") return "报名尚未截止，不能抽签：请先截止报名 / registration is still open: close it before the draw";
      if (at > STAGES.indexOf("drawn")) return "比赛已开始，不能抽签 / the contest has started: no draw";
      return null;
    case "publish":
      if (at < STAGES.indexOf("marked")) return "裁判长尚未签字确认成绩，不能公示 / the chief judge has not signed off the scores: no publication";
      if (stage === "archived") return "竞赛已归档 / the contest is archived";
      return null;
    case "archive":
      return stage === "published" ? null : "全部赛项公示期满、成绩发布后才能归档 / archive only after every event's results are published and the notice period is over";
  }
}

/** What the organiser does next at this stage: an i18n key under `lifecycle.next`. */
export function nextStep(stage: Stage): string {
  return `lifecycle.next.${stage}`;
}

// ---------------------------------------------------------------- stage prompts (issue 12 item 2)

/** The step that moves a contest or event on from `stage`, who takes it, and where. */
export type StagePrompt = {
  /** i18n key under lifecycle.actions */
  action: string;
  /** the page where the step is taken; null when it happens elsewhere (on each event) */
  href: string | null;
  /** the permission the person who takes the step holds (the server checks it again there) */
  permission: "contest:manage" | "judging:encrypt" | "judging:score" | "judging:chief" | "registration:unit";
  /** the guard that stops the step after this one now, Chinese first (e.g. no draw while registration is open) */
  blocked: string | null;
  /** a step others take at the same stage (unit contacts register their entrants while registration is open) */
  also?: { action: string; href: string; permission: "registration:unit" };
};

/**
 * The next step at `stage` for a contest (eventId absent) or one event. Pure: the page decides
 * from the viewer's grants whether to show it as a button or only as text.
 */
export function stagePrompt(stage: Stage, ids: { contestId: string; eventId?: string }): StagePrompt | null {
  const contestPage = `/contests/${ids.contestId}`;
  const event = ids.eventId;
  switch (stage) {
    case "preparing":
      return { action: "openRegistration", href: contestPage, permission: "contest:manage", blocked: lifecycleRefusal("register", stage) };
    case "registration":
      return {
        action: "closeRegistration", href: contestPage, permission: "contest:manage", blocked: lifecycleRefusal("draw", stage),
        also: { action: "registerUnit", href: "/registrations/unit", permission: "registration:unit" },
      };
    case "registration_closed":
      return { action: "draw", href: event ? `/events/${event}/draw` : null, permission: "judging:encrypt", blocked: lifecycleRefusal("register", stage) };
    case "drawn":
    case "in_progress":
      return { action: stage === "drawn" ? "mark" : "signOff", href: event ? (stage === "drawn" ? `/judging` : `/events/${event}/console`) : null,
        permission: stage === "drawn" ? "judging:score" : "judging:chief", blocked: lifecycleRefusal("publish", stage) };
    case "marked":
      return { action: "publish", href: event ? `/events/${event}/publication` : null, permission: "contest:manage", blocked: null };
    case "notice":
      return { action: "awaitNotice", href: event ? `/events/${event}/publication` : null, permission: "contest:manage", blocked: lifecycleRefusal("archive", stage) };
    case "published":
      return { action: "archive", href: contestPage, permission: "contest:manage", blocked: null };
    case "archived":
      return null;
  }
}
