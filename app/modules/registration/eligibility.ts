import { SKILL_LEVEL_ORDER, type Eligibility } from "~/modules/contests/event-rules";
import { valueLabel } from "~/utils/messages";

// Pure rules of skills-contest registration (DOMAIN-RULES §5 "Skills-contest
// registration"): who may enter an event, how many a unit may enter, and the
// three-level approval chain of rule S-7. No I/O: plain data in, plain data out.
// Every message is Chinese first, then English, and names the rule it applies.

/** What eligibility is judged on: the member record plus what the entrant declares on the form. */
export type Entrant = {
  employmentStatus: string;
  birthDate: Date;
  sex: string;
  /** the declared level (form or sheet), falling back to the member record's */
  skillLevel: string | null;
  yearsOfService: number | null;
  declaredNoAccident: boolean;
  isFrontline: boolean;
};

/** Full years of age on `day` (calendar dates, UTC). */
export function ageOn(birthDate: Date, day: Date): number {
  let age = day.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    day.getUTCMonth() < birthDate.getUTCMonth() ||
    (day.getUTCMonth() === birthDate.getUTCMonth() && day.getUTCDate() < birthDate.getUTCDate());
  return beforeBirthday ? age - 1 : age;
}

/** Position of a level in SKILL_LEVEL_ORDER (0 = 五级/初级工); 五级, 初级工 and 五级/初级工 all match. -1 if unknown. */
export function skillLevelRank(level: string | null | undefined): number {
  if (!level) return -1;
  const text = level.trim().replace(/[／\\]/g, "/");
  return SKILL_LEVEL_ORDER.findIndex((l) => l === text || l.split("/").includes(text));
}

export const ELIGIBILITY_MESSAGES = {
  employmentStatus: (allowed: readonly string[], actual: string) =>
    `该赛项仅限${allowed.join("、")}参加，您的人员身份为${actual} (rule S-2/S-63) / this event is open to ${allowed.map((s) => `${valueLabel(s, "en")}s`).join(", ")} only; the entrant is a ${valueLabel(actual, "en")}`,
  tooYoung: (min: number, age: number) =>
    `该赛项要求比赛首日年满 ${min} 周岁，届时年龄为 ${age} 周岁 / entrants must be at least ${min} on the contest's first day (age then: ${age})`,
  tooOld: (max: number, age: number) =>
    `该赛项要求比赛首日不超过 ${max} 周岁，届时年龄为 ${age} 周岁 / entrants must be at most ${max} on the contest's first day (age then: ${age})`,
  skillLevelMissing: (min: string) =>
    `该赛项要求技能等级不低于「${min}」，请填写技能等级 (rule S-2) / a skill level of at least ${valueLabel(min, "en")} is required: give the skill level`,
  skillLevelTooLow: (min: string, actual: string) =>
    `该赛项要求技能等级不低于「${min}」，所填等级为「${actual}」(rule S-2) / a skill level of at least ${valueLabel(min, "en")} is required (given: ${valueLabel(actual, "en")})`,
  yearsMissing: (min: number) =>
    `该赛项要求从业年限不少于 ${min} 年，请填写从业年限 / at least ${min} years of service are required: give the years of service`,
  yearsTooFew: (min: number, actual: number) =>
    `该赛项要求从业年限不少于 ${min} 年，所填为 ${actual} 年 / at least ${min} years of service are required (given: ${actual})`,
  declaration: "该赛项要求声明本年度无重大事故 / the event requires a declaration of no serious accident this year",
  frontline: "该赛项仅限一线职工参加 (rule S-2) / this event is open to front-line workers only",
  sex: (sex: string, actual: string) => `该赛项仅限${sex}性参加，人员性别为${actual} / this event is for ${sex === "女" ? "women" : "men"} only`,
} as const;

/**
 * Every reason this entrant may not enter an event with these rules (empty = eligible).
 * Age is taken on the contest's first day (§5: "age" on the registration form).
 */
