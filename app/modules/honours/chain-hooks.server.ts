import { onSubmissionDecided } from "~/modules/review-chain/hooks.server";
import { followRevocationDecision, recordApprovedNomination, REVOCATION_SUBJECT } from "./awards.server";

// The honours module's hooks on the review chain (app/modules/review-chain/hooks.server.ts):
//  - an approved honours nomination is entered in the register (idempotent, so the nominations
//    module's own onListApproved call and this one agree);
//  - a revocation follows its chain decision (rules N-40 … N-42).

onSubmissionDecided("honours.register-approved-nomination", "honours.nomination", async (tx, submission, decision, actor) => {
  if (decision === "approved") await recordApprovedNomination(tx, submission.subjectId, actor);
});

onSubmissionDecided("honours.follow-revocation", REVOCATION_SUBJECT, async (tx, submission, decision, actor) => {
  await followRevocationDecision(tx, submission.subjectId, decision, actor);
});
