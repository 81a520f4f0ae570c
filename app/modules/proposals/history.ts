// The proposal's history (issue 16): each event code as the key of a readable step in the
// "proposals" catalogue (zh and en), so the page never shows a raw code such as proposal.adopted.

export const HISTORY_STEPS = [
  "drafted", "draft-saved", "submitted", "imported", "withdrawn", "merged", "merged-into", "sent-to-review", "scored", "score-corrected",
  "adopted", "not-adopted", "implemented", "benefit-reported", "benefit-confirmed", "benefit-refused", "dispute-raised", "dispute-resolved",
  "attachment-added", "top-ten-nominated", "top-ten-won",
] as const;

/** The catalogue key of an event code: history_adopted for proposal.adopted; history_other for anything else. */
export function historyKey(action: string): string {
  const step = action.startsWith("proposal.") ? action.slice("proposal.".length) : "";
  return (HISTORY_STEPS as readonly string[]).includes(step) ? `history_${step.replace(/-/g, "_")}` : "history_other";
}
