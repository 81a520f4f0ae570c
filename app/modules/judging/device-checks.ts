// Two refusals for marks queued on a tablet (issue 11), kept apart from the write path
// so that path reads as before: pure functions of plain data.
//
// - A queued mark says which judge typed it (`typedBy`). A shared tablet must never send
//   one judge's marks under another judge's session: such a mark is refused (409
//   judge_mismatch) and stays on the tablet until its judge signs in again.
// - A queued mark says which version of the mark it was typed over (`baseVersion`, 0 when
//   there was none). If the mark has moved on since (the same judge on a second tablet, a
//   chief judge's correction), the older entry must not silently overwrite the newer one:
//   it is refused (409 mark_conflict) with the current value, and the judge chooses.

/** The judge who typed the mark, when the device says so and it is not the session's judge. */
export function typedByOtherJudge(typedBy: string | undefined, sessionJudgeId: string): string | null {
  return typedBy !== undefined && typedBy !== sessionJudgeId ? typedBy : null;
}

export type CurrentMark = { value: number; version: number };

/**
 * The stored mark when a write typed over `baseVersion` would overwrite a newer value;
 * null when the write may go ahead. No base version (an API client that does not track
 * versions) means no check; the same value as stored is never a conflict (nothing is lost).
 */
export function staleOver(existing: CurrentMark | null | undefined, baseVersion: number | undefined, value: number): CurrentMark | null {
  if (baseVersion === undefined || !existing) return null;
  if (existing.version === baseVersion || existing.value === value) return null;
  return { value: existing.value, version: existing.version };
}
