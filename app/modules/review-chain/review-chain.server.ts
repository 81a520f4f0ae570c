import { db, type Tx } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import {
  CHAIN_MESSAGES, chainLevels, checkLevelQuota, DECISION_LABELS, mayActAtLevel, parseLevels, resubmit, review, STATUS_LABELS, withdraw,
  type ChainState, type Decision, type SubmissionStatus, type Transition,
} from "./chain";
import { subjectTypeOf, SUBJECT_TYPES } from "./subject-types";
import type { QuotaInput, ReviewInput, RoundInput } from "./schemas";
import { approvalHold } from "./notices.server";
import { runDecisionHooks, runHoldChecks } from "./hooks.server";
import "./hook-modules.server";

// The review chain's service: the only code that writes ReviewRound, ReviewQuota,
// ReviewSubmission and ReviewDecision. Every change writes a trail row and an event in
// the same transaction. Who may act is decided per subject type (subject-types.ts):
//  - manage (rounds, quotas): the subject's manage permission over the round's top organisation;
//  - review at a level: the subject's review permission over that level's organisation;
//  - resubmit / withdraw: the subject's submit permission over the submitting unit.

export const MESSAGES = {
  roundNotFound: "找不到该评审轮次 / round not found",
  submissionNotFound: "找不到该申报 / submission not found",
  orgNotFound: "找不到该组织 / organisation not found",
  roundClosed: "该评审轮次已结束，不再接受申报 / the round is closed",
  duplicate: "该对象已在本轮申报中 / already submitted in this round",
  changedMeanwhile: "该申报刚被他人处理，请刷新后再操作 / someone acted on this submission meanwhile: reload",
  quotaOrgOutside: "名额只能分配给本轮审批单位及其下级 / quotas go to the approving organisation and the organisations under it",
} as const;

type Client = Tx | typeof db;

async function loadRound(client: Client, roundId: string) {
  const round = await client.reviewRound.findUnique({ where: { id: roundId } });
  if (!round) throw notFound(MESSAGES.roundNotFound);
  return round;
}

async function orgPath(client: Client, orgId: string) {
  const org = await client.organisation.findUnique({ where: { id: orgId }, select: { id: true, path: true, name: true, type: true } });
  if (!org) throw notFound(MESSAGES.orgNotFound);
  return org;
}

/** Ancestors-or-self of an organisation, root first. */
async function ancestorsOf(client: Client, path: string) {
  const ids = path.split("/").filter(Boolean);
  const orgs = await client.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, type: true, name: true } });
  return ids.map((id) => orgs.find((o) => o.id === id)!).filter(Boolean);
}

// ------------------------------------------------------------------ rounds and quotas

export async function createRound(user: SessionUser, input: RoundInput, actor: Actor, client: Client = db) {
  const type = subjectTypeOf(input.subjectType);
  const top = await orgPath(client, input.topOrgId);
  if (!hasPermission(user, type.manage, top.path)) throw forbidden();
  const run = async (tx: Tx) => {
    const round = await tx.reviewRound.create({
      data: { subjectType: input.subjectType, title: input.title, topOrgId: top.id, reviewingTypes: JSON.stringify(input.reviewingTypes), createdById: user.id },
    });
    await recordEvent(tx, actor, { action: "review-round.created", entityType: "ReviewRound", entityId: round.id, orgId: top.id, after: input });
    return round;
  };
  return "$transaction" in client ? client.$transaction(run) : run(client);
}

export async function setQuota(user: SessionUser, roundId: string, input: QuotaInput, actor: Actor) {
  const round = await loadRound(db, roundId);
  const top = await orgPath(db, round.topOrgId);
  if (!hasPermission(user, subjectTypeOf(round.subjectType).manage, top.path)) throw forbidden();
  const org = await orgPath(db, input.orgId);
  if (!org.path.startsWith(top.path)) throw badRequest(MESSAGES.quotaOrgOutside, [{ path: "orgId", message: MESSAGES.quotaOrgOutside }]);
  return db.$transaction(async (tx) => {
    const key = { roundId_orgId_category: { roundId, orgId: org.id, category: input.category } };
    const before = await tx.reviewQuota.findUnique({ where: key });
    const quota = await tx.reviewQuota.upsert({ where: key, create: { roundId, orgId: org.id, category: input.category, limit: input.limit }, update: { limit: input.limit } });
    // the round's updatedAt moves with its 名额: the nomination lists' stamp reads it instead of the quotas (hold-writer.server.ts)
    await tx.reviewRound.update({ where: { id: roundId }, data: { updatedAt: new Date() } });
    await recordEvent(tx, actor, { action: "review-quota.set", entityType: "ReviewRound", entityId: roundId, orgId: org.id, before: before && { limit: before.limit }, after: input });
    return quota;
  });
}

