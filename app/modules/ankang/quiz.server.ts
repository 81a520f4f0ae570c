import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { drawAmongAllCorrect, prizesByRank, rankQuizUnits, scoreQuiz, type Answers, type PrizeTier, type Question, type Winner } from "./quiz";
import { DEFAULT_ANKANG_SETTINGS } from "./settings";
import { settingsCovering } from "./ankang.server";
import { enqueueQuizWrite, quizSqlite } from "./quiz-writer.server";
import { batchLoader } from "~/utils/batch-loader";
import type { z } from "zod";
import type { QuestionInputSchema, QuizInputSchema } from "./schemas";

// The knowledge quiz (rule A-14): the question bank, quizzes with their questions copied in,
// one attempt per member (the unique key (quizId, memberId) makes a second attempt impossible,
// even from two phones at once), instant scoring, prizes by rank or by the seeded draw, and the
// unit ranking. The submit path is the hot one (bench:ankang): the quiz's fixed facts are
// cached in memory, a member's unit too, and the submission is one conditional update.

export const QUIZ_MESSAGES = {
  notFound: "找不到该知识竞赛 / quiz not found",
  noMember: "当前账号未关联会员，不能参加答题 / this account is not linked to a member",
  notOpen: "答题尚未开始 / the quiz has not opened yet",
  closed: "答题已结束，不再接受答卷 / the quiz is closed: answers are no longer accepted",
  timeUp: "答题时间已到，答卷未被接受 / time is up: the answers were not accepted",
  once: "每人只能答题一次，您已提交过答卷 / one attempt per person: you have already submitted",
  notStarted: "请先开始答题 / start the quiz first",
  outside: "该知识竞赛不面向您所在单位 / the quiz is not open to your unit",
  seedTwice: "抽奖种子已公布，不能更改 / the seed is published and cannot change",
  seedFirst: "请先公布抽奖种子，再抽奖 / publish the seed before the draw",
  notClosedYet: "答题结束后才能评奖 / prizes are decided after the quiz closes",
  prizesDone: "奖项已评定 / the prizes are already decided",
  notDrawMode: "本竞赛按名次评奖，无需种子 / this quiz awards by rank: no seed",
  unknownQuestion: "题库中没有这些题目 / unknown questions",
} as const;

/** Seconds of grace after the time limit, for the network. */
const GRACE_MS = 30_000;

type QuizFacts = { id: string; orgId: string; orgPath: string; opensAt: number; closesAt: number; durationMs: number; questions: Question[]; prizeMode: string };
const quizCache = new Map<string, QuizFacts>();
const memberUnitCache = new Map<string, MemberUnit>();

async function quizFacts(quizId: string): Promise<QuizFacts> {
  const cached = quizCache.get(quizId);
  if (cached) return cached;
  const q = await db.ankangQuiz.findUnique({ where: { id: quizId } });
  if (!q) throw notFound(QUIZ_MESSAGES.notFound);
  const facts = { id: q.id, orgId: q.orgId, orgPath: q.orgPath, opensAt: q.opensAt.getTime(), closesAt: q.closesAt.getTime(), durationMs: q.durationSeconds * 1000, questions: JSON.parse(q.questions) as Question[], prizeMode: q.prizeMode };
  if (quizCache.size > 1000) quizCache.clear();
  quizCache.set(quizId, facts);
  return facts;
}

type MemberUnit = { memberId: string; unitId: string; unitPath: string; orgPath: string };

/**
 * Members' units read by the hundred (batch-loader.ts): the members starting a quiz in one round
 * of requests cost two reads together, not two each (bench:ankang, issue 15).
 */
