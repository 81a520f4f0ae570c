import { db, type Tx } from "~/utils/db.server";
import { assertPermission, hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound, type FieldIssue } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { beijingDate } from "~/modules/calendar/working-days";
import { parseMark } from "~/modules/scoring/exact";
import { readFile, saveUpload } from "~/modules/files/files.server";
import { checkShares, mergeShares, type AuthorShare } from "./credit";
import { benefitConfirmationProblems, gradeProposal } from "./grade";
import { reviewerRecusal, type Placement } from "./recusal";
import { DEFAULT_PROPOSAL_SETTINGS, GRADE_LABELS, type Category, type Grade, type Kind, type ProposalSettings } from "./settings";
import { aggregateCommittee, checkItemScores, sheetFor, SHEETS } from "./sheets";
import { disputeBlock, reviewSessionLabel, reviewSessionOf, STATE_LABELS, TOP_TEN_SUBJECT, TOP_TEN_TITLES, topTenProblems, transition, type Action, type State } from "./workflow";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import { recordHonour } from "~/modules/honours/honours.server";
import type { ProposalInput } from "./schemas";
import { settingsForPath } from "./settings.server";

// 合理化建议 and 技术创新成果 (issue 16; rules I-1 … I-3): the only code that writes the Proposal
// tables. Scope: a proposal belongs to its grass-roots unit (unitPath); the union office
// (proposal:manage) and the committee (proposal:review) act over their subtree; authors see their own.
// Every change is an event in the transaction of the change, and each author is told (a notification).

export const PROPOSAL_MESSAGES = {
  notFound: "找不到该建议或成果 / proposal not found",
  noMember: "当前账号未关联会员信息，不能提交建议 / this account is not linked to a member: it cannot submit",
  authorNotFound: "找不到该作者（会员）/ author not found",
  authorOutOfScope: "只能与本单位的职工联名 / co-authors come from your own unit",
  notAuthor: "提交人须为作者之一 / the submitter must be one of the authors",
  notDraft: "只有草稿可以修改 / only a draft can be changed",
  mergeSameUnit: "只能合并同一单位收到的建议 / only proposals of the same unit can be merged",
  mergeKind: "建议和创新成果不能互相合并 / a proposal and an innovation cannot be merged",
  notEnoughSheets: (n: number, min: number) => `已有 ${n} 名评审委员打分，至少需要 ${min} 名才能作出采纳决定 / ${n} committee sheets; at least ${min} are needed to decide`,
  noUnit: "作者不属于任何基层工会，无法确定受理单位 / the author belongs to no grass-roots union",
  benefitFigure: "请填写经测算的年度经济效益（元，整数，不小于 0）/ give the measured annual benefit in whole yuan (≥ 0)",
  noClaim: "该建议没有待财务确认的效益 / there is no reported benefit awaiting the finance office",
  refusalReason: "请填写不予确认的理由 / give the reason for refusing",
  notOnCommittee: "您不是本评审批次的评审委员 / you are not on this review session's committee",
  candidateOutOfScope: "所选账号不是本单位范围内的评审委员 / the account is not a committee member over this unit",
} as const;

// The settings in force for a unit: its own or its nearest parent's stored record, else the defaults.
const settingsOf = async (client: Client, unitPath: string) => (await settingsForPath(client, unitPath)).settings;

type Client = Tx | typeof db;

/** The grass-roots unit (基层工会) and the team (班组) a member belongs to. */
export async function placementOf(client: Client, memberId: string): Promise<(Placement & { name: string; isFrontline: boolean; unitPath: string | null }) | null> {
  const member = await client.member.findUnique({ where: { id: memberId }, select: { id: true, name: true, isFrontline: true, org: { select: { id: true, name: true, type: true, path: true } } } });
  if (!member) return null;
  const org = member.org;
  let unit: { id: string; name: string; path: string } | null = null;
  let team: { id: string; name: string } | null = null;
  if (org.type === "grassroots") unit = org;
  else {
    if (org.type === "team") team = { id: org.id, name: org.name };
    const ancestorIds = org.path.split("/").filter(Boolean);
    const grassroots = await client.organisation.findFirst({ where: { id: { in: ancestorIds }, type: "grassroots" }, orderBy: { depth: "desc" }, select: { id: true, name: true, path: true } });
    unit = grassroots;
  }
  return { memberId: member.id, name: member.name, isFrontline: member.isFrontline, unitId: unit?.id ?? null, unitName: unit?.name ?? null, unitPath: unit?.path ?? null, teamId: team?.id ?? null, teamName: team?.name ?? null };
}

const parseItems = (json: string): Record<string, number> => JSON.parse(json) as Record<string, number>;

export async function notifyAuthors(tx: Tx, proposalId: string, message: string) {
  const authors = await tx.proposalAuthor.findMany({ where: { proposalId }, select: { memberId: true } });
  if (authors.length) await tx.proposalNotification.createMany({ data: authors.map((a) => ({ proposalId, memberId: a.memberId, message })) });
}

async function load(client: Client, id: string) {
  const p = await client.proposal.findUnique({ where: { id }, include: { authors: { orderBy: { position: "asc" } }, disputes: true } });
  if (!p) throw notFound(PROPOSAL_MESSAGES.notFound);
  return p;
}

type Loaded = Awaited<ReturnType<typeof load>>;

const isAuthor = (user: SessionUser, p: Loaded) => !!user.memberId && p.authors.some((a) => a.memberId === user.memberId);
const canManage = (user: SessionUser, p: { unitPath: string }) => hasPermission(user, "proposal:manage", p.unitPath);
const canReview = (user: SessionUser, p: { unitPath: string }) => hasPermission(user, "proposal:review", p.unitPath);
/** 财务 (issue 16 item 3): confirms or refuses a reported benefit over its subtree. */
const canFinance = (user: SessionUser, p: { unitPath: string }) => hasPermission(user, "proposal:finance", p.unitPath);

function assertTransition(state: string, action: Action): State {
  const t = transition(state as State, action);
  if (!t.ok) throw conflict(t.message, "invalid_state");
  return t.to;
}

function assertNoDispute(p: Loaded) {
  const block = disputeBlock(p.disputes.map((d) => ({ kind: d.kind as "ip" | "authorship", status: d.status as "open" | "resolved" })));
  if (block) throw conflict(block, "open_dispute");
}

async function changeState(tx: Tx, actor: Actor, p: Loaded, to: State, action: string, data: Record<string, unknown>, after: Record<string, unknown> = {}) {
  // The state in the where clause: a concurrent change of the same proposal makes this one fail.
  const updated = await tx.proposal.updateMany({ where: { id: p.id, state: p.state }, data: { state: to, ...data } });
  if (updated.count !== 1) throw conflict("该建议刚被他人修改，请刷新后重试 / changed by someone else: reload and try again", "stale");
  await recordEvent(tx, actor, { action, entityType: "Proposal", entityId: p.id, orgId: p.unitId, before: { state: p.state }, after: { state: to, ...after } });
}

