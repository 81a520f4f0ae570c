// The indicator heat map of one period (issue 14 item 8): each competing unit against each
// indicator of the set, coloured by its score rate (the indicator's score ÷ its maximum, after
// events and vetoes). Pure: the period page draws it from the board it already computed.
import type { IndicatorSet } from "./indicators";

/** Five steps of the colour scale: 0 = under 60 %, 4 = 95 % and over. */
export const HEAT_STEPS = [6_000, 7_500, 8_500, 9_500] as const;
export type HeatLevel = 0 | 1 | 2 | 3 | 4;

export type HeatCell = { key: string; score: number; max: number; rate: number; level: HeatLevel };
export type HeatRow = { unitId: string; group: string; cells: HeatCell[] };

/** The score rate in basis points (0 … 10 000) and its step on the colour scale. */
export function heatLevel(score: number, max: number): { rate: number; level: HeatLevel } {
  const rate = max > 0 ? Math.min(10_000, Math.max(0, Math.round((score * 10_000) / max))) : 0;
  const level = HEAT_STEPS.filter((s) => rate >= s).length as HeatLevel;
  return { rate, level };
}

/** Rows in the board's order; a unit without a score for an indicator counts 0 on it. */
export function heatMap(set: IndicatorSet, board: readonly { unitId: string; group: string; scores: Record<string, number> }[]): HeatRow[] {
  return board.map((r) => ({
    unitId: r.unitId,
    group: r.group,
    cells: set.indicators.map((i) => {
      const score = r.scores[i.key] ?? 0;
      return { key: i.key, score, max: i.max, ...heatLevel(score, i.max) };
    }),
  }));
}

/** Background colours from pale to deep red; text stays readable on each (contrast ≥ 4.5 with the text colour). */
export const HEAT_COLOURS: Record<HeatLevel, { background: string; color: string }> = {
  0: { background: "#fdf0ec", color: "#1a1a1a" },
  1: { background: "#f9d0c4", color: "#1a1a1a" },
  2: { background: "#f19c85", color: "#1a1a1a" },
  3: { background: "#c9402a", color: "#ffffff" },
  4: { background: "#8b1a10", color: "#ffffff" },
};