export function checkEligibility(entrant: Entrant, eligibility: Eligibility, contestStartDate: Date): string[] {
  const reasons: string[] = [];
  // rules S-2, S-63: a 职工组 is for 职工身份 only; students enter their own group.
  if (eligibility.employmentStatuses.length && !(eligibility.employmentStatuses as readonly string[]).includes(entrant.employmentStatus)) {
    reasons.push(ELIGIBILITY_MESSAGES.employmentStatus(eligibility.employmentStatuses, entrant.employmentStatus));
  }
  const age = ageOn(entrant.birthDate, contestStartDate);
  if (eligibility.minAge !== undefined && age < eligibility.minAge) reasons.push(ELIGIBILITY_MESSAGES.tooYoung(eligibility.minAge, age));
  if (eligibility.maxAge !== undefined && age > eligibility.maxAge) reasons.push(ELIGIBILITY_MESSAGES.tooOld(eligibility.maxAge, age));
  if (eligibility.minSkillLevel) {
    const rank = skillLevelRank(entrant.skillLevel);
    if (rank < 0) reasons.push(ELIGIBILITY_MESSAGES.skillLevelMissing(eligibility.minSkillLevel));
    else if (rank < skillLevelRank(eligibility.minSkillLevel)) reasons.push(ELIGIBILITY_MESSAGES.skillLevelTooLow(eligibility.minSkillLevel, SKILL_LEVEL_ORDER[rank]));
  }
  if (eligibility.minYearsOfService !== undefined) {
    if (entrant.yearsOfService === null) reasons.push(ELIGIBILITY_MESSAGES.yearsMissing(eligibility.minYearsOfService));
    else if (entrant.yearsOfService < eligibility.minYearsOfService) reasons.push(ELIGIBILITY_MESSAGES.yearsTooFew(eligibility.minYearsOfService, entrant.yearsOfService));
  }
  if (eligibility.requireNoAccidentDeclaration && !entrant.declaredNoAccident) reasons.push(ELIGIBILITY_MESSAGES.declaration);
  if (eligibility.frontlineOnly && !entrant.isFrontline) reasons.push(ELIGIBILITY_MESSAGES.frontline);
  if (eligibility.sex && entrant.sex !== eligibility.sex) reasons.push(ELIGIBILITY_MESSAGES.sex(eligibility.sex, entrant.sex));
  return reasons;
}

export const quotaMessage = (quota: number, countSoFar: number) =>
  `超出单位名额：每个单位最多报名 ${quota} 人，本单位已报 ${countSoFar} 人 / over the unit quota: at most ${quota} entrants per unit, ${countSoFar} already registered`;

/**
 * Statuses that hold no place in the unit's quota: a withdrawn registration, and a returned one
 * (its place is free for another entrant; resubmitting it needs a free place again).
 */
export const QUOTA_FREE_STATUSES = ["withdrawn", "returned"] as const;
export const holdsQuotaPlace = (status: string) => !(QUOTA_FREE_STATUSES as readonly string[]).includes(status);

/**
 * May a unit that has `countSoFar` registrations holding a place (neither withdrawn nor returned) add `adding` more?
 * A null quota means no limit. Returns the reason when it may not.
 */
export function checkUnitQuota(countSoFar: number, adding: number, quota: number | null | undefined): string | null {
  if (quota === null || quota === undefined) return null;
  return countSoFar + adding > quota ? quotaMessage(quota, countSoFar) : null;
}

// ------------------------------------------------------------------ the approval chain (rule S-7)

/** The entrant's unit → the host (承办单位) → the committee office (组委会办公室), in order. */
export const APPROVAL_STEPS = ["unit", "host", "office"] as const;
export type ApprovalStep = (typeof APPROVAL_STEPS)[number];
export type TrailStep = ApprovalStep | "entrant";
export type Decision = "submitted" | "approved" | "returned" | "resubmitted" | "withdrawn";

export type Status = "pending_unit" | "pending_host" | "pending_office" | "approved" | "returned" | "withdrawn";

/** The status a registration waits in at each step. */
export const PENDING_STATUS: Record<ApprovalStep, Status> = { unit: "pending_unit", host: "pending_host", office: "pending_office" };

/** The step a status waits at, or null when nobody has to act. */
export function waitingStep(status: string): ApprovalStep | null {
  return APPROVAL_STEPS.find((s) => PENDING_STATUS[s] === status) ?? null;
}

export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  pending_unit: { zh: "待单位审核", en: "Awaiting the unit" },
  pending_host: { zh: "待承办单位审核", en: "Awaiting the host" },
  pending_office: { zh: "待组委会办公室审核", en: "Awaiting the committee office" },
  approved: { zh: "已通过", en: "Approved" },
  returned: { zh: "已退回", en: "Returned" },
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
};

export const TRANSITION_MESSAGES = {
  notAtStep: (status: string, step: string) =>
    `该报名当前为「${STATUS_LABELS[status as Status]?.zh ?? status}」，不在「${STEP_LABELS[step as TrailStep]?.zh ?? step}」环节，无法操作 / the registration is not waiting at this step`,
  notReturned: "只有已退回的报名可以修改后重新提交 (rule S-7) / only a returned registration can be resubmitted",
  alreadyWithdrawn: "该报名已撤回 / the registration is already withdrawn",
  reasonRequired: "退回时请填写原因 / give a reason when returning",
} as const;

