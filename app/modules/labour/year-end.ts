// The year-end roll-up (rules L-6, L-8, L-9). Pure: the caller passes the roster, the period
// scores, the banners and the year vetoes.
import type { UnitPeriodScore } from "./periods";

/** 参建单位, 标段, 工区, 班组 / 先进集体 candidates, and individual builders (rule L-9 roster). */
export type RosterKind = "unit" | "section" | "area" | "team" | "builder";
export type RosterEntry = { id: string; kind: RosterKind; name: string; parentId: string | null; startOnSite: string | null };

export const ROSTER_KIND_LABELS: Record<RosterKind, string> = { unit: "参建单位", section: "标段", area: "工区", team: "班组", builder: "建设者" };

/** The entry and its roster ancestors (工区 → 标段 → 参建单位). */
export function ancestry(roster: ReadonlyMap<string, RosterEntry>, id: string): RosterEntry[] {
  const chain: RosterEntry[] = [];
  let at = roster.get(id);
  while (at && chain.length < 10) {
    chain.push(at);
    at = at.parentId ? roster.get(at.parentId) : undefined;
  }
  return chain;
}

/** The 标段 an entry belongs to (itself for a 标段), if any. */
export function sectionOf(roster: ReadonlyMap<string, RosterEntry>, id: string): RosterEntry | null {
  return ancestry(roster, id).find((e) => e.kind === "section") ?? null;
}

export type YearEndSettings = {
  /** rule L-6: banners a 标段 must win in the year to keep year-end eligibility (default 1) */
  minBanners: number;
  /** rule L-9: full years on site for 优秀建设者 (default 1) */
  builderYearsOnSite: number;
  advancedUnits: number;
  advancedTeams: number;
};
export const DEFAULT_YEAR_END_SETTINGS: YearEndSettings = { minBanners: 1, builderYearsOnSite: 1, advancedUnits: 2, advancedTeams: 3 };

export type YearFacts = {
  roster: ReadonlyMap<string, RosterEntry>;
  /** every period's scores of the year */
  periodScores: readonly UnitPeriodScore[][];
  /** banners per unit id in the year */
  banners: ReadonlyMap<string, number>;
  /** units disqualified for the year by a veto (rule L-7) */
  disqualifiedForYear: ReadonlySet<string>;
  /** units with any safety accident in the year (for the 安全奖) */
  hadAccident: ReadonlySet<string>;
  /** team ids with assessment scores (rule L-9: 先进集体/班组 must have them) */
  scoredTeams: ReadonlySet<string>;
  yearEnd: string;
};

export const YEAR_END_REASONS = {
  noBanner: "全年未获流动红旗，取消年度评优资格（L-6）/ no banner all year: no year-end award (L-6)",
  vetoed: "一票否决：取消年度评优资格（L-7）/ vetoed for the year (L-7)",
  notOnRoster: "不在参赛集体/班组名录中（L-9）/ not on the roster (L-9)",
  noScores: "无考核成绩（L-9）/ no assessment scores (L-9)",
  tooShort: (years: number) => `在现场工作不满 ${years} 年（L-9）/ less than ${years} year(s) on site (L-9)`,
  noStart: "未登记进场日期（L-9）/ no start-on-site date (L-9)",
} as const;

/** Why an entry may not take a year-end award (empty = eligible). */
export function yearEndRefusals(id: string, facts: YearFacts, settings: YearEndSettings = DEFAULT_YEAR_END_SETTINGS): string[] {
  const entry = facts.roster.get(id);
  if (!entry) return [YEAR_END_REASONS.notOnRoster];
  const reasons: string[] = [];
  const chain = ancestry(facts.roster, id);
  const section = chain.find((e) => e.kind === "section");
  // rule L-6 applies to the competing 标段 and everything under it; a 参建单位 needs one banner in any of its 标段.
  if (entry.kind === "unit") {
    const sections = [...facts.roster.values()].filter((e) => e.kind === "section" && ancestry(facts.roster, e.id).some((a) => a.id === id));
    if (!sections.some((s) => (facts.banners.get(s.id) ?? 0) >= settings.minBanners)) reasons.push(YEAR_END_REASONS.noBanner);
  } else if (section && (facts.banners.get(section.id) ?? 0) < settings.minBanners) reasons.push(YEAR_END_REASONS.noBanner);
  if (chain.some((e) => facts.disqualifiedForYear.has(e.id))) reasons.push(YEAR_END_REASONS.vetoed);
  if (entry.kind === "team" && !facts.scoredTeams.has(id)) reasons.push(YEAR_END_REASONS.noScores);
  if (entry.kind === "builder") {
    if (!entry.startOnSite) reasons.push(YEAR_END_REASONS.noStart);
    else if (!onSiteFor(entry.startOnSite, facts.yearEnd, settings.builderYearsOnSite)) reasons.push(YEAR_END_REASONS.tooShort(settings.builderYearsOnSite));
  }
  return reasons;
}

/** rule L-9: at least `years` full years between the start on site and the date (2025-03-01 → 2026-03-01 is one year). */
export function onSiteFor(startOnSite: string, asOf: string, years: number): boolean {
  const [y, m, d] = startOnSite.split("-").map(Number);
  const anniversary = new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
  return anniversary <= asOf;
}

export type AveragedUnit = { unitId: string; average: number; periods: number; indicators: Record<string, number> };