// ------------------------------------------------------------------ submission (authors)

/** Checks the authors (shares to 100 %, known members, scope) and returns their placements. */
async function resolveAuthors(user: SessionUser, input: ProposalInput) {
  const issues: FieldIssue[] = [];
  const shares: AuthorShare[] = input.authors.map((a) => ({ memberId: a.memberId, share: a.share }));
  for (const problem of checkShares(shares)) issues.push({ path: problem.path, message: problem.message });
  if (issues.length) throw badRequest(issues[0].message, issues, "invalid_shares");
  const placements = [];
  for (const [i, a] of input.authors.entries()) {
    const placement = await placementOf(db, a.memberId);
    if (!placement) throw badRequest(PROPOSAL_MESSAGES.authorNotFound, [{ path: `authors.${i}.memberId`, message: PROPOSAL_MESSAGES.authorNotFound }]);
    placements.push({ ...placement, share: a.share });
  }
  // The unit that receives it: the submitter's own (or, for an office entering it, the first author's).
  const own = user.memberId ? placements.find((p) => p.memberId === user.memberId) : undefined;
  const lead = own ?? placements[0];
  if (!lead.unitId || !lead.unitPath) throw badRequest(PROPOSAL_MESSAGES.noUnit, [{ path: "authors.0.memberId", message: PROPOSAL_MESSAGES.noUnit }]);
  if (!own && !hasPermission(user, "proposal:manage", lead.unitPath)) {
    if (!user.memberId) throw forbidden(PROPOSAL_MESSAGES.noMember);
    throw badRequest(PROPOSAL_MESSAGES.notAuthor, [{ path: "authors", message: PROPOSAL_MESSAGES.notAuthor }]);
  }
  // A worker names colleagues of the same grass-roots unit; an office names anyone in its scope.
  for (const [i, p] of placements.entries()) {
    const inScope = p.unitId === lead.unitId || (p.unitPath !== null && hasPermission(user, "proposal:manage", p.unitPath));
    if (!inScope) throw badRequest(PROPOSAL_MESSAGES.authorOutOfScope, [{ path: `authors.${i}.memberId`, message: PROPOSAL_MESSAGES.authorOutOfScope }]);
  }
  return { placements, lead };
}

/** A new proposal, kept as a draft or submitted to the unit's union office at once. */
export async function createProposal(user: SessionUser, input: ProposalInput, actor: Actor) {
  const { placements, lead } = await resolveAuthors(user, input);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const proposal = await tx.proposal.create({
      data: {
        kind: input.kind, category: input.category, title: input.title, problem: input.problem, content: input.content,
        expectedBenefit: input.expectedBenefit, expectedBenefitYuan: input.expectedBenefitYuan ?? null,
        unitId: lead.unitId!, unitPath: lead.unitPath!, unitName: lead.unitName ?? "", teamId: lead.teamId,
        state: input.submit ? "submitted" : "draft", submittedAt: input.submit ? now : null, createdById: user.id,
        authors: { create: placements.map((p, i) => ({ memberId: p.memberId!, name: p.name, share: p.share, position: i, unitId: p.unitId, teamId: p.teamId, isFrontline: p.isFrontline })) },
      },
    });
    await recordEvent(tx, actor, {
      action: input.submit ? "proposal.submitted" : "proposal.drafted", entityType: "Proposal", entityId: proposal.id, orgId: proposal.unitId,
      after: { kind: input.kind, title: input.title, state: proposal.state, authors: placements.map((p) => ({ memberId: p.memberId, share: p.share })) },
    });
    if (input.submit) await notifyAuthors(tx, proposal.id, `您的「${input.title}」已提交至${proposal.unitName}工会办公室 / "${input.title}" was submitted to the union office`);
    return proposal;
  });
}

/** A draft changed (and possibly submitted) by one of its authors. */
export async function updateDraft(user: SessionUser, id: string, input: ProposalInput, actor: Actor) {
  const p = await load(db, id);
  if (!isAuthor(user, p) && !canManage(user, p)) throw forbidden();
  if (p.state !== "draft") throw conflict(PROPOSAL_MESSAGES.notDraft, "invalid_state");
  const { placements } = await resolveAuthors(user, input);
  return db.$transaction(async (tx) => {
    await tx.proposalAuthor.deleteMany({ where: { proposalId: id } });
    await tx.proposalAuthor.createMany({ data: placements.map((a, i) => ({ proposalId: id, memberId: a.memberId!, name: a.name, share: a.share, position: i, unitId: a.unitId, teamId: a.teamId, isFrontline: a.isFrontline })) });
    const to = input.submit ? "submitted" : "draft";
    await tx.proposal.update({
      where: { id },
      data: { kind: input.kind, category: input.category, title: input.title, problem: input.problem, content: input.content, expectedBenefit: input.expectedBenefit, expectedBenefitYuan: input.expectedBenefitYuan ?? null, state: to, submittedAt: input.submit ? new Date() : null },
    });
    await recordEvent(tx, actor, { action: input.submit ? "proposal.submitted" : "proposal.draft-saved", entityType: "Proposal", entityId: id, orgId: p.unitId, before: { state: p.state }, after: { state: to, title: input.title } });
    if (input.submit) await notifyAuthors(tx, id, `您的「${input.title}」已提交至${p.unitName}工会办公室 / "${input.title}" was submitted to the union office`);
    return load(tx, id);
  });
}

/** Withdrawal, by an author, only until review. */
export async function withdrawProposal(user: SessionUser, id: string, actor: Actor) {
  const p = await load(db, id);
  if (!isAuthor(user, p)) throw forbidden("只有作者本人可以撤回 / only an author can withdraw");
  const to = assertTransition(p.state, "withdraw");
  await db.$transaction(async (tx) => {
    await changeState(tx, actor, p, to, "proposal.withdrawn", {});
    await notifyAuthors(tx, id, `「${p.title}」已撤回 / "${p.title}" was withdrawn`);
  });
  return load(db, id);
}

// ------------------------------------------------------------------ reading

export type ProposalView = ReturnType<typeof viewProposal>;

