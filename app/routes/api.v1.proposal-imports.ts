import { apiAction, handle } from "~/utils/api.server";
import { importProposalsOp } from "~/modules/proposals/api";
import { importProposalLines } from "~/modules/proposals/import.server";

// POST /api/v1/proposal-imports: the proposal import's rules over JSON rows, all or nothing (issue 16).
export const action = apiAction({
  post: handle(importProposalsOp, async ({ user, body, actor }) => {
    const lines = body.rows.map((r, i) => ({
      row: i + 1, kind: r.kind ?? null, category: r.category ?? null, title: r.title ?? null, problem: r.problem ?? null, content: r.content ?? null,
      expectedBenefit: r.expectedBenefit ?? null, expectedBenefitYuan: r.expectedBenefitYuan ?? null,
      authors: r.authors.map((a) => ({ member: a.member ?? null, share: a.share ?? null })),
    }));
    return importProposalLines(user, { lines }, actor, "api");
  }),
});