/** A unit's average total and average indicator scores over the periods it was scored and not disqualified. */
export function yearAverages(periodScores: readonly UnitPeriodScore[][]): Map<string, AveragedUnit> {
  const sums = new Map<string, { total: number; n: number; ind: Record<string, number> }>();
  for (const period of periodScores) {
    for (const s of period) {
      let acc = sums.get(s.unitId);
      if (!acc) sums.set(s.unitId, (acc = { total: 0, n: 0, ind: {} }));
      acc.total += s.total;
      acc.n += 1;
      // for … in, not Object.entries: the same keys in the same order without a pair array per score (52,000 scores a year)
      for (const k in s.scores) acc.ind[k] = (acc.ind[k] ?? 0) + s.scores[k];
    }
  }
  const out = new Map<string, AveragedUnit>();
  for (const [unitId, acc] of sums) {
    const indicators: Record<string, number> = {};
    for (const k in acc.ind) indicators[k] = Math.round(acc.ind[k] / acc.n);
    out.set(unitId, { unitId, average: Math.round(acc.total / acc.n), periods: acc.n, indicators });
  }
  return out;
}

export type YearAward = { award: string; unitId: string; basis: string };

/** The best `n` by a value, ties at the cutoff included. */
function topBy<T>(items: readonly T[], value: (t: T) => number, n: number): T[] {
  const sorted = [...items].sort((a, b) => value(b) - value(a));
  if (sorted.length <= n) return sorted;
  const cutoff = value(sorted[n - 1]);
  return sorted.filter((t) => value(t) >= cutoff);
}

export type SingleItemKeys = { progress?: string; quality?: string; safety?: string; civic?: string };

/**
 * The year-end awards: 先进单位 (best 标段 by average), 先进集体/先进班组 (best scored teams on the
 * roster), and the single-item prizes of rule L-8: 进度奖 to the unit that completed its plan and
 * exceeded it by the most points, 质量奖 and 精神文明奖 to the best average of their indicator,
 * 安全奖 to the best safety average among units without an accident. Only eligible entries compete.
 */
export function yearEndAwards(
  facts: YearFacts,
  progressRatios: ReadonlyMap<string, number>,
  keys: SingleItemKeys,
  settings: YearEndSettings = DEFAULT_YEAR_END_SETTINGS,
): { awards: YearAward[]; refused: { unitId: string; reasons: string[] }[] } {
  const averages = yearAverages(facts.periodScores);
  const refused: { unitId: string; reasons: string[] }[] = [];
  const ok = new Set<string>();
  for (const e of facts.roster.values()) {
    if (e.kind === "builder") continue;
    const r = yearEndRefusals(e.id, facts, settings);
    if (r.length) refused.push({ unitId: e.id, reasons: r });
    else ok.add(e.id);
  }
  const kindOf = (id: string) => facts.roster.get(id)?.kind;
  const sections = [...averages.values()].filter((a) => kindOf(a.unitId) === "section" && ok.has(a.unitId));
  const competing = [...averages.values()].filter((a) => (kindOf(a.unitId) === "section" || kindOf(a.unitId) === "area") && ok.has(a.unitId));
  const awards: YearAward[] = [];
  for (const a of topBy(sections, (x) => x.average, settings.advancedUnits)) awards.push({ award: "先进单位", unitId: a.unitId, basis: `年度平均 ${(a.average / 100).toFixed(2)}` });
  const teams = [...facts.roster.values()].filter((e) => e.kind === "team" && ok.has(e.id));
  const teamValue = (id: string) => averages.get(id)?.average ?? 0;
  for (const t of topBy(teams, (t) => teamValue(t.id), settings.advancedTeams)) awards.push({ award: "先进班组", unitId: t.id, basis: `年度平均 ${(teamValue(t.id) / 100).toFixed(2)}` });
  // rule L-8 进度奖: completed the plan (≥ 100 %) and exceeded it by the most percentage points
  const completed = competing.filter((a) => (progressRatios.get(a.unitId) ?? 0) >= 10_000);
  if (completed.length) {
    for (const a of topBy(completed, (x) => progressRatios.get(x.unitId)!, 1)) {
      awards.push({ award: "进度奖", unitId: a.unitId, basis: `完成计划 ${(progressRatios.get(a.unitId)! / 100).toFixed(2)}%，超出 ${((progressRatios.get(a.unitId)! - 10_000) / 100).toFixed(2)} 个百分点` });
    }
  }
  const byIndicator = (award: string, key: string | undefined, pool: AveragedUnit[]) => {
    if (!key || pool.length === 0) return;
    for (const a of topBy(pool, (x) => x.indicators[key] ?? 0, 1)) awards.push({ award, unitId: a.unitId, basis: `${key} 平均 ${((a.indicators[key] ?? 0) / 100).toFixed(2)}` });
  };
  byIndicator("质量奖", keys.quality, competing);
  byIndicator("安全奖", keys.safety, competing.filter((a) => !facts.hadAccident.has(a.unitId)));
  byIndicator("精神文明奖", keys.civic, competing);
  return { awards, refused };
}

/** rule L-9: the builders who may be named 优秀建设者 (the committee picks a fixed number among them). */
export function eligibleBuilders(facts: YearFacts, settings: YearEndSettings = DEFAULT_YEAR_END_SETTINGS) {
  return [...facts.roster.values()]
    .filter((e) => e.kind === "builder")
    .map((b) => ({ builder: b, reasons: yearEndRefusals(b.id, facts, settings) }));
}
