import { db, type Tx } from "~/utils/db.server";
import { beijingDate } from "~/modules/calendar/working-days";
import { parseLevels } from "~/modules/review-chain/chain";
import { noticeHold } from "~/modules/review-chain/notice-rules";
import { registerHoldCheck } from "~/modules/review-chain/hooks.server";
import { consultationHold } from "~/modules/consultations/consultation-rules";
import type { Step } from "./domain";
import { combineProgress, stepProgress, stepRefusal, type CandidateFacts, type StepProgress, type Text } from "./steps";

// The campaign's review steps, read from the database (issue 13 item 2; the rules are in
// steps.ts): the facts of each candidate, the step tracker of a list or of the whole round, and
// the check that holds a level's sending up (or the top's approval) until the steps due before
// it are done. The check is a review-chain hold (hooks.server.ts), so it applies to the level's
// list (sendListUp) and to a single recommendation through the chain's own API alike.

const SUBJECT = "honours.nomination";
type Client = Tx | typeof db;

export const parseSteps = (json: string): Step[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as Step[]).filter((s) => s && typeof s.key === "string" && typeof s.label === "string" && typeof s.kind === "string") : [];
  } catch {
    return [];
  }
};

type SubmissionRow = { id: string; subjectId: string; levels: string; currentLevel: number; status: string };

/** Each candidate's facts (CandidateFacts), in the submissions' order. */
export async function candidateFacts(client: Client, submissions: readonly SubmissionRow[], now = new Date()): Promise<(CandidateFacts & { submissionId: string; nominationId: string })[]> {
  if (!submissions.length) return [];
  const ids = submissions.map((s) => s.id);
  const today = beijingDate(now);
  const levelIds = [...new Set(submissions.flatMap((s) => parseLevels(s.levels)))];
  const [orgs, nominations, entries, tasks] = await Promise.all([
    client.organisation.findMany({ where: { id: { in: levelIds } }, select: { id: true, name: true } }),
    client.nomination.findMany({ where: { submissionId: { in: ids } }, select: { id: true, submissionId: true, localNoticeEnd: true, localNoticeOutcome: true } }),
    client.noticeEntry.findMany({
      where: { submissionId: { in: ids } },
      select: { submissionId: true, status: true, notice: { select: { orgId: true, endsOn: true } }, objections: { select: { status: true, toExamine: true } } },
    }),
    client.consultationTask.findMany({ where: { submissionId: { in: ids } }, select: { submissionId: true, status: true, dueOn: true, ruling: true, department: true } }),
  ]);
  const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  return submissions.map((s) => {
    const n = nominations.find((x) => x.submissionId === s.id);
    const mine = entries.filter((e) => e.submissionId === s.id);
    const ownTasks = tasks.filter((t) => t.submissionId === s.id);
    return {
      submissionId: s.id,
      nominationId: n?.id ?? s.subjectId,
      levels: parseLevels(s.levels).map((orgId) => {
        const atLevel = mine.filter((e) => e.notice.orgId === orgId);
        return { name: name(orgId), noticeHeld: atLevel.length > 0, noticeHold: atLevel.length ? noticeHold(atLevel, today) : null };
      }),
      currentLevel: s.currentLevel,
      status: s.status,
      submitted: true,
      // rule N-31: the unit's notice recorded with its outcome, and ended
      unitNoticeDone: !!n?.localNoticeEnd && !!n.localNoticeOutcome && n.localNoticeEnd < today,
      consultationHold: ownTasks.length ? consultationHold(ownTasks, today) : null,
    };
  });
}

/** The steps of a campaign and its level, or null when the round is not a campaign's or has no steps. */
async function campaignStepsOfRound(client: Client, roundId: string) {
  const campaign = await client.campaign.findUnique({ where: { roundId }, select: { steps: true, level: true } });
  if (!campaign) return null;
  const steps = parseSteps(campaign.steps);
  return steps.length ? { steps, level: campaign.level } : null;
}

/** Why these candidates' current level may not send them up (or approve them): the first refusal, with the candidate's name. */
export async function stepRefusalFor(client: Client, campaign: { steps: string; level: string }, submissions: readonly SubmissionRow[], names: ReadonlyMap<string, string>, now = new Date()) {
  const steps = parseSteps(campaign.steps);
  if (!steps.length) return null;
  for (const f of await candidateFacts(client, submissions, now)) {
    const refusal = stepRefusal(steps, campaign.level, f);
    if (!refusal) continue;
    const who = names.get(f.nominationId);
    if (!who) return refusal;
    const at = refusal.message.indexOf(" / ");
    return { key: refusal.key, message: `${refusal.message.slice(0, at)}（${who}）/ ${refusal.message.slice(at + 3)} (${who})` };
  }
  return null;
}

// A level cannot send a candidate up (the top cannot approve it) before the campaign's steps due
// before that are done (issue 13 item 2). The chain's own holds (a running notice, an open
// objection, rule N-33; a consultation problem, rule N-34) are read through the same rules.
registerHoldCheck("nominations.campaign-steps", async (tx, submission, _levelOrgId, now) => {
  if (submission.subjectType !== SUBJECT) return null;
  const campaign = await campaignStepsOfRound(tx, submission.roundId);
  if (!campaign) return null;
  const row = await tx.reviewSubmission.findUnique({ where: { id: submission.id }, select: { id: true, subjectId: true, levels: true, currentLevel: true, status: true } });
  if (!row) return null;
  const [facts] = await candidateFacts(tx, [row], now);
  return stepRefusal(campaign.steps, campaign.level, facts)?.message ?? null;
});

export type StepView = { key: string; label: string; labelEn: string; kind: Step["kind"]; status: StepProgress["status"]; missing: Text | null };

const viewOf = (p: StepProgress[]): StepView[] => p.map((s) => ({ key: s.key, label: s.label.zh, labelEn: s.label.en, kind: s.kind, status: s.status, missing: s.missing }));

/** The tracker of some candidates (a level's list, the round's candidates still in the running). */
export async function stepTracker(campaign: { steps: string; level: string }, submissions: readonly SubmissionRow[], now = new Date()): Promise<StepView[]> {
  const steps = parseSteps(campaign.steps);
  const facts = await candidateFacts(db, submissions, now);
  return viewOf(combineProgress(steps, facts.map((f) => stepProgress(steps, campaign.level, f))));
}

/**
 * The round's tracker (the campaign page): the candidates still in the running, that is under
 * review and not held back at their level, or approved.
 */
export async function roundStepTracker(campaign: { id: string; roundId: string; steps: string; level: string }, now = new Date()) {
  const held = await db.nomination.findMany({ where: { campaignId: campaign.id, heldBack: true, submissionId: { not: null } }, select: { submissionId: true } });
  const heldIds = new Set(held.map((h) => h.submissionId!));
  const submissions = (await db.reviewSubmission.findMany({
    where: { roundId: campaign.roundId, subjectType: SUBJECT, status: { in: ["pending", "approved"] } },
    select: { id: true, subjectId: true, levels: true, currentLevel: true, status: true }, take: 5000,
  })).filter((s) => s.status === "approved" || !heldIds.has(s.id));
  return stepTracker(campaign, submissions, now);
}
