import type { AnkangSettings, Level } from "./settings";
import type { SheetResult } from "./sheet";

// Basic conditions (rule A-10), title eligibility (rules A-5 … A-8), withdrawal (A-7) and the
// 五一劳动奖状 link (A-13). Pure: the service gathers the facts (accidents from the shared
// register, honours from the honours register) and these functions decide, each with its reason.

export const TITLE_KINDS = ["winnerUnit", "winnerTeam", "organisingUnit", "individual", "modelEnterprise", "entrepreneur"] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];

/** rule A-5: the six award categories */
export const TITLE_LABELS: Record<TitleKind, string> = {
  winnerUnit: "优胜单位",
  winnerTeam: "优胜班组",
  organisingUnit: "优秀组织单位",
  individual: "先进个人",
  modelEnterprise: "示范企业",
  entrepreneur: "安康企业家",
};

export type ConditionCode =
  | "competitionBody"
  | "plan"
  | "noSeriousAccident"
  | "selfAssessment"
  | "sectionRate";

export type Condition = { code: ConditionCode; met: boolean; reason: string };

export type BasicFacts = {
  hasCompetitionBody: boolean;
  hasPlan: boolean;
  /** accidents of severity 重伤 or worse in the assessed year, from the shared register */
  seriousAccidents: { id: string; occurredAt: string; severity: string }[];
  /** the self-assessment, null when not submitted */
  selfAssessment: SheetResult | null;
};

/** rule A-10: the basic conditions; all must hold. rule A-12: a serious injury or worse is a veto. */
export function basicConditions(facts: BasicFacts, settings: Pick<AnkangSettings, "minSelfAssessment" | "minSectionRate">): Condition[] {
  const self = facts.selfAssessment;
  const lowSections = self ? self.sections.filter((s) => s.rate + 1e-9 < settings.minSectionRate) : [];
  const pct = Math.round(settings.minSectionRate * 100);
  return [
    { code: "competitionBody", met: facts.hasCompetitionBody, reason: facts.hasCompetitionBody ? "已成立安康杯竞赛组织机构" : "未成立安康杯竞赛组织机构（规则 A-10）" },
    { code: "plan", met: facts.hasPlan, reason: facts.hasPlan ? "已制定竞赛实施方案" : "未制定竞赛实施方案（规则 A-10）" },
    facts.seriousAccidents.length === 0
      ? { code: "noSeriousAccident", met: true, reason: "年度内未发生重伤及以上安全事故" }
      : { code: "noSeriousAccident", met: false, reason: `年度内发生重伤及以上安全事故 ${facts.seriousAccidents.length} 起（${facts.seriousAccidents.map((a) => a.occurredAt.slice(0, 10)).join("、")}），一票否决（规则 A-10、A-12）` },
    !self
      ? { code: "selfAssessment", met: false, reason: "尚未提交自评（规则 A-10）" }
      : self.total + 1e-9 >= settings.minSelfAssessment
        ? { code: "selfAssessment", met: true, reason: `自评得分 ${self.total} ≥ ${settings.minSelfAssessment}` }
        : { code: "selfAssessment", met: false, reason: `自评得分 ${self.total} 低于 ${settings.minSelfAssessment} 分（规则 A-10）` },
    !self
      ? { code: "sectionRate", met: false, reason: "尚未提交自评，无法计算各项得分率（规则 A-10）" }
      : lowSections.length === 0
        ? { code: "sectionRate", met: true, reason: `各项得分率均 ≥ ${pct}%` }
        : { code: "sectionRate", met: false, reason: `得分率低于 ${pct}%：${lowSections.map((s) => `${s.title} ${Math.round(s.rate * 1000) / 10}%`).join("、")}（规则 A-10）` },
  ];
}

/** A title held (or confirmed) in a year, from the honours register. */
export type TitleRecord = { kind: TitleKind; level: Level; year: number; withdrawn?: boolean };

export type EligibilityInput = {
  kind: TitleKind;
  level: Level;
  /** the year the award is made for (the cycle's last year) */
  year: number;
  conditions: Condition[];
  /** the final score (review's or self's per setting), null when there is none yet */
  finalScore: number | null;
  fullMarks: number;
  vetoes: string[];
  agreementSigned: boolean;
  history: TitleRecord[];
  /** 优胜班组 only (rule A-8) */
  team?: { threeViolations: number; openHazards: number; overdueHazards: number };
  /** quota for this title and level in the candidate's region, and how many are already used */
  quota?: { allowed: number; used: number } | null;
};

export type Refusal = { code: string; reason: string };
export type Eligibility = { eligible: boolean; refusals: Refusal[] };

const LOWER: Record<Level, Level | null> = { city: null, provincial: "city", national: "provincial" };
const LEVEL_ZH: Record<Level, string> = { city: "市级", provincial: "省级", national: "全国" };

/** Consecutive years ending at `lastYear` (inclusive) in which the title was held at the level. */
export function consecutiveYears(history: TitleRecord[], kind: TitleKind, level: Level, lastYear: number): number {
  const years = new Set(history.filter((h) => h.kind === kind && h.level === level && !h.withdrawn).map((h) => h.year));
  let n = 0;
  while (years.has(lastYear - n)) n++;
  return n;
}

