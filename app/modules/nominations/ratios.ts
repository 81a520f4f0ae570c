// Structure ratios (结构比例) of a nomination list, pure (rules N-10 … N-20). A campaign holds
// its rules as data; every number is a setting with the documented default (DOMAIN-RULES §6).
// The list is validated as a whole: a rule counts the candidates that match it among those
// in its base (the whole list, or e.g. only the 奖章 nominees, or only the 机关事业 ones).
//
// `checkStructureRatios` recounts a list; `RatioTally` keeps the same counts incrementally
// (add / remove one candidate in O(rules)) so a level's panel answers after one change
// without recounting the list (scripts/bench/nominations.ts).

export const CRITERION_FIELDS = [
  "award", "kind", "category", "quotaCategory", "cadreRank", "ownership", "unitType", "sex", "ethnicity",
  "isMigrantWorker", "isNewEmployment", "isFrontline", "isTeamOrOffice", "isKeyIndustry",
] as const;
export type CriterionField = (typeof CRITERION_FIELDS)[number];

/** Matches a candidate whose field has one of the values (booleans are "true" / "false"). */
export type Criterion = { field: CriterionField; values: string[] };

export const RULE_KINDS = ["min_share", "max_share", "max_count", "excluded"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export type RatioRule = {
  id: string;
  /** what the office reads, Chinese first */
  label: string;
  kind: RuleKind;
  match: Criterion;
  /** the denominator: null = the whole list */
  base?: Criterion | null;
  /** min_share / max_share: a percentage of the base */
  percent?: number;
  /** max_count: a number of candidates (控制数, 名额) */
  count?: number;
  /** hard: the list cannot go up while unmet; advisory: it goes up with a written reason */
  hard: boolean;
  /** the DOMAIN-RULES id, e.g. N-10 */
  source?: string;
};

/** The fields of a candidate the rules read. */
export type RatioEntry = {
  award: string; kind: string; category: string; /** the quota's category: 人员类别 for persons, the award for collectives */ quotaCategory: string; cadreRank: string; ownership: string; unitType: string; sex: string; ethnicity: string;
  isMigrantWorker: boolean; isNewEmployment: boolean; isFrontline: boolean; isTeamOrOffice: boolean; isKeyIndustry: boolean;
};

/** The kinds a result can have: a campaign's rule kinds, and 差额 (rule N-16), derived from the 名额. */
export const RESULT_KINDS = [...RULE_KINDS, "competitive"] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export type RatioResult = {
  id: string;
  label: string;
  kind: ResultKind;
  hard: boolean;
  source: string | null;
  /** candidates in the base that match */
  count: number;
  /** candidates in the base */
  base: number;
  /** count / base in percent, one decimal; null for an empty base or a count rule */
  figure: number | null;
  /** "≥ 35%", "≤ 13%", "≤ 45 名", "不得推荐" */
  requirement: string;
  met: boolean;
  /** min_share: matching candidates to add (the list grows); competitive: candidates to add to the pool */
  toAdd: number;
  /** min_share: non-matching candidates to replace by matching ones (the list keeps its size) */
  toReplace: number;
  /** max_share / max_count / excluded: matching candidates to take off; competitive: selected ones to hold back instead */
  toRemove: number;
  /** one sentence, Chinese first, saying what to do */
  advice: string;
};

export function fieldValue(entry: RatioEntry, field: CriterionField): string {
  const v = entry[field];
  return typeof v === "boolean" ? String(v) : v;
}

export const matches = (entry: RatioEntry, c: Criterion | null | undefined) => !c || c.values.includes(fieldValue(entry, c.field));

const EPS = 1e-9;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The result of one rule from its two counts (shared by the recount and the tally). */
export function evaluateRule(rule: RatioRule, count: number, base: number): RatioResult {
  const p = rule.percent ?? 0;
  const figure = rule.kind === "max_count" || base === 0 ? null : round1((count * 100) / base);
  let met = true;
  let toAdd = 0;
  let toReplace = 0;
  let toRemove = 0;
  let requirement = "";
  switch (rule.kind) {
    case "min_share": {
      requirement = `≥ ${p}%`;
      met = base === 0 || count * 100 >= p * base - EPS;
      if (!met) {
        // (count + k) / (base + k) ≥ p  ⇔  k ≥ (p·base − 100·count) / (100 − p)
        toAdd = p >= 100 ? Number.POSITIVE_INFINITY : Math.ceil((p * base - 100 * count) / (100 - p) - EPS);
        toReplace = Math.ceil((p * base) / 100 - count - EPS);
      }
      break;
    }
    case "max_share": {
      requirement = `≤ ${p}%`;
      met = count * 100 <= p * base + EPS;
      // (count − k) / (base − k) ≤ p  ⇔  k ≥ (100·count − p·base) / (100 − p)
      if (!met) toRemove = p >= 100 ? 0 : Math.ceil((100 * count - p * base) / (100 - p) - EPS);
      break;
    }
    case "max_count": {
      const limit = rule.count ?? 0;
      requirement = `≤ ${limit} 名`;
      met = count <= limit;
      if (!met) toRemove = count - limit;
      break;
    }
    case "excluded": {
      requirement = "不得推荐 / not eligible";
      met = count === 0;
      toRemove = count;
      break;
    }
  }
  const what = rule.label;
  const advice = met
    ? "符合 / met"
    : rule.kind === "min_share"
      ? `还差：增加 ${Number.isFinite(toAdd) ? toAdd : "—"} 名符合条件的推荐对象，或将 ${toReplace} 名调整为符合条件者（${what}）/ add ${Number.isFinite(toAdd) ? toAdd : "—"} or replace ${toReplace}`
      : `超出：须减少 ${toRemove} 名（${what}）/ take ${toRemove} off`;
  return { id: rule.id, label: rule.label, kind: rule.kind, hard: rule.hard, source: rule.source ?? null, count, base, figure, requirement, met, toAdd, toReplace, toRemove, advice };
}

/** Every rule on the whole list (rules N-10 … N-20): the figure, the requirement, and what is missing. */
export function checkStructureRatios(list: readonly RatioEntry[], rules: readonly RatioRule[]): RatioResult[] {
  return rules.map((rule) => {
    let base = 0;
    let count = 0;
    for (const e of list) {
      if (!matches(e, rule.base)) continue;
      base += 1;
      if (matches(e, rule.match)) count += 1;
    }
    return evaluateRule(rule, count, base);
  });
}

/** Unmet hard rules block the list; unmet advisory rules need a written reason. */
export function listVerdict(results: readonly RatioResult[]) {
  const blocking = results.filter((r) => r.hard && !r.met);
  const advisory = results.filter((r) => !r.hard && !r.met);
  return { blocking, advisory, mayGoUp: blocking.length === 0, needsReason: advisory.length > 0 };
}

/**
 * The same counts kept incrementally: a level's list is loaded once, then each change
 * (a candidate added, held back, reclassified) moves the counts of each rule by one.
 */
export class RatioTally {
  private readonly counts: Int32Array;
  private readonly bases: Int32Array;
  constructor(readonly rules: readonly RatioRule[], list: Iterable<RatioEntry> = []) {
    this.counts = new Int32Array(rules.length);
    this.bases = new Int32Array(rules.length);
    for (const e of list) this.add(e);
  }
  private move(e: RatioEntry, by: 1 | -1) {
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i];
      if (!matches(e, r.base)) continue;
      this.bases[i] += by;
      if (matches(e, r.match)) this.counts[i] += by;
    }
  }
  /** The candidates matching a rule of this tally (in its base), e.g. for 差额. */
  countFor(rule: RatioRule): number {
    const i = this.rules.indexOf(rule);
    return i < 0 ? 0 : this.counts[i];
  }
  add(e: RatioEntry) { this.move(e, 1); }
  remove(e: RatioEntry) { this.move(e, -1); }
  replace(before: RatioEntry, after: RatioEntry) { this.move(before, -1); this.move(after, 1); }
  results(): RatioResult[] {
    return this.rules.map((r, i) => evaluateRule(r, this.counts[i], this.bases[i]));
  }
}

