/**
 * Prize tiers (一等奖 / 二等奖 / 三等奖 / 优胜奖) for one group (组别) of one event.
 *
 * - rule S-60: by share of the group's ranked entrants (10% / 20% / 30% by default), or
 * - rule S-61: by fixed counts (1 / 2 / 5 by default), plus
 * - rule S-61 (Hainan): 优胜奖 for those after the tiers but within the top half of the field.
 * - rule S-4: a group below the minimum field size (30) is reported.
 *
 * Shares are turned into head counts cumulatively — first = ⌊10% N⌋, first+second = ⌊30% N⌋,
 * first+second+third = ⌊60% N⌋ — so rounding never piles up across tiers. With the default `floor`
 * rounding a share is a ceiling (获奖比例不超过): 37 entrants → 3 / 8 / 11 (cut-offs 3, 11, 22).
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
  warnings: ScoringIssue[];
};

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
    first = cap(shareOfField(fieldSize, p1, settings.shareRounding));
    second = cap(shareOfField(fieldSize, p1 + p2, settings.shareRounding));
    third = cap(shareOfField(fieldSize, p1 + p2 + p3, settings.shareRounding));
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

export function allocatePrizeTiers(entries: readonly { entrantId: string; rank: number }[], settings: PrizeSettings): PrizeAllocation {
  const fieldSize = entries.length;
  const cutoffs = tierCutoffs(fieldSize, settings);
  const sizeOfRank = new Map<number, number>();
  for (const e of entries) sizeOfRank.set(e.rank, (sizeOfRank.get(e.rank) ?? 0) + 1);
  const counts: TierCounts = { first: 0, second: 0, third: 0, honourable: 0 };
  const awards = entries.map((e): PrizeAward => {
    // The worst place the tied group reaches: with "drop" the whole group must fit inside the tier.
    const lastPlace = settings.boundaryTies === "tied-drop-to-lower-tier" ? e.rank + (sizeOfRank.get(e.rank) ?? 1) - 1 : e.rank;
    const tier = TIERS.find((t) => lastPlace <= cutoffs[t]) ?? null;
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
  // Cut-offs are cumulative ceilings (10%, 30%, 60% of the field): warn when ties push more entrants
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
  return { fieldSize, cutoffs, quotas, counts, awards, belowMinimumFieldSize, warnings };
}
