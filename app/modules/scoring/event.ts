/**
 * The full recompute of one event: every entrant's totals, the ranking and the open flags.
 * `settings` and `scheme` come from `parseScoringSettings` / `parseMarkingScheme`, and `sheets` from
 * `parseEntrantSheets`, so everything here works on validated integers.
 */
import { canSignOff, type FlagResolution, type ScoringFlag } from "./discrepancy";
import { ScoringInputError, issuesFromZod } from "./errors";
import type { EntrantSheet } from "./marks";
import { rankEntrants, type Ranking, type TieDecision } from "./ranking";
import type { MarkingScheme } from "./scheme";
import { ScoringSettingsSchema, type ScoringSettings } from "./settings";
import { computeEntrantResult, type EntrantResult } from "./totals";
import { zodIssueMessage } from "~/utils/messages";

export type EventScores = {
  results: EntrantResult[];
  ranking: Ranking;
  flags: ScoringFlag[];
};

/** Reads an event's stored settings JSON, filling in defaults; refuses bad values with named fields. */
export function parseScoringSettings(input: unknown): ScoringSettings {
  const parsed = ScoringSettingsSchema.safeParse(input ?? {}, { error: zodIssueMessage });
  if (!parsed.success) throw new ScoringInputError(issuesFromZod(parsed.error.issues, ["settings"]));
  return parsed.data;
}

export function scoreEvent(
  scheme: MarkingScheme,
  settings: ScoringSettings,
  sheets: readonly EntrantSheet[],
  decisions: readonly TieDecision[] = [],
): EventScores {
  const results = sheets.map((sheet) => computeEntrantResult(scheme, settings, sheet));
  const ranking = rankEntrants(results, settings.ranking, decisions);
  return { results, ranking, flags: results.flatMap((r) => r.flags) };
}

/** Whether the chief judge may sign off the event: no open flag on any entrant. */
export function canSignOffEvent(scores: EventScores, resolutions: readonly FlagResolution[] = []) {
  return canSignOff(scores.flags, resolutions);
}