// ------------------------------------------------------------------ submitting (called by the subject's domain, inside its transaction)

/**
 * A subject type with `managerMaySubmit` (the 安康杯's titles): the round's organising office, holding
 * the type's manage permission over the round's top, may enter a recommendation for a unit below it
 * (issue 15: the city team recommends units, 班组 and people from its page). The chain is unchanged:
 * the submission still starts at the unit and passes every level's review and 公示 (rule A-15).
 */
async function managerSubmits(tx: Tx, user: SessionUser, round: { subjectType: string; topOrgId: string }, unitPath: string) {
  const type = subjectTypeOf(round.subjectType);
  if (!type.managerMaySubmit) return false;
  const top = await orgPath(tx, round.topOrgId);
  return unitPath.startsWith(top.path) && hasPermission(user, type.manage, top.path);
}

export type SubmitInput = { roundId: string; subjectType: string; subjectId: string; title: string; category?: string; submitterOrgId: string };

/**
 * Sends a subject up the chain: the domain that owns the subject calls this in its own
 * transaction after its own checks (form complete, deadline, eligibility). The submitting
 * unit's permission is checked here too.
 */
export async function submitForReview(tx: Tx, user: SessionUser, input: SubmitInput, actor: Actor) {
  const round = await loadRound(tx, input.roundId);
  if (round.subjectType !== input.subjectType) throw badRequest(MESSAGES.roundNotFound);
  if (round.status !== "open") throw conflict(MESSAGES.roundClosed, "round_closed");
  const unit = await orgPath(tx, input.submitterOrgId);
  if (!hasPermission(user, subjectTypeOf(round.subjectType).submit, unit.path) && !(await managerSubmits(tx, user, round, unit.path))) throw forbidden();
  const levels = chainLevels(await ancestorsOf(tx, unit.path), unit.id, round.topOrgId, JSON.parse(round.reviewingTypes) as string[]);
  if (!levels) throw badRequest(CHAIN_MESSAGES.topNotAbove);
  const existing = await tx.reviewSubmission.findUnique({ where: { subjectType_subjectId_roundId: { subjectType: input.subjectType, subjectId: input.subjectId, roundId: round.id } } });
  if (existing) throw conflict(MESSAGES.duplicate, "duplicate");
  const submission = await tx.reviewSubmission.create({
    data: {
      roundId: round.id, subjectType: input.subjectType, subjectId: input.subjectId, title: input.title, category: input.category ?? "",
      submitterOrgId: unit.id, levels: JSON.stringify(levels), currentLevel: 0, status: "pending",
    },
  });
  await tx.reviewDecision.create({ data: { submissionId: submission.id, level: 0, orgId: unit.id, decision: "submitted", byId: user.id } });
  await recordEvent(tx, actor, { action: "review.submitted", entityType: "ReviewSubmission", entityId: submission.id, orgId: unit.id, after: { roundId: round.id, subjectType: input.subjectType, subjectId: input.subjectId, levels } });
  return submission;
}

// ------------------------------------------------------------------ reviewing

const stateOf = (s: { status: string; currentLevel: number; levels: string }): ChainState => ({
  status: s.status as SubmissionStatus, currentLevel: s.currentLevel, levelCount: parseLevels(s.levels).length,
});

function unwrap(t: Transition) {
  if (!t.ok) throw conflict(t.reason, "invalid_transition");
  return t;
}

/** How many distinct live submissions of the round this organisation has sent up (or approved), by category. */
async function usedQuota(tx: Tx, roundId: string, orgId: string) {
  const rows = await tx.reviewDecision.findMany({
    where: { orgId, decision: { in: ["recommended", "approved"] }, submission: { roundId, status: { not: "withdrawn" } } },
    select: { submissionId: true, submission: { select: { category: true } } },
  });
  const seen = new Map<string, string>();
  for (const r of rows) seen.set(r.submissionId, r.submission.category);
  const used: Record<string, number> = {};
  for (const category of seen.values()) used[category] = (used[category] ?? 0) + 1;
  return used;
}

