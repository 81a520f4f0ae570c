// The numbers behind the result charts, as pure functions of plain data (no I/O): score
// distribution, judge calibration, participation by unit and region, and rank movement from
// a heats event to the final of the same trade (rule S-14). Scores are integer hundredths.

export type Bar = { label: string; value: number };

/**
 * Totals in bins of `binWidth` hundredths from 0 to `max` (default 10-point bins up to 100):
 * each bin holds [from, to), the last one also holds `max` itself; totals above `max` go to
 * the last bin, below 0 to the first.
 */
export function histogram(totals: readonly number[], binWidth = 1000, max = 10_000): Bar[] {
  const bins = Math.max(1, Math.ceil(max / binWidth));
  const counts = new Array<number>(bins).fill(0);
  for (const t of totals) counts[Math.min(bins - 1, Math.max(0, Math.floor(t / binWidth)))] += 1;
  return counts.map((value, i) => ({ label: `${(i * binWidth) / 100}–${Math.min(max, (i + 1) * binWidth) / 100}`, value }));
}

/** Mean signed deviation per judge (percentage points of the maximum), most lenient first. */
export function calibrationBars(rows: readonly { judgeId: string; meanDeviation: number; entries: number }[], names: ReadonlyMap<string, string>): Bar[] {
  return rows
    .filter((r) => r.entries > 0)
    .map((r) => ({ label: names.get(r.judgeId) ?? r.judgeId, value: r.meanDeviation / 100 }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, "zh"));
}

export const UNKNOWN_LABEL = "未填写";

/** Counts per label, largest first (ties by label); a missing label counts as 未填写. */
export function countBy(labels: readonly (string | null | undefined)[]): Bar[] {
  const counts = new Map<string, number>();
  for (const l of labels) {
    const key = l?.trim() || UNKNOWN_LABEL;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, "zh"));
}

export type StageEvent = { id: string; name: string; trade: string; groupName: string; sortOrder: number };

const HEATS = /初赛|预赛|选拔赛|heats?\b/i;
const FINAL = /决赛|final/i;

/**
 * The heats and final events of the trade and group of `eventId` within one contest, told
 * apart by their names (初赛/预赛/选拔赛 vs 决赛); null unless both exist.
 */
export function findHeatsAndFinal(events: readonly StageEvent[], eventId: string): { heatsId: string; finalId: string } | null {
  const current = events.find((e) => e.id === eventId);
  if (!current) return null;
  const same = events.filter((e) => e.trade === current.trade && e.groupName === current.groupName).sort((a, b) => a.sortOrder - b.sortOrder);
  const final = same.find((e) => FINAL.test(e.name) && !HEATS.test(e.name));
  const heats = same.find((e) => HEATS.test(e.name) && e.id !== final?.id);
  return heats && final ? { heatsId: heats.id, finalId: final.id } : null;
}

export type Movement = { label: string; heatsRank: number; finalRank: number; change: number };

/**
 * Finalists' heats rank against their final rank, matched by member; `change` > 0 means they
 * moved up. Entrants unranked in either event are left out. Ordered by final rank.
 */
export function rankMovement(heats: ReadonlyMap<string, number>, final: readonly { memberId: string; rank: number | null; label: string }[]): Movement[] {
  return final
    .filter((f) => f.rank !== null && heats.has(f.memberId))
    .map((f) => ({ label: f.label, heatsRank: heats.get(f.memberId)!, finalRank: f.rank!, change: heats.get(f.memberId)! - f.rank! }))
    .sort((a, b) => a.finalRank - b.finalRank || a.label.localeCompare(b.label, "zh"));
}