/**
 * 差额 (competitive selection, rule N-16): where the campaign asks for more candidates than
 * places (competitivePct > 100), a level with a 名额 must choose its list from a larger pool:
 * the candidates that reached the level (those included, those held back and those already
 * sent up) must number at least ⌈selected × pct / 100⌉, per 名额 row (per category, or the
 * total). With 10 places filled at 120 %, 12 must have reached the level. A level may leave
 * places empty (rule N-22, 宁缺勿滥), so the requirement follows the places it fills, never
 * more than its 名额. Hard: a list short of candidates cannot go up.
 */
export function competitiveResults(quotaRules: readonly RatioRule[], pct: number, pool: readonly RatioEntry[], selected: readonly RatioEntry[]): RatioResult[] {
  const matching = (list: readonly RatioEntry[]) => (rule: RatioRule) => list.filter((e) => matches(e, rule.match)).length;
  return competitiveFromCounts(quotaRules, pct, matching(pool), matching(selected));
}

/**
 * The same 差额 results from counts (rule N-16): `reached(rule)` and `selected(rule)` give the
 * candidates matching a 名额 rule in the pool and in the list, e.g. from two RatioTally.
 */
export function competitiveFromCounts(quotaRules: readonly RatioRule[], pct: number, reachedOf: (rule: RatioRule) => number, selectedOf: (rule: RatioRule) => number): RatioResult[] {
  if (!(pct > 100)) return [];
  return quotaRules.filter((r) => r.kind === "max_count").map((rule) => {
    const places = rule.count ?? 0;
    const reached = reachedOf(rule);
    const chosen = Math.min(places, selectedOf(rule));
    const required = Math.ceil((chosen * pct) / 100 - EPS);
    const met = reached >= required;
    // without more candidates, the most the level may choose from those it has
    const mayChoose = Math.floor((reached * 100) / pct + EPS);
    const toAdd = met ? 0 : required - reached;
    const toRemove = met ? 0 : chosen - mayChoose;
    const what = rule.label.replace(/^名额：/, "");
    return {
      id: `competitive-${rule.id.replace(/^quota-/, "")}`, label: `差额 · ${rule.label}`, kind: "competitive" as const, hard: true, source: "N-16",
      count: reached, base: chosen, figure: chosen === 0 ? null : round1((reached * 100) / chosen), requirement: `≥ ${pct}%（${required} 名）`, met,
      toAdd, toReplace: 0, toRemove,
      advice: met
        ? "符合 / met"
        : `差额不足：选送 ${chosen} 名须有至少 ${required} 名推荐对象到达本级，现 ${reached} 名；请增加 ${toAdd} 名推荐对象，或少选送 ${toRemove} 名（${what}）/ not enough candidates for competitive selection: ${chosen} chosen need at least ${required} to have reached this level, ${reached} did; add ${toAdd} or choose ${toRemove} fewer`,
    };
  });
}
