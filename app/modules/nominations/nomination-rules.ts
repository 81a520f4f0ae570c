import { AWARDS, FORM_LIMITS, type AwardKey } from "./domain";

// What a nomination must hold (DOMAIN-RULES §5) and when (rules N-31, N-32, N-38), pure.
// `formProblems` runs on every save; `submitProblems` before the form goes up the chain.

export type Problem = { field: string; message: string };

export const NOMINATION_MESSAGES = {
  oneCategory: "人员类别必须且只能选择一项 / choose exactly one category",
  noCategoryForCollective: "集体推荐对象不填人员类别 / a collective has no personal category",
  awardKind: (award: string, kind: string) => `「${award}」只能推荐${kind === "individual" ? "个人" : "集体"} / ${award} goes to ${kind === "individual" ? "persons" : "collectives"}`,
  nameRequired: "请填写姓名或集体名称 / give the name",
  cadreCategory: "县处级干部须注明职级 / give the cadre's rank",
  deedsShortRequired: "请填写简要事迹（不超过 500 字）/ give the short deeds (≤ 500 characters)",
  congressMissing: "请录入职工（代表）大会讨论通过的情况：日期、到会人数、赞成和反对票 / record the workers' congress decision: date, present, for, against",
  congressVotes: "赞成票与反对票之和不能超过到会人数 / for + against cannot exceed those present",
  congressMajority: "职工（代表）大会赞成票未过到会人数的半数 / the congress vote has no majority of those present",
  pollMissing: "党政领导干部须有民意测评结果 / a leader needs the opinion poll",
  pollTooLow: (pct: number, min: number) => `民意测评赞成率 ${pct}% ，低于 ${min}% 的要求 / the opinion poll shows ${pct}%, below ${min}%`,
  pollVotes: "测评赞成人数不能超过参加人数 / more in favour than took part",
  noticeMissing: "请录入本单位公示情况：开始日期、天数和结果 / record the unit's public notice: start, days, outcome",
  noticeTooShort: (days: number, min: number) => `本单位公示仅 ${days} 个工作日，不少于 ${min} 个工作日 / the unit's notice ran ${days} working days; at least ${min}`,
  noticeNotEnded: (end: string) => `本单位公示至 ${end} 结束，结束后方可上报 / the unit's notice runs until ${end}`,
  afterDeadline: (date: string) => `推荐材料截止日期为 ${date}，逾期材料视为自动放弃 / material closed on ${date}: late material counts as withdrawn`,
  notDraft: "已上报的推荐对象不能修改，请在被退回后修改 / a submitted nomination can be changed only after it is returned",
} as const;

export type FormFacts = { award: AwardKey; categories: readonly string[]; name: string; cadreRank: string; kind?: string };

/** Cross-field checks of the form (DOMAIN-RULES §5): exactly one 人员类别 for a person, none for a collective. */
export function formProblems(f: FormFacts): Problem[] {
  const problems: Problem[] = [];
  const kind = AWARDS[f.award].kind;
  if (f.kind && f.kind !== kind) problems.push({ field: "award", message: NOMINATION_MESSAGES.awardKind(f.award, kind) });
  if (!f.name.trim()) problems.push({ field: "name", message: NOMINATION_MESSAGES.nameRequired });
  if (kind === "individual" && f.categories.length !== 1) problems.push({ field: "categories", message: NOMINATION_MESSAGES.oneCategory });
  if (kind === "collective" && f.categories.length > 0) problems.push({ field: "categories", message: NOMINATION_MESSAGES.noCategoryForCollective });
  if (f.categories.includes("县处级干部") && !f.cadreRank) problems.push({ field: "cadreRank", message: NOMINATION_MESSAGES.cadreCategory });
  return problems;
}

export type SubmitFacts = {
  kind: string;
  deedsShort: string;
  isLeader: boolean;
  congressDate: string | null; congressPresent: number | null; congressFor: number | null; congressAgainst: number | null;
  pollTotal: number | null; pollFor: number | null;
  localNoticeStart: string | null; localNoticeEnd: string | null; localNoticeOutcome: string | null;
  /** working days of the unit's notice, counted on the holiday calendar by the caller */
  localNoticeWorkingDays: number | null;
};

export type SubmitLimits = { leaderPollPct: number; localNoticeWorkingDays: number };

/**
 * Is the grass-roots step complete (rule N-31: the congress decision and ≥ 5 working days of
 * 本单位公示; rule N-32: a leader's opinion poll ≥ 85 %)? `today` is a Beijing date.
 */
export function submitProblems(n: SubmitFacts, today: string, limits: SubmitLimits = FORM_LIMITS): Problem[] {
  const problems: Problem[] = [];
  if (!n.deedsShort.trim()) problems.push({ field: "deedsShort", message: NOMINATION_MESSAGES.deedsShortRequired });
  if (!n.congressDate || n.congressPresent == null || n.congressFor == null || n.congressAgainst == null) {
    problems.push({ field: "congressDate", message: NOMINATION_MESSAGES.congressMissing });
  } else if (n.congressFor + n.congressAgainst > n.congressPresent) {
    problems.push({ field: "congressFor", message: NOMINATION_MESSAGES.congressVotes });
  } else if (n.congressFor * 2 <= n.congressPresent) {
    problems.push({ field: "congressFor", message: NOMINATION_MESSAGES.congressMajority });
  }
  if (n.kind === "individual" && n.isLeader) {
    if (n.pollTotal == null || n.pollFor == null || n.pollTotal === 0) problems.push({ field: "pollFor", message: NOMINATION_MESSAGES.pollMissing });
    else if (n.pollFor > n.pollTotal) problems.push({ field: "pollFor", message: NOMINATION_MESSAGES.pollVotes });
    else if (n.pollFor * 100 < limits.leaderPollPct * n.pollTotal) {
      problems.push({ field: "pollFor", message: NOMINATION_MESSAGES.pollTooLow(Math.floor((n.pollFor * 1000) / n.pollTotal) / 10, limits.leaderPollPct) });
    }
  }
  if (!n.localNoticeStart || !n.localNoticeEnd || !n.localNoticeOutcome || n.localNoticeWorkingDays == null) {
    problems.push({ field: "localNoticeStart", message: NOMINATION_MESSAGES.noticeMissing });
  } else if (n.localNoticeWorkingDays < limits.localNoticeWorkingDays) {
    problems.push({ field: "localNoticeDays", message: NOMINATION_MESSAGES.noticeTooShort(n.localNoticeWorkingDays, limits.localNoticeWorkingDays) });
  } else if (today <= n.localNoticeEnd) {
    problems.push({ field: "localNoticeStart", message: NOMINATION_MESSAGES.noticeNotEnded(n.localNoticeEnd) });
  }
  return problems;
}

/** Rule N-38: the deadline of a scope ("grassroots" or a reviewing organisation's id), null = none. */
export function deadlineFor(deadlines: readonly { scope: string; date: string }[], scope: string): string | null {
  return deadlines.find((d) => d.scope === scope)?.date ?? null;
}

/** Rule N-38: material after the deadline is not taken (the day of the deadline still counts). */
export function deadlineProblem(deadline: string | null, today: string): string | null {
  return deadline && today > deadline ? NOMINATION_MESSAGES.afterDeadline(deadline) : null;
}
