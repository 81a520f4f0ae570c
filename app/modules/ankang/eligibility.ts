import type { AnkangSettings, Level } from "./settings";
import type { SheetResult } from "./sheet";
import { half } from "./bilingual";
import { orgTypeLabel, unitCategoryLabel } from "~/modules/orgs/org-types";

// Every reason is said in both languages, "中文 / English", from the catalogue below (codes with
// zh and en): pages and stored texts pass it through localiseMessage for the reader's half.

// Basic conditions (rule A-10), title eligibility (rules A-5 … A-8), withdrawal and the
// 五一劳动奖状 link. Pure: the service gathers the facts (accidents from the shared
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

/** rule A-5 in English (the pages' titleKind_ labels) */
export const TITLE_LABELS_EN: Record<TitleKind, string> = {
  winnerUnit: "winning unit",
  winnerTeam: "winning team",
  organisingUnit: "outstanding organising unit",
  individual: "advanced individual",
  modelEnterprise: "model enterprise",
  entrepreneur: "Ankang entrepreneur",
};

type Text = { zh: string; en: string };
type Param = string | number | Text;

/** The reasons of the basic conditions, eligibility and withdrawal, by code, in Chinese and English. */
export const ELIGIBILITY_MESSAGES = {
  competitionBodyMet: { zh: "已成立安康杯竞赛组织机构", en: "An Ankang Cup competition body exists" },
  competitionBodyMissing: { zh: "未成立安康杯竞赛组织机构（规则 A-10）", en: "No Ankang Cup competition body has been set up (rule A-10)" },
  planMet: { zh: "已制定竞赛实施方案", en: "An implementation plan exists" },
  planMissing: { zh: "未制定竞赛实施方案（规则 A-10）", en: "No implementation plan has been drawn up (rule A-10)" },
  noSeriousAccident: { zh: "年度内未发生重伤及以上安全事故", en: "No accident with a serious injury or worse in the year" },
  seriousAccident: { zh: "年度内发生重伤及以上安全事故 {n} 起（{dates}），一票否决（规则 A-10、A-12）", en: "{n} accident(s) with a serious injury or worse in the year ({dates}): vetoed (rules A-10, A-12)" },
  selfMissing: { zh: "尚未提交自评（规则 A-10）", en: "The self-assessment has not been submitted (rule A-10)" },
  selfMet: { zh: "自评得分 {score} ≥ {min}", en: "Self-assessment score {score} ≥ {min}" },
  selfLow: { zh: "自评得分 {score} 低于 {min} 分（规则 A-10）", en: "Self-assessment score {score} is below {min} (rule A-10)" },
  rateMissing: { zh: "尚未提交自评，无法计算各项得分率（规则 A-10）", en: "No self-assessment yet, so no section score rates (rule A-10)" },
  rateMet: { zh: "各项得分率均 ≥ {pct}%", en: "Every section scores at least {pct}%" },
  rateLow: { zh: "得分率低于 {pct}%：{sections}（规则 A-10）", en: "Sections below {pct}%: {sections} (rule A-10)" },
  veto: { zh: "触发否决项：{items}，一票否决（规则 A-10）", en: "Veto item triggered: {items} (rule A-10)" },
  agreement: { zh: "未签订《劳动安全卫生专项协议书》（规则 A-6）", en: "The special labour safety and health agreement has not been signed (rule A-6)" },
  noFinalScore: { zh: "尚无最终考核得分", en: "There is no final assessment score yet" },
  threshold: { zh: "考核得分 {score} 低于{level}优胜门槛 {threshold} 分（规则 A-6）", en: "Score {score} is below the {level} winners' threshold of {threshold} (rule A-6)" },
  lowerTitle: { zh: "须先获得{level}{title}称号（规则 A-6）", en: "The {level} {title} title must be held first (rule A-6)" },
  noRepeatNational: { zh: "已于 {years} 年获全国{title}，不重复授予（规则 A-7）", en: "Already national {title} in {years}: not awarded twice (rule A-7)" },
  noRepeatWindow: { zh: "{year} 年已获{level}{title}，{n} 年内不重复授予（规则 A-7）", en: "{level} {title} in {year}: not awarded again within {n} years (rule A-7)" },
  threeViolations: { zh: "班组存在\"三违\" {n} 起（规则 A-8）", en: "The team has {n} \"three violations\" case(s) (rule A-8)" },
  hazardsOverdue: { zh: "班组有 {n} 项隐患逾期未整改（规则 A-8）", en: "The team has {n} hazard(s) past the deadline and not fixed (rule A-8)" },
  hazardsOpen: { zh: "班组有 {n} 项隐患尚未整改销号（规则 A-8）", en: "The team has {n} hazard(s) not yet fixed and closed (rule A-8)" },
  modelYears: { zh: "连续获全国优胜单位 {n} 年，不足 {need} 年（规则 A-6）", en: "National winning unit {n} year(s) in a row, fewer than {need} (rule A-6)" },
  modelFullMarks: { zh: "示范企业须本年度考核满分（{full} 分），现为 {score} 分（规则 A-6）", en: "A model enterprise needs full marks this year ({full}); the score is {score} (rule A-6)" },
  quota: { zh: "{level}{title}名额 {allowed} 个已用完（规则 A-5）", en: "The {level} {title} quota of {allowed} is used up (rule A-5)" },
  notCompeted: { zh: "本周期未参加安康杯竞赛，撤销称号（规则 A-7）", en: "Did not compete in this cycle: the title is withdrawn (rule A-7)" },
  failed: { zh: "本周期考核不合格{reasons}，撤销称号（规则 A-7）", en: "Failed this cycle's assessment{reasons}: the title is withdrawn (rule A-7)" },
  vetoItem: { zh: "否决项：{item}", en: "veto item: {item}" },
  scoreFailed: { zh: "考核得分 {score} 不合格", en: "assessment score {score} fails" },
  organisingUnitCandidacy: {
    zh: "优秀组织单位须从乡镇（街道）及以上的安全生产监管部门、行业主管部门、工会或规模以上企业中推选，本单位为「{type}」{category}（规则 A-8）",
    en: "An outstanding organising unit is chosen from unions, work-safety or industry regulators at township (sub-district) level or higher, or above-scale enterprises; this organisation: {type}{category} (rule A-8)",
  },
} as const satisfies Record<string, Text>;
export type EligibilityMessage = keyof typeof ELIGIBILITY_MESSAGES;

