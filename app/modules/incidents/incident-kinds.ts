// The kinds of incident the register holds and what each one means for awards.
// Pure data and rules: no I/O (rules A-12, N-21, N-41).

export const INCIDENT_KINDS = ["safety_accident", "occupational_hazard", "mass_incident", "quality_accident"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const SAFETY_SEVERITIES = ["minor_injury", "serious_injury", "fatal"] as const;
export const QUALITY_SEVERITIES = ["general", "major", "severe"] as const;
export type IncidentSeverity = (typeof SAFETY_SEVERITIES)[number] | (typeof QUALITY_SEVERITIES)[number];

export const KIND_LABELS: Record<IncidentKind, { zh: string; en: string }> = {
  safety_accident: { zh: "生产安全事故", en: "Production-safety accident" },
  occupational_hazard: { zh: "严重职业危害", en: "Serious occupational hazard" },
  mass_incident: { zh: "群体性事件", en: "Mass incident" },
  quality_accident: { zh: "质量事故", en: "Quality accident" },
};

export const SEVERITY_LABELS: Record<IncidentSeverity, { zh: string; en: string }> = {
  minor_injury: { zh: "轻伤", en: "Minor injury" },
  serious_injury: { zh: "重伤", en: "Serious injury" },
  fatal: { zh: "死亡", en: "Fatal" },
  general: { zh: "一般", en: "General" },
  major: { zh: "较大", en: "Major" },
  severe: { zh: "重大", en: "Severe" },
};

/** Which severities a kind takes: safety and quality accidents need one, the others none. */
export function severitiesFor(kind: IncidentKind): readonly IncidentSeverity[] {
  if (kind === "safety_accident") return SAFETY_SEVERITIES;
  if (kind === "quality_accident") return QUALITY_SEVERITIES;
  return [];
}

export const SEVERITY_MESSAGES = {
  required: "生产安全事故和质量事故须选择严重程度 / choose the severity of a safety or quality accident",
  notAllowed: "该类事件不分严重程度 / this kind of incident takes no severity",
  wrongKind: "严重程度与事件类型不符 / the severity does not match the kind of incident",
} as const;

/** null when the severity fits the kind, else the message to show. */
export function severityProblem(kind: IncidentKind, severity: string | null | undefined): string | null {
  const allowed = severitiesFor(kind) as readonly string[];
  if (allowed.length === 0) return severity ? SEVERITY_MESSAGES.notAllowed : null;
  if (!severity) return SEVERITY_MESSAGES.required;
  return allowed.includes(severity) ? null : SEVERITY_MESSAGES.wrongKind;
}

export type IncidentFact = { kind: string; severity: string | null; occurredOn: Date };

/**
 * Does this incident bar the unit from 五一劳动奖 / 工人先锋号 applications for the 3-year window?
 * Rule N-21 (and A-12): a production-safety accident, a serious occupational hazard or a mass
 * incident. A minor-injury accident is not a 生产安全事故 in the award rules' sense (A-12 names
 * "重伤及以上"), and quality accidents are not in N-21's list.
 */
export function isAwardBarringIncident(incident: Pick<IncidentFact, "kind" | "severity">): boolean {
  if (incident.kind === "occupational_hazard" || incident.kind === "mass_incident") return true;
  if (incident.kind === "safety_accident") return incident.severity === "serious_injury" || incident.severity === "fatal";
  return false;
}

/** Rule A-12 一票否决 for a year's award: a serious-injury-or-worse safety accident in that year. */
export function isYearVeto(incident: Pick<IncidentFact, "kind" | "severity">): boolean {
  return incident.kind === "safety_accident" && (incident.severity === "serious_injury" || incident.severity === "fatal");
}
