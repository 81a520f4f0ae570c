// Pure rules of a contest's set-up: date order, whether registration may open, and
// what a copy from an earlier contest (a template) takes over. No I/O.
import { parseMarkingScheme, parseScoringSettings, ScoringInputError, type ScoringIssue } from "~/modules/scoring";
import type { FieldIssue } from "~/utils/errors";

export type ContestDates = {
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
};

/** Dates that contradict each other, each named by its field. */
export function contestDateProblems(c: ContestDates): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const before = (a: Date | null | undefined, b: Date | null | undefined) => a && b && a.getTime() > b.getTime();
  if (before(c.registrationOpensAt, c.registrationClosesAt)) {
    problems.push({ path: "registrationClosesAt", message: "报名截止日期不能早于报名开始日期 / registration cannot close before it opens" });
  }
  if (before(c.startsAt, c.endsAt)) {
    problems.push({ path: "endsAt", message: "比赛结束日期不能早于开始日期 / the contest cannot end before it starts" });
  }
  if (before(c.registrationClosesAt, c.startsAt)) {
    problems.push({ path: "registrationClosesAt", message: "报名须在比赛开始前截止 / registration must close before the contest starts" });
  }
  return problems;
}

export type ReadinessEvent = { id: string; name: string; markingScheme: string; scoringSettings: string };
export type EventWarning = ScoringIssue & { eventId: string; eventName: string };

/**
 * Whether registration may open: the window is set, there is at least one event, and
 * every event's marking scheme passes the scoring engine. Warnings (e.g. theory above
 * 30%, rule S-10) do not block; they are shown to the organiser.
 */
export function registrationReadiness(contest: ContestDates, events: readonly ReadinessEvent[]): { problems: FieldIssue[]; warnings: EventWarning[] } {
  const problems: FieldIssue[] = [];
  const warnings: EventWarning[] = [];
  if (!contest.registrationOpensAt) {
    problems.push({ path: "registrationOpensAt", message: "请先填写报名开始日期 / set the date registration opens" });
  }
  if (!contest.registrationClosesAt) {
    problems.push({ path: "registrationClosesAt", message: "请先填写报名截止日期 / set the date registration closes" });
  }
  problems.push(...contestDateProblems(contest));
  if (events.length === 0) {
    problems.push({ path: "events", message: "至少需要一个赛项 / add at least one event" });
  }
  for (const event of events) {
    const path = `events.${event.id}.markingScheme`;
    try {
      const settings = parseScoringSettings(safeJson(event.scoringSettings, {}));
      const { warnings: found } = parseMarkingScheme(safeJson(event.markingScheme, { components: [] }), settings);
      warnings.push(...found.map((w) => ({ ...w, eventId: event.id, eventName: event.name })));
    } catch (error) {
      if (!(error instanceof ScoringInputError)) throw error;
      const first = error.issues.slice(0, 3).map((i) => i.message).join("；");
      const more = error.issues.length > 3 ? `（另有 ${error.issues.length - 3} 处）` : "";
      problems.push({ path, message: `赛项「${event.name}」的评分标准有误：${first}${more} / the marking scheme of "${event.name}" is not valid` });
    }
  }
  return { problems, warnings };
}

function safeJson(text: string, empty: unknown): unknown {
  try {
    return text ? JSON.parse(text) : empty;
  } catch {
    return empty;
  }
}

// ---------------------------------------------------------------- templates

export type TemplateContest = {
  id: string;
  kind: string;
  level: string;
  contestClass: string;
  hosts: string;
  coHosts: string;
  appealWindowMinutes: number;
  noticeText: string;
  rulesFileId: string | null;
  visibility: string;
  committee: { group: string; name: string; duty: string | null; userId: string | null; sortOrder: number }[];
  events: {
    name: string; trade: string; groupName: string; mode: string; teamSize: number | null; stages: string;
    markingScheme: string; scoringSettings: string; minFieldSize: number; unitQuota: number | null;
    eligibility: string; sortOrder: number;
  }[];
};

/**
 * What a new contest takes from an earlier one: the contest's fields (the caller's
 * own values win), its committee, and its events with their schemes, settings,
 * eligibility and stages. Dates start blank, the status starts as a draft; results,
 * registrations, sessions and draws belong to the old contest and are not copied.
 */
export function copyFromTemplate(template: TemplateContest) {
  return {
    contest: {
      kind: template.kind,
      level: template.level,
      contestClass: template.contestClass,
      hosts: template.hosts,
      coHosts: template.coHosts,
      appealWindowMinutes: template.appealWindowMinutes,
      noticeText: template.noticeText,
      rulesFileId: template.rulesFileId,
      visibility: template.visibility,
      registrationOpensAt: null,
      registrationClosesAt: null,
      startsAt: null,
      endsAt: null,
      status: "draft",
      templateId: template.id,
    },
    committee: template.committee.map(({ group, name, duty, userId, sortOrder }) => ({ group, name, duty, userId, sortOrder })),
    events: template.events.map((e) => ({
      name: e.name, trade: e.trade, groupName: e.groupName, mode: e.mode, teamSize: e.teamSize, stages: e.stages,
      markingScheme: e.markingScheme, scoringSettings: e.scoringSettings, minFieldSize: e.minFieldSize,
      unitQuota: e.unitQuota, eligibility: e.eligibility, sortOrder: e.sortOrder,
    })),
  };
}