function viewProposal(p: Loaded, scores: { reviewerId: string; reviewerName: string; items: string; total: number }[] = [], settings: ProposalSettings = DEFAULT_PROPOSAL_SETTINGS) {
  const sheet = SHEETS[p.kind as Kind];
  const sheets = scores.map((s) => parseItems(s.items));
  const committee = aggregateCommittee(sheet, sheets, settings);
  return {
    id: p.id, kind: p.kind as Kind, category: p.category as Category, title: p.title, problem: p.problem, content: p.content,
    expectedBenefit: p.expectedBenefit, expectedBenefitYuan: p.expectedBenefitYuan,
    unit: { id: p.unitId, name: p.unitName }, teamId: p.teamId,
    state: p.state as State, stateLabel: STATE_LABELS[p.state as State] ?? p.state,
    mergedIntoId: p.mergedIntoId, reviewSessionId: p.reviewSessionId,
    submittedAt: p.submittedAt?.toISOString() ?? null, decidedAt: p.decidedAt?.toISOString() ?? null,
    implementedAt: p.implementedAt?.toISOString() ?? null, implementationNote: p.implementationNote,
    confirmedBenefitYuan: p.confirmedBenefitYuan, financeConfirmedBy: p.financeConfirmedBy, financeReference: p.financeReference,
    benefitClaimYuan: p.benefitClaimYuan, benefitClaimNote: p.benefitClaimNote, benefitClaimedAt: p.benefitClaimedAt?.toISOString() ?? null, benefitRejection: p.benefitRejection,
    benefitConfirmedAt: p.benefitConfirmedAt?.toISOString() ?? null,
    committeeTotal: p.committeeTotal, gradeTotal: p.gradeTotal, grade: p.grade as Grade | null, gradeLabel: p.grade ? GRADE_LABELS[p.grade as Grade] : null, rewardYuan: p.rewardYuan,
    gradeProvisional: p.grade !== null && p.confirmedBenefitYuan === null,
    authors: p.authors.map((a) => ({ memberId: a.memberId, name: a.name, share: a.share, isFrontline: a.isFrontline })),
    disputes: p.disputes.map((d) => ({ id: d.id, kind: d.kind as "authorship" | "ip", description: d.description, status: d.status as "open" | "resolved", resolution: d.resolution, createdAt: d.createdAt.toISOString(), resolvedAt: d.resolvedAt?.toISOString() ?? null })),
    committee: committee ? { items: committee.items, total: committee.total, reviewers: committee.reviewers, method: committee.method } : null,
    sheets: scores.map((s) => ({ reviewerId: s.reviewerId, reviewerName: s.reviewerName, items: parseItems(s.items), total: s.total })),
    topTenSubmissionId: p.topTenSubmissionId, topTenYear: p.topTenYear,
    createdAt: p.createdAt.toISOString(),
  };
}

/** One proposal: its authors see it; the office and the committee over its unit see it with the sheets. */
export async function getProposal(user: SessionUser, id: string) {
  const p = await load(db, id);
  const official = canManage(user, p) || canReview(user, p);
  const finance = canFinance(user, p);
  if (!official && !finance && !isAuthor(user, p)) throw forbidden();
  // Committee sheets are seen by the office and the committee; authors see the committee's result only.
  const scores = await db.proposalScore.findMany({ where: { proposalId: id }, orderBy: { createdAt: "asc" } });
  const view = viewProposal(p, scores, await settingsOf(db, p.unitPath));
  const attachments = await db.proposalAttachment.findMany({ where: { proposalId: id }, orderBy: { createdAt: "asc" } });
  return {
    ...view,
    sheets: official ? view.sheets : [],
    attachments: attachments.map((a) => ({ id: a.id, fileId: a.fileId, filename: a.filename })),
    can: {
      edit: p.state === "draft" && (isAuthor(user, p) || canManage(user, p)),
      withdraw: isAuthor(user, p) && transition(p.state as State, "withdraw").ok,
      manage: canManage(user, p),
      score: canReview(user, p) && p.state === "in_review",
      reportBenefit: canManage(user, p) && p.state === "implemented",
      confirmBenefit: finance && p.state === "implemented" && p.benefitClaimYuan !== null,
    },
  };
}

