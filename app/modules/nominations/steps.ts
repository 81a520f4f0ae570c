import type { Step } from "./domain";

// A campaign's review steps, read (issue 13 item 2): where each step happens on the review
// chain, whether it is done for a candidate, and which steps a level must have done before it
// sends its list up or approves it. Pure: the facts come from nominations.server.ts.
//
// Rules: N-30 (两审三公示, the national default), N-31 (the grass-roots unit's own notice),
// N-33 (a level's 公示 ends with no open objection before it sends up), N-34 (征求意见),
// N-35 (the municipal 劳模 template).
//
// Where a step happens (its place). The chain of a candidate has levels 0 … top (lowest
// first; the top is the campaign's approving organisation); "unit" is the nominating unit.
//  - A step whose label names a level is placed there: 基层 → the unit; 县/区 → county;
//    市 → city; 省 → provincial; 全国 → national. A named level is counted down from the top:
//    the top is the campaign's own level (national, provincial or city), the level below it is
//    one rank lower, and so on. A named level at or above the campaign's (省级公示 in a city
//    campaign) is the top; a level below the chain's lowest is the lowest level.
//  - Unnamed review steps (初审, 复审) are anchored at the top, in order: the last one is the
//    top's review, the one before it the level below the top's, … (两审三公示 in a national
//    campaign: 初审 = the provinces, 复审 = 全总; in a city campaign: 初审 = the counties).
//    When the chain has fewer levels than unnamed review steps, the surplus lower ones fold
//    into the lowest level.
//  - An unnamed consultation step is held where the next placed step after it is (征求相关
//    部门意见 before 全国公示 → the top); an unnamed notice (媒体公示) and the approval are the top's.
//
// When a step is done, for one candidate:
//  - notice at the unit: the unit's notice is recorded on the nomination (outcome given) and has
//    ended (rule N-31); notice at a level: the candidate is on a notice of that level's
//    organisation and nothing on it holds the candidate (ended, no open objection, not
//    withdrawn: the chain's own noticeHold, rule N-33);
//  - review at the unit: the unit submitted the nomination; at a level below the top: that
//    level recommended the candidate up; at the top: the list has reached the top (the top's
//    own recommending is the approval, its own step);
//  - consult: no consultation task holds the candidate (every answer in, or its deadline past,
//    and no problem left unruled: the chain's consultationHold, rule N-34);
//  - approve: the top approved. Once approved, every step is done.
//
// Due before a level acts (sends its list up; at the top, approves): every step at the unit or
// at a lower level, and the level's own notice and consultation steps (a level's 公示 ends
// before it sends up, rule N-33, whatever the order of the list: 两审三公示 lists 初审 before
// 省级公示, but the province's notice precedes its sending up); at the top, every step but the
// approval. The current step is the earliest due that is not done.

export type Lang = "zh" | "en";
export type Text = { zh: string; en: string };
export type StepStatus = "done" | "current" | "pending";
export type Place = "unit" | number;

export type LevelFacts = {
  name: string;
  /** the candidate is on a notice of this level's organisation */
  noticeHeld: boolean;
  /** why that notice still holds it (noticeHold's message), null when it does not */
  noticeHold: string | null;
};

/** What is known of one candidate (one nomination on the chain). */
export type CandidateFacts = {
  levels: LevelFacts[];
  /** where it waits on the chain (index into levels) */
  currentLevel: number;
  status: string;
  submitted: boolean;
  /** the unit's notice is recorded with its outcome and has ended (rule N-31) */
  unitNoticeDone: boolean;
  /** consultationHold's message, null when nothing holds it (rule N-34) */
  consultationHold: string | null;
};

const RANKS = { county: 1, city: 2, provincial: 3, national: 4 } as const;
const CAMPAIGN_RANKS: Record<string, number> = { city: 2, provincial: 3, national: 4 };

/** The level a step's label names, or null. */
function namedRank(step: Step): "unit" | number | null {
  if (/基层/.test(step.label) || step.key.startsWith("grassroots")) return "unit";
  if (/全国/.test(step.label)) return RANKS.national;
  if (/省/.test(step.label)) return RANKS.provincial;
  if (/市/.test(step.label)) return RANKS.city;
  if (/县|区/.test(step.label)) return RANKS.county;
  return null;
}

