// 一票否决 (rules L-7, A-12): what an accident in the shared accident register does to a unit's
// assessment. Pure: the caller passes the accidents (from app/modules/incidents) and the
// competition's veto rules; every number here is a setting with the documented default.

export type AccidentKind = "safety" | "quality";
/** safety: 轻伤 minor, 重伤 serious, 死亡 fatal; quality: 一般 general, 较大 major, 重大 grave */
export type AccidentSeverity = "minor" | "serious" | "fatal" | "general" | "major" | "grave";

export const SEVERITY_ORDER: Record<AccidentSeverity, number> = { minor: 1, serious: 2, fatal: 3, general: 1, major: 2, grave: 3 };
export const SEVERITY_LABELS: Record<AccidentSeverity, string> = { minor: "轻伤", serious: "重伤", fatal: "死亡", general: "一般", major: "较大", grave: "重大" };
export const KIND_OF_SEVERITY: Record<AccidentSeverity, AccidentKind> = { minor: "safety", serious: "safety", fatal: "safety", general: "quality", major: "quality", grave: "quality" };

export type Accident = { id: string; unitId: string; date: string; severity: AccidentSeverity };

/** What one veto rule does. Deductions are in hundredths of a point of the named indicator role. */
export type Consequence = {
  deduct?: { role: "safety" | "quality"; points: number };
  disqualify?: "period" | "year";
  /** rule L-7: a fatal accident sets the year's safety-performance score to 0 */
  zeroSafetyForYear?: boolean;
};

/** A rule applies to accidents of its kind at `atLeast` severity or worse. */
export type VetoRule = { kind: AccidentKind; atLeast: AccidentSeverity; consequence: Consequence; label: string };

/** The documented defaults (rules L-7, A-12). */
export const DEFAULT_VETO_RULES: VetoRule[] = [
  { kind: "safety", atLeast: "minor", consequence: { deduct: { role: "safety", points: 500 } }, label: "轻伤及以上：安全指标扣 5 分" },
  { kind: "safety", atLeast: "serious", consequence: { disqualify: "period" }, label: "重伤及以上：取消本期评比资格" },
  { kind: "safety", atLeast: "fatal", consequence: { zeroSafetyForYear: true, disqualify: "year" }, label: "死亡：全年安全指标为 0，取消年度评优资格" },
  { kind: "quality", atLeast: "general", consequence: { deduct: { role: "quality", points: 500 } }, label: "一般质量事故：质量指标扣 5 分" },
  { kind: "quality", atLeast: "major", consequence: { disqualify: "period" }, label: "较大质量事故：取消本期评比资格" },
  { kind: "quality", atLeast: "grave", consequence: { disqualify: "year" }, label: "重大质量事故：取消年度评优资格" },
];

/** Ordering of consequences, most severe last: year disqualification, then a zeroed year, then period disqualification, then points. */
export function severityOf(c: Consequence): [number, number, number] {
  return [c.disqualify === "year" ? 2 : c.disqualify === "period" ? 1 : 0, c.zeroSafetyForYear ? 1 : 0, c.deduct?.points ?? 0];
}

