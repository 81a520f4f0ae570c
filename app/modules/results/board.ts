/**
 * Leaderboards, the pure part: from stored rows (marks, theory scores, performance records)
 * to the scoring engine's input, and from the engine's results to the rows a board shows.
 * No database, no Remix: event-results.server.ts loads the data and keeps boards up to date.
 *
 * Theory scores (理论成绩) → the theory component. The exam system gives one score out of 100
 * (hundredths, rule S-10 百分制). Each aspect of every component of kind `theory` receives that
 * score scaled to the aspect's maximum — `score × aspect.max ÷ 100.00`, rounded half-up to 0.01 —
 * entered by the pseudo-judge `exam`. With the usual scheme (one theory aspect out of 100) the mark
 * IS the exam score and the component score equals it exactly. A voided theory score (rule S-35,
 * e.g. an identifying mark on the paper) voids the theory component. No score yet → no mark (the
 * entrant is shown incomplete). Under `scale-0-3` aggregation a theory aspect of kind `judgement`
 * cannot take a percentage; give theory aspects kind `measurement` (agreed) there.
 */
import {
  formatHundredths,
  rankTeams,
  type EntrantResult,
  type EntrantSheetInput,
  type MarkingScheme,
  type ScoringSettings,
  type TeamResult,
} from "~/modules/scoring";

export const EXAM_JUDGE_ID = "exam";

export type StoredMark = { blindCodeId: string; aspectId: string; judgeId: string; value: number };
export type StoredTheory = { value: number; voided: boolean; voidReason: string | null };
export type StoredDeduction = { componentId?: string | null; amount: number; reason?: string | null };
export type StoredPerformance = { completionSeconds: number | null; deductions: StoredDeduction[]; disqualifiedReason: string | null };

export type ResultsInput = {
  entrantIds: readonly string[];
  marks: readonly StoredMark[];
  theory: ReadonlyMap<string, StoredTheory>;
  performance: ReadonlyMap<string, StoredPerformance>;
};

const HUNDRED_POINTS = 10_000; // 100.00 in hundredths

/** An exam score (hundredths of 100) scaled to an aspect's maximum, rounded half-up to 0.01. */
export function scaleExamScore(score: number, aspectMax: number): number {
  const clamped = Math.min(Math.max(score, 0), HUNDRED_POINTS);
  // Integers only: (score × max + 5000) ÷ 10000, floored, is half-up for non-negative values.
  return Math.floor((clamped * aspectMax + HUNDRED_POINTS / 2) / HUNDRED_POINTS);
}

/** The aspects of theory components: where the exam score goes. */
export function theoryAspects(scheme: MarkingScheme) {
  return scheme.aspects.filter((a) => scheme.components[a.componentIndex].kind === "theory");
}

/** Stored data → the engine's sheet inputs, one per entrant (blind code). Values travel as decimal text. */
export function toSheetInputs(scheme: MarkingScheme, settings: ScoringSettings, input: ResultsInput): EntrantSheetInput[] {
  const marksBy = new Map<string, { aspectId: string; judgeId: string; value: string }[]>();
  const known = new Set(input.entrantIds);
  const aspectIds = new Set(scheme.aspects.map((a) => a.id));
  for (const mark of input.marks) {
    if (!known.has(mark.blindCodeId) || !aspectIds.has(mark.aspectId)) continue; // a mark for an aspect since removed from the scheme
    const list = marksBy.get(mark.blindCodeId) ?? [];
    list.push({ aspectId: mark.aspectId, judgeId: mark.judgeId, value: formatHundredths(mark.value) });
    marksBy.set(mark.blindCodeId, list);
  }
  const theory = theoryAspects(scheme).filter((a) => !(a.kind === "judgement" && settings.judgeAggregation === "scale-0-3"));
  const theoryComponents = scheme.components.filter((c) => c.kind === "theory");
  return input.entrantIds.map((entrantId) => {
    const marks = [...(marksBy.get(entrantId) ?? [])];
    const exam = input.theory.get(entrantId);
    const voidedComponents: { component: string; reason: string }[] = [];
    if (exam) {
      for (const aspect of theory) {
        if (marks.some((m) => m.aspectId === aspect.id && m.judgeId === EXAM_JUDGE_ID)) continue;
        marks.push({ aspectId: aspect.id, judgeId: EXAM_JUDGE_ID, value: formatHundredths(scaleExamScore(exam.value, aspect.max)) });
      }
      if (exam.voided) {
        for (const c of theoryComponents) voidedComponents.push({ component: c.id, reason: exam.voidReason || "理论成绩作废 / theory score voided (S-35)" });
      }
    }
    const perf = input.performance.get(entrantId);
    const componentIds = new Set(scheme.components.map((c) => c.id));
    const deductions = (perf?.deductions ?? [])
      .filter((d) => Number.isSafeInteger(d.amount) && d.amount >= 0)
      .map((d) => ({
        ...(d.componentId && componentIds.has(d.componentId) ? { component: d.componentId } : {}),
        points: formatHundredths(d.amount),
        reason: d.reason || "扣分 / deduction",
      }));
    return {
      entrantId,
      marks,
      deductions,
      voidedComponents,
      disqualification: perf?.disqualifiedReason ? { reason: perf.disqualifiedReason } : null,
      completionSeconds: perf?.completionSeconds ?? null,
    };
  });
}

/** Reads PerformanceRecord.deductions JSON; anything malformed counts as no deduction. */
export function readDeductions(json: string): StoredDeduction[] {
  try {
    const list = JSON.parse(json) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .filter((d): d is Record<string, unknown> => !!d && typeof d === "object")
      .map((d) => ({
        componentId: typeof d.componentId === "string" ? d.componentId : null,
        amount: typeof d.amount === "number" ? d.amount : Number.NaN,
        reason: typeof d.reason === "string" ? d.reason : null,
      }));
  } catch {
    return [];
  }
}