/** Each step's place on a chain of `levelCount` levels of a campaign at `campaignLevel`. */
export function placeSteps(steps: readonly Step[], campaignLevel: string, levelCount: number): Place[] {
  const top = Math.max(0, levelCount - 1);
  const campaignRank = CAMPAIGN_RANKS[campaignLevel] ?? RANKS.city;
  const places: (Place | null)[] = steps.map((s) => {
    if (s.kind === "approve") return top;
    const named = namedRank(s);
    if (named === "unit") return "unit";
    if (named !== null) return Math.max(0, top - Math.max(0, campaignRank - named));
    if (s.kind === "notice") return top;
    return null;
  });
  // unnamed reviews: anchored at the top, in order
  const unnamedReviews = steps.map((s, i) => (s.kind === "review" && places[i] === null ? i : -1)).filter((i) => i >= 0);
  unnamedReviews.forEach((stepIndex, k) => { places[stepIndex] = Math.max(0, top - (unnamedReviews.length - 1 - k)); });
  // unnamed consultations: where the next placed step is
  for (let i = steps.length - 1; i >= 0; i--) {
    if (places[i] !== null) continue;
    const next = places.slice(i + 1).find((p) => p !== null);
    places[i] = next ?? top;
  }
  return places as Place[];
}

const rankOfPlace = (p: Place) => (p === "unit" ? -1 : p);
const KIND_ORDER: Record<Step["kind"], number> = { notice: 0, consult: 0, review: 1, approve: 2 };

/** The steps in the order they fall due: by place, and at a place notice and consultation before review before approval. */
function dueOrder(steps: readonly Step[], places: readonly Place[]) {
  return steps.map((_, i) => i).sort((a, b) => rankOfPlace(places[a]) - rankOfPlace(places[b]) || KIND_ORDER[steps[a].kind] - KIND_ORDER[steps[b].kind] || a - b);
}

const split = (message: string): Text => {
  const at = message.indexOf(" / ");
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at).trim(), en: message.slice(at + 3).trim() };
};

/** What is missing of one step for one candidate (null: it is done). */
export function missingOf(step: Step, place: Place, f: CandidateFacts): Text | null {
  const top = f.levels.length - 1;
  const approved = f.status === "approved";
  // an approved candidate has passed every step (a round approved before its steps were read included)
  if (approved) return null;
  const level = place === "unit" ? null : f.levels[Math.min(place, top)];
  switch (step.kind) {
    case "notice":
      if (place === "unit") return f.unitNoticeDone ? null : { zh: "基层单位公示尚未记录或尚未结束", en: "the grass-roots unit's notice is not recorded or has not ended" };
      if (!level!.noticeHeld) return { zh: `${level!.name}尚未举行公示`, en: `${level!.name} has not held a public notice` };
      return level!.noticeHold ? split(level!.noticeHold) : null;
    case "review":
      if (place === "unit") return f.submitted ? null : { zh: "推荐单位尚未上报", en: "the nominating unit has not submitted" };
      if (place >= top) return approved || f.currentLevel >= top ? null : { zh: `名单尚未报到${level!.name}`, en: `the list has not reached ${level!.name}` };
      return approved || f.currentLevel > place ? null : { zh: `${level!.name}尚未推荐上报`, en: `${level!.name} has not sent the list up` };
    case "consult":
      return f.consultationHold ? split(f.consultationHold) : null;
    case "approve":
      return approved ? null : { zh: `${f.levels[top].name}尚未批准`, en: `${f.levels[top].name} has not approved` };
  }
}

/** `due`: the step's position in the order the steps fall due (0 first). */
export type StepProgress = { key: string; label: Text; kind: Step["kind"]; status: StepStatus; missing: Text | null; due: number };

const STEP_LABELS_EN: Record<string, string> = {
  基层单位公示: "Grass-roots unit notice", 初审: "First review", 省级公示: "Provincial notice", 复审: "Second review",
  征求相关部门意见: "Consult the departments concerned", "全国公示（5天）": "National notice (5 days)", 审批: "Approval",
  基层单位民主评议: "Grass-roots democratic appraisal", 县级评审机构审核并征求意见: "County review body reviews and consults",
  市劳模评审办公室初审: "City model-worker office: first review", 市评审委员会审定: "City review committee decides", 媒体公示: "Media notice", 市政府批准: "City government approves",
};
export const stepLabel = (step: Step): Text => ({ zh: step.label, en: STEP_LABELS_EN[step.label] ?? step.label });

