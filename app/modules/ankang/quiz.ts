// The 安康杯 knowledge quiz (rule A-14): scoring, prizes by rank, the seeded random draw among
// all-correct answer sheets, and the unit ranking by participation and average score. Pure.

export const QUESTION_KINDS = ["single", "multiple", "truefalse"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = { single: "单选题", multiple: "多选题", truefalse: "判断题" };

export type Question = { id: string; kind: QuestionKind; options: string[]; answer: string[]; points: number };
export type Answers = Record<string, string[]>;

/** Normalised answer: option letters, sorted, without duplicates. A multiple-choice answer counts only when exact. */
export function normaliseAnswer(a: readonly string[]): string[] {
  return [...new Set(a.map((x) => x.trim().toUpperCase()).filter(Boolean))].sort();
}

export function isCorrect(q: Question, given: readonly string[] | undefined): boolean {
  if (!given) return false;
  const a = normaliseAnswer(given);
  const b = normaliseAnswer(q.answer);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export type QuizScore = { score: number; maxScore: number; correct: number; total: number; allCorrect: boolean };

export function scoreQuiz(questions: readonly Question[], answers: Answers): QuizScore {
  let score = 0;
  let maxScore = 0;
  let correct = 0;
  for (const q of questions) {
    maxScore += q.points;
    if (isCorrect(q, answers[q.id])) { score += q.points; correct++; }
  }
  return { score, maxScore, correct, total: questions.length, allCorrect: questions.length > 0 && correct === questions.length };
}

export type QuizEntry = { attemptId: string; score: number; durationMs: number; submittedAt: number };
export type PrizeTier = { name: string; count: number };
export type Winner = { attemptId: string; tier: string; position: number };

/** rule A-14: prizes by rank, 1st 30 / 2nd 60 / 3rd 120 by default; ties broken by time taken, then by who submitted first. */
export function prizesByRank(entries: readonly QuizEntry[], tiers: readonly PrizeTier[]): Winner[] {
  const sorted = [...entries].sort((a, b) => b.score - a.score || a.durationMs - b.durationMs || a.submittedAt - b.submittedAt || cmp(a.attemptId, b.attemptId));
  return assignTiers(sorted.map((e) => e.attemptId), tiers);
}

/**
 * rule A-14: prizes drawn at random among all-correct answer sheets. The seed is published before
 * the draw; the candidates are taken in the order of their ids and shuffled by a PRNG seeded from
 * the published seed, so anyone with the list of ids and the seed re-runs it and gets the same winners.
 */
export function drawAmongAllCorrect(candidateIds: readonly string[], seed: string, tiers: readonly PrizeTier[]): Winner[] {
  const ids = [...new Set(candidateIds)].sort(cmp);
  const random = seededRandom(seed);
  // Fisher–Yates, from the end
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return assignTiers(ids, tiers);
}

function assignTiers(order: readonly string[], tiers: readonly PrizeTier[]): Winner[] {
  const out: Winner[] = [];
  let i = 0;
  for (const tier of tiers) {
    for (let k = 0; k < tier.count && i < order.length; k++, i++) out.push({ attemptId: order[i]!, tier: tier.name, position: i + 1 });
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A deterministic PRNG from a text seed: cyrb128 hashes the seed into four 32-bit words that seed
 * sfc32 (both public-domain, a few lines, the same in every JavaScript engine). Returns numbers in [0, 1).
 */
export function seededRandom(seed: string): () => number {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0, b = (h2 ^ h1) >>> 0, c = (h3 ^ h1) >>> 0, d = (h4 ^ h1) >>> 0;
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
}

export type UnitQuizStats = { unitId: string; members: number; participants: number; scoreSum: number };
export type UnitQuizRank = UnitQuizStats & { participationRate: number; averageScore: number; rank: number };

/** rule A-14: units ranked by participation rate, then average score. */
export function rankQuizUnits(units: readonly UnitQuizStats[]): UnitQuizRank[] {
  const rows = units.map((u) => ({
    ...u,
    participationRate: u.members > 0 ? Math.min(1, u.participants / u.members) : 0,
    averageScore: u.participants > 0 ? Math.round((u.scoreSum / u.participants) * 100) / 100 : 0,
    rank: 0,
  }));
  rows.sort((a, b) => b.participationRate - a.participationRate || b.averageScore - a.averageScore || cmp(a.unitId, b.unitId));
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.participationRate === r.participationRate && prev.averageScore === r.averageScore ? prev.rank : i + 1;
  });
  return rows;
}