const loadMemberUnits = batchLoader(async (memberIds: string[]) => {
  const members = await db.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, org: { select: { id: true, path: true, type: true, parentId: true } } } });
  const parentIds = [...new Set(members.flatMap((m) => (m.org.type === "team" && m.org.parentId ? [m.org.parentId] : [])))];
  const parents = parentIds.length ? new Map((await db.organisation.findMany({ where: { id: { in: parentIds } }, select: { id: true, path: true } })).map((o) => [o.id, o])) : new Map<string, { id: string; path: string }>();
  const out = new Map<string, MemberUnit>();
  for (const m of members) {
    let unit = { id: m.org.id, path: m.org.path };
    if (m.org.type === "team" && m.org.parentId) unit = parents.get(m.org.parentId) ?? unit;
    out.set(m.id, { memberId: m.id, unitId: unit.id, unitPath: unit.path, orgPath: m.org.path });
  }
  return out;
});

/** The member behind an account and the grass-roots unit they count for (a 班组 counts for its unit). */
async function memberOf(user: SessionUser): Promise<MemberUnit> {
  if (!user.memberId) throw badRequest(QUIZ_MESSAGES.noMember, [], "no_member");
  const cached = memberUnitCache.get(user.memberId);
  if (cached) return cached;
  const out = await loadMemberUnits(user.memberId);
  if (!out) throw badRequest(QUIZ_MESSAGES.noMember, [], "no_member");
  if (memberUnitCache.size > 200_000) memberUnitCache.clear();
  memberUnitCache.set(user.memberId, out);
  return out;
}

// ------------------------------------------------------------------ the bank

export async function createQuestion(user: SessionUser, input: z.infer<typeof QuestionInputSchema>, actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, path: true } });
  if (!org) throw notFound();
  if (!hasPermission(user, "ankang:manage", org.path)) throw forbidden();
  const problem = questionProblem(input);
  if (problem) throw badRequest(problem, [{ path: "answer", message: problem }]);
  return db.$transaction(async (tx) => {
    const q = await tx.ankangQuestion.create({ data: { orgId: org.id, kind: input.kind, stem: input.stem, options: JSON.stringify(input.options), answer: JSON.stringify([...new Set(input.answer)].sort()), points: input.points } });
    await recordEvent(tx, actor, { action: "ankang.question-created", entityType: "AnkangQuestion", entityId: q.id, orgId: org.id, after: { kind: input.kind, stem: input.stem } });
    return q;
  });
}

/** A question's answer must name its options; single and true/false take one answer. */
export function questionProblem(q: { kind: string; options: string[]; answer: string[] }): string | null {
  const letters = q.options.map((_, i) => String.fromCharCode(65 + i));
  if (q.answer.some((a) => !letters.includes(a))) return `答案 ${q.answer.join("")} 不在选项 ${letters.join("")} 中 / the answer is not among the options`;
  if (q.kind !== "multiple" && new Set(q.answer).size !== 1) return "单选题和判断题只有一个答案 / single-choice and true/false questions take one answer";
  if (q.kind === "truefalse" && q.options.length !== 2) return "判断题只有两个选项（对、错）/ a true/false question has two options";
  if (q.kind === "multiple" && new Set(q.answer).size < 2) return "多选题至少两个正确答案 / a multiple-choice question has at least two right answers";
  return null;
}

export async function listQuestions(user: SessionUser, orgId: string) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { path: true } });
  if (!org) throw notFound();
  if (!hasPermission(user, "ankang:manage", org.path)) throw forbidden();
  const rows = await db.ankangQuestion.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });
  return rows.map((q) => ({ id: q.id, kind: q.kind, stem: q.stem, options: JSON.parse(q.options) as string[], answer: JSON.parse(q.answer) as string[], points: q.points }));
}

// ------------------------------------------------------------------ quizzes

