// The life of a proposal or innovation result (issue 16), the dispute block (rule I-2), review
// sessions (rule I-2: twice a year) and top-ten eligibility (rule I-3). Pure.
import type { Kind, ProposalSettings } from "./settings";

export const STATES = ["draft", "submitted", "merged", "in_review", "adopted", "implemented", "benefit_confirmed", "not_adopted", "withdrawn"] as const;
export type State = (typeof STATES)[number];

export const STATE_LABELS: Record<State, string> = {
  draft: "草稿", submitted: "已提交", merged: "已合并", in_review: "评审中", adopted: "已采纳",
  implemented: "已实施", benefit_confirmed: "效益已确认", not_adopted: "未采纳", withdrawn: "已撤回",
};
export const STATE_LABELS_EN: Record<State, string> = {
  draft: "Draft", submitted: "Submitted", merged: "Merged", in_review: "In review", adopted: "Adopted",
  implemented: "Implemented", benefit_confirmed: "Benefit confirmed", not_adopted: "Not adopted", withdrawn: "Withdrawn",
};

export type Action = "submit" | "withdraw" | "merge" | "send_to_review" | "adopt" | "reject" | "implement" | "confirm_benefit";

/**
 * draft → submitted → (merged into another) → in review → adopted → implemented → benefit confirmed,
 * or not adopted; withdrawal only until review (draft or submitted).
 */
const TRANSITIONS: Record<Action, { from: readonly State[]; to: State }> = {
  submit: { from: ["draft"], to: "submitted" },
  withdraw: { from: ["draft", "submitted"], to: "withdrawn" },
  merge: { from: ["submitted"], to: "merged" },
  send_to_review: { from: ["submitted"], to: "in_review" },
  adopt: { from: ["in_review"], to: "adopted" },
  reject: { from: ["in_review"], to: "not_adopted" },
  implement: { from: ["adopted"], to: "implemented" },
  confirm_benefit: { from: ["implemented"], to: "benefit_confirmed" },
};

export const ACTION_LABELS: Record<Action, string> = {
  submit: "提交", withdraw: "撤回", merge: "合并", send_to_review: "送评审", adopt: "采纳",
  reject: "不予采纳", implement: "确认实施", confirm_benefit: "确认效益",
};

export type TransitionResult = { ok: true; to: State } | { ok: false; message: string };

export function transition(from: State, action: Action): TransitionResult {
  const t = TRANSITIONS[action];
  if (t.from.includes(from)) return { ok: true, to: t.to };
  if (action === "withdraw") {
    return { ok: false, message: `已进入评审的建议不能撤回（当前：${STATE_LABELS[from]}）/ a proposal can be withdrawn only until review (now: ${STATE_LABELS_EN[from]})` };
  }
  return { ok: false, message: `「${STATE_LABELS[from]}」状态下不能${ACTION_LABELS[action]} / cannot ${action.replace(/_/g, " ")} from ${STATE_LABELS_EN[from]}` };
}

export function canTransition(from: State, action: Action): boolean {
  return TRANSITIONS[action].from.includes(from);
}

export type DisputeFact = { kind: "authorship" | "ip"; status: "open" | "resolved" };

/** rule I-2: a result with an IP or authorship dispute cannot go forward until it is resolved. */
export function disputeBlock(disputes: readonly DisputeFact[]): string | null {
  const open = disputes.filter((d) => d.status === "open");
  if (open.length === 0) return null;
  const kinds = [...new Set(open.map((d) => (d.kind === "ip" ? "知识产权" : "署名")))].join("、");
  return `存在未解决的${kinds}争议，争议解决前不能推进或推荐（I-2）/ an open ${open.map((d) => (d.kind === "ip" ? "IP" : "authorship")).join(" and ")} dispute: nothing goes forward until it is resolved (I-2)`;
}

/** rule I-2: reviews twice a year. The session a date (YYYY-MM-DD, Beijing) belongs to: "2026-1" … */
export function reviewSessionOf(date: string, perYear: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const monthsPer = 12 / perYear;
  const index = Math.floor((month - 1) / monthsPer) + 1;
  return `${year}-${index}`;
}

export function reviewSessionLabel(key: string, perYear: number): string {
  const [year, index] = key.split("-");
  if (perYear === 2) return `${year}年${index === "1" ? "上半年" : "下半年"}`;
  return `${year}年第${index}次`;
}

export type TopTenCandidate = { kind: Kind; state: State; completedYear: number | null; disputes: readonly DisputeFact[] };

/**
 * rule I-3: a candidate for the yearly top ten (十佳合理化建议 / 十大技术创新成果) is adopted and
 * implemented, inside the eligibility window of years, with no open dispute (rule I-2).
 */
export function topTenProblems(c: TopTenCandidate, year: number, settings: Pick<ProposalSettings, "topTenWindowYears">): string[] {
  const problems: string[] = [];
  if (c.state !== "implemented" && c.state !== "benefit_confirmed") {
    problems.push(`只有已实施的建议或成果才能推荐（当前：${STATE_LABELS[c.state]}）/ only implemented items can be nominated (now: ${STATE_LABELS_EN[c.state]})`);
  }
  const window = settings.topTenWindowYears[c.kind];
  if (c.completedYear === null || c.completedYear > year || year - c.completedYear >= window) {
    problems.push(`只能推荐近 ${window} 年内完成的${c.kind === "proposal" ? "建议" : "成果"}（I-3）/ only items completed within the last ${window} years (I-3)`);
  }
  const dispute = disputeBlock(c.disputes);
  if (dispute) problems.push(dispute);
  return problems;
}

export const TOP_TEN_TITLES: Record<Kind, string> = { proposal: "十佳合理化建议", innovation: "十大技术创新成果" };

/** The review chain's subject type of a top-ten nomination (app/modules/review-chain/subject-types.ts). */
export const TOP_TEN_SUBJECT = "proposals.top-ten";