export function compareConsequences(a: Consequence, b: Consequence): number {
  const x = severityOf(a);
  const y = severityOf(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** A deduction event (通报批评 etc.) the client or supervisor issued about this accident: it competes with the veto rules. */
export type LinkedDeduction = { eventId: string; accidentId: string; role: "safety" | "quality"; points: number };

export type AccidentOutcome = {
  accidentId: string;
  unitId: string;
  date: string;
  consequence: Consequence;
  /** the rule or event that was applied; the others matching the same accident are not added (不累计) */
  appliedFrom: string;
  /** deduction events about this accident that were NOT applied because a more severe consequence won */
  neutralisedEventIds: string[];
};

/**
 * rule L-7: for one accident take only the single most severe consequence (就高不就低, 不累计):
 * every rule the accident matches and every deduction event linked to it compete; the most
 * severe one applies and the others do not add up.
 */
export function decideAccident(accident: Accident, rules: readonly VetoRule[], linked: readonly LinkedDeduction[] = []): AccidentOutcome | null {
  const kind = KIND_OF_SEVERITY[accident.severity];
  const candidates: { consequence: Consequence; from: string; eventId?: string }[] = [];
  for (const rule of rules) {
    if (rule.kind === kind && SEVERITY_ORDER[accident.severity] >= SEVERITY_ORDER[rule.atLeast]) candidates.push({ consequence: rule.consequence, from: rule.label });
  }
  const ownEvents = linked.filter((l) => l.accidentId === accident.id);
  for (const e of ownEvents) candidates.push({ consequence: { deduct: { role: e.role, points: e.points } }, from: `event:${e.eventId}`, eventId: e.eventId });
  if (candidates.length === 0) return null;
  let best = candidates[0];
  for (const c of candidates.slice(1)) if (compareConsequences(c.consequence, best.consequence) > 0) best = c;
  return {
    accidentId: accident.id, unitId: accident.unitId, date: accident.date, consequence: best.consequence, appliedFrom: best.from,
    neutralisedEventIds: ownEvents.map((e) => e.eventId).filter((id) => id !== best.eventId),
  };
}

export type UnitVetoes = {
  /** hundredths of a point to take off an indicator role in this period */
  deductions: { role: "safety" | "quality"; points: number; accidentId: string }[];
  disqualifiedForPeriod: boolean;
  disqualifiedForYear: boolean;
  safetyZeroedForYear: boolean;
  reasons: string[];
};

export const emptyVetoes = (): UnitVetoes => ({ deductions: [], disqualifiedForPeriod: false, disqualifiedForYear: false, safetyZeroedForYear: false, reasons: [] });

/**
 * The vetoes on each unit for one period of a year: the year-long consequences of every accident
 * of the year so far (a fatal accident zeroes safety for the whole year, also in earlier periods
 * once recorded), and the period consequences of the accidents dated inside the period.
 * `affected(unitId)` names the units an accident counts against (the unit and its 标段).
 */
export function vetoesForPeriod(
  outcomes: readonly AccidentOutcome[],
  period: { from: string; to: string },
  affected: (unitId: string) => readonly string[] = (id) => [id],
): Map<string, UnitVetoes> {
  const result = new Map<string, UnitVetoes>();
  const of = (id: string) => {
    let v = result.get(id);
    if (!v) result.set(id, (v = emptyVetoes()));
    return v;
  };
  for (const o of outcomes) {
    const inPeriod = o.date >= period.from && o.date <= period.to;
    for (const unitId of affected(o.unitId)) {
      const v = of(unitId);
      const c = o.consequence;
      if (c.zeroSafetyForYear) {
        v.safetyZeroedForYear = true;
        v.reasons.push(`事故 ${o.date}：全年安全指标为 0 / safety zeroed for the year`);
      }
      if (c.disqualify === "year") {
        v.disqualifiedForYear = true;
        v.disqualifiedForPeriod = true;
        v.reasons.push(`事故 ${o.date}：取消年度资格 / disqualified for the year`);
      } else if (inPeriod && c.disqualify === "period") {
        v.disqualifiedForPeriod = true;
        v.reasons.push(`事故 ${o.date}：取消本期资格 / disqualified for the period`);
      }
      if (inPeriod && c.deduct) {
        v.deductions.push({ ...c.deduct, accidentId: o.accidentId });
        v.reasons.push(`事故 ${o.date}：扣 ${(c.deduct.points / 100).toFixed(2)} 分 / deduction`);
      }
    }
  }
  return result;
}

// ------------------------------------------------------------------ monthly team awards (rule L-7 examples)

export type TeamMonthFacts = {
  attendancePercent: number;
  worstSafety?: AccidentSeverity | null;
  worstQuality?: AccidentSeverity | null;
  fightingOrTheft?: boolean;
  criticised?: boolean;
};

export type TeamVetoSettings = { minAttendancePercent: number; safetyAtLeast: AccidentSeverity; qualityAtLeast: AccidentSeverity };
export const DEFAULT_TEAM_VETO_SETTINGS: TeamVetoSettings = { minAttendancePercent: 95, safetyAtLeast: "minor", qualityAtLeast: "general" };

/** rule L-7: reasons a team may not take a monthly best-team award (empty = eligible). */
export function teamAwardVetoes(f: TeamMonthFacts, s: TeamVetoSettings = DEFAULT_TEAM_VETO_SETTINGS): string[] {
  const reasons: string[] = [];
  if (f.attendancePercent < s.minAttendancePercent) reasons.push(`出勤率 ${f.attendancePercent}% 低于 ${s.minAttendancePercent}% / attendance below ${s.minAttendancePercent} %`);
  if (f.worstSafety && SEVERITY_ORDER[f.worstSafety] >= SEVERITY_ORDER[s.safetyAtLeast]) reasons.push(`发生${SEVERITY_LABELS[f.worstSafety]}事故 / a ${f.worstSafety} injury`);
  if (f.worstQuality && SEVERITY_ORDER[f.worstQuality] >= SEVERITY_ORDER[s.qualityAtLeast]) reasons.push(`发生${SEVERITY_LABELS[f.worstQuality]}质量事故 / a ${f.worstQuality} quality accident`);
  if (f.fightingOrTheft) reasons.push("打架斗殴或偷盗 / fighting or theft");
  if (f.criticised) reasons.push("受到通报批评及以上处理 / a notice of criticism or worse");
  return reasons;
}
