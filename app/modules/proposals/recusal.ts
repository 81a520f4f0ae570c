// Committee recusal (issue 16: "recusal of co-authors' colleagues as for judges"). Pure.
// As a judge recuses from an event in which their own unit competes (rule S-31), a committee
// member may not score a proposal whose authors include themself or a colleague of the same unit
// or the same team. The server normalises units to the grass-roots unit (基层工会) and teams to the 班组.

export type Placement = { memberId: string | null; unitId: string | null; unitName?: string | null; teamId: string | null; teamName?: string | null };

export type ReviewerRecusal = { code: "own-proposal" | "same-team" | "same-unit"; message: string };

export function reviewerRecusal(reviewer: Placement, authors: readonly Placement[]): ReviewerRecusal | null {
  if (reviewer.memberId && authors.some((a) => a.memberId === reviewer.memberId)) {
    return { code: "own-proposal", message: "评审委员不能评审本人参与的建议或成果，应回避 / a committee member may not score their own proposal: recusal required" };
  }
  const teammate = reviewer.teamId ? authors.find((a) => a.teamId === reviewer.teamId) : undefined;
  if (teammate) {
    const name = teammate.teamName ?? reviewer.teamName ?? "";
    return { code: "same-team", message: `作者中有评审委员同一班组（${name}）的同事，应回避（参照 S-31）/ an author is a colleague in the member's own team (${name}): recusal required (as S-31)` };
  }
  const colleague = reviewer.unitId ? authors.find((a) => a.unitId === reviewer.unitId) : undefined;
  if (colleague) {
    const name = colleague.unitName ?? reviewer.unitName ?? "";
    return { code: "same-unit", message: `作者中有评审委员同一单位（${name}）的同事，应回避（参照 S-31）/ an author is a colleague in the member's own unit (${name}): recusal required (as S-31)` };
  }
  return null;
}