const fillIn = (template: string, params: Record<string, Param>, locale: "zh" | "en") =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => { const v = params[k]; return v == null ? `{${k}}` : typeof v === "object" ? v[locale] : String(v); });

/** A catalogue reason in both languages, "中文 / English" (the reader's half is picked where it is shown). */
export function eligibilityText(code: EligibilityMessage, params: Record<string, Param> = {}): string {
  const m = ELIGIBILITY_MESSAGES[code];
  return `${fillIn(m.zh, params, "zh")} / ${fillIn(m.en, params, "en")}`;
}

/** The Chinese or English half of a reason made by eligibilityText. */
export const reasonHalf = (reason: string, locale: "zh" | "en"): string => half(reason, locale);

const list = (items: readonly (string | number)[]): Text => ({ zh: items.join("、"), en: items.join(", ") });

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
  const T = eligibilityText;
  return [
    { code: "competitionBody", met: facts.hasCompetitionBody, reason: T(facts.hasCompetitionBody ? "competitionBodyMet" : "competitionBodyMissing") },
    { code: "plan", met: facts.hasPlan, reason: T(facts.hasPlan ? "planMet" : "planMissing") },
    facts.seriousAccidents.length === 0
      ? { code: "noSeriousAccident", met: true, reason: T("noSeriousAccident") }
      : { code: "noSeriousAccident", met: false, reason: T("seriousAccident", { n: facts.seriousAccidents.length, dates: list(facts.seriousAccidents.map((a) => a.occurredAt.slice(0, 10))) }) },
    !self
      ? { code: "selfAssessment", met: false, reason: T("selfMissing") }
      : self.total + 1e-9 >= settings.minSelfAssessment
        ? { code: "selfAssessment", met: true, reason: T("selfMet", { score: self.total, min: settings.minSelfAssessment }) }
        : { code: "selfAssessment", met: false, reason: T("selfLow", { score: self.total, min: settings.minSelfAssessment }) },
    !self
      ? { code: "sectionRate", met: false, reason: T("rateMissing") }
      : lowSections.length === 0
        ? { code: "sectionRate", met: true, reason: T("rateMet", { pct }) }
        : { code: "sectionRate", met: false, reason: T("rateLow", { pct, sections: list(lowSections.map((s) => `${s.title} ${Math.round(s.rate * 1000) / 10}%`)) }) },
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
  /** the holder organisation's type and unit category (rule A-8: who may be 优秀组织单位) */
  holder?: { type: string; unitCategory: string | null };
  /** quota for this title and level in the candidate's region, and how many are already used */
  quota?: { allowed: number; used: number } | null;
};