export async function createQuiz(user: SessionUser, input: z.infer<typeof QuizInputSchema>, actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: input.orgId }, select: { id: true, path: true } });
  if (!org) throw notFound();
  if (!hasPermission(user, "ankang:manage", org.path)) throw forbidden();
  const rows = await db.ankangQuestion.findMany({ where: { id: { in: input.questionIds }, orgId: org.id } });
  if (rows.length !== new Set(input.questionIds).size) throw badRequest(QUIZ_MESSAGES.unknownQuestion, [{ path: "questionIds", message: QUIZ_MESSAGES.unknownQuestion }]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const questions: Question[] = [...new Set(input.questionIds)].map((id) => {
    const r = byId.get(id)!;
    return { id: r.id, kind: r.kind as Question["kind"], options: JSON.parse(r.options), answer: JSON.parse(r.answer), points: r.points };
  });
  // rule A-14: the prizes of the cycle page's settings, kept with the quiz so a later change of the
  // settings cannot change a decided draw's re-run
  const prizeTiers = (await settingsCovering(db, org.path)).quizPrizeTiers;
  return db.$transaction(async (tx) => {
    const quiz = await tx.ankangQuiz.create({
      data: { orgId: org.id, orgPath: org.path, title: input.title, opensAt: input.opensAt, closesAt: input.closesAt, durationSeconds: input.durationSeconds, questions: JSON.stringify(questions), prizeMode: input.prizeMode, prizeTiers: JSON.stringify(prizeTiers) },
    });
    await recordEvent(tx, actor, { action: "ankang.quiz-created", entityType: "AnkangQuiz", entityId: quiz.id, orgId: org.id, after: { title: input.title, questions: questions.length, prizeMode: input.prizeMode, prizeTiers } });
    return quiz;
  });
}

const mayTake = (quiz: { orgPath: string }, member: { orgPath: string }) => member.orgPath.startsWith(quiz.orgPath);

export async function listQuizzes(user: SessionUser) {
  const quizzes = await db.ankangQuiz.findMany({ orderBy: { opensAt: "desc" }, take: 200, select: { id: true, title: true, orgId: true, orgPath: true, opensAt: true, closesAt: true, durationSeconds: true, prizeMode: true } });
  let member: Awaited<ReturnType<typeof memberOf>> | null = null;
  try { member = user.memberId ? await memberOf(user) : null; } catch { member = null; }
  const attempts = member ? await db.ankangQuizAttempt.findMany({ where: { memberId: member.memberId }, select: { quizId: true, score: true, submittedAt: true } }) : [];
  return quizzes
    .filter((q) => hasPermission(user, "ankang:manage", q.orgPath) || (member && mayTake(q, member)))
    .map((q) => {
      const a = attempts.find((x) => x.quizId === q.id);
      return { id: q.id, title: q.title, opensAt: q.opensAt.toISOString(), closesAt: q.closesAt.toISOString(), durationSeconds: q.durationSeconds, prizeMode: q.prizeMode, myScore: a?.submittedAt ? a.score : null, mayManage: hasPermission(user, "ankang:manage", q.orgPath) };
    });
}

const publicQuestions = (qs: Question[]) => qs.map((q) => ({ id: q.id, kind: q.kind, options: q.options, points: q.points }));