/** The caller's own proposals (as an author) and what they have been told. */
export async function myProposals(user: SessionUser) {
  if (!user.memberId) return { linked: false, proposals: [], notifications: [] };
  const rows = await db.proposal.findMany({
    where: { authors: { some: { memberId: user.memberId } } },
    include: { authors: { orderBy: { position: "asc" } }, disputes: true },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const notifications = await db.proposalNotification.findMany({ where: { memberId: user.memberId }, orderBy: { createdAt: "desc" }, take: 30, include: { proposal: { select: { title: true } } } });
  return {
    linked: true,
    proposals: rows.map((p) => viewProposal(p)),
    notifications: notifications.map((n) => ({ id: n.id, proposalId: n.proposalId, title: n.proposal.title, message: n.message, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
  };
}

/** Colleagues a worker may name as co-authors: members of their own grass-roots unit. */
export async function coAuthorOptions(user: SessionUser) {
  if (!user.memberId) return [];
  const me = await placementOf(db, user.memberId);
  if (!me?.unitPath) return [];
  const members = await db.member.findMany({ where: { org: { path: { startsWith: me.unitPath } } }, select: { id: true, name: true, org: { select: { name: true } } }, orderBy: { name: "asc" }, take: 500 });
  return members.map((m) => ({ id: m.id, name: m.name, orgName: m.org.name, self: m.id === user.memberId }));
}

const scopeWhere = (user: SessionUser, permission: "proposal:manage" | "proposal:review") => {
  const paths = userScope(user, permission);
  return { OR: paths.length ? paths.map((p) => ({ unitPath: { startsWith: p } })) : [{ id: "__none__" }] };
};

/** The union office's inbox: everything received in its subtree, newest first, by state. */
export async function inbox(user: SessionUser, filter: { state?: string } = {}) {
  assertPermission(user, "proposal:manage");
  const rows = await db.proposal.findMany({
    where: { AND: [scopeWhere(user, "proposal:manage"), { state: filter.state ? filter.state : { not: "draft" } }] },
    include: { authors: { orderBy: { position: "asc" } }, disputes: true },
    orderBy: [{ submittedAt: "desc" }],
    take: 500,
  });
  return rows.map((p) => viewProposal(p));
}

// ------------------------------------------------------------------ the union office

/** Merges duplicates into one, keeping every author (shares rescaled to 100 %). */
export async function mergeProposals(user: SessionUser, targetId: string, duplicateIds: string[], actor: Actor) {
  const target = await load(db, targetId);
  if (!canManage(user, target)) throw forbidden();
  const ids = [...new Set(duplicateIds)].filter((id) => id !== targetId);
  if (ids.length === 0) throw badRequest("请选择至少一条重复建议 / choose at least one duplicate", [{ path: "duplicateIds", message: "请选择至少一条重复建议 / choose at least one duplicate" }]);
  const duplicates = await Promise.all(ids.map((id) => load(db, id)));
  if (target.state !== "submitted") throw conflict(`保留的建议须为「已提交」状态（当前：${STATE_LABELS[target.state as State]}）/ the kept proposal must be submitted`, "invalid_state");
  for (const d of duplicates) {
    if (d.unitId !== target.unitId) throw badRequest(PROPOSAL_MESSAGES.mergeSameUnit, [{ path: "duplicateIds", message: PROPOSAL_MESSAGES.mergeSameUnit }]);
    if (d.kind !== target.kind) throw badRequest(PROPOSAL_MESSAGES.mergeKind, [{ path: "duplicateIds", message: PROPOSAL_MESSAGES.mergeKind }]);
    assertTransition(d.state, "merge");
    assertNoDispute(d);
  }
  assertNoDispute(target);
  const merged = mergeShares([target, ...duplicates].map((p) => p.authors.map((a) => ({ memberId: a.memberId, share: a.share }))));
  const byMember = new Map([target, ...duplicates].flatMap((p) => p.authors.map((a) => [a.memberId, a] as const)));
  await db.$transaction(async (tx) => {
    await tx.proposalAuthor.deleteMany({ where: { proposalId: targetId } });
    await tx.proposalAuthor.createMany({
      data: merged.map((m, i) => {
        const a = byMember.get(m.memberId)!;
        return { proposalId: targetId, memberId: m.memberId, name: a.name, share: m.share, position: i, unitId: a.unitId, teamId: a.teamId, isFrontline: a.isFrontline };
      }),
    });
    await recordEvent(tx, actor, {
      action: "proposal.merged-into", entityType: "Proposal", entityId: targetId, orgId: target.unitId,
      before: { authors: target.authors.map((a) => ({ memberId: a.memberId, share: a.share })) },
      after: { duplicates: ids, authors: merged },
    });
    for (const d of duplicates) {
      await changeState(tx, actor, d, "merged", "proposal.merged", { mergedIntoId: targetId }, { mergedIntoId: targetId });
      await notifyAuthors(tx, d.id, `「${d.title}」与「${target.title}」内容相同，已合并办理，您仍是作者 / "${d.title}" was merged with "${target.title}"; you remain an author`);
    }
    await notifyAuthors(tx, targetId, `「${target.title}」已与相同内容的建议合并，作者共 ${merged.length} 人 / "${target.title}" was merged with duplicates: ${merged.length} authors`);
  });
  return load(db, targetId);
}

/** The review session of a unit for a date (rule I-2: twice a year), created on first use. */
async function sessionFor(tx: Tx, unit: { unitId: string; unitPath: string; unitName: string }, today: string) {
  const settings = await settingsOf(tx, unit.unitPath);
  const key = reviewSessionOf(today, settings.reviewSessionsPerYear);
  const existing = await tx.proposalReviewSession.findUnique({ where: { orgId_sessionKey: { orgId: unit.unitId, sessionKey: key } } });
  if (existing) return existing;
  return tx.proposalReviewSession.create({ data: { orgId: unit.unitId, orgPath: unit.unitPath, sessionKey: key, name: `${unit.unitName} ${reviewSessionLabel(key, settings.reviewSessionsPerYear)}合理化建议与技术创新成果评审` } });
}

/** Sends submitted proposals to this half-year's review session of their unit's committee. */
export async function sendToReview(user: SessionUser, proposalIds: string[], actor: Actor, now = new Date()) {
  const proposals = await Promise.all([...new Set(proposalIds)].map((id) => load(db, id)));
  for (const p of proposals) {
    if (!canManage(user, p)) throw forbidden();
    assertTransition(p.state, "send_to_review");
    assertNoDispute(p);
  }
  const today = beijingDate(now);
  const sessions = await db.$transaction(async (tx) => {
    const used = new Set<string>();
    for (const p of proposals) {
      const session = await sessionFor(tx, p, today);
      used.add(session.id);
      await changeState(tx, actor, p, "in_review", "proposal.sent-to-review", { reviewSessionId: session.id }, { reviewSessionId: session.id });
      await notifyAuthors(tx, p.id, `「${p.title}」已送${session.name} / "${p.title}" went to the committee's review`);
    }
    return [...used];
  });
  return sessions;
}

export async function listReviewSessions(user: SessionUser) {
  const reviewPaths = userScope(user, "proposal:review");
  const managePaths = userScope(user, "proposal:manage");
  if (reviewPaths.length + managePaths.length === 0) throw forbidden();
  // The office sees its units' sessions; a committee member only those they are named on (rule I-2).
  const sessions = await db.proposalReviewSession.findMany({
    where: { OR: [...managePaths.map((p) => ({ orgPath: { startsWith: p } })), ...(reviewPaths.length ? [{ members: { some: { userId: user.id } } }] : [])] },
    orderBy: [{ sessionKey: "desc" }, { createdAt: "desc" }], take: 200,
  });
  const counts = await db.proposal.groupBy({ by: ["reviewSessionId"], where: { reviewSessionId: { in: sessions.map((s) => s.id) } }, _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.reviewSessionId, c._count._all]));
  return sessions.map((s) => ({ id: s.id, name: s.name, sessionKey: s.sessionKey, status: s.status, proposals: countOf.get(s.id) ?? 0 }));
}

/** A review session with its proposals, and for a committee member whether they must recuse from each. */
export async function getReviewSession(user: SessionUser, sessionId: string) {
  const session = await db.proposalReviewSession.findUnique({ where: { id: sessionId } });
  if (!session) throw notFound("找不到该评审批次 / review session not found");
  const members = await db.proposalCommitteeMember.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } });
  const reviewer = hasPermission(user, "proposal:review", session.orgPath) && members.some((m) => m.userId === user.id);
  const manager = hasPermission(user, "proposal:manage", session.orgPath);
  if (!reviewer && !manager) throw forbidden(PROPOSAL_MESSAGES.notOnCommittee);
  const rows = await db.proposal.findMany({ where: { reviewSessionId: sessionId }, include: { authors: { orderBy: { position: "asc" } }, disputes: true, scores: true }, orderBy: { submittedAt: "asc" } });
  const me = user.memberId ? await placementOf(db, user.memberId) : null;
  const sessionSettings = await settingsOf(db, session.orgPath);
  return {
    session: { id: session.id, name: session.name, sessionKey: session.sessionKey, status: session.status },
    reviewer,
    manager,
    committee: await committeeView(session, members, rows.map((p) => ({ id: p.id, title: p.title, authors: p.authors }))),
    proposals: rows.map((p) => {
      const recusal = reviewer ? reviewerRecusal(me ?? { memberId: null, unitId: null, teamId: null }, p.authors) : null;
      const mine = p.scores.find((s) => s.reviewerId === user.id);
      return { ...viewProposal(p, p.scores, sessionSettings), recusal: recusal?.message ?? null, myItems: mine ? parseItems(mine.items) : null };
    }),
  };
}

// ------------------------------------------------------------------ the named committee of a session (rule I-2)

type SessionRow = { id: string; orgId: string; orgPath: string; name: string };

/** Accounts that may sit on a session's committee: those holding proposal:review over its unit. */
async function committeeCandidates(session: SessionRow) {
  const ancestors = session.orgPath.split("/").filter(Boolean);
  const users = await db.user.findMany({
    where: { disabledAt: null, grants: { some: { orgId: { in: ancestors }, role: { permissions: { some: { permissionKey: "proposal:review" } } } } } },
    select: { id: true, username: true, displayName: true, memberId: true },
    orderBy: { username: "asc" },
    take: 500,
  });
  return users;
}

async function committeeView(session: SessionRow, members: { userId: string; name: string }[], proposals: { id: string; title: string; authors: { memberId: string; unitId: string | null; teamId: string | null }[] }[]) {
  const candidates = await committeeCandidates(session);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const named = [];
  for (const m of members) {
    const account = byId.get(m.userId);
    const me = account?.memberId ? await placementOf(db, account.memberId) : null;
    // recusal of co-authors' colleagues (rule S-31 as for judges): shown for each named member
    const recusals = proposals.filter((p) => reviewerRecusal(me ?? { memberId: null, unitId: null, teamId: null }, p.authors)).map((p) => p.title);
    named.push({ userId: m.userId, name: m.name, recusals });
  }
  return { members: named, candidates: candidates.map((c) => ({ id: c.id, name: c.displayName, username: c.username })) };
}

/**
 * The union office names the session's committee (rule I-2: a committee per review, twice a
 * year) from the accounts holding proposal:review over the unit. The set given replaces the
 * previous one; an account out of scope is refused and nothing changes.
 */
export async function setSessionCommittee(user: SessionUser, sessionId: string, userIds: string[], actor: Actor) {
  const session = await db.proposalReviewSession.findUnique({ where: { id: sessionId } });
  if (!session) throw notFound("找不到该评审批次 / review session not found");
  if (!hasPermission(user, "proposal:manage", session.orgPath)) throw forbidden();
  const wanted = [...new Set(userIds.filter(Boolean))];
  const candidates = await committeeCandidates(session);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const issues = wanted.flatMap((id, i) => (byId.has(id) ? [] : [{ path: `userIds.${i}`, message: PROPOSAL_MESSAGES.candidateOutOfScope }]));
  if (issues.length) throw badRequest(PROPOSAL_MESSAGES.candidateOutOfScope, issues, "out_of_scope");
  await db.$transaction(async (tx) => {
    const before = await tx.proposalCommitteeMember.findMany({ where: { sessionId }, select: { userId: true, name: true } });
    await tx.proposalCommitteeMember.deleteMany({ where: { sessionId, userId: { notIn: wanted } } });
    for (const id of wanted) {
      if (before.some((b) => b.userId === id)) continue;
      await tx.proposalCommitteeMember.create({ data: { sessionId, userId: id, name: byId.get(id)!.displayName } });
    }
    await recordEvent(tx, actor, {
      action: "proposal.committee-named", entityType: "ProposalReviewSession", entityId: sessionId, orgId: session.orgId,
      before: { members: before.map((b) => b.name) }, after: { members: wanted.map((id) => byId.get(id)!.displayName) },
    });
  });
  return getReviewSession(user, sessionId);
}

// ------------------------------------------------------------------ the committee

/**
 * One committee member's sheet (rules I-1, I-2): each item within its maximum; a member whose own
 * unit or team is among the authors' recuses (as judges do, rule S-31). Marks are in points.
 */
export async function scoreProposal(user: SessionUser, proposalId: string, rawItems: Record<string, number | string>, actor: Actor) {
  const p = await load(db, proposalId);
  if (!canReview(user, p)) throw forbidden();
  // rule I-2: a proposal sent to a session goes to that session's named committee only
  const named = p.reviewSessionId ? await db.proposalCommitteeMember.count({ where: { sessionId: p.reviewSessionId, userId: user.id } }) : 0;
  if (!named) throw new AppError(403, "not_on_committee", PROPOSAL_MESSAGES.notOnCommittee);
  if (p.state !== "in_review") throw conflict(`只能为评审中的建议打分（当前：${STATE_LABELS[p.state as State]}）/ only proposals in review can be scored`, "invalid_state");
  const me = user.memberId ? await placementOf(db, user.memberId) : null;
  const recusal = reviewerRecusal(me ?? { memberId: null, unitId: null, teamId: null }, p.authors);
  if (recusal) throw new AppError(403, "recusal", recusal.message);
  const sheet = SHEETS[p.kind as Kind];
  const items: Record<string, number> = {};
  const issues: FieldIssue[] = [];
  for (const [key, raw] of Object.entries(rawItems)) {
    try {
      items[key] = parseMark(raw, `items.${key}`);
    } catch {
      issues.push({ path: `items.${key}`, message: `「${sheet.items.find((i) => i.key === key)?.name ?? key}」的分数须为数字，最多两位小数 / a number with at most two decimals` });
    }
  }
  for (const problem of checkItemScores(sheet, items)) if (!issues.some((i) => i.path === `items.${problem.item}`)) issues.push({ path: `items.${problem.item}`, message: problem.message });
  if (issues.length) throw badRequest(issues.map((i) => i.message).join("；"), issues, "invalid_score");
  const total = Object.values(items).reduce((s, v) => s + v, 0);
  await db.$transaction(async (tx) => {
    const before = await tx.proposalScore.findUnique({ where: { proposalId_reviewerId: { proposalId, reviewerId: user.id } } });
    await tx.proposalScore.upsert({
      where: { proposalId_reviewerId: { proposalId, reviewerId: user.id } },
      create: { proposalId, reviewerId: user.id, reviewerName: user.displayName, items: JSON.stringify(items), total },
      update: { items: JSON.stringify(items), total },
    });
    const all = await tx.proposalScore.findMany({ where: { proposalId } });
    const committee = aggregateCommittee(sheet, all.map((s) => parseItems(s.items)), await settingsOf(tx, p.unitPath))!;
    await tx.proposal.update({ where: { id: proposalId }, data: { committeeTotal: committee.total } });
    await recordEvent(tx, actor, { action: before ? "proposal.score-corrected" : "proposal.scored", entityType: "Proposal", entityId: proposalId, orgId: p.unitId, before: before ? { items: parseItems(before.items) } : undefined, after: { reviewer: user.displayName, items, total, committeeTotal: committee.total } });
  });
  return getProposal(user, proposalId);
}

/** Grade and reward from the committee's sheets and the confirmed benefit (null: not yet). */
async function gradeFields(tx: Tx, p: Loaded, confirmedBenefitYuan: number | null) {
  const all = await tx.proposalScore.findMany({ where: { proposalId: p.id } });
  const settings = await settingsOf(tx, p.unitPath);
  // the benefit tiers in force for the unit (settings; rules I-1, I-2)
  const sheet = sheetFor(p.kind as Kind, settings);
  const committee = aggregateCommittee(sheet, all.map((s) => parseItems(s.items)), settings);
  if (!committee) return { committeeTotal: null, gradeTotal: null, grade: null, rewardYuan: null };
  const outcome = gradeProposal(sheet, committee, confirmedBenefitYuan, settings);
  return { committeeTotal: committee.total, gradeTotal: outcome.total, grade: outcome.grade, rewardYuan: outcome.rewardYuan };
}

/** The leading group's decision after review (rule I-1): adopt (graded provisionally) or not. */
export async function decideProposal(user: SessionUser, proposalId: string, decision: "adopt" | "reject", note: string, actor: Actor) {
  const p = await load(db, proposalId);
  if (!canManage(user, p)) throw forbidden();
  const to = assertTransition(p.state, decision);
  if (decision === "adopt") {
    assertNoDispute(p);
    const sheets = await db.proposalScore.count({ where: { proposalId } });
    const settings = await settingsOf(db, p.unitPath);
    if (sheets < settings.minReviewers) throw conflict(PROPOSAL_MESSAGES.notEnoughSheets(sheets, settings.minReviewers), "not_enough_sheets");
  }
  await db.$transaction(async (tx) => {
    const grade = decision === "adopt" ? await gradeFields(tx, p, null) : {};
    await changeState(tx, actor, p, to, decision === "adopt" ? "proposal.adopted" : "proposal.not-adopted", { decidedAt: new Date(), ...grade }, { note, ...grade });
    const gradeText = "grade" in grade && grade.grade ? `，暂定${GRADE_LABELS[grade.grade as Grade]}（效益确认后最终评定）` : "";
    await notifyAuthors(tx, proposalId, decision === "adopt"
      ? `「${p.title}」已被采纳${gradeText} / "${p.title}" was adopted`
      : `「${p.title}」未被采纳${note ? `：${note}` : ""} / "${p.title}" was not adopted`);
  });
  return getProposal(user, proposalId);
}

export async function implementProposal(user: SessionUser, proposalId: string, note: string, actor: Actor) {
  const p = await load(db, proposalId);
  if (!canManage(user, p)) throw forbidden();
  const to = assertTransition(p.state, "implement");
  assertNoDispute(p);
  await db.$transaction(async (tx) => {
    await changeState(tx, actor, p, to, "proposal.implemented", { implementedAt: new Date(), implementationNote: note || null }, { note });
    await notifyAuthors(tx, proposalId, `「${p.title}」已实施 / "${p.title}" was implemented`);
  });
  return getProposal(user, proposalId);
}

/**
 * The union office reports the measured annual benefit after the period of use (issue 16 item 3).
 * It moves nothing: the figure waits in the finance office's queue (`benefitQueue`) until 财务
 * confirms it (`confirmBenefit`) or refuses it with a reason (`refuseBenefit`).
 */
export async function reportBenefit(user: SessionUser, proposalId: string, input: { annualBenefitYuan?: number; note?: string }, actor: Actor) {
  const p = await load(db, proposalId);
  if (!canManage(user, p)) throw forbidden();
  const figure = input.annualBenefitYuan;
  if (figure === undefined || figure === null || !Number.isInteger(figure) || figure < 0) {
    throw badRequest(PROPOSAL_MESSAGES.benefitFigure, [{ path: "annualBenefitYuan", message: PROPOSAL_MESSAGES.benefitFigure }], "invalid_benefit");
  }
  if (p.state !== "implemented") throw conflict(`只有已实施的建议才能报送效益（当前：${STATE_LABELS[p.state as State]}）/ only an implemented proposal has a measured benefit`, "invalid_state");
  assertNoDispute(p);
  const note = (input.note ?? "").trim() || null;
  await db.$transaction(async (tx) => {
    const updated = await tx.proposal.updateMany({ where: { id: p.id, state: "implemented", benefitClaimYuan: p.benefitClaimYuan }, data: { benefitClaimYuan: figure, benefitClaimNote: note, benefitClaimedAt: new Date(), benefitRejection: null } });
    if (updated.count !== 1) throw conflict("该建议刚被他人修改，请刷新后重试 / changed by someone else: reload and try again", "stale");
    await recordEvent(tx, actor, { action: "proposal.benefit-reported", entityType: "Proposal", entityId: p.id, orgId: p.unitId, before: { benefitClaimYuan: p.benefitClaimYuan }, after: { benefitClaimYuan: figure, note } });
    await notifyAuthors(tx, proposalId, `「${p.title}」的实测年度效益 ${figure.toLocaleString("zh-CN")} 元已报送财务部门确认 / the measured benefit of "${p.title}" went to the finance office`);
  });
  return getProposal(user, proposalId);
}

async function loadClaim(user: SessionUser, proposalId: string) {
  const p = await load(db, proposalId);
  if (!canFinance(user, p)) throw forbidden("只有财务部门可以确认效益 / only the finance office confirms a benefit");
  if (p.state !== "implemented" || p.benefitClaimYuan === null) throw conflict(PROPOSAL_MESSAGES.noClaim, "no_claim");
  return p;
}

/**
 * 财务 confirms the reported figure with its reference (凭证/文号): only now does the figure move
 * the grade (issue 16; rules I-1, I-2 tiers). Without a reference nothing is written.
 */
export async function confirmBenefit(user: SessionUser, proposalId: string, input: { financeReference?: string }, actor: Actor) {
  const p = await loadClaim(user, proposalId);
  const reference = (input.financeReference ?? "").trim();
  const problems = benefitConfirmationProblems({ annualBenefitYuan: p.benefitClaimYuan, financeConfirmedBy: user.displayName, financeReference: reference || null });
  if (problems.length) throw badRequest(problems.join("；"), problems.map((message) => ({ path: "financeReference", message })), "benefit_unconfirmed");
  const to = assertTransition(p.state, "confirm_benefit");
  assertNoDispute(p);
  const figure = p.benefitClaimYuan!;
  await db.$transaction(async (tx) => {
    const grade = await gradeFields(tx, p, figure);
    await changeState(tx, actor, p, to, "proposal.benefit-confirmed", {
      confirmedBenefitYuan: figure, financeConfirmedBy: user.displayName, financeReference: reference, benefitConfirmedAt: new Date(), ...grade,
    }, { confirmedBenefitYuan: figure, financeConfirmedBy: user.displayName, financeReference: reference, before: { grade: p.grade, gradeTotal: p.gradeTotal }, ...grade });
    const gradeText = grade.grade ? `，评定为${GRADE_LABELS[grade.grade as Grade]}，奖励 ${grade.rewardYuan} 元（按贡献比例分配）` : "，未达到获奖分数";
    await notifyAuthors(tx, proposalId, `「${p.title}」经财务确认年度效益 ${figure.toLocaleString("zh-CN")} 元${gradeText} / benefit confirmed at ¥${figure}`);
  });
  return getProposal(user, proposalId);
}

/** 财务 refuses the reported figure with a reason: the claim is cleared, the grade stays as it was. */
export async function refuseBenefit(user: SessionUser, proposalId: string, input: { reason?: string }, actor: Actor) {
  const p = await loadClaim(user, proposalId);
  const reason = (input.reason ?? "").trim();
  if (reason.length < 2) throw badRequest(PROPOSAL_MESSAGES.refusalReason, [{ path: "reason", message: PROPOSAL_MESSAGES.refusalReason }], "invalid_reason");
  await db.$transaction(async (tx) => {
    const updated = await tx.proposal.updateMany({ where: { id: p.id, state: "implemented", benefitClaimYuan: p.benefitClaimYuan }, data: { benefitClaimYuan: null, benefitClaimNote: null, benefitClaimedAt: null, benefitRejection: reason } });
    if (updated.count !== 1) throw conflict("该建议刚被他人修改，请刷新后重试 / changed by someone else: reload and try again", "stale");
    await recordEvent(tx, actor, { action: "proposal.benefit-refused", entityType: "Proposal", entityId: p.id, orgId: p.unitId, before: { benefitClaimYuan: p.benefitClaimYuan }, after: { benefitClaimYuan: null, reason } });
    await notifyAuthors(tx, proposalId, `「${p.title}」报送的效益 ${p.benefitClaimYuan!.toLocaleString("zh-CN")} 元未获财务确认：${reason} / the finance office did not confirm the benefit: ${reason}`);
  });
  return getProposal(user, proposalId);
}

/** The finance office's queue: reported benefits in its scope awaiting confirmation, oldest first. */
export async function benefitQueue(user: SessionUser) {
  const paths = userScope(user, "proposal:finance");
  if (paths.length === 0) throw forbidden();
  const rows = await db.proposal.findMany({
    where: { state: "implemented", benefitClaimYuan: { not: null }, OR: paths.map((path) => ({ unitPath: { startsWith: path } })) },
    include: { authors: { orderBy: { position: "asc" } }, disputes: true },
    orderBy: { benefitClaimedAt: "asc" },
    take: 500,
  });
  return rows.map((p) => viewProposal(p));
}

// ------------------------------------------------------------------ disputes (rule I-2)

export async function raiseDispute(user: SessionUser, proposalId: string, input: { kind: "authorship" | "ip"; description: string }, actor: Actor) {
  const p = await load(db, proposalId);
  if (!canManage(user, p) && !isAuthor(user, p)) throw forbidden();
  await db.$transaction(async (tx) => {
    const d = await tx.proposalDispute.create({ data: { proposalId, kind: input.kind, description: input.description, raisedById: user.id } });
    await recordEvent(tx, actor, { action: "proposal.dispute-raised", entityType: "Proposal", entityId: proposalId, orgId: p.unitId, after: { disputeId: d.id, kind: input.kind, description: input.description } });
    await notifyAuthors(tx, proposalId, `「${p.title}」有${input.kind === "ip" ? "知识产权" : "署名"}争议，解决前暂停办理（I-2）/ a dispute on "${p.title}": on hold until resolved`);
  });
  return getProposal(user, proposalId);
}

export async function resolveDispute(user: SessionUser, disputeId: string, resolution: string, actor: Actor) {
  const d = await db.proposalDispute.findUnique({ where: { id: disputeId }, include: { proposal: { select: { id: true, unitPath: true, unitId: true, title: true } } } });
  if (!d) throw notFound("找不到该争议 / dispute not found");
  if (!canManage(user, d.proposal)) throw forbidden();
  if (d.status !== "open") throw conflict("该争议已处理 / the dispute is already resolved", "invalid_state");
  await db.$transaction(async (tx) => {
    await tx.proposalDispute.update({ where: { id: disputeId }, data: { status: "resolved", resolution, resolvedById: user.id, resolvedAt: new Date() } });
    await recordEvent(tx, actor, { action: "proposal.dispute-resolved", entityType: "Proposal", entityId: d.proposalId, orgId: d.proposal.unitId, before: { status: "open" }, after: { disputeId, status: "resolved", resolution } });
    await notifyAuthors(tx, d.proposalId, `「${d.proposal.title}」的争议已解决：${resolution} / the dispute was resolved`);
  });
  return getProposal(user, d.proposalId);
}

export async function markNotificationsRead(user: SessionUser) {
  if (!user.memberId) return 0;
  const r = await db.proposalNotification.updateMany({ where: { memberId: user.memberId, readAt: null }, data: { readAt: new Date() } });
  return r.count;
}

// ------------------------------------------------------------------ attachments (drawings, photos, documents)

export const ATTACHMENT_TYPES = ["jpeg", "png", "pdf"] as const;

/** An attachment added by an author (until review) or the office. */
export async function addAttachment(user: SessionUser, proposalId: string, file: unknown, actor: Actor) {
  const p = await load(db, proposalId);
  const mayAdd = canManage(user, p) || (isAuthor(user, p) && (p.state === "draft" || p.state === "submitted"));
  if (!mayAdd) throw forbidden();
  const stored = await saveUpload(file, { purpose: "proposal-attachment", allowedTypes: ATTACHMENT_TYPES, maxBytes: 10 * 1024 * 1024, field: "file", orgId: p.unitId }, actor);
  await db.$transaction(async (tx) => {
    await tx.proposalAttachment.create({ data: { proposalId, fileId: stored.id, filename: stored.filename } });
    await recordEvent(tx, actor, { action: "proposal.attachment-added", entityType: "Proposal", entityId: proposalId, orgId: p.unitId, after: { fileId: stored.id, filename: stored.filename } });
  });
  return stored;
}

/** An attachment's bytes for whoever may see the proposal. */
export async function readAttachment(user: SessionUser, attachmentId: string) {
  const a = await db.proposalAttachment.findUnique({ where: { id: attachmentId } });
  if (!a) throw notFound("找不到该附件 / attachment not found");
  await getProposal(user, a.proposalId);
  return readFile(a.fileId);
}

// ------------------------------------------------------------------ figures (issue 16 item 5)

export type FigureRow = {
  id: string; name: string; kind: "unit" | "team"; parentName: string | null;
  workers: number; proposals: number; per100: number | null; decided: number; adopted: number; adoptionRate: number | null;
  confirmedBenefitYuan: number; authors: number; frontlineAuthors: number; frontlineShare: number | null;
};

const ADOPTED: State[] = ["adopted", "implemented", "benefit_confirmed"];
const COUNTED: State[] = ["submitted", "in_review", "adopted", "implemented", "benefit_confirmed", "not_adopted"];

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 1000) / d) / 10);