/** Return, refuse or recommend (at the top: approve) at the submission's current level. */
export async function reviewSubmission(user: SessionUser, submissionId: string, input: ReviewInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const submission = await tx.reviewSubmission.findUnique({ where: { id: submissionId }, include: { round: true } });
    if (!submission) throw notFound(MESSAGES.submissionNotFound);
    const levelIds = parseLevels(submission.levels);
    const levels = await Promise.all(levelIds.map((id) => orgPath(tx, id)));
    const levelOrg = levels[Math.min(input.level, levels.length - 1)];
    if (!mayActAtLevel(user.grants, subjectTypeOf(submission.subjectType).review, levels, levels.indexOf(levelOrg))) throw forbidden();
    const t = unwrap(review(stateOf(submission), input.level, input.action, input.reason));
    if (input.action === "recommend") {
      // Serialise recommendations in a round: two reviewers cannot both take the last place.
      await tx.reviewRound.update({ where: { id: submission.roundId }, data: { updatedAt: new Date() } });
      const quotas = await tx.reviewQuota.findMany({ where: { roundId: submission.roundId, orgId: levelOrg.id } });
      const problem = checkLevelQuota(quotas, submission.category, await usedQuota(tx, submission.roundId, levelOrg.id));
      if (problem) throw badRequest(problem, [], "over_quota");
      // A level holding a 公示 cannot send a candidate up before the notice ends, with an open
      // objection on it, or after the objection withdrew it (rule N-33).
      const hold = await approvalHold(tx, submission.id, levelOrg.id, new Date());
      if (hold) throw conflict(hold, "notice_hold");
      // Other domains' holds (e.g. an open 征求意见 problem, rule N-34): hooks.server.ts.
      const held = await runHoldChecks(tx, submission, levelOrg.id, new Date());
      if (held) throw conflict(held, "hold");
    }
    return applyTransition(tx, user, actor, submission, t, levelOrg.id, input.reason ?? null);
  });
}

async function applyTransition(
  tx: Tx, user: SessionUser, actor: Actor,
  submission: { id: string; status: string; currentLevel: number; submitterOrgId: string; subjectType: string; subjectId: string; roundId: string; levels: string },
  t: Extract<Transition, { ok: true }>, orgId: string, reason: string | null,
) {
  const updated = await tx.reviewSubmission.updateMany({
    where: { id: submission.id, status: submission.status, currentLevel: submission.currentLevel },
    data: { status: t.status, currentLevel: t.currentLevel, returnReason: t.decision === "returned" || t.decision === "refused" ? reason : null },
  });
  if (updated.count !== 1) throw conflict(MESSAGES.changedMeanwhile, "changed_meanwhile");
  await tx.reviewDecision.create({ data: { submissionId: submission.id, level: submission.currentLevel, orgId, decision: t.decision, reason, byId: user.id } });
  await recordEvent(tx, actor, {
    action: `review.${t.decision}`, entityType: "ReviewSubmission", entityId: submission.id, orgId,
    before: { status: submission.status, level: submission.currentLevel }, after: { status: t.status, level: t.currentLevel, reason },
  });
  await runDecisionHooks(tx, { ...submission, status: t.status, currentLevel: t.currentLevel }, t.decision, actor);
  return { id: submission.id, status: t.status, currentLevel: t.currentLevel, decision: t.decision };
}

async function loadForSubmitter(tx: Tx, user: SessionUser, submissionId: string) {
  const submission = await tx.reviewSubmission.findUnique({ where: { id: submissionId } });
  if (!submission) throw notFound(MESSAGES.submissionNotFound);
  const unit = await orgPath(tx, submission.submitterOrgId);
  if (!hasPermission(user, subjectTypeOf(submission.subjectType).submit, unit.path)) throw forbidden();
  return submission;
}

/** The submitting unit sends a returned submission back to the level that returned it. */
export async function resubmitSubmission(user: SessionUser, submissionId: string, actor: Actor, client?: Tx) {
  const run = async (tx: Tx) => {
    const submission = await loadForSubmitter(tx, user, submissionId);
    const t = unwrap(resubmit(stateOf(submission)));
    return applyTransition(tx, user, actor, submission, t, submission.submitterOrgId, null);
  };
  return client ? run(client) : db.$transaction(run);
}

/** The submitting unit withdraws (or the subject's domain withdraws late material, rule N-38). */
export async function withdrawSubmission(user: SessionUser, submissionId: string, reason: string | null, actor: Actor, client?: Tx) {
  const run = async (tx: Tx) => {
    const submission = await loadForSubmitter(tx, user, submissionId);
    const t = unwrap(withdraw(stateOf(submission)));
    return applyTransition(tx, user, actor, submission, t, submission.submitterOrgId, reason);
  };
  return client ? run(client) : db.$transaction(run);
}

