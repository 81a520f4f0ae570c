// The ratio panel's rule names and requirements in the reader's language (rules N-10 … N-20).
// The rules keep their Chinese label as data (a campaign may add its own); the default rules,
// the quota rules, the 差额 rules and the 控制数 caps are known by id and get an English name.
// Pure: no I/O.
import type { RatioResult } from "./ratios";
import { localiseMessage } from "~/utils/messages";

const EN_LABELS: Record<string, string> = {
  "medal-industrial": "Medal: industrial workers",
  "medal-frontline": "Medal: other front-line workers and technical staff",
  "medal-science": "Medal: science and education staff",
  "medal-migrant": "Medal: migrant workers",
  nonpublic: "Non-public enterprises and their workers",
  "pioneer-teams": "Worker Pioneer: teams and offices",
  "enterprise-heads": "Enterprise heads",
  "county-cadres": "County-level cadres (share of public-sector nominees)",
  "bureau-excluded": "Bureau-level cadres and above may not take part",
};

function enLabel(id: string, label: string): string {
  if (EN_LABELS[id]) return EN_LABELS[id];
  if (id === "quota-all") return "Places: total";
  if (id.startsWith("quota-")) return `Places: ${id.slice("quota-".length)}`;
  if (id.startsWith("competitive-")) return `Competitive margin · ${enLabel(`quota-${id.slice("competitive-".length)}`, label)}`;
  if (id.startsWith("cap-")) return `Control cap: ${id.slice("cap-".length)}`;
  return label;
}

/** The rule's name: the stored Chinese label, or the English name of a known rule. */
export function ruleLabel(r: Pick<RatioResult, "id" | "label">, locale: "zh" | "en"): string {
  return locale === "zh" ? r.label : enLabel(r.id, r.label);
}

/** The requirement ("≥ 35%", "≤ 2 名", "≥ 120%（3 名）", "不得推荐") in the reader's language. */
export function ruleRequirement(r: Pick<RatioResult, "kind" | "requirement">, locale: "zh" | "en"): string {
  if (r.kind === "excluded") return locale === "zh" ? "不得推荐" : "May not be nominated";
  if (locale === "zh") return r.requirement;
  return r.requirement.replace(/（(\d+) 名）/, " ($1 candidates)").replace(/ 名$/, " places");
}

/** The advice ("还差：… / add …") in the reader's language: the half of the bilingual text. */
export function ruleAdvice(r: Pick<RatioResult, "advice">, locale: "zh" | "en"): string {
  return localiseMessage(r.advice, locale);
}

/**
 * A panel as an API answer in one language (brief ux item 3): each rule's label, requirement
 * and advice in the request's language instead of the stored Chinese and mixed strings.
 */
export function localisePanel<P extends { results: RatioResult[] }>(panel: P, locale: "zh" | "en"): P {
  return { ...panel, results: panel.results.map((r) => ({ ...r, label: ruleLabel(r, locale), requirement: ruleRequirement(r, locale), advice: ruleAdvice(r, locale) })) };
}