export type Refusal = { code: string; reason: string };
export type Eligibility = { eligible: boolean; refusals: Refusal[] };

const LOWER: Record<Level, Level | null> = { city: null, provincial: "city", national: "provincial" };
const LEVEL_ZH: Record<Level, string> = { city: "市级", provincial: "省级", national: "全国" };
const LEVEL_EN: Record<Level, string> = { city: "city", provincial: "provincial", national: "national" };
const levelText = (level: Level): Text => ({ zh: LEVEL_ZH[level], en: LEVEL_EN[level] });
const titleText = (kind: TitleKind): Text => ({ zh: TITLE_LABELS[kind], en: TITLE_LABELS_EN[kind] });

/** Consecutive years ending at `lastYear` (inclusive) in which the title was held at the level. */
export function consecutiveYears(history: TitleRecord[], kind: TitleKind, level: Level, lastYear: number): number {
  const years = new Set(history.filter((h) => h.kind === kind && h.level === level && !h.withdrawn).map((h) => h.year));
  let n = 0;
  while (years.has(lastYear - n)) n++;
  return n;
}

/** Title eligibility with every reason it fails (rules ). */
export function titleEligibility(input: EligibilityInput, settings: AnkangSettings): Eligibility {
  const refusals: Refusal[] = [];
  const { kind, level, year } = input;
  const unitTitle = kind === "winnerUnit" || kind === "winnerTeam" || kind === "modelEnterprise";
  if (unitTitle || kind === "organisingUnit") {
    for (const c of input.conditions) if (!c.met) refusals.push({ code: `condition.${c.code}`, reason: c.reason });
    if (input.vetoes.length > 0) refusals.push({ code: "veto", reason: eligibilityText("veto", { items: list(input.vetoes) }) });
  }
  if (unitTitle) {
    if (!input.agreementSigned) refusals.push({ code: "agreement", reason: eligibilityText("agreement") });
    const threshold = settings.winnerThreshold[level];
    if (input.finalScore == null) refusals.push({ code: "threshold", reason: eligibilityText("noFinalScore") });
    else if (kind !== "modelEnterprise" && input.finalScore + 1e-9 < threshold)
      refusals.push({ code: "threshold", reason: eligibilityText("threshold", { score: input.finalScore, level: levelText(level), threshold }) });
  }
  if (kind === "winnerUnit" || kind === "winnerTeam") {
    const lower = LOWER[level];
    if (lower && !input.history.some((h) => h.kind === kind && h.level === lower && !h.withdrawn && h.year <= year))
      refusals.push({ code: "lowerTitle", reason: eligibilityText("lowerTitle", { level: levelText(lower), title: titleText(kind) }) });
    const sameLevel = input.history.filter((h) => h.kind === kind && h.level === level && h.year < year);
    if (level === "national" && sameLevel.length > 0)
      refusals.push({ code: "noRepeat", reason: eligibilityText("noRepeatNational", { years: list(sameLevel.map((h) => h.year)), title: titleText(kind) }) });
    if (level !== "national") {
      const recent = sameLevel.filter((h) => year - h.year < settings.provincialNoRepeatYears);
      if (recent.length > 0)
        refusals.push({ code: "noRepeat", reason: eligibilityText("noRepeatWindow", { year: recent[recent.length - 1]!.year, level: levelText(level), title: titleText(kind), n: settings.provincialNoRepeatYears }) });
    }
  }
  if (kind === "winnerTeam") {
    const t = input.team ?? { threeViolations: 0, openHazards: 0, overdueHazards: 0 };
    if (t.threeViolations > 0) refusals.push({ code: "threeViolations", reason: eligibilityText("threeViolations", { n: t.threeViolations }) });
    if (t.overdueHazards > 0) refusals.push({ code: "hazards", reason: eligibilityText("hazardsOverdue", { n: t.overdueHazards }) });
    else if (!settings.teamAllowsOpenHazards && t.openHazards > 0) refusals.push({ code: "hazards", reason: eligibilityText("hazardsOpen", { n: t.openHazards }) });
  }
  if (kind === "modelEnterprise") {
    const n = Math.max(consecutiveYears(input.history, "winnerUnit", "national", year), consecutiveYears(input.history, "winnerUnit", "national", year - 1));
    if (n < settings.modelConsecutiveYears)
      refusals.push({ code: "model", reason: eligibilityText("modelYears", { n, need: settings.modelConsecutiveYears }) });
    if (input.finalScore != null && input.finalScore + 1e-9 < input.fullMarks)
      refusals.push({ code: "model", reason: eligibilityText("modelFullMarks", { full: input.fullMarks, score: input.finalScore }) });
  }
  if (kind === "organisingUnit" && !organisingUnitCandidate(input.holder, settings)) {
    const h = input.holder;
    const category: Text = h?.unitCategory ? { zh: `（${unitCategoryLabel(h.unitCategory, "zh")}）`, en: ` (${unitCategoryLabel(h.unitCategory, "en")})` } : { zh: "", en: "" };
    const type: Text = h ? { zh: orgTypeLabel(h.type, "zh"), en: orgTypeLabel(h.type, "en") } : { zh: "未知", en: "unknown" };
    refusals.push({ code: "candidacy", reason: eligibilityText("organisingUnitCandidacy", { type, category }) });
  }
  if (input.quota && input.quota.used >= input.quota.allowed)
    refusals.push({ code: "quota", reason: eligibilityText("quota", { level: levelText(level), title: titleText(kind), allowed: input.quota.allowed }) });
  return { eligible: refusals.length === 0, refusals };
}