/** The quiz as a taker sees it: no answers until they have submitted. */
export async function getQuizForTaker(user: SessionUser, quizId: string, now = new Date()) {
  const quiz = await db.ankangQuiz.findUnique({ where: { id: quizId } });
  if (!quiz) throw notFound(QUIZ_MESSAGES.notFound);
  const manage = hasPermission(user, "ankang:manage", quiz.orgPath);
  let member: Awaited<ReturnType<typeof memberOf>> | null = null;
  if (user.memberId) member = await memberOf(user);
  if (!manage && !(member && mayTake(quiz, member))) throw forbidden(QUIZ_MESSAGES.outside);
  const questions = JSON.parse(quiz.questions) as Question[];
  const stems = new Map((await db.ankangQuestion.findMany({ where: { id: { in: questions.map((q) => q.id) } }, select: { id: true, stem: true } })).map((q) => [q.id, q.stem]));
  const attempt = member ? await db.ankangQuizAttempt.findUnique({ where: { quizId_memberId: { quizId, memberId: member.memberId } } }) : null;
  const state = now < quiz.opensAt ? "notOpen" : now > quiz.closesAt ? "closed" : attempt?.submittedAt ? "submitted" : attempt ? "inProgress" : "open";
  return {
    id: quiz.id, title: quiz.title, opensAt: quiz.opensAt.toISOString(), closesAt: quiz.closesAt.toISOString(), durationSeconds: quiz.durationSeconds, prizeMode: quiz.prizeMode,
    drawSeed: quiz.drawSeed, seedPublishedAt: quiz.seedPublishedAt?.toISOString() ?? null, prizesDecided: quiz.prizes != null,
    state, mayManage: manage,
    questions: state === "inProgress" || state === "submitted" ? publicQuestions(questions).map((q) => ({ ...q, stem: stems.get(q.id) ?? "" })) : [],
    attempt: attempt ? {
      startedAt: attempt.startedAt.toISOString(), deadline: new Date(Math.min(attempt.startedAt.getTime() + quiz.durationSeconds * 1000, quiz.closesAt.getTime())).toISOString(),
      submittedAt: attempt.submittedAt?.toISOString() ?? null, score: attempt.score, allCorrect: attempt.allCorrect,
      answers: attempt.submittedAt && attempt.answers ? (JSON.parse(attempt.answers) as Answers) : null,
      key: attempt.submittedAt ? Object.fromEntries(questions.map((q) => [q.id, q.answer])) : null,
    } : null,
  };
}

/** Starts (or resumes) the member's one attempt; a submitted attempt cannot start again. */
export async function startQuiz(user: SessionUser, quizId: string, now = new Date()) {
  const quiz = await quizFacts(quizId);
  const member = await memberOf(user);
  if (!mayTake(quiz, member)) throw forbidden(QUIZ_MESSAGES.outside);
  if (now.getTime() < quiz.opensAt) throw conflict(QUIZ_MESSAGES.notOpen, "quiz_not_open");
  if (now.getTime() > quiz.closesAt) throw conflict(QUIZ_MESSAGES.closed, "quiz_closed");
  if (quizSqlite()) {
    // SQLite: grouped with the other starts and hand-ins of the moment, one commit (quiz-writer.server.ts)
    const started = await enqueueQuizWrite({ op: "start", quizId, memberId: member.memberId, unitId: member.unitId, unitPath: member.unitPath, now: now.getTime() });
    if (started.status === "submitted") throw conflict(QUIZ_MESSAGES.once, "already_submitted");
    const deadline = Math.min(started.startedAt + quiz.durationMs, quiz.closesAt);
    return { attemptId: started.attemptId, startedAt: new Date(started.startedAt).toISOString(), deadline: new Date(deadline).toISOString(), questions: publicQuestions(quiz.questions) };
  }
  const existing = await db.ankangQuizAttempt.findUnique({ where: { quizId_memberId: { quizId, memberId: member.memberId } } });
  if (existing?.submittedAt) throw conflict(QUIZ_MESSAGES.once, "already_submitted");
  const key = { quizId_memberId: { quizId, memberId: member.memberId } };
  // Two starts of one member at once (two phones): the unique key lets one insert win and the other
  // resumes it (PostgreSQL's upsert is not atomic against a concurrent insert: P2002, read again).
  const attempt = existing ?? await db.ankangQuizAttempt.upsert({
    where: key,
    create: { quizId, memberId: member.memberId, unitId: member.unitId, unitPath: member.unitPath, startedAt: now },
    update: {},
  }).catch(async (error: unknown) => {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return db.ankangQuizAttempt.findUniqueOrThrow({ where: key });
  });
  if (attempt.submittedAt) throw conflict(QUIZ_MESSAGES.once, "already_submitted");
  const deadline = Math.min(attempt.startedAt.getTime() + quiz.durationMs, quiz.closesAt);
  return { attemptId: attempt.id, startedAt: attempt.startedAt.toISOString(), deadline: new Date(deadline).toISOString(), questions: publicQuestions(quiz.questions) };
}