/**
 * Per grass-roots unit and per team in the caller's scope, for a year (by submission): proposals
 * per 100 workers, adoption rate (of those decided), confirmed benefit in ¥, and the front-line
 * share of the authors. Merged duplicates count once (in the kept proposal).
 */
export async function proposalFigures(user: SessionUser, year: number) {
  const paths = userScope(user, "proposal:manage");
  if (paths.length === 0) throw forbidden();
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);
  const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000);
  const orgs = await db.organisation.findMany({
    where: { AND: [{ OR: paths.map((p) => ({ path: { startsWith: p } })) }, { type: { in: ["grassroots", "team"] } }] },
    select: { id: true, name: true, type: true, path: true, parentId: true },
    orderBy: [{ depth: "asc" }, { name: "asc" }],
    take: 2000,
  });
  const proposals = await db.proposal.findMany({
    where: { AND: [scopeWhere(user, "proposal:manage"), { state: { in: COUNTED } }, { submittedAt: { gte: from, lt: to } }] },
    select: { id: true, unitId: true, teamId: true, state: true, confirmedBenefitYuan: true, authors: { select: { memberId: true, isFrontline: true, teamId: true } } },
  });
  const memberCounts = await db.member.groupBy({ by: ["orgId"], _count: { _all: true }, where: { org: { OR: paths.map((p) => ({ path: { startsWith: p } })) } } });
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const allOrgs = await db.organisation.findMany({ where: { id: { in: memberCounts.map((m) => m.orgId) } }, select: { id: true, path: true } });
  const workersOf = (o: { id: string; path: string; type: string }) => {
    let n = 0;
    for (const m of memberCounts) {
      const org = allOrgs.find((a) => a.id === m.orgId);
      if (org && org.path.startsWith(o.path)) n += m._count._all;
    }
    return n;
  };
  const rows: FigureRow[] = [];
  for (const o of orgs) {
    const mine = proposals.filter((p) => (o.type === "grassroots" ? p.unitId === o.id : p.teamId === o.id));
    const decided = mine.filter((p) => p.state !== "submitted" && p.state !== "in_review");
    const adopted = mine.filter((p) => ADOPTED.includes(p.state as State));
    const authors = mine.flatMap((p) => p.authors);
    const frontline = authors.filter((a) => a.isFrontline).length;
    const workers = workersOf(o);
    rows.push({
      id: o.id, name: o.name, kind: o.type === "grassroots" ? "unit" : "team", parentName: o.type === "team" ? orgById.get(o.parentId ?? "")?.name ?? null : null,
      workers, proposals: mine.length, per100: workers ? Math.round((mine.length * 10000) / workers) / 100 : null,
      decided: decided.length, adopted: adopted.length, adoptionRate: pct(adopted.length, decided.length),
      confirmedBenefitYuan: mine.reduce((s, p) => s + (p.confirmedBenefitYuan ?? 0), 0),
      authors: authors.length, frontlineAuthors: frontline, frontlineShare: pct(frontline, authors.length),
    });
  }
  const units = rows.filter((r) => r.kind === "unit");
  const teams = rows.filter((r) => r.kind === "team" && r.proposals > 0);
  return { year, units, teams };
}

