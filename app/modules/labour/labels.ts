import { INDICATOR_TEMPLATES, type IndicatorSet, type TemplateKey } from "./indicators";
import { DEFAULT_EVENT_TABLE } from "./event-table";

// Labour competition values the platform itself writes (template names, indicator names, period
// labels, year-end award names) in the reader's language (issue 12 item 9). What people typed
// (project, unit and builder names) is data and stays as written. Plain TypeScript: pages use it.

/** The template an indicator set was made from, when its name is still the template's. */
export function templateKeyOf(set: Pick<IndicatorSet, "name">): TemplateKey | null {
  const found = (Object.keys(INDICATOR_TEMPLATES) as TemplateKey[]).find((k) => INDICATOR_TEMPLATES[k].name === set.name);
  return found ?? null;
}

/**
 * An indicator's i18n key (`indicatorNames.<template>.<key>`) when it still has its template's
 * name; null for an indicator the organiser named (shown as written).
 */
export function indicatorNameKey(set: Pick<IndicatorSet, "name">, indicator: { key: string; name: string }): string | null {
  const template = templateKeyOf(set);
  if (!template) return null;
  const original = INDICATOR_TEMPLATES[template].indicators.find((i) => i.key === indicator.key);
  return original && original.name === indicator.name ? `indicatorNames.${template}.${indicator.key}` : null;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A period's label ("2025年3月", "2025年3月上半月", "2025年第1季度") in English: "March 2025", "1–15 March 2025", "Q1 2025". */
export function periodLabel(label: string, locale: "zh" | "en", templateName?: (key: TemplateKey) => string): string {
  if (locale === "zh") return label;
  // a campaign's one period is named after its indicator set
  const template = templateKeyOf({ name: label });
  if (template && templateName) return templateName(template);
  const month = /^(\d{4})年(\d{1,2})月(上半月|下半月)?$/.exec(label);
  if (month) {
    const name = `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
    if (!month[3]) return name;
    return month[3] === "上半月" ? `1–15 ${name}` : `16–end ${name}`;
  }
  const quarter = /^(\d{4})年第(\d)季度$/.exec(label);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return label;
}

/** The year-end awards (rules L-8, L-9) by their stored Chinese name → i18n key under `awardNames`. */
export const YEAR_AWARD_KEYS: Record<string, string> = {
  先进单位: "advancedUnit", 先进班组: "advancedTeam", 进度奖: "progress", 质量奖: "quality", 安全奖: "safety", 精神文明奖: "civic",
};

/**
 * A year-end award's basis (stored in Chinese in the honours register, rules L-8/L-9) in the
 * reader's language: "年度平均 87.50" → "year average 87.50".
 */
export function yearEndBasis(basis: string, locale: "zh" | "en"): string {
  if (locale === "zh") return basis;
  const average = /^(\S+) ?平均 (\S+)$/.exec(basis);
  if (average) return average[1] === "年度" ? `year average ${average[2]}` : `${average[1]} average ${average[2]}`;
  const progress = /^完成计划 (\S+)%，超出 (\S+) 个百分点$/.exec(basis);
  if (progress) return `${progress[1]} % of the plan, ${progress[2]} points over`;
  const onSite = /^进场 (\S+)$/.exec(basis);
  if (onSite) return `on site from ${onSite[1]}`;
  return basis;
}

/**
 * A ledger line's note (rule L-5) in the reader's language. The system writes the note in Chinese
 * from the line's kind and values when it awards a period or records an event: "2026年3月 流动红旗"
 * (banner), "2026年3月 月度优秀班组" (banner, rule L-7), "2026年3月 第2名（末位）" (place),
 * "2026-03-14 安全处罚" (event, an accident's penalty or a notice). Those read in English as
 * "March 2026 · Red banner", "March 2026 · Place 2 (last)", "2026-03-14 · Safety penalty". A note
 * of another shape, or an event type the organiser named, is shown as stored.
 */
export function ledgerNote(
  line: { kind: string; note: string },
  locale: "zh" | "en",
  eventTypeName: (key: string) => string,
  templateName?: (key: TemplateKey) => string,
): string {
  if (locale === "zh") return line.note;
  const period = (label: string) => periodLabel(label, "en", templateName);
  if (line.kind === "banner") {
    const banner = /^(.+) (流动红旗|月度优秀班组)$/.exec(line.note);
    if (banner) return `${period(banner[1])} · ${banner[2] === "流动红旗" ? "Red banner" : "Best team of the month"}`;
  }
  if (line.kind === "place") {
    const place = /^(.+) 第(\d+)名(（末位）)?$/.exec(line.note);
    if (place) return `${period(place[1])} · Place ${place[2]}${place[3] ? " (last)" : ""}`;
  }
  if (line.kind === "event") {
    const event = /^(\d{4}-\d{2}-\d{2}) (.+)$/.exec(line.note);
    const row = event ? DEFAULT_EVENT_TABLE.find((r) => r.label === event[2]) : undefined;
    if (event && row) return `${event[1]} · ${eventTypeName(row.key)}`;
  }
  return line.note;
}