/** One submission: scored at once; refused after the quiz closes, after the time limit, or a second time. */
export async function submitQuiz(user: SessionUser, quizId: string, answers: Answers, now = new Date()) {
  const quiz = await quizFacts(quizId);
  const member = await memberOf(user);
  if (!mayTake(quiz, member)) throw forbidden(QUIZ_MESSAGES.outside);
  if (now.getTime() > quiz.closesAt + GRACE_MS) throw new AppError(422, "quiz_closed", QUIZ_MESSAGES.closed);
  if (quizSqlite()) return submitGrouped(quiz, member.memberId, answers, now);
  const attempt = await db.ankangQuizAttempt.findUnique({ where: { quizId_memberId: { quizId, memberId: member.memberId } }, select: { id: true, startedAt: true, submittedAt: true } });
  if (!attempt) throw conflict(QUIZ_MESSAGES.notStarted, "not_started");
  if (attempt.submittedAt) throw conflict(QUIZ_MESSAGES.once, "already_submitted");
  const durationMs = now.getTime() - attempt.startedAt.getTime();
  if (durationMs > quiz.durationMs + GRACE_MS) throw new AppError(422, "time_up", QUIZ_MESSAGES.timeUp);
  const known = new Set(quiz.questions.map((q) => q.id));
  const clean: Answers = {};
  for (const [id, a] of Object.entries(answers)) if (known.has(id)) clean[id] = a;
  const result = scoreQuiz(quiz.questions, clean);
  // conditional on "not yet submitted": two submissions racing from two phones, one wins
  const updated = await db.ankangQuizAttempt.updateMany({
    where: { id: attempt.id, submittedAt: null },
    data: { submittedAt: now, answers: JSON.stringify(clean), score: result.score, allCorrect: result.allCorrect, durationMs },
  });
  if (updated.count !== 1) throw conflict(QUIZ_MESSAGES.once, "already_submitted");
  return { attemptId: attempt.id, score: result.score, maxScore: result.maxScore, correct: result.correct, total: result.total, allCorrect: result.allCorrect, durationMs };
}

/** The SQLite hand-in: scored here, decided and written in the next group commit (quiz-writer.server.ts). */
async function submitGrouped(quiz: QuizFacts, memberId: string, answers: Answers, now: Date) {
  const known = new Set(quiz.questions.map((q) => q.id));
  const clean: Answers = {};
  for (const [id, a] of Object.entries(answers)) if (known.has(id)) clean[id] = a;
  const result = scoreQuiz(quiz.questions, clean);
  const outcome = await enqueueQuizWrite({ op: "submit", quizId: quiz.id, memberId, now: now.getTime(), limitMs: quiz.durationMs + GRACE_MS, answers: JSON.stringify(clean), score: result.score, allCorrect: result.allCorrect });
  if (outcome.status !== "saved") {
    if (outcome.status === "notStarted") throw conflict(QUIZ_MESSAGES.notStarted, "not_started");
    if (outcome.status === "timeUp") throw new AppError(422, "time_up", QUIZ_MESSAGES.timeUp);
    throw conflict(QUIZ_MESSAGES.once, "already_submitted");
  }
  return { attemptId: outcome.attemptId, score: result.score, maxScore: result.maxScore, correct: result.correct, total: result.total, allCorrect: result.allCorrect, durationMs: outcome.durationMs };
}

// ------------------------------------------------------------------ prizes and ranking

/** The quiz's prizes (rule A-14): as kept when it was set up; the defaults for a quiz from before. */
export function prizeTiersOf(quiz: { prizeTiers: string | null }): PrizeTier[] {
  if (!quiz.prizeTiers) return DEFAULT_ANKANG_SETTINGS.quizPrizeTiers;
  try { return JSON.parse(quiz.prizeTiers) as PrizeTier[]; } catch { return DEFAULT_ANKANG_SETTINGS.quizPrizeTiers; }
}

async function loadManagedQuiz(user: SessionUser, quizId: string) {
  const quiz = await db.ankangQuiz.findUnique({ where: { id: quizId } });
  if (!quiz) throw notFound(QUIZ_MESSAGES.notFound);
  if (!hasPermission(user, "ankang:manage", quiz.orgPath)) throw forbidden();
  return quiz;
}