/** A draft submitted as it stands (its shares were checked when it was saved). */
export async function submitDraft(user: SessionUser, id: string, actor: Actor) {
  const p = await load(db, id);
  if (!isAuthor(user, p) && !canManage(user, p)) throw forbidden();
  const to = assertTransition(p.state, "submit");
  const problems = checkShares(p.authors.map((a) => ({ memberId: a.memberId, share: a.share })));
  if (problems.length) throw badRequest(problems[0].message, problems.map((x) => ({ path: x.path, message: x.message })), "invalid_shares");
  await db.$transaction(async (tx) => {
    await changeState(tx, actor, p, to, "proposal.submitted", { submittedAt: new Date() });
    await notifyAuthors(tx, id, `您的「${p.title}」已提交至${p.unitName}工会办公室 / "${p.title}" was submitted to the union office`);
  });
  return getProposal(user, id);
}

/** The proposal's history from the event log (its own events only). */
export async function proposalHistory(user: SessionUser, id: string) {
  await getProposal(user, id);
  const events = await db.event.findMany({ where: { entityType: "Proposal", entityId: id }, orderBy: { id: "asc" }, take: 200, include: { actor: { select: { displayName: true } } } });
  return events.map((e) => ({ id: e.id, at: e.at.toISOString(), action: e.action, actor: e.actor?.displayName ?? null }));
}