/**
 * Rule N-38: the subject's domain withdraws late or incomplete material at the deadline. The
 * caller has checked its own permission (the round's manager applies the deadline); the
 * trail shows the withdrawal with its reason and no submitting user.
 */
export async function withdrawForDeadline(tx: Tx, submissionId: string, reason: string, actor: Actor) {
  const submission = await tx.reviewSubmission.findUnique({ where: { id: submissionId } });
  if (!submission) throw notFound(MESSAGES.submissionNotFound);
  const t = unwrap(withdraw(stateOf(submission)));
  const updated = await tx.reviewSubmission.updateMany({
    where: { id: submission.id, status: submission.status, currentLevel: submission.currentLevel },
    data: { status: t.status, returnReason: reason },
  });
  if (updated.count !== 1) throw conflict(MESSAGES.changedMeanwhile, "changed_meanwhile");
  await tx.reviewDecision.create({ data: { submissionId, level: submission.currentLevel, orgId: submission.submitterOrgId, decision: t.decision, reason, byId: actor.userId } });
  await recordEvent(tx, actor, {
    action: "review.withdrawn", entityType: "ReviewSubmission", entityId: submissionId, orgId: submission.submitterOrgId,
    before: { status: submission.status, level: submission.currentLevel }, after: { status: t.status, reason, deadline: true },
  });
  await runDecisionHooks(tx, { ...submission, status: t.status }, t.decision, actor);
}

// ------------------------------------------------------------------ reading

export type SubmissionView = Awaited<ReturnType<typeof viewSubmissions>>[number];

