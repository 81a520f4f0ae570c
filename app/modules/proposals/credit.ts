// Co-authors' credit shares (issue 16: "shares of credit adding to 100 %"). Pure.
// Shares are basis points (hundredths of a percent): 100 % = 10000, 33.34 % = 3334.

export const FULL_SHARE = 10_000;

export type AuthorShare = { memberId: string; share: number; name?: string };

export type ShareProblem = { path: string; message: string };

/** Parses "33.34" (percent, at most two decimals) into basis points, or null. */
export function parsePercent(input: string): number | null {
  const text = input.trim().replace(/%$/, "").trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  const [whole, frac = ""] = text.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export function formatShare(share: number): string {
  const whole = Math.trunc(share / 100);
  const frac = share % 100;
  return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, "0")}%`;
}

/** At least one author, no one twice, every share above 0, and exactly 100 % together. */
export function checkShares(authors: readonly AuthorShare[]): ShareProblem[] {
  const problems: ShareProblem[] = [];
  if (authors.length === 0) return [{ path: "authors", message: "至少需要一名作者 / at least one author" }];
  const seen = new Set<string>();
  authors.forEach((a, i) => {
    if (seen.has(a.memberId)) problems.push({ path: `authors.${i}.memberId`, message: `作者「${a.name ?? a.memberId}」重复 / ${a.name ?? a.memberId} is listed twice` });
    seen.add(a.memberId);
    if (!Number.isInteger(a.share) || a.share <= 0 || a.share > FULL_SHARE) {
      problems.push({ path: `authors.${i}.share`, message: `作者「${a.name ?? a.memberId}」的贡献比例须大于 0 且不超过 100% / each share must be above 0 and at most 100 %` });
    }
  });
  const sum = authors.reduce((s, a) => s + a.share, 0);
  if (problems.length === 0 && sum !== FULL_SHARE) {
    problems.push({ path: "authors", message: `作者贡献比例合计须为 100%，现为 ${formatShare(sum)} / the authors' shares must add up to 100 %; they add up to ${formatShare(sum)}` });
  }
  return problems;
}

/**
 * Merging duplicates keeps every author (issue 16). Each proposal's authors keep their proportions
 * scaled by the proposal's weight (equal by default); an author on both adds up. Largest remainder
 * keeps the total at exactly 100 %; ties go to the earlier author.
 */
export function mergeShares(groups: readonly (readonly AuthorShare[])[]): AuthorShare[] {
  if (groups.length === 0) return [];
  const n = groups.length;
  // exact numerators over FULL_SHARE * n
  const raw = new Map<string, { numer: number; order: number; name?: string }>();
  let order = 0;
  for (const group of groups) {
    for (const a of group) {
      const entry = raw.get(a.memberId);
      if (entry) entry.numer += a.share;
      else raw.set(a.memberId, { numer: a.share, order: order++, name: a.name });
    }
  }
  const entries = [...raw.entries()].map(([memberId, e]) => ({ memberId, name: e.name, order: e.order, floor: Math.floor(e.numer / n), rem: e.numer % n }));
  let left = FULL_SHARE - entries.reduce((s, e) => s + e.floor, 0);
  const byRemainder = [...entries].sort((a, b) => b.rem - a.rem || a.order - b.order);
  for (const e of byRemainder) {
    if (left <= 0) break;
    if (e.rem > 0) { e.floor += 1; left -= 1; }
  }
  return entries.sort((a, b) => a.order - b.order).map((e) => ({ memberId: e.memberId, share: e.floor, ...(e.name ? { name: e.name } : {}) }));
}

/** A reward in fen split by credit share, largest remainder, so the parts add up to the whole. */
export function splitReward(totalFen: number, authors: readonly AuthorShare[]): { memberId: string; fen: number }[] {
  const parts = authors.map((a, i) => ({ memberId: a.memberId, i, fen: Math.floor((totalFen * a.share) / FULL_SHARE), rem: (totalFen * a.share) % FULL_SHARE }));
  let left = totalFen - parts.reduce((s, p) => s + p.fen, 0);
  for (const p of [...parts].sort((a, b) => b.rem - a.rem || a.i - b.i)) {
    if (left <= 0) break;
    p.fen += 1;
    left -= 1;
  }
  return parts.map((p) => ({ memberId: p.memberId, fen: p.fen }));
}