/**
 * rule A-8: 优秀组织单位 is chosen from 乡镇(街道)-level-or-higher safety regulators, industry
 * regulators, unions, or 规模以上 enterprises. A union body qualifies by its type (the settings list
 * those at 乡镇 level or higher), any other organisation by its unit category; a 班组 never (it is
 * below 乡镇 level, whatever it is marked).
 */
export function organisingUnitCandidate(holder: { type: string; unitCategory: string | null } | undefined, settings: Pick<AnkangSettings, "organisingUnitUnionTypes" | "organisingUnitCategories">): boolean {
  if (!holder || holder.type === "team") return false;
  if ((settings.organisingUnitUnionTypes as readonly string[]).includes(holder.type)) return true;
  return holder.unitCategory != null && (settings.organisingUnitCategories as readonly string[]).includes(holder.unitCategory);
}

/** rule A-7: a holder that did not compete this cycle, or failed, loses the title. */
export function withdrawalReason(holder: { competed: boolean; failed: boolean; failReasons?: string[] }): string | null {
  if (!holder.competed) return eligibilityText("notCompeted");
  const reasons = holder.failReasons ?? [];
  if (holder.failed) return eligibilityText("failed", { reasons: reasons.length ? { zh: `（${reasons.map((r) => reasonHalf(r, "zh")).join("；")}）`, en: ` (${reasons.map((r) => reasonHalf(r, "en")).join("; ")})` } : "" });
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
