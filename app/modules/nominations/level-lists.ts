// Each level's list of a campaign, pure (rules N-16, N-30): which candidates reached a level of
// the chain and where each stands there, and the list's sizes. Used for one level's panel
// (nominations.server.ts loadLevelRows) and for every level of the round at once (validateRound),
// so both read the same lists.

import { parseLevels } from "~/modules/review-chain/chain";

export type LevelState = "here" | "sent" | "returned" | "refused";

/** A submission as the lists read it (withdrawn submissions are left out by the caller). */
export type ListSubmission = { id: string; subjectId: string; levels: string; currentLevel: number; status: string };

/** Where a submission stands on the list of the level at `index` of its chain; null = it has not reached it. */
export function stateAt(s: { currentLevel: number; status: string }, index: number): LevelState | null {
  if (index < 0 || s.currentLevel < index) return null;
  if (s.currentLevel > index || s.status === "approved") return "sent";
  if (s.status === "pending") return "here";
  if (s.status === "returned") return "returned";
  return "refused";
}

/** Does a row count in the level's list (the list that goes, or went, up)? */
export const countsInList = (r: { state: LevelState; heldBack: boolean }) => r.state === "sent" || (r.state === "here" && !r.heldBack);

/** The subjects on one level's list: subject id → its submission and state there. */
export function levelMembership(subs: readonly ListSubmission[], orgId: string): Map<string, { id: string; state: LevelState }> {
  const out = new Map<string, { id: string; state: LevelState }>();
  for (const s of subs) {
    const state = stateAt(s, parseLevels(s.levels).indexOf(orgId));
    if (state) out.set(s.subjectId, { id: s.id, state });
  }
  return out;
}

/** Every level's list of a round at once: level org id → subject id → submission and state (same as levelMembership per level). */
export function roundMembership(subs: readonly ListSubmission[]): Map<string, Map<string, { id: string; state: LevelState }>> {
  const out = new Map<string, Map<string, { id: string; state: LevelState }>>();
  for (const s of subs) {
    const levels = parseLevels(s.levels);
    for (let index = 0; index < levels.length; index++) {
      // the first place of an organisation in the chain is its level (as indexOf)
      if (levels.indexOf(levels[index]) !== index) continue;
      const state = stateAt(s, index);
      if (!state) break;
      let list = out.get(levels[index]);
      if (!list) out.set(levels[index], (list = new Map()));
      list.set(s.subjectId, { id: s.id, state });
    }
  }
  return out;
}

export type ListSizes = { included: number; here: number; heldBack: number; sent: number };

/** The sizes the panel shows, counted once when a list is loaded. */
export function listSizes(rows: Iterable<{ state: LevelState; heldBack: boolean }>): ListSizes {
  const sizes = { included: 0, here: 0, heldBack: 0, sent: 0 };
  for (const r of rows) {
    if (countsInList(r)) sizes.included += 1;
    if (r.state === "here") sizes.here += 1;
    if (r.state === "here" && r.heldBack) sizes.heldBack += 1;
    if (r.state === "sent") sizes.sent += 1;
  }
  return sizes;
}

/** The sizes after one candidate waiting here is held back (or put back): moved, not recounted. */
export function sizesAfterHold(sizes: ListSizes, heldBack: boolean): ListSizes {
  const by = heldBack ? 1 : -1;
  return { ...sizes, heldBack: sizes.heldBack + by, included: sizes.included - by };
}
