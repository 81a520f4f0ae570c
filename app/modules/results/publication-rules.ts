/**
 * 成绩公示 (results publication), the pure part: when an event may be published, how its final
 * ranks become prize tiers and outcomes (the scoring engine's `allocatePrizeTiers` and
 * `determineOutcomes`, rules S-4, S-60 … S-66), what a publication snapshot holds, whether the live
 * results still match it, which certificates a re-publication reissues or revokes, and the
 * certificate number and verification code formats. No database, no Remix.
 */
import {
  allocatePrizeTiers,
  determineOutcomes,
  rankTeams,
  type OutcomeCandidate,
  type OutcomeRule,
  type PrizeTier,
  type ScoringSettings,
} from "~/modules/scoring";

// ------------------------------------------------------------------ preconditions

export type PublicationState = {
  /** the scheme can be scored at all */
  problem: string | null;
  /** codes were drawn (there are entrants to rank) */
  drawn: boolean;
  /** every session signed off, or the whole event (rule S-24) */
  signedOff: boolean;
  /** the latest re-check's status, null when none was drawn (rule S-40) */
  recheckStatus: string | null;
  /** rule S-34: names may only be published after decryption */
  decrypted: boolean;
  entrants: number;
  /** station codes of entrants with missing marks or scores */
  incomplete: string[];
  /** rule S-53: ties the chain could not separate while shared ranks are not allowed */
  unresolvedTies: number;
  /** every ranked entrant's total is zero: no prizes, nothing to publish */
  allZero?: boolean;
  /**
   * rule S-4: the field is below the minimum while prizes are shares of it (S-60); the organiser
   * switches to count-based prizes (S-61) or publishes with a recorded confirmation.
   */
  smallField?: { fieldSize: number; minimum: number; confirmed: boolean } | null;
};

/** rule S-4: what the organiser is asked when the field is below the minimum. */
export const smallFieldMessage = (fieldSize: number, minimum: number) =>
  `本组别参赛人数 ${fieldSize} 少于最低要求 ${minimum} 人：请在赛项设置中改为按名额设奖，或填写确认说明后再公示 / ${fieldSize} entrants, below the minimum of ${minimum}: switch the event to count-based prizes, or confirm in writing to publish`;

/** Why the event cannot be published (empty when it can). Chinese first, then English. */
export function publicationBlockers(state: PublicationState): string[] {
  const reasons: string[] = [];
  if (state.problem) reasons.push(state.problem);
  if (!state.drawn || state.entrants === 0) reasons.push("本赛项没有可排名的选手 / the event has no entrants to rank");
  if (!state.signedOff) reasons.push("裁判长尚未签字锁定全部场次 / the chief judge has not signed off every session (rule S-24)");
  if (state.recheckStatus === "full_required") {
    reasons.push("复核差错率超过 5%，须全部复核完毕后才能公示 / more than 5 % wrong: the full re-check must be completed first (rule S-40)");
  } else if (state.recheckStatus !== "passed" && state.recheckStatus !== "completed") {
    reasons.push("复核尚未完成 / the re-check is not finished (rule S-40)");
  }
  if (!state.decrypted) reasons.push("尚未解密，不能公布姓名 / not decrypted yet: names cannot be published (rule S-34)");
  if (state.incomplete.length) {
    const list = state.incomplete.slice(0, 10).join("、") + (state.incomplete.length > 10 ? " …" : "");
    reasons.push(`${state.incomplete.length} 名选手成绩不完整：${list} / ${state.incomplete.length} entrants have missing marks or scores`);
  }
  if (state.allZero) reasons.push("所有选手成绩均为零，不评奖，不能公示 / every total is zero: no prizes, nothing to publish");
  if (state.smallField && !state.smallField.confirmed) reasons.push(smallFieldMessage(state.smallField.fieldSize, state.smallField.minimum));
  if (state.unresolvedTies) {
    reasons.push(`有 ${state.unresolvedTies} 组并列未裁定（本赛项排名不并列，规则 S-53）/ ${state.unresolvedTies} ties need a recorded decision (rule S-53)`);
  }
  return reasons;
}

// ------------------------------------------------------------------ eligibility data (rules S-63, S-66)

/** The member record's 职工 / 学生 as the engine's employment; 其他 is neither. */
export function employmentOf(status: string): OutcomeCandidate["employment"] | null {
  if (status === "职工") return "employee";
  if (status === "学生") return "student";
  return null;
}

