// The review chain, pure (rule N-30: 自下而上、逐级推荐, bottom-up, level by level).
// A submission of any kind (an honours nomination, a 安康杯 recommendation, a 劳动竞赛
// project) is reviewed by each level of the union hierarchy above the submitting unit,
// up to the round's approving organisation. At each level the reviewers
//   - return it with a reason (it goes back to the submitter, who corrects and resubmits
//     it; it comes back to the same level),
//   - refuse it with a reason (final), or
//   - recommend it to the next level, within the level's quota (名额); at the top level
//     recommending is approving.
// No I/O: plain data in, plain data out. Messages are Chinese first, then English.

export const SUBMISSION_STATUSES = ["pending", "returned", "refused", "approved", "withdrawn"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const DECISIONS = ["submitted", "resubmitted", "returned", "refused", "recommended", "approved", "withdrawn"] as const;
export type Decision = (typeof DECISIONS)[number];

/** What a reviewer may do at a level. */
export const REVIEW_ACTIONS = ["return", "refuse", "recommend"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export type OrgNode = { id: string; type: string; name?: string };

export type ChainState = { status: SubmissionStatus; currentLevel: number; levelCount: number };

export const CHAIN_MESSAGES = {
  topNotAbove: "提交单位不在本轮评选的组织范围内 / the submitting unit is outside the round's organisation",
  notPending: (status: SubmissionStatus) => `该申报当前状态为「${STATUS_LABELS[status]}」，不能审核 / the submission is ${status} and cannot be reviewed`,
  wrongLevel: "该申报已不在此层级，请刷新后再操作 / the submission is no longer at this level: reload",
  reasonRequired: "退回或不予推荐时须填写原因 / a reason is required to return or refuse",
  notReturned: "只有被退回的申报可以重新提交 / only a returned submission can be resubmitted",
  alreadyClosed: (status: SubmissionStatus) => `该申报已「${STATUS_LABELS[status]}」，不能撤回 / the submission is already ${status}`,
  overQuota: (limit: number, category: string) =>
    `本级${category ? `「${category}」类` : ""}推荐名额为 ${limit} 个，已用完 / this level's quota${category ? ` for ${category}` : ""} (${limit}) is used up`,
} as const;

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  pending: "审核中",
  returned: "已退回",
  refused: "不予推荐",
  approved: "已批准",
  withdrawn: "已撤回",
};

export const DECISION_LABELS: Record<Decision, string> = {
  submitted: "提交",
  resubmitted: "重新提交",
  returned: "退回",
  refused: "不予推荐",
  recommended: "推荐上报",
  approved: "批准",
  withdrawn: "撤回",
};

/**
 * The reviewing levels of a submission, lowest first: the organisations above the submitting
 * unit (its ancestors, root first as in a materialised path) whose type reviews in this round,
 * up to and including the round's top organisation, which always reviews. Organisations
 * above the top are not part of the chain. Null when the top is not an ancestor of the unit.
 */
export function chainLevels(ancestorsRootFirst: readonly OrgNode[], submitterId: string, topOrgId: string, reviewingTypes: readonly string[]): string[] | null {
  const topIndex = ancestorsRootFirst.findIndex((o) => o.id === topOrgId);
  const selfIndex = ancestorsRootFirst.findIndex((o) => o.id === submitterId);
  if (topIndex < 0 || selfIndex < 0 || topIndex >= selfIndex) return null;
  const between = ancestorsRootFirst.slice(topIndex + 1, selfIndex).filter((o) => reviewingTypes.includes(o.type)).map((o) => o.id);
  return [...between.reverse(), topOrgId];
}

export type Transition =
  | { ok: true; status: SubmissionStatus; currentLevel: number; decision: Decision }
  | { ok: false; reason: string };

/** What a reviewer's action at `level` does to the submission (quota checked apart: `checkLevelQuota`). */
export function review(state: ChainState, level: number, action: ReviewAction, reason?: string | null): Transition {
  if (state.status !== "pending") return { ok: false, reason: CHAIN_MESSAGES.notPending(state.status) };
  if (level !== state.currentLevel) return { ok: false, reason: CHAIN_MESSAGES.wrongLevel };
  if ((action === "return" || action === "refuse") && !reason?.trim()) return { ok: false, reason: CHAIN_MESSAGES.reasonRequired };
  switch (action) {
    case "return":
      return { ok: true, status: "returned", currentLevel: level, decision: "returned" };
    case "refuse":
      return { ok: true, status: "refused", currentLevel: level, decision: "refused" };
    case "recommend": {
      const last = level >= state.levelCount - 1;
      return last
        ? { ok: true, status: "approved", currentLevel: level, decision: "approved" }
        : { ok: true, status: "pending", currentLevel: level + 1, decision: "recommended" };
    }
  }
}

/** The submitter corrects a returned submission and sends it back to the level that returned it. */
export function resubmit(state: ChainState): Transition {
  if (state.status !== "returned") return { ok: false, reason: CHAIN_MESSAGES.notReturned };
  return { ok: true, status: "pending", currentLevel: state.currentLevel, decision: "resubmitted" };
}

/** The submitter withdraws; a late or incomplete submission is withdrawn too (rule N-38). */
export function withdraw(state: ChainState): Transition {
  if (state.status === "refused" || state.status === "approved" || state.status === "withdrawn") {
    return { ok: false, reason: CHAIN_MESSAGES.alreadyClosed(state.status) };
  }
  return { ok: true, status: "withdrawn", currentLevel: state.currentLevel, decision: "withdrawn" };
}

/**
 * May a level recommend one more submission of `category`? `used` counts the submissions this
 * level has already sent up (or approved) in the round, in that category (or in all, for an
 * all-categories quota). No quota row = no limit at that level.
 */
export function checkLevelQuota(quotas: readonly { category: string; limit: number }[], category: string, usedByCategory: Readonly<Record<string, number>>): string | null {
  const total = Object.values(usedByCategory).reduce((a, b) => a + b, 0);
  for (const q of quotas) {
    if (q.category === "" && total + 1 > q.limit) return CHAIN_MESSAGES.overQuota(q.limit, "");
    if (q.category !== "" && q.category === category && (usedByCategory[category] ?? 0) + 1 > q.limit) return CHAIN_MESSAGES.overQuota(q.limit, category);
  }
  return null;
}

/** The organisation id at each level, parsed from the stored JSON. */
export function parseLevels(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new Error("bad levels");
  return value;
}

/**
 * May a holder of these grants act at level `index`? Reviewers act per level: the grant must
 * cover the level's organisation (subtree rule) and must not be a grant over a higher level
 * of the same chain; a city reviewer's grant covers the district below it, but the city
 * reviews at the city's level, not in the district's place. A grant above the whole chain
 * (an administrator's) acts at any level.
 */
export function mayActAtLevel(
  grants: readonly { orgId: string; orgPath: string; permissions: readonly string[] }[],
  permission: string,
  levels: readonly { id: string; path: string }[],
  index: number,
): boolean {
  const level = levels[index];
  if (!level) return false;
  const higher = new Set(levels.slice(index + 1).map((l) => l.id));
  return grants.some((g) => g.permissions.includes(permission) && level.path.startsWith(g.orgPath) && !higher.has(g.orgId));
}