// ------------------------------------------------------------------ the yearly top ten (rule I-3)


/**
 * A unit's union office nominates an implemented proposal or result for the yearly top ten
 * through the review chain (rule I-3: 基层推荐 → 专家评审 → 公示). Refused with its reason, writing
 * nothing, when it was never carried out, outside the window of years, or disputed (rule I-2).
 */
export async function nominateTopTen(user: SessionUser, proposalId: string, roundId: string, actor: Actor, now = new Date()) {
  const p = await load(db, proposalId);
  if (!canManage(user, p)) throw forbidden();
  const year = Number(beijingDate(now).slice(0, 4));
  const completedYear = p.implementedAt ? Number(beijingDate(p.implementedAt).slice(0, 4)) : null;
  const problems = topTenProblems({ kind: p.kind as Kind, state: p.state as State, completedYear, disputes: p.disputes.map((d) => ({ kind: d.kind as "ip" | "authorship", status: d.status as "open" | "resolved" })) }, year, await settingsOf(db, p.unitPath));
  if (problems.length) throw conflict(problems.join("；"), "not_eligible");
  if (p.topTenSubmissionId) throw conflict("该建议已被推荐 / already nominated", "duplicate");
  await db.$transaction(async (tx) => {
    const submission = await submitForReview(tx, user, { roundId, subjectType: TOP_TEN_SUBJECT, subjectId: p.id, title: `${TOP_TEN_TITLES[p.kind as Kind]}：${p.title}`, category: p.kind, submitterOrgId: p.unitId }, actor);
    await tx.proposal.update({ where: { id: p.id }, data: { topTenSubmissionId: submission.id, topTenYear: year } });
    await recordEvent(tx, actor, { action: "proposal.top-ten-nominated", entityType: "Proposal", entityId: p.id, orgId: p.unitId, after: { roundId, submissionId: submission.id, year } });
    await notifyAuthors(tx, p.id, `「${p.title}」已被推荐参评${TOP_TEN_TITLES[p.kind as Kind]} / nominated for the top ten`);
  });
  return getProposal(user, proposalId);
}

