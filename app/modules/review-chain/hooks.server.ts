import type { Tx } from "~/utils/db.server";
import type { Actor } from "~/utils/actor";
import type { Decision } from "./chain";

// Hooks other domains hang on the review chain, without the chain knowing them:
//  - hold checks: before a level recommends (or the top approves) a submission, every check
//    runs; a message back refuses the step (e.g. an open 征求意见 problem, rule N-34);
//  - decision hooks: after a decision is written, in the same transaction, the subject's
//    domain follows it (e.g. an approved revocation revokes the honour, rules N-40 … N-42).
// This file imports nothing of those domains, so they may import it without a cycle; register
// from a module listed in ./hook-modules.server.ts so the hook is loaded wherever the chain runs.

export type HeldSubmission = { id: string; subjectType: string; subjectId: string; roundId: string; currentLevel: number; levels: string };
export type HoldCheck = (tx: Tx, submission: HeldSubmission, levelOrgId: string, now: Date) => Promise<string | null> | string | null;
export type DecisionHook = (tx: Tx, submission: HeldSubmission & { status: string }, decision: Decision, actor: Actor) => Promise<void> | void;

const holdChecks = new Map<string, HoldCheck>();
const decisionHooks = new Map<string, { subjectType: string; fn: DecisionHook }>();

/** Register (or replace, by name) a check that can hold a submission at a level. */
export function registerHoldCheck(name: string, fn: HoldCheck) {
  holdChecks.set(name, fn);
  return () => { holdChecks.delete(name); };
}

/** Register (or replace, by name) a function run after each decision on submissions of one subject type. */
export function onSubmissionDecided(name: string, subjectType: string, fn: DecisionHook) {
  decisionHooks.set(name, { subjectType, fn });
  return () => { decisionHooks.delete(name); };
}

/** The first hold message, or null when nothing holds the submission at this level. */
export async function runHoldChecks(tx: Tx, submission: HeldSubmission, levelOrgId: string, now: Date): Promise<string | null> {
  for (const check of holdChecks.values()) {
    const message = await check(tx, submission, levelOrgId, now);
    if (message) return message;
  }
  return null;
}

export async function runDecisionHooks(tx: Tx, submission: HeldSubmission & { status: string }, decision: Decision, actor: Actor) {
  for (const { subjectType, fn } of decisionHooks.values()) if (subjectType === submission.subjectType) await fn(tx, submission, decision, actor);
}
