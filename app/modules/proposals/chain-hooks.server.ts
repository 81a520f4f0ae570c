import { onSubmissionDecided } from "~/modules/review-chain/hooks.server";
import { recordTopTenWinner } from "./proposals.server";
import { TOP_TEN_SUBJECT } from "./workflow";

// The proposals module's hook on the review chain: an approved top-ten nomination (rule I-3)
// puts every author in the honours register (十佳合理化建议 / 十大技术创新成果).
onSubmissionDecided("proposals.top-ten-winner", TOP_TEN_SUBJECT, async (tx, submission, decision, actor) => {
  if (decision === "approved") await recordTopTenWinner(tx, submission.subjectId, submission.roundId, actor);
});