/** Each step's status for one candidate: done, the earliest due not done (current), or pending. */
export function stepProgress(steps: readonly Step[], campaignLevel: string, f: CandidateFacts): StepProgress[] {
  const places = placeSteps(steps, campaignLevel, f.levels.length);
  const missing = steps.map((s, i) => missingOf(s, places[i], f));
  const order = dueOrder(steps, places);
  const current = order.find((i) => missing[i] !== null);
  return steps.map((s, i) => ({
    key: s.key, label: stepLabel(s), kind: s.kind, status: missing[i] === null ? "done" : i === current ? "current" : "pending", missing: i === current ? missing[i] : null,
    due: order.indexOf(i),
  }));
}

/**
 * The steps of several candidates (a level's list, the whole round) as one tracker: a step is
 * done when it is done for every candidate; the current step is the candidates' current step that
 * falls due first, its missing text the first candidate's, with how many lack it.
 */
export function combineProgress(steps: readonly Step[], perCandidate: readonly StepProgress[][]): StepProgress[] {
  if (!perCandidate.length) return steps.map((s, i) => ({ key: s.key, label: stepLabel(s), kind: s.kind, status: "pending", missing: null, due: i }));
  const notDone = steps.map((_, i) => perCandidate.filter((p) => p[i].status !== "done"));
  let currentIndex = -1;
  let currentDue = Infinity;
  for (const p of perCandidate) {
    const i = p.findIndex((s) => s.status === "current");
    if (i >= 0 && p[i].due < currentDue) { currentIndex = i; currentDue = p[i].due; }
  }
  const due = (i: number) => perCandidate[0][i].due;
  return steps.map((s, i) => {
    if (!notDone[i].length) return { key: s.key, label: stepLabel(s), kind: s.kind, status: "done", missing: null, due: due(i) };
    if (i !== currentIndex) return { key: s.key, label: stepLabel(s), kind: s.kind, status: "pending", missing: null, due: due(i) };
    const lacking = notDone[i];
    const first = lacking.find((p) => p[i].missing)?.[i].missing ?? null;
    const missing = first && lacking.length > 1 ? { zh: `${first.zh}（${lacking.length} 名候选人）`, en: `${first.en} (${lacking.length} candidates)` } : first;
    return { key: s.key, label: stepLabel(s), kind: s.kind, status: "current", missing, due: due(i) };
  });
}

/** The steps a candidate's current level must have done before it acts (sends up; at the top, approves). */
export function stepsDue(steps: readonly Step[], places: readonly Place[], levelIndex: number, top: number): number[] {
  return dueOrder(steps, places).filter((i) => {
    const p = places[i];
    if (steps[i].kind === "approve") return false;
    if (levelIndex >= top) return true;
    if (p === "unit" || p < levelIndex) return true;
    return p === levelIndex && (steps[i].kind === "notice" || steps[i].kind === "consult");
  });
}

export const STEP_MESSAGES = {
  notDone: (label: Text, missing: Text, approve: boolean) =>
    `评选步骤「${label.zh}」尚未完成，不能${approve ? "批准" : "上报"}：${missing.zh} / the campaign's step "${label.en}" is not done, so the list cannot ${approve ? "be approved" : "go up"}: ${missing.en}`,
} as const;

/**
 * Why the candidate's current level may not send it up (or, at the top, approve it) under the
 * campaign's steps: the first step due and not done, named; null when every due step is done.
 */
export function stepRefusal(steps: readonly Step[], campaignLevel: string, f: CandidateFacts): { key: string; message: string } | null {
  const top = f.levels.length - 1;
  const places = placeSteps(steps, campaignLevel, f.levels.length);
  for (const i of stepsDue(steps, places, f.currentLevel, top)) {
    const missing = missingOf(steps[i], places[i], f);
    if (missing) return { key: steps[i].key, message: STEP_MESSAGES.notDone(stepLabel(steps[i]), missing, f.currentLevel >= top) };
  }
  return null;
}

/** The review (and, at the top, approval) steps a level's sending up completes: their keys, for the event. */
export function stepsCompletedBy(steps: readonly Step[], campaignLevel: string, levelCount: number, levelIndex: number): string[] {
  const top = levelCount - 1;
  const places = placeSteps(steps, campaignLevel, levelCount);
  return steps.filter((s, i) => (levelIndex >= top ? s.kind === "approve" : s.kind === "review" && places[i] === levelIndex)).map((s) => s.key);
}

export const textIn = (t: Text, lang: Lang) => (lang === "en" ? t.en : t.zh);