async function viewSubmissions(rows: Awaited<ReturnType<typeof loadRows>>) {
  const orgIds = new Set<string>();
  for (const r of rows) {
    orgIds.add(r.submitterOrgId);
    for (const id of parseLevels(r.levels)) orgIds.add(id);
  }
  const userIds = new Set(rows.flatMap((r) => r.decisions.map((d) => d.byId).filter((x): x is string => !!x)));
  const [orgs, users] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: [...orgIds] } }, select: { id: true, name: true, path: true } }),
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, displayName: true } }),
  ]);
  const org = (id: string) => orgs.find((o) => o.id === id) ?? { id, name: id, path: "" };
  return rows.map((r) => {
    const levels = parseLevels(r.levels).map((id) => ({ id, name: org(id).name, path: org(id).path }));
    return {
      id: r.id,
      roundId: r.roundId,
      roundTitle: r.round.title,
      subjectType: r.subjectType,
      subjectLabel: SUBJECT_TYPES[r.subjectType]?.label ?? r.subjectType,
      subjectId: r.subjectId,
      title: r.title,
      category: r.category,
      status: r.status as SubmissionStatus,
      statusLabel: STATUS_LABELS[r.status as SubmissionStatus] ?? r.status,
      currentLevel: r.currentLevel,
      currentOrg: levels[r.currentLevel] ? { id: levels[r.currentLevel].id, name: levels[r.currentLevel].name } : null,
      returnReason: r.returnReason,
      submitter: { id: r.submitterOrgId, name: org(r.submitterOrgId).name, path: org(r.submitterOrgId).path },
      levels,
      trail: r.decisions.map((d) => ({
        level: d.level, orgName: org(d.orgId).name, decision: d.decision as Decision, decisionLabel: DECISION_LABELS[d.decision as Decision] ?? d.decision,
        reason: d.reason, by: users.find((u) => u.id === d.byId)?.displayName ?? null, at: d.at.toISOString(),
      })),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

function loadRows(where: NonNullable<Parameters<typeof db.reviewSubmission.findMany>[0]>["where"], take = 500) {
  return db.reviewSubmission.findMany({
    where, take, orderBy: { createdAt: "asc" },
    include: { round: { select: { title: true, topOrgId: true } }, decisions: { orderBy: { at: "asc" } } },
  });
}

const canSee = (user: SessionUser, s: SubmissionView) => {
  const type = SUBJECT_TYPES[s.subjectType];
  if (!type) return false;
  return hasPermission(user, type.submit, s.submitter.path)
    || s.levels.some((l) => hasPermission(user, type.review, l.path) || hasPermission(user, type.manage, l.path));
};

/** Submissions waiting at a level the user reviews, and the user's units' returned ones. */
export async function listQueue(user: SessionUser, filter: { roundId?: string } = {}) {
  const rows = await viewSubmissions(await loadRows({ status: { in: ["pending", "returned"] }, ...(filter.roundId ? { roundId: filter.roundId } : {}) }));
  const toReview = rows.filter((s) => s.status === "pending" && mayActAtLevel(user.grants, subjectTypeOf(s.subjectType).review, s.levels, s.currentLevel));
  const returned = rows.filter((s) => s.status === "returned" && hasPermission(user, subjectTypeOf(s.subjectType).submit, s.submitter.path));
  return { toReview, returned };
}

/** Every submission of a round the user may see (reviewers of any level, managers, the submitting units). */
export async function listRoundSubmissions(user: SessionUser, roundId: string) {
  await loadRound(db, roundId);
  return (await viewSubmissions(await loadRows({ roundId }, 5000))).filter((s) => canSee(user, s));
}

export async function getSubmission(user: SessionUser, submissionId: string) {
  const [view] = await viewSubmissions(await loadRows({ id: submissionId }, 1));
  if (!view || !canSee(user, view)) throw notFound(MESSAGES.submissionNotFound);
  const type = subjectTypeOf(view.subjectType);
  return {
    ...view,
    canReview: view.status === "pending" && mayActAtLevel(user.grants, type.review, view.levels, view.currentLevel),
    canResubmit: view.status === "returned" && hasPermission(user, type.submit, view.submitter.path),
    canWithdraw: (view.status === "pending" || view.status === "returned") && hasPermission(user, type.submit, view.submitter.path),
  };
}

/** Does the user review anything (for links)? */
export const reviewsAnything = (user: SessionUser) => Object.values(SUBJECT_TYPES).some((t) => hasPermission(user, t.review) || hasPermission(user, t.submit));

// ------------------------------------------------------------------ rounds for the pages

/** Rounds whose approving organisation the user manages or reviews under, newest first. */
export async function listRounds(user: SessionUser) {
  const rounds = await db.reviewRound.findMany({ orderBy: { createdAt: "desc" }, take: 200, include: { _count: { select: { submissions: true } } } });
  const orgs = await db.organisation.findMany({ where: { id: { in: [...new Set(rounds.map((r) => r.topOrgId))] } }, select: { id: true, name: true, path: true } });
  return rounds.flatMap((r) => {
    const top = orgs.find((o) => o.id === r.topOrgId);
    const type = SUBJECT_TYPES[r.subjectType];
    if (!top || !type) return [];
    const visible = user.grants.some((g) => (g.permissions.includes(type.manage) || g.permissions.includes(type.review)) && (top.path.startsWith(g.orgPath) || g.orgPath.startsWith(top.path)));
    return visible ? [{ id: r.id, title: r.title, subjectType: r.subjectType, subjectLabel: type.label, topOrg: { id: top.id, name: top.name }, status: r.status, submissions: r._count.submissions, createdAt: r.createdAt.toISOString() }] : [];
  });
}

/** One round for its page: submissions the user may see, quotas, and what the user may do. */
export async function getRoundForPage(user: SessionUser, roundId: string) {
  const round = await loadRound(db, roundId);
  const type = subjectTypeOf(round.subjectType);
  const top = await orgPath(db, round.topOrgId);
  const submissions = await listRoundSubmissions(user, roundId);
  const quotas = await db.reviewQuota.findMany({ where: { roundId }, orderBy: [{ orgId: "asc" }, { category: "asc" }] });
  const levelOrgs = new Map<string, { id: string; name: string; path: string }>();
  for (const s of submissions) for (const l of s.levels) levelOrgs.set(l.id, l);
  levelOrgs.set(top.id, { id: top.id, name: top.name, path: top.path });
  const quotaOrgs = await db.organisation.findMany({ where: { id: { in: quotas.map((q) => q.orgId) } }, select: { id: true, name: true } });
  const canManage = hasPermission(user, type.manage, top.path);
  // Levels where the user may hold a 公示: those they review or manage.
  const noticeLevels = [...levelOrgs.values()].filter((o) => hasPermission(user, type.review, o.path) || hasPermission(user, type.manage, o.path));
  const subtree = canManage ? await db.organisation.findMany({ where: { path: { startsWith: top.path }, type: { not: "team" } }, select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 2000 }) : [];
  return {
    round: { id: round.id, title: round.title, subjectType: round.subjectType, subjectLabel: type.label, status: round.status, topOrg: { id: top.id, name: top.name } },
    submissions,
    quotas: quotas.map((q) => ({ id: q.id, orgId: q.orgId, orgName: quotaOrgs.find((o) => o.id === q.orgId)?.name ?? q.orgId, category: q.category, limit: q.limit })),
    canManage,
    noticeLevels: noticeLevels.map((o) => ({ id: o.id, name: o.name })),
    quotaOrgOptions: subtree.map((o) => ({ id: o.id, name: o.name, depth: o.depth })),
  };
}
