/**
 * Prize tiers (一等奖 / 二等奖 / 三等奖 / 优胜奖) for one group (组别) of one event.
 *
 * - rule S-60: by share of the group's ranked entrants (10% / 20% / 30% by default), or
 * - rule S-61: by fixed counts (1 / 2 / 5 by default), plus
 * - rule S-61 (Hainan): 优胜奖 for those after the tiers but within the top half of the field.
 * - rule S-4: a group below the minimum field size (30) is reported.
 *
 * rule S-60: each tier is its own share of the field — first = 10% N, second = 20% N, third = 30% N,
 * each rounded as the `shareRounding` setting says. With the default `floor` a share is a ceiling
 * (获奖比例不超过): 37 entrants → 3 / 7 / 11; 7 entrants → 0 / 1 / 2 (a cumulative cut gave 0 / 2 / 2,
 * a second tier above its own share). The cut-offs are the running sums of the tiers.
 *
 * An entrant whose total is zero gets no prize; a field where every total is zero gets none at all
 * (`allZero`, reported; publication refuses it).
 *
 * Ties on a tier boundary: tiers are cut by rank. By default everyone sharing a rank that falls inside
 * a tier gets that tier, so the tier can run over and the next tier shrinks by as much (cut-offs are
 * cumulative); the overrun is reported. The alternative drops the whole tied group to the next tier,
 * so no cut-off is ever exceeded; the place they leave flows down to the next tier.
 */
import { describeIssue, type ScoringIssue } from "./errors";
import type { PrizeSettings } from "./settings";

export type PrizeTier = "first" | "second" | "third" | "honourable";

export const PRIZE_TIER_LABELS: Record<PrizeTier, string> = {
  first: "一等奖",
  second: "二等奖",
  third: "三等奖",
  honourable: "优胜奖",
};

const TIERS: PrizeTier[] = ["first", "second", "third", "honourable"];

export type PrizeAward = { entrantId: string; rank: number; tier: PrizeTier | null; label: string | null };

export type TierCounts = Record<PrizeTier, number>;

export type PrizeAllocation = {
  fieldSize: number;
  /** The last place each tier reaches down to (cumulative). */
  cutoffs: TierCounts;
  /** Places per tier before ties: cutoff minus the previous cutoff. */
  quotas: TierCounts;
  /** Places actually awarded per tier. */
  counts: TierCounts;
  awards: PrizeAward[];
  /** rule S-4: the group is below the minimum field size (normally the event is cancelled). */
  belowMinimumFieldSize: boolean;
  /** Every entrant's total is zero: nobody gets a prize (publication is refused). */
  allZero: boolean;
  warnings: ScoringIssue[];
};

export type PrizeEntry = { entrantId: string; rank: number; /** the final total; a zero total earns no prize */ total?: number };

/** A share of the field as a head count, exactly: N × percent ÷ 100 rounded as the settings say. */
export function shareOfField(fieldSize: number, percent: number, rounding: PrizeSettings["shareRounding"]): number {
  const scaled = fieldSize * percent; // hundredths of a head
  const whole = Math.floor(scaled / 100);
  const remainder = scaled - whole * 100;
  if (rounding === "floor" || remainder === 0) return whole;
  if (rounding === "ceil") return whole + 1;
  return remainder >= 50 ? whole + 1 : whole;
}

/** The cumulative cut-off places for each tier. */
export function tierCutoffs(fieldSize: number, settings: PrizeSettings): TierCounts {
  const cap = (n: number) => Math.min(n, fieldSize);
  let first: number;
  let second: number;
  let third: number;
  if (settings.mode === "shares") {
    const { first: p1, second: p2, third: p3 } = settings.sharesPercent;
    // rule S-60: each tier its own share, rounded on its own
    const share = (p: number) => shareOfField(fieldSize, p, settings.shareRounding);
    first = cap(share(p1));
    second = cap(first + share(p2));
    third = cap(second + share(p3));
  } else {
    const { first: n1, second: n2, third: n3 } = settings.fixedCounts;
    first = cap(n1);
    second = cap(n1 + n2);
    third = cap(n1 + n2 + n3);
  }
  const mention = settings.honourableMention;
  const honourable =
    mention.mode === "none"
      ? third
      : mention.mode === "count"
        ? cap(third + mention.count)
        : Math.max(third, cap(shareOfField(fieldSize, mention.percent, settings.shareRounding)));
  return { first, second, third, honourable };
}

export function allocatePrizeTiers(entries: readonly PrizeEntry[], settings: PrizeSettings): PrizeAllocation {
  const fieldSize = entries.length;
  const allZero = fieldSize > 0 && entries.every((e) => e.total === 0);
  const cutoffs = tierCutoffs(fieldSize, settings);
  const sizeOfRank = new Map<number, number>();
  for (const e of entries) sizeOfRank.set(e.rank, (sizeOfRank.get(e.rank) ?? 0) + 1);
  const counts: TierCounts = { first: 0, second: 0, third: 0, honourable: 0 };
  const awards = entries.map((e): PrizeAward => {
    // The worst place the tied group reaches: with "drop" the whole group must fit inside the tier.
    const lastPlace = settings.boundaryTies === "tied-drop-to-lower-tier" ? e.rank + (sizeOfRank.get(e.rank) ?? 1) - 1 : e.rank;
    const tier = e.total === 0 ? null : TIERS.find((t) => lastPlace <= cutoffs[t]) ?? null;
    if (tier) counts[tier] += 1;
    return { entrantId: e.entrantId, rank: e.rank, tier, label: tier ? PRIZE_TIER_LABELS[tier] : null };
  });
  const quotas: TierCounts = {
    first: cutoffs.first,
    second: cutoffs.second - cutoffs.first,
    third: cutoffs.third - cutoffs.second,
    honourable: cutoffs.honourable - cutoffs.third,
  };
  const warnings: ScoringIssue[] = [];
  const belowMinimumFieldSize = fieldSize < settings.minimumFieldSize;
  if (belowMinimumFieldSize) {
    warnings.push(
      describeIssue(
        "fieldSize",
        `本组别参赛人数 ${fieldSize} 少于最低要求 ${settings.minimumFieldSize} 人（规则 S-4），赛项原则上应取消，成绩仅可用于选拔`,
        `the group has ${fieldSize} entrants, below the minimum of ${settings.minimumFieldSize} (rule S-4)`,
      ),
    );
  }
  if (allZero) {
    warnings.push(describeIssue("totals", "本组别所有选手成绩均为零，不评奖，不能公示", "every entrant's total is zero: no prizes, and the results cannot be published"));
  }
  // Cut-offs are cumulative (the sum of the tiers' shares): warn when ties push more entrants
  // into the first k tiers than the k-th cut-off allows.
  let awardedSoFar = 0;
  for (const tier of TIERS) {
    awardedSoFar += counts[tier];
    if (awardedSoFar > cutoffs[tier]) {
      warnings.push(
        describeIssue(
          `tiers.${tier}`,
          `因并列，${PRIZE_TIER_LABELS[tier]}及以上获奖人数 ${awardedSoFar} 超过 ${cutoffs[tier]} 名`,
          `because of ties, ${awardedSoFar} entrants hold ${tier} prize or better, above the cut-off of ${cutoffs[tier]}`,
        ),
      );
    }
  }
  return { fieldSize, cutoffs, quotas, counts, awards, belowMinimumFieldSize, allZero, warnings };
}