/** Title eligibility with every reason it fails (rules A-6, A-7, A-8, A-10, A-12). */
export function titleEligibility(input: EligibilityInput, settings: AnkangSettings): Eligibility {
  const refusals: Refusal[] = [];
  const { kind, level, year } = input;
  const unitTitle = kind === "winnerUnit" || kind === "winnerTeam" || kind === "modelEnterprise";
  if (unitTitle || kind === "organisingUnit") {
    for (const c of input.conditions) if (!c.met) refusals.push({ code: `condition.${c.code}`, reason: c.reason });
    if (input.vetoes.length > 0) refusals.push({ code: "veto", reason: `触发否决项：${input.vetoes.join("、")}，一票否决（规则 A-10）` });
  }
  if (unitTitle) {
    if (!input.agreementSigned) refusals.push({ code: "agreement", reason: "未签订《劳动安全卫生专项协议书》（规则 A-6）" });
    const threshold = settings.winnerThreshold[level];
    if (input.finalScore == null) refusals.push({ code: "threshold", reason: "尚无最终考核得分" });
    else if (kind !== "modelEnterprise" && input.finalScore + 1e-9 < threshold)
      refusals.push({ code: "threshold", reason: `考核得分 ${input.finalScore} 低于${LEVEL_ZH[level]}优胜门槛 ${threshold} 分（规则 A-6）` });
  }
  if (kind === "winnerUnit" || kind === "winnerTeam") {
    const lower = LOWER[level];
    if (lower && !input.history.some((h) => h.kind === kind && h.level === lower && !h.withdrawn && h.year <= year))
      refusals.push({ code: "lowerTitle", reason: `须先获得${LEVEL_ZH[lower]}${TITLE_LABELS[kind]}称号（规则 A-6）` });
    const sameLevel = input.history.filter((h) => h.kind === kind && h.level === level && h.year < year);
    if (level === "national" && sameLevel.length > 0)
      refusals.push({ code: "noRepeat", reason: `已于 ${sameLevel.map((h) => h.year).join("、")} 年获全国${TITLE_LABELS[kind]}，不重复授予（规则 A-7）` });
    if (level !== "national") {
      const recent = sameLevel.filter((h) => year - h.year < settings.provincialNoRepeatYears);
      if (recent.length > 0)
        refusals.push({ code: "noRepeat", reason: `${recent[recent.length - 1]!.year} 年已获${LEVEL_ZH[level]}${TITLE_LABELS[kind]}，${settings.provincialNoRepeatYears} 年内不重复授予（规则 A-7）` });
    }
  }
  if (kind === "winnerTeam") {
    const t = input.team ?? { threeViolations: 0, openHazards: 0, overdueHazards: 0 };
    if (t.threeViolations > 0) refusals.push({ code: "threeViolations", reason: `班组存在"三违" ${t.threeViolations} 起（规则 A-8）` });
    if (t.overdueHazards > 0) refusals.push({ code: "hazards", reason: `班组有 ${t.overdueHazards} 项隐患逾期未整改（规则 A-8）` });
    else if (!settings.teamAllowsOpenHazards && t.openHazards > 0) refusals.push({ code: "hazards", reason: `班组有 ${t.openHazards} 项隐患尚未整改销号（规则 A-8）` });
  }
  if (kind === "modelEnterprise") {
    const n = Math.max(consecutiveYears(input.history, "winnerUnit", "national", year), consecutiveYears(input.history, "winnerUnit", "national", year - 1));
    if (n < settings.modelConsecutiveYears)
      refusals.push({ code: "model", reason: `连续获全国优胜单位 ${n} 年，不足 ${settings.modelConsecutiveYears} 年（规则 A-6）` });
    if (input.finalScore != null && input.finalScore + 1e-9 < input.fullMarks)
      refusals.push({ code: "model", reason: `示范企业须本年度考核满分（${input.fullMarks} 分），现为 ${input.finalScore} 分（规则 A-6）` });
  }
  if (input.quota && input.quota.used >= input.quota.allowed)
    refusals.push({ code: "quota", reason: `${LEVEL_ZH[level]}${TITLE_LABELS[kind]}名额 ${input.quota.allowed} 个已用完（规则 A-5）` });
  return { eligible: refusals.length === 0, refusals };
}

/** rule A-7: a holder that did not compete this cycle, or failed, loses the title. */
export function withdrawalReason(holder: { competed: boolean; failed: boolean; failReasons?: string[] }): string | null {
  if (!holder.competed) return "本周期未参加安康杯竞赛，撤销称号（规则 A-7）";
  if (holder.failed) return `本周期考核不合格${holder.failReasons?.length ? `（${holder.failReasons.join("；")}）` : ""}，撤销称号（规则 A-7）`;
  return null;
}

/** rule A-13: ≥ N consecutive years as provincial or national 优胜 → may be nominated for a 五一劳动奖状. */
export function mayDayEligible(history: TitleRecord[], year: number, settings: Pick<AnkangSettings, "mayDayConsecutiveYears">): boolean {
  const years = new Set(history.filter((h) => h.kind === "winnerUnit" && (h.level === "provincial" || h.level === "national") && !h.withdrawn).map((h) => h.year));
  let n = 0;
  while (years.has(year - n)) n++;
  return n >= settings.mayDayConsecutiveYears;
}

export type RankedUnit = { unitId: string; score: number; eligible: boolean; rank: number };

/** Ranks units by final score (ties share a rank, order then by id for stability). */
export function rankUnits(units: { unitId: string; score: number | null; eligible: boolean }[]): RankedUnit[] {
  const scored = units.filter((u): u is { unitId: string; score: number; eligible: boolean } => u.score != null);
  scored.sort((a, b) => b.score - a.score || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const out: RankedUnit[] = [];
  for (let i = 0; i < scored.length; i++) {
    const u = scored[i]!;
    const prev = out[i - 1];
    out.push({ ...u, rank: prev && prev.score === u.score ? prev.rank : i + 1 });
  }
  return out;
}
