import { apiAction, handle } from "~/utils/api.server";
import { importLabourPeriodOp } from "~/modules/labour/api";
import { importPeriodLines } from "~/modules/labour/import.server";

// POST /api/v1/labour/projects/:projectId/periods/:periodId/import: the Excel import's rules over JSON lines (issue 14 item 9).
export const action = apiAction({
  post: handle(importLabourPeriodOp, async ({ user, params, body, actor }) => {
    const scoreLines = body.scores.map((s, i) => ({ row: i + 1, unit: s.unit, kind: s.kind ?? null, values: s.values, plans: s.plans, actuals: s.actuals }));
    const eventLines = body.events.map((e, i) => ({ row: i + 1, unit: e.unit, kind: e.kind ?? null, date: e.date, type: e.type, note: e.note ?? null }));
    return importPeriodLines(user, params.projectId, params.periodId, { scoreLines, eventLines, correctionReason: body.correctionReason }, actor, "api") as never;
  }),
});
