// Who may stand for an honour (issue 13 item 5): a pure function of the candidate, the facts
// read from the registers, and the campaign's settings. Every reason names its rule.
//  - rules N-21 / A-12: the employer had a production-safety accident (serious injury or worse),
//    a serious occupational hazard or a mass incident in the year or the lookback before it;
//  - rule N-17: 荣誉基础, a live honour at or above the required level (within N years if set);
//  - rule N-20: no second 劳动模范 title within the assessment period; an earlier holder needs
//    new special contribution (a warning, not a bar);
//  - rule N-43: the nominating unit is barred from this round after a bad nomination.
import { isAwardBarringIncident, KIND_LABELS, type IncidentKind } from "~/modules/incidents/incident-kinds";
import { atOrAbove, isLive, isModelWorkerTitle, LEVEL_LABELS, type HonourLevel } from "./honour-levels";

export type EligibilityCandidate = {
  /** the award sought (an AwardKey of the nominations module: 奖状 | 奖章 | 先锋号 | 劳模 | 先进工作者) */
  award: string;
  kind: "individual" | "collective";
};

export type EligibilityFacts = {
  /** incidents in the employer (and under it) from the start of the lookback to the end of the year */
  incidents: { kind: string; severity: string | null; occurredOn: Date | string; title: string }[];
  /** the candidate's honours (a member's, or the collective's), revoked ones included */
  honours: { title: string; level: string; year: number; revokedAt: Date | string | null }[];
  /** bars on the nominating unit (rule N-43) still in force */
  bars: { award: string; fromYear: number; untilYear: number; reason: string; liftedAt?: Date | string | null }[];
};

export type EligibilitySettings = {
  /** the campaign's year */
  year: number;
  /** rule N-21: years before the campaign's year in which an incident still bars (default 3) */
  incidentLookbackYears: number;
  /** awards the incident bar applies to (N-21 names 五一劳动奖 and 工人先锋号; A-12 every award) */
  incidentBarredAwards: readonly string[];
  /** rule N-17: the level a prior honour must reach, or null when no 荣誉基础 is asked */
  priorHonourFloor: HonourLevel | null;
  /** rule N-17 (provincial variant): the prior honour must be this recent (years), or null */
  priorHonourWithinYears: number | null;
  /** rule N-17 says 一般应 (should normally): "warn" lets the reviewer decide, "require" bars */
  priorHonourMode: "require" | "warn";
  /** rule N-20: the 劳模 assessment period in years (5 for the usual five-yearly round) */
  modelWorkerPeriodYears: number;
  /** rule N-20: the lowest level of a 劳模 title that counts ("city-or-higher") */
  modelWorkerFloor: HonourLevel;
};

export const DEFAULT_ELIGIBILITY_SETTINGS: Omit<EligibilitySettings, "year"> = {
  incidentLookbackYears: 3,
  incidentBarredAwards: ["奖状", "奖章", "先锋号", "劳模", "先进工作者"],
  priorHonourFloor: null,
  priorHonourWithinYears: null,
  priorHonourMode: "warn",
  modelWorkerPeriodYears: 5,
  modelWorkerFloor: "city",
};

/** Rule N-17's default floor by the campaign's level: national asks provincial, provincial asks city. */
export function priorHonourFloorFor(campaignLevel: string): HonourLevel | null {
  if (campaignLevel === "national") return "provincial";
  if (campaignLevel === "provincial") return "city";
  return null;
}

export type EligibilityReason = {
  code: "incident" | "prior_honour" | "model_worker_period" | "model_worker_earlier" | "unit_barred";
  rule: string;
  /** false: a warning the reviewer weighs; true: the candidate may not stand */
  blocking: boolean;
  message: string;
};

const yearOf = (d: Date | string) => (typeof d === "string" ? Number(d.slice(0, 4)) : d.getUTCFullYear());
const day = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export function checkEligibility(candidate: EligibilityCandidate, facts: EligibilityFacts, settings: EligibilitySettings): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  const { year } = settings;

  // rules N-21, A-12: the employer's accidents in [year - lookback, year]
  if (settings.incidentBarredAwards.includes(candidate.award)) {
    for (const i of facts.incidents) {
      const y = yearOf(i.occurredOn);
      if (y > year || y < year - settings.incidentLookbackYears || !isAwardBarringIncident(i)) continue;
      const kind = KIND_LABELS[i.kind as IncidentKind]?.zh ?? i.kind;
      reasons.push({
        code: "incident", rule: "N-21", blocking: true,
        message: `所在单位 ${day(i.occurredOn)} 发生${kind}「${i.title}」，${y + settings.incidentLookbackYears + 1} 年起方可申报 / the employer had a ${KIND_LABELS[i.kind as IncidentKind]?.en.toLowerCase() ?? i.kind} on ${day(i.occurredOn)}: no application until ${y + settings.incidentLookbackYears + 1}`,
      });
    }
  }

  const live = facts.honours.filter(isLive);

  // rule N-17: 荣誉基础
  if (settings.priorHonourFloor) {
    const floor = settings.priorHonourFloor;
    const within = settings.priorHonourWithinYears;
    const basis = live.some((h) => atOrAbove(h.level, floor) && h.year <= year && (within === null || h.year > year - within));
    if (!basis) {
      const label = LEVEL_LABELS[floor];
      reasons.push({
        code: "prior_honour", rule: "N-17", blocking: settings.priorHonourMode === "require",
        message: `缺少${label.zh}及以上荣誉基础${within ? `（近 ${within} 年）` : ""} / no ${label.en.toLowerCase()}-or-higher prior honour${within ? ` within ${within} years` : ""}`,
      });
    }
  }

  // rule N-20: no second 劳模 within the assessment period
  if (candidate.award === "劳模" || candidate.award === "先进工作者") {
    const held = live.filter((h) => isModelWorkerTitle(h.title) && atOrAbove(h.level, settings.modelWorkerFloor) && h.year <= year);
    const recent = held.find((h) => h.year > year - settings.modelWorkerPeriodYears);
    if (recent) {
      reasons.push({
        code: "model_worker_period", rule: "N-20", blocking: true,
        message: `${recent.year} 年已获「${recent.title}」，本评选周期内不得再次推荐 / already ${recent.title} (${recent.year}) within this assessment period`,
      });
    } else if (held.length > 0) {
      reasons.push({
        code: "model_worker_earlier", rule: "N-20", blocking: false,
        message: `曾获「${held[0].title}」（${held[0].year} 年），须有新的特殊贡献 / an earlier holder needs new special contribution`,
      });
    }
  }

  // rule N-43: the nominating unit is barred from this round
  for (const bar of facts.bars) {
    if (bar.liftedAt || !(year > bar.fromYear && year <= bar.untilYear)) continue;
    if (bar.award && bar.award !== candidate.award) continue;
    reasons.push({
      code: "unit_barred", rule: "N-43", blocking: true,
      message: `推荐单位已被取消本届推荐资格（${bar.reason}）/ the nominating unit is barred from this round`,
    });
  }
  return reasons;
}

export const isEligible = (reasons: readonly EligibilityReason[]) => !reasons.some((r) => r.blocking);