export const sexOf = (sex: string): OutcomeCandidate["sex"] => (sex === "女" ? "female" : sex === "男" ? "male" : null);

/** 五级/初级工 … 一级/高级技师 (or either half) → 5 … 1; anything else → null. */
export function skillLevelNumber(text: string | null | undefined): number | null {
  if (!text) return null;
  const levels: [number, string[]][] = [
    [1, ["一级", "高级技师"]],
    [2, ["二级", "技师"]],
    [3, ["三级", "高级工"]],
    [4, ["四级", "中级工"]],
    [5, ["五级", "初级工"]],
  ];
  const parts = text.trim().split(/[/／]/).map((p) => p.trim());
  for (const [level, names] of levels) if (parts.some((p) => names.includes(p))) return level;
  return null;
}

const SHANGHAI = "Asia/Shanghai";

/** The calendar date of an instant in China: [year, month, day]. */
export function chinaDate(at: Date): [number, number, number] {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: SHANGHAI, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [get("year"), get("month"), get("day")];
}

/**
 * Age in whole years on the contest day (rule S-66: ≤ 35 for 青年岗位能手). Dates of birth are
 * stored as UTC midnight of the calendar date; the contest day is taken in China's time zone.
 */
export function ageOn(birthDate: Date, day: Date): number {
  const [y, m, d] = chinaDate(day);
  const by = birthDate.getUTCFullYear();
  const bm = birthDate.getUTCMonth() + 1;
  const bd = birthDate.getUTCDate();
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ------------------------------------------------------------------ the publication itself

export type PublicationEntrant = {
  /** the blind code's id: the engine's entrant id */
  entrantId: string;
  registrationId: string;
  memberId: string;
  stationCode: string;
  name: string;
  unitId: string;
  unitName: string;
  /** null when not ranked (disqualified, rule S-44) */
  rank: number | null;
  total: number;
  totalText: string;
  /** component scores in scheme order, as text */
  scores: string[];
  disqualifiedReason: string | null;
  member: { employmentStatus: string; birthDate: Date; sex: string; skillLevel: string | null };
};

export type PublishedOutcome = { ruleId: string; rule: string; label: string };

export type PublishedRow = {
  registrationId: string;
  blindCodeId: string;
  stationCode: string;
  name: string;
  unitId: string;
  unitName: string;
  rank: number | null;
  total: number;
  totalText: string;
  scores: string[];
  prize: PrizeTier | null;
  prizeLabel: string | null;
  outcomes: PublishedOutcome[];
  disqualifiedReason: string | null;
};

export type PublicationComputation = {
  rows: PublishedRow[];
  fieldSize: number;
  cutoffs: Record<PrizeTier, number>;
  counts: Record<PrizeTier, number>;
  belowMinimumFieldSize: boolean;
  /** every ranked total is zero (no prizes; publication is refused) */
  allZero: boolean;
  /** the engine's warnings (rule S-4 field size, tier-boundary ties) */
  warnings: string[];
  /** outcomes not granted, with the reason (rule S-63 students, S-66 age, sex, promotion level) */
  refusals: { registrationId: string; name: string; rule: string; reason: string }[];
};

const NO_PRIZE_REASON = "未获奖，不享受该奖励或晋升 / no prize: not eligible for this reward or promotion";
const NEITHER_REASON = "身份既非职工也非学生，不适用该规则 / neither employee nor student: rule does not apply";

/**
 * Final ranks → prize tiers (S-60/S-61, S-4) → outcomes (S-62 … S-66), exactly as the engine
 * rules them for the event's settings. Entrants whose employment status is neither 职工 nor 学生
 * only get outcomes whose rules do not filter on employment.
 */
export function computePublication(
  entrants: readonly PublicationEntrant[],
  settings: Pick<ScoringSettings, "prizes" | "outcomes">,
  contestDay: Date,
): PublicationComputation {
  const ranked = entrants.filter((e) => e.rank !== null && !e.disqualifiedReason);
  const allocation = allocatePrizeTiers(ranked.map((e) => ({ entrantId: e.entrantId, rank: e.rank!, total: e.total })), settings.prizes);
  const award = new Map(allocation.awards.map((a) => [a.entrantId, a]));
  // Titles, promotions and nominations go only to those who qualify: entrants who won a prize
  // (rules S-62 … S-66 reward winners; a place in a rank range alone is not enough).
  const winners = ranked.filter((e) => award.get(e.entrantId)?.tier);
  const noPrize = ranked.filter((e) => !award.get(e.entrantId)?.tier);

  const candidate = (e: PublicationEntrant, employment: OutcomeCandidate["employment"]): OutcomeCandidate => ({
    entrantId: e.entrantId,
    rank: e.rank!,
    employment,
    age: ageOn(e.member.birthDate, contestDay),
    sex: sexOf(e.member.sex),
    skillLevel: skillLevelNumber(e.member.skillLevel),
  });
  const known = winners.filter((e) => employmentOf(e.member.employmentStatus) !== null);
  const neither = winners.filter((e) => employmentOf(e.member.employmentStatus) === null);
  const general = determineOutcomes(known.map((e) => candidate(e, employmentOf(e.member.employmentStatus)!)), settings.outcomes);
  const open: OutcomeRule[] = settings.outcomes.filter((r) => !r.eligibility.employment);
  // Entrants who are neither 职工 nor 学生 get only the outcomes without an employment condition;
  // those rules never read the employment field, so any value serves.
  const others = determineOutcomes(neither.map((e) => candidate(e, "employee")), open);
  const filteredOut = neither.flatMap((e) =>
    settings.outcomes
      .filter((r) => r.eligibility.employment && e.rank! >= r.fromRank && e.rank! <= r.toRank)
      .map((r) => ({ entrantId: e.entrantId, ruleId: r.id, rule: r.rule, reason: NEITHER_REASON })),
  );
  const notWinners = noPrize.flatMap((e) =>
    settings.outcomes
      .filter((r) => e.rank! >= r.fromRank && e.rank! <= r.toRank)
      .map((r) => ({ entrantId: e.entrantId, ruleId: r.id, rule: r.rule, reason: NO_PRIZE_REASON })),
  );
  const grants = [...general.grants, ...others.grants];
  const outcomesOf = new Map<string, PublishedOutcome[]>();
  for (const g of grants) outcomesOf.set(g.entrantId, [...(outcomesOf.get(g.entrantId) ?? []), { ruleId: g.ruleId, rule: g.rule, label: g.label }]);
  const order = new Map(settings.outcomes.map((r, i) => [r.id, i]));
  for (const list of outcomesOf.values()) list.sort((a, b) => (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0));

  const byId = new Map(entrants.map((e) => [e.entrantId, e]));
  const rows = entrants
    .map((e): PublishedRow => {
      const a = award.get(e.entrantId);
      return {
        registrationId: e.registrationId,
        blindCodeId: e.entrantId,
        stationCode: e.stationCode,
        name: e.name,
        unitId: e.unitId,
        unitName: e.unitName,
        rank: e.disqualifiedReason ? null : e.rank,
        total: e.total,
        totalText: e.totalText,
        scores: e.scores,
        prize: a?.tier ?? null,
        prizeLabel: a?.label ?? null,
        outcomes: outcomesOf.get(e.entrantId) ?? [],
        disqualifiedReason: e.disqualifiedReason,
      };
    })
    .sort(compareRows);
  return {
    rows,
    fieldSize: allocation.fieldSize,
    cutoffs: allocation.cutoffs,
    counts: allocation.counts,
    belowMinimumFieldSize: allocation.belowMinimumFieldSize,
    allZero: allocation.allZero,
    // for people: the engine's messages name the field first ("tiers.second: …"), which a notice need not show
    warnings: allocation.warnings.map((w) => (w.message.startsWith(`${w.path}: `) ? w.message.slice(w.path.length + 2) : w.message)),
    refusals: [...general.refusals, ...others.refusals, ...filteredOut, ...notWinners].map((r) => ({
      registrationId: byId.get(r.entrantId)!.registrationId,
      name: byId.get(r.entrantId)!.name,
      rule: r.rule,
      reason: r.reason,
    })),
  };
}

/** Rank first (unranked last), then station code: the order of the notice. */
export function compareRows(a: Pick<PublishedRow, "rank" | "stationCode">, b: Pick<PublishedRow, "rank" | "stationCode">): number {
  if (a.rank !== b.rank) {
    if (a.rank === null) return 1;
    if (b.rank === null) return -1;
    return a.rank - b.rank;
  }
  return a.stationCode < b.stationCode ? -1 : a.stationCode > b.stationCode ? 1 : 0;
}

// ------------------------------------------------------------------ snapshots and re-publication

// ------------------------------------------------------------------ team standings (rules S-2, S-55, S-56)

export type PublishedTeam = {
  teamId: string;
  name: string;
  unitName: string;
  rank: number;
  total: number;
  totalText: string;
  /** 团体奖 (rule S-2): the first three teams, as 团体第一名 … 团体第三名 (team gold, silver, bronze in S-65) */
  award: string | null;
  /** in the order they count; `counted` is false for a member whose score does not count (S-56 best k) */
  members: { registrationId: string; name: string; stationCode: string; totalText: string; counted: boolean }[];
};

const TEAM_AWARDS = ["团体第一名", "团体第二名", "团体第三名"];

/**
 * The team standings of a published event: the members' published totals combined and ranked by the
 * engine's `rankTeams` (S-55: the sum of the members' totals, ties by total completion time; S-56:
 * each team's best k). Disqualified members do not count. Teams that tie share a rank and its award.
 */
export function teamStandings(
  rows: readonly PublishedRow[],
  membership: ReadonlyMap<string, { teamId: string; completionTime: number | null }>,
  teams: ReadonlyMap<string, { name: string; unitName: string }>,
  settings: ScoringSettings["teams"],
): PublishedTeam[] {
  const inTeams = rows.filter((r) => membership.has(r.registrationId));
  if (inTeams.length === 0) return [];
  const ranked = rankTeams(
    inTeams.filter((r) => !r.disqualifiedReason).map((r) => ({
      entrantId: r.registrationId,
      teamId: membership.get(r.registrationId)!.teamId,
      total: r.total,
      completionTime: membership.get(r.registrationId)!.completionTime,
    })),
    settings,
  );
  const rowById = new Map(inTeams.map((r) => [r.registrationId, r]));
  return ranked.map((t) => {
    const counted = new Set(t.countedEntrantIds);
    const others = inTeams.filter((r) => membership.get(r.registrationId)!.teamId === t.teamId && !counted.has(r.registrationId));
    const member = (r: PublishedRow, isCounted: boolean) => ({ registrationId: r.registrationId, name: r.name, stationCode: r.stationCode, totalText: r.totalText, counted: isCounted });
    const team = teams.get(t.teamId);
    return {
      teamId: t.teamId,
      name: team?.name ?? t.teamId,
      unitName: team?.unitName ?? "",
      rank: t.rank,
      total: t.total,
      totalText: t.totalText,
      award: TEAM_AWARDS[t.rank - 1] ?? null,
      members: [...t.countedEntrantIds.map((id) => member(rowById.get(id)!, true)), ...others.map((r) => member(r, false))],
    };
  });
}

export type PublicationSnapshot = {
  version: number;
  contest: { id: string; name: string; orgName: string; startsAt: string | null };
  event: { id: string; name: string; trade: string; groupName: string };
  components: { id: string; name: string; kind: string }[];
  fieldSize: number;
  counts: Record<PrizeTier, number>;
  warnings: string[];
  /** rule S-4: the organiser's confirmation to publish a field below the minimum */
  smallFieldConfirmation?: string | null;
  rows: PublishedRow[];
  /** team standings, for events with teams (snapshots published before teams were listed have none) */
  teams?: PublishedTeam[];
};

/** What a published row is judged on: rank, total, component scores, prize, outcomes, disqualification. */
const rowKey = (r: PublishedRow) =>
  JSON.stringify([r.rank, r.total, r.scores, r.prize, r.outcomes.map((o) => o.label), r.disqualifiedReason, r.name, r.unitName]);

/** The registrations whose published line would change (added, removed or different). */
export function changedRows(published: readonly PublishedRow[], live: readonly PublishedRow[]): string[] {
  const before = new Map(published.map((r) => [r.registrationId, rowKey(r)]));
  const after = new Map(live.map((r) => [r.registrationId, rowKey(r)]));
  const changed = new Set<string>();
  for (const [id, key] of after) if (before.get(id) !== key) changed.add(id);
  for (const id of before.keys()) if (!after.has(id)) changed.add(id);
  return [...changed].sort();
}

/** What a certificate states, beside the person: the prize and the outcomes. */
export const certificateKey = (prizeLabel: string, outcomes: readonly string[]) => JSON.stringify([prizeLabel, outcomes]);

export type ActiveCertificate = { id: string; registrationId: string; prize: string; outcomes: string[] };

export type CertificatePlan = {
  /** rows that get a new certificate (new winners, or a changed prize or outcomes) */
  issue: PublishedRow[];
  /** certificates revoked (no prize any more, or superseded by a new one) */
  revoke: string[];
  /** certificates that stay valid as they are */
  keep: string[];
};

/**
 * Certificates after a (re-)publication: prize winners (一等 … 优胜奖) hold one valid certificate
 * stating their prize and outcomes. A certificate whose statement no longer holds is revoked
 * (it stays verifiable, marked 已作废) and, if the entrant still wins a prize, replaced.
 */
export function planCertificates(active: readonly ActiveCertificate[], rows: readonly PublishedRow[]): CertificatePlan {
  const winners = new Map(rows.filter((r) => r.prizeLabel).map((r) => [r.registrationId, r]));
  const plan: CertificatePlan = { issue: [], revoke: [], keep: [] };
  const covered = new Set<string>();
  for (const cert of active) {
    const row = winners.get(cert.registrationId);
    if (row && !covered.has(row.registrationId) && certificateKey(cert.prize, cert.outcomes) === certificateKey(row.prizeLabel!, row.outcomes.map((o) => o.label))) {
      plan.keep.push(cert.id);
      covered.add(row.registrationId);
    } else {
      plan.revoke.push(cert.id);
    }
  }
  for (const row of winners.values()) if (!covered.has(row.registrationId)) plan.issue.push(row);
  return plan;
}

/** A team member's certificate as it stands: who, which award, which team. */
export type ActiveTeamCertificate = { id: string; registrationId: string; prize: string; teamName: string | null };

/** A team member who is to get a certificate of the team's award. */
export type TeamCertificateGrant = { registrationId: string; prize: string; teamName: string };

export type TeamCertificatePlan = { issue: TeamCertificateGrant[]; revoke: string[]; keep: string[] };

/**
 * 团体奖 certificates (rule S-2): every member of a team with an award gets a certificate naming the
 * team and the award. As for individuals, a certificate whose statement no longer holds (another
 * award, another team, no award) is revoked and, where an award remains, replaced.
 */
export function planTeamCertificates(active: readonly ActiveTeamCertificate[], teams: readonly PublishedTeam[]): TeamCertificatePlan {
  const wanted = new Map<string, TeamCertificateGrant>();
  for (const team of teams) {
    if (!team.award) continue;
    for (const m of team.members) wanted.set(m.registrationId, { registrationId: m.registrationId, prize: team.award, teamName: team.name });
  }
  const plan: TeamCertificatePlan = { issue: [], revoke: [], keep: [] };
  const covered = new Set<string>();
  for (const cert of active) {
    const grant = wanted.get(cert.registrationId);
    if (grant && !covered.has(cert.registrationId) && grant.prize === cert.prize && grant.teamName === cert.teamName) {
      plan.keep.push(cert.id);
      covered.add(cert.registrationId);
    } else {
      plan.revoke.push(cert.id);
    }
  }
  for (const grant of wanted.values()) if (!covered.has(grant.registrationId)) plan.issue.push(grant);
  return plan;
}

// ------------------------------------------------------------------ numbers and codes

/** GS2026-003-0001: the year, the event's sequence among events certified that year, the serial. */
export function certificateNumber(year: number, eventSeq: number, serial: number): string {
  return `GS${year}-${String(eventSeq).padStart(3, "0")}-${String(serial).padStart(4, "0")}`;
}

export const CERTIFICATE_NUMBER_PATTERN = /^GS(\d{4})-(\d{3,})-(\d{4,})$/;

export function parseCertificateNumber(number: string): { year: number; eventSeq: number; serial: number } | null {
  const m = CERTIFICATE_NUMBER_PATTERN.exec(number);
  return m ? { year: Number(m[1]), eventSeq: Number(m[2]), serial: Number(m[3]) } : null;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32 (lower case, no padding): 16 random bytes → 26 characters. */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** A verification code: 128 random bits → 26 base32 characters; nothing else is accepted. */
export const VERIFY_CODE_PATTERN = /^[a-z2-7]{26}$/;

export const DAY_MS = 86_400_000;
export const DEFAULT_NOTICE_DAYS = 5;

/** The notice period (公示期) ends `days` days after publication. */
export const noticeEndsAt = (publishedAt: Date, days: number) => new Date(publishedAt.getTime() + days * DAY_MS);
