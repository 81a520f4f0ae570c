/**
 * Gongsai scoring engine: pure functions of plain data (no database, no Remix, no I/O).
 * See docs/scoring.md for the conventions and docs/decisions/003-exact-scoring-arithmetic.md.
 */
export { ScoringInputError, type ScoringIssue } from "./errors";
export {
  parseMark,
  formatHundredths,
  formatRational,
  roundRational,
  compareRational,
  type Hundredths,
  type Rational,
  type RoundingMode,
} from "./exact";
export {
  ScoringSettingsSchema,
  DEFAULT_SCORING_SETTINGS,
  DEFAULT_TIE_BREAKS,
  NATIONAL_CLASS_ONE_OUTCOMES,
  CITY_LEVEL_OUTCOMES_EXAMPLE,
  PROVINCIAL_OUTCOMES,
  outcomesForLevel,
  type ScoringSettings,
  type ScoringSettingsInput,
  type TieBreak,
  type OutcomeRule,
  type Outcome,
} from "./settings";
export {
  MarkingSchemeInputSchema,
  parseMarkingScheme,
  markFromMeasurement,
  type MarkingScheme,
  type MarkingSchemeInput,
  type Aspect,
  type SchemeComponent,
  type SchemeModule,
  type ParsedScheme,
} from "./scheme";
export { EntrantSheetInputSchema, parseEntrantSheets, type EntrantSheet, type EntrantSheetInput, type JudgeMark } from "./marks";
export { combineJudgeMarks, meanMark, trimmedMean, zeroToThreeMark, type CombinedMark } from "./combine-judges";
export { findDiscrepancy, canSignOff, type ScoringFlag, type FlagResolution } from "./discrepancy";
export { computeEntrantResult, type EntrantResult, type ComponentResult, type ModuleResult } from "./totals";
export { rankEntrants, type Ranking, type RankedEntry, type TieDecision, type UnresolvedTie, type Rankable } from "./ranking";
export { parseScoringSettings, scoreEvent, canSignOffEvent, type EventScores } from "./event";
export { selectFinalists, type Qualification } from "./qualification";
export { rankTeams, type TeamMemberScore, type TeamResult } from "./teams";
export { allocatePrizeTiers, shareOfField, tierCutoffs, PRIZE_TIER_LABELS, type PrizeAllocation, type PrizeAward, type PrizeEntry, type PrizeTier } from "./prize-tiers";
export { determineOutcomes, promotionTarget, type OutcomeCandidate, type OutcomeGrant, type OutcomeRefusal } from "./outcomes";
export { standardiseScores, type Standardisation, type StandardisedScore } from "./standardise";
export { calibrateJudges, type JudgeCalibration } from "./calibration";
export { IncrementalScoring, type MarkChange, type MarkChangeResult, type RankChange } from "./incremental";