// ------------------------------------------------------------------ freeze (as in programming contests)

/** A value change recorded after the fact: the mark's value was `before` until `at`. */
export type RecordedChange = { at: Date; before: number | null };

/**
 * The value a mark had at `at`, from its current value and its recorded changes: marks entered
 * after `at` did not exist (null); otherwise the `before` of the first change after `at`, or the
 * current value when nothing changed since.
 */
export function valueAsOf(current: { value: number; enteredAt: Date }, changes: readonly RecordedChange[], at: Date): number | null {
  if (current.enteredAt.getTime() > at.getTime()) return null;
  let first: RecordedChange | null = null;
  for (const change of changes) {
    if (change.at.getTime() > at.getTime() && (!first || change.at.getTime() < first.at.getTime())) first = change;
  }
  return first ? first.before : current.value;
}

export type BoardState = { frozenAt: Date | null; publishedAt: Date | null };

/**
 * Is the public board frozen now? From `frozenAt` (which may be set ahead of time) the public
 * board keeps showing the standings of that moment, until unfrozen or until a publication made
 * after the freeze supersedes it.
 */
export function isFrozen(board: BoardState, now: Date): boolean {
  if (!board.frozenAt || board.frozenAt.getTime() > now.getTime()) return false;
  return !(board.publishedAt && board.publishedAt.getTime() >= board.frozenAt.getTime());
}

/**
 * Who the board names (rules S-33, S-34 and 成绩公示): the public sees station codes until the
 * results are published, even after decryption; the committee's live view sees codes until
 * decryption (or when nothing was drawn).
 */
export function identityShown(view: BoardView, event: { drawnAt: Date | null; decryptedAt: Date | null }, board: BoardState): Identity {
  if (view === "public") return board.publishedAt ? "names" : "codes";
  return event.drawnAt && !event.decryptedAt ? "codes" : "names";
}

// ------------------------------------------------------------------ rows

export type BoardView = "public" | "live";
export type Identity = "codes" | "names";

export type Entrant = { id: string; code: string; name: string; unit: string; teamId: string | null };

export type BoardRow = {
  /** the blind code's id: stable, says nothing about the person */
  id: string;
  rank: number | null;
  code: string;
  name: string | null;
  unit: string | null;
  total: number;
  totalText: string;
  /** component scores in scheme order, as text */
  scores: string[];
  complete: boolean;
  disqualified: boolean;
};

export function boardRow(entrant: Entrant, result: EntrantResult | undefined, rank: number | null, identity: Identity): BoardRow {
  return {
    id: entrant.id,
    rank: result?.disqualified ? null : rank,
    code: entrant.code,
    name: identity === "names" ? entrant.name : null,
    unit: identity === "names" ? entrant.unit : null,
    total: result?.total ?? 0,
    totalText: result?.totalText ?? formatHundredths(0),
    scores: result?.components.map((c) => c.scoreText) ?? [],
    complete: result?.complete ?? false,
    disqualified: result?.disqualified ?? false,
  };
}

/** Display order: rank, then station code among equals; unranked (disqualified) rows last. */
export function compareRows(a: Pick<BoardRow, "rank" | "code">, b: Pick<BoardRow, "rank" | "code">): number {
  if (a.rank !== b.rank) {
    if (a.rank === null) return 1;
    if (b.rank === null) return -1;
    return a.rank - b.rank;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export type TeamRow = { id: string; rank: number; name: string; unit: string | null; codes: string[]; total: number; totalText: string; counted: number };

/**
 * Team board (rules S-55, S-56) from the members' results. Teams are named only when names are
 * shown; before that a team is known by its members' station codes.
 */
export function teamRows(
  results: readonly EntrantResult[],
  entrants: ReadonlyMap<string, Entrant>,
  teams: ReadonlyMap<string, { name: string; unit: string }>,
  settings: ScoringSettings,
  identity: Identity,
): TeamRow[] {
  const members = results
    .filter((r) => !r.disqualified && entrants.get(r.entrantId)?.teamId)
    .map((r) => ({ entrantId: r.entrantId, teamId: entrants.get(r.entrantId)!.teamId!, total: r.total, completionTime: r.completionTime }));
  const ranked: TeamResult[] = rankTeams(members, settings.teams);
  const codesOf = new Map<string, string[]>();
  for (const e of entrants.values()) {
    if (!e.teamId) continue;
    codesOf.set(e.teamId, [...(codesOf.get(e.teamId) ?? []), e.code].sort());
  }
  return ranked.map((t) => {
    const codes = codesOf.get(t.teamId) ?? [];
    const team = teams.get(t.teamId);
    return {
      id: t.teamId,
      rank: t.rank,
      name: identity === "names" && team ? team.name : codes.join(" · "),
      unit: identity === "names" && team ? team.unit : null,
      codes,
      total: t.total,
      totalText: t.totalText,
      counted: t.countedEntrantIds.length,
    };
  });
}

// ------------------------------------------------------------------ changes pushed to open pages

/** The rows whose JSON differs between two renderings (new or changed), and the ids that left. */
export function diffRows(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): { changed: string[]; removed: string[] } {
  const changed: string[] = [];
  for (const [id, json] of after) if (before.get(id) !== json) changed.push(id);
  const removed: string[] = [];
  for (const id of before.keys()) if (!after.has(id)) removed.push(id);
  return { changed, removed };
}

/** One server-sent event. `data` is already JSON (one line). */
export function sseMessage(event: string, data: string, id?: string): string {
  return `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${data}\n\n`;
}

/** A patch is applied by pages that hold `base`; anything else (or a big change) makes them reload the board. */
export const PATCH_ROW_LIMIT = 200;