export const STEP_LABELS: Record<TrailStep, { zh: string; en: string }> = {
  unit: { zh: "所在单位", en: "Entrant's unit" },
  host: { zh: "承办单位", en: "Host" },
  office: { zh: "组委会办公室", en: "Committee office" },
  entrant: { zh: "报名人", en: "Entrant" },
};

export type Transition = { ok: true; status: Status } | { ok: false; reason: string };

/**
 * The S-7 state machine. pending_unit → pending_host → pending_office → approved;
 * any pending step may return (→ returned, with its step and reason); a returned
 * registration is corrected and resubmitted (→ pending_unit, the whole chain again);
 * the entrant (or their unit contact) may withdraw from any state but withdrawn.
 *
 * Withdrawal is allowed even after final approval, as long as the registration window
 * is open ("withdrawal before the window closes", issue 4): the window check is the
 * caller's (it needs the server's clock), this function only knows states.
 */
export function nextStatus(status: string, step: TrailStep, decision: Decision): Transition {
  switch (decision) {
    case "approved":
    case "returned": {
      if (step === "entrant" || waitingStep(status) !== step) return { ok: false, reason: TRANSITION_MESSAGES.notAtStep(status, step) };
      if (decision === "returned") return { ok: true, status: "returned" };
      const next = APPROVAL_STEPS[APPROVAL_STEPS.indexOf(step) + 1];
      return { ok: true, status: next ? PENDING_STATUS[next] : "approved" };
    }
    case "resubmitted":
      return status === "returned" ? { ok: true, status: "pending_unit" } : { ok: false, reason: TRANSITION_MESSAGES.notReturned };
    case "withdrawn":
      return status === "withdrawn" ? { ok: false, reason: TRANSITION_MESSAGES.alreadyWithdrawn } : { ok: true, status: "withdrawn" };
    case "submitted":
      // A first submission (or a new one after a withdrawal) always starts at the unit.
      return status === "withdrawn" || status === "new" ? { ok: true, status: "pending_unit" } : { ok: false, reason: TRANSITION_MESSAGES.notAtStep(status, step) };
  }
}

export type TrailEntry = { step: string; decision: string; byId: string | null };

export const SAME_APPROVER_MESSAGE =
  "同一人不能审核同一报名的两个环节 (rule S-7) / the same person may not approve two steps of one registration";

/**
 * Has `userId` already approved a step of this registration since it was last
 * (re)submitted? The three S-7 levels are three different people: one account may
 * hold several roles, but it signs only one level of a registration.
 */
export function hasApprovedThisRound(trail: readonly TrailEntry[], userId: string): boolean {
  let start = 0;
  trail.forEach((t, i) => { if (t.decision === "submitted" || t.decision === "resubmitted") start = i; });
  return trail.slice(start).some((t) => t.decision === "approved" && t.byId === userId);
}

/** 准考证号: year + 2-digit event sequence + 4-digit serial, e.g. 2026 03 0012 → "2026030012". */
export function formatAdmissionNo(year: number, eventSequence: number, serial: number): string {
  return `${year}${String(eventSequence).padStart(2, "0")}${String(serial).padStart(4, "0")}`;
}

/** Whether the registration window is open at `now` (server time), and why not. */
export function windowProblem(contest: { status: string; registrationOpensAt: Date | null; registrationClosesAt: Date | null }, now: Date): string | null {
  if (contest.status !== "open") return WINDOW_MESSAGES.notOpen;
  if (!contest.registrationOpensAt || now < contest.registrationOpensAt) return WINDOW_MESSAGES.notYet(contest.registrationOpensAt);
  if (!contest.registrationClosesAt || now >= contest.registrationClosesAt) return WINDOW_MESSAGES.closed(contest.registrationClosesAt);
  return null;
}

/** Times in messages are Beijing time (UTC+8, no daylight saving): what entrants read on the notice. */
const stamp = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ") + " 北京时间" : "—");

export const WINDOW_MESSAGES = {
  notOpen: "该竞赛未开放报名 / the contest is not open for registration",
  notYet: (opens: Date | null) => `报名尚未开始（开始时间 ${stamp(opens)}）/ registration has not opened yet (opens ${stamp(opens)})`,
  closed: (closes: Date | null) => `报名已截止（截止时间 ${stamp(closes)}）/ registration closed at ${stamp(closes)}`,
} as const;