/** Open top-ten rounds the office may submit to. */
export async function topTenRounds(user: SessionUser) {
  if (!hasPermission(user, "proposal:manage")) return [];
  const rounds = await db.reviewRound.findMany({ where: { subjectType: TOP_TEN_SUBJECT, status: "open" }, select: { id: true, title: true }, orderBy: { createdAt: "desc" }, take: 20 });
  return rounds;
}

/**
 * After the chain approves a nomination (and its 公示 has passed, rule N-33 enforced by the chain),
 * every author enters the honours register with the top-ten title (rule I-3), in the same transaction.
 */
export async function recordTopTenWinner(tx: Tx, proposalId: string, roundId: string, actor: Actor) {
  const p = await tx.proposal.findUnique({ where: { id: proposalId }, include: { authors: { orderBy: { position: "asc" } } } });
  if (!p) return;
  const round = await tx.reviewRound.findUnique({ where: { id: roundId }, select: { topOrgId: true } });
  const top = round ? await tx.organisation.findUnique({ where: { id: round.topOrgId }, select: { name: true, type: true } }) : null;
  const level = top?.type === "national" ? "national" : top?.type === "provincial" || top?.type === "national_industry" ? "provincial" : top?.type === "city" ? "city" : "county";
  const title = TOP_TEN_TITLES[p.kind as Kind];
  for (const a of p.authors) {
    await recordHonour(tx, { memberId: a.memberId, title, level, year: p.topTenYear ?? new Date().getUTCFullYear(), issuingBody: top?.name ?? "", source: "proposals", sourceId: `${p.id}:${a.memberId}` }, actor);
  }
  await tx.proposalNotification.createMany({ data: p.authors.map((a) => ({ proposalId: p.id, memberId: a.memberId, message: `「${p.title}」获评${title}，已记入荣誉库 / won the top ten` })) });
  await recordEvent(tx, actor, { action: "proposal.top-ten-won", entityType: "Proposal", entityId: p.id, orgId: p.unitId, after: { title, level, authors: p.authors.map((a) => a.memberId) } });
}