/** rule A-14: the seed is published before the draw, so that anyone can re-run it. */
export async function publishSeed(user: SessionUser, quizId: string, seed: string | undefined, actor: Actor, now = new Date()) {
  const quiz = await loadManagedQuiz(user, quizId);
  if (quiz.prizeMode !== "draw") throw conflict(QUIZ_MESSAGES.notDrawMode, "not_draw_mode");
  if (quiz.drawSeed) throw conflict(QUIZ_MESSAGES.seedTwice, "seed_published");
  if (quiz.prizes) throw conflict(QUIZ_MESSAGES.prizesDone, "prizes_decided");
  const value = seed ?? crypto.randomBytes(16).toString("hex");
  return db.$transaction(async (tx) => {
    const updated = await tx.ankangQuiz.updateMany({ where: { id: quiz.id, drawSeed: null }, data: { drawSeed: value, seedPublishedAt: now } });
    if (updated.count !== 1) throw conflict(QUIZ_MESSAGES.seedTwice, "seed_published");
    await recordEvent(tx, actor, { action: "ankang.quiz-seed-published", entityType: "AnkangQuiz", entityId: quiz.id, orgId: quiz.orgId, after: { seed: value } });
    return { seed: value, publishedAt: now.toISOString() };
  });
}

/** The candidates of the draw, in the order anyone can rebuild: the attempt ids of all-correct sheets. */
export async function drawCandidates(quizId: string) {
  const rows = await db.ankangQuizAttempt.findMany({ where: { quizId, allCorrect: true, submittedAt: { not: null } }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/** Decides the prizes once, after the quiz closes: by rank (ties by time), or drawn with the published seed. */
export async function decidePrizes(user: SessionUser, quizId: string, actor: Actor, now = new Date()) {
  const quiz = await loadManagedQuiz(user, quizId);
  if (now < quiz.closesAt) throw conflict(QUIZ_MESSAGES.notClosedYet, "quiz_open");
  if (quiz.prizes) throw conflict(QUIZ_MESSAGES.prizesDone, "prizes_decided");
  const tiers = prizeTiersOf(quiz);
  let winners: Winner[];
  if (quiz.prizeMode === "draw") {
    if (!quiz.drawSeed) throw conflict(QUIZ_MESSAGES.seedFirst, "seed_missing");
    winners = drawAmongAllCorrect(await drawCandidates(quizId), quiz.drawSeed, tiers);
  } else {
    const rows = await db.ankangQuizAttempt.findMany({ where: { quizId, submittedAt: { not: null } }, select: { id: true, score: true, durationMs: true, submittedAt: true } });
    winners = prizesByRank(rows.map((r) => ({ attemptId: r.id, score: r.score ?? 0, durationMs: r.durationMs ?? 0, submittedAt: r.submittedAt!.getTime() })), tiers);
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.ankangQuiz.updateMany({ where: { id: quiz.id, prizes: null }, data: { prizes: JSON.stringify(winners) } });
    if (updated.count !== 1) throw conflict(QUIZ_MESSAGES.prizesDone, "prizes_decided");
    await recordEvent(tx, actor, { action: "ankang.quiz-prizes-decided", entityType: "AnkangQuiz", entityId: quiz.id, orgId: quiz.orgId, after: { mode: quiz.prizeMode, seed: quiz.drawSeed, winners: winners.length } });
    return { mode: quiz.prizeMode, seed: quiz.drawSeed, winners };
  });
}

/** Anyone signed in re-runs the draw from the published seed and the candidate list, and compares. */
export async function verifyDraw(quizId: string) {
  const quiz = await db.ankangQuiz.findUnique({ where: { id: quizId } });
  if (!quiz) throw notFound(QUIZ_MESSAGES.notFound);
  if (quiz.prizeMode !== "draw" || !quiz.drawSeed) throw conflict(QUIZ_MESSAGES.seedFirst, "seed_missing");
  const candidates = await drawCandidates(quizId);
  const rerun = drawAmongAllCorrect(candidates, quiz.drawSeed, prizeTiersOf(quiz));
  const stored = quiz.prizes ? (JSON.parse(quiz.prizes) as Winner[]) : null;
  return { seed: quiz.drawSeed, candidates, rerun, stored, same: stored ? JSON.stringify(stored) === JSON.stringify(rerun) : null };
}

/** Results for the organiser: participation, unit ranking (rule A-14), prizes with names. */
export async function quizResults(user: SessionUser, quizId: string) {
  const quiz = await loadManagedQuiz(user, quizId);
  const attempts = await db.ankangQuizAttempt.groupBy({ by: ["unitId"], where: { quizId, submittedAt: { not: null } }, _count: { _all: true }, _sum: { score: true } });
  const units = await db.organisation.findMany({ where: { path: { startsWith: quiz.orgPath }, type: "grassroots" }, select: { id: true, name: true, path: true } });
  const memberCounts = await Promise.all(units.map((u) => db.member.count({ where: { org: { path: { startsWith: u.path } } } })));
  const byUnit = new Map(attempts.map((a) => [a.unitId, a]));
  const ranking = rankQuizUnits(units.map((u, i) => ({ unitId: u.id, members: memberCounts[i]!, participants: byUnit.get(u.id)?._count._all ?? 0, scoreSum: byUnit.get(u.id)?._sum.score ?? 0 })).filter((u) => u.members > 0));
  const names = new Map(units.map((u) => [u.id, u.name]));
  const winners = quiz.prizes ? (JSON.parse(quiz.prizes) as Winner[]) : [];
  const winnerAttempts = await db.ankangQuizAttempt.findMany({ where: { id: { in: winners.map((w) => w.attemptId) } }, select: { id: true, memberId: true, unitId: true, score: true, durationMs: true } });
  const members = new Map((await db.member.findMany({ where: { id: { in: winnerAttempts.map((a) => a.memberId) } }, select: { id: true, name: true } })).map((m) => [m.id, m.name]));
  const wa = new Map(winnerAttempts.map((a) => [a.id, a]));
  const total = attempts.reduce((s, a) => s + a._count._all, 0);
  return {
    id: quiz.id, title: quiz.title, prizeMode: quiz.prizeMode, prizeTiers: prizeTiersOf(quiz), drawSeed: quiz.drawSeed, participants: total,
    allCorrect: await db.ankangQuizAttempt.count({ where: { quizId, allCorrect: true } }),
    ranking: ranking.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? "" })),
    prizes: winners.map((w) => {
      const a = wa.get(w.attemptId);
      return { ...w, memberName: a ? members.get(a.memberId) ?? "" : "", unitName: a ? names.get(a.unitId) ?? "" : "", score: a?.score ?? null, durationMs: a?.durationMs ?? null };
    }),
  };
}

/** For tests and the bench: forget cached quiz facts (a quiz's times changed under them). */
export function clearQuizCaches() {
  quizCache.clear();
  memberUnitCache.clear();
}

/** Imports questions from rows of the template; all or nothing. */
export async function importQuestions(user: SessionUser, orgId: string, questions: { kind: string; stem: string; options: string[]; answer: string[]; points: number }[], actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, path: true } });
  if (!org) throw notFound();
  if (!hasPermission(user, "ankang:manage", org.path)) throw forbidden();
  return db.$transaction(async (tx) => {
    for (const q of questions) await tx.ankangQuestion.create({ data: { orgId: org.id, kind: q.kind, stem: q.stem, options: JSON.stringify(q.options), answer: JSON.stringify(q.answer), points: q.points } });
    await recordEvent(tx, actor, { action: "ankang.questions-imported", entityType: "Organisation", entityId: org.id, orgId: org.id, after: { count: questions.length } });
    return { imported: questions.length };
  });
}
