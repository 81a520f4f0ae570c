import { db } from "~/utils/db.server";
import { publishChange } from "~/modules/results/live.server";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { badRequest, conflict, type FieldIssue } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { checkMarkInput, displayValue } from "../sheet";
import { lockSheetsForWriting } from "../mark-writer.server";
import { DoubleEntryError, enterPaperSheet, type PaperValues } from "./double-entry";
import { assertAnyEventPermission, findBlindCode, isLocked, loadReviewEvent, schemeOf, signOffsOf, userNames } from "./review-event.server";

// 纸质评分表双人录入 (rule S-41) for venues without tablets: staff (the chief judge's
// table or the organiser's office) key the signed original in; a second, different
// person keys it again; differences are flagged by aspect; when both agree the values
// become the named judge's marks (MarkChange kind "paper"), in one transaction.

export const PAPER_PERMISSIONS = ["judging:chief", "contest:manage"] as const;

export type PaperInput = { stationCode: string; judgeId: string; judgeLabel?: string; values: Record<string, string> };

const parseValues = (json: string | null): PaperValues => {
  if (!json) return {};
  try { return JSON.parse(json) as PaperValues; } catch { return {}; }
};

export async function enterPaper(user: SessionUser, eventId: string, input: PaperInput, actor: Actor) {
  const event = await loadReviewEvent(eventId);
  assertAnyEventPermission(user, event, [...PAPER_PERMISSIONS]);
  const code = await findBlindCode(event.id, { stationCode: input.stationCode });
  const assigned = await db.judgeAssignment.count({ where: { eventId: event.id, userId: input.judgeId } });
  if (!assigned) throw badRequest("该裁判未在本赛项执裁 / that judge does not judge this event", [{ path: "judgeId", message: "该裁判未在本赛项执裁 / not a judge of this event" }]);
  if (isLocked(await signOffsOf(event.id), code.sessionId)) {
    throw conflict("已签字锁定，不能再录入评分表 / signed off: paper sheets can no longer be entered", "locked");
  }
  const { judgedAspects } = schemeOf(event);
  const values: PaperValues = {};
  const issues: FieldIssue[] = [];
  for (const [aspectId, raw] of Object.entries(input.values)) {
    if (String(raw).trim() === "") continue;
    const aspect = judgedAspects.find((a) => a.id === aspectId);
    if (!aspect) { issues.push({ path: `values.${aspectId}`, message: "评分标准中没有该评分点 / no such aspect" }); continue; }
    const checked = checkMarkInput(aspect, raw, aspectId);
    if (!checked.ok) issues.push({ path: `values.${aspectId}`, message: checked.message });
    else values[aspectId] = checked.value;
  }
  if (issues.length) throw badRequest(`评分表有误：${issues.map((i) => i.message).join("；")}`, issues);
  if (Object.keys(values).length === 0) throw badRequest("请至少录入一个分数 / enter at least one mark", [{ path: "values", message: "请至少录入一个分数 / enter at least one mark" }]);

  const defaultLabel = input.judgeLabel?.trim() || (await userNames([input.judgeId])).get(input.judgeId) || input.judgeId;
  const lockedOut = () => conflict("已签字锁定，不能再录入评分表 / signed off: paper sheets can no longer be entered", "locked");
  const result = await db.$transaction(async (tx) => {
    // Issue 11 items 4 and 5: a paper sheet takes the same discipline as a tablet's marks. One
    // writer per score sheet (event, judge, entrant) at a time, across processes: the sheet, its
    // keyings, the lock and every mark's version are read and written under that lock, so two
    // clerks keying at once, or a clerk and the judge's tablet, queue instead of racing.
    await lockSheetsForWriting(tx, [[event.id, input.judgeId, code.id]]);
    if (isLocked(await tx.signOff.findMany({ where: { eventId: event.id }, select: { sessionId: true } }), code.sessionId)) throw lockedOut();
    const existing = await tx.paperSheet.findUnique({ where: { eventId_blindCodeId_judgeId: { eventId: event.id, blindCodeId: code.id, judgeId: input.judgeId } } });
    let outcome;
    try {
      outcome = enterPaperSheet(
        existing ? {
          status: existing.status as "awaiting_second" | "mismatch" | "applied",
          firstValues: parseValues(existing.firstValues), firstEntryById: existing.firstEntryById,
          secondValues: existing.secondValues ? parseValues(existing.secondValues) : null, secondEntryById: existing.secondEntryById,
        } : null,
        user.id,
        values,
      );
    } catch (error) {
      if (error instanceof DoubleEntryError) throw conflict(error.message, error.code);
      throw error;
    }
    const judgeLabel = input.judgeLabel?.trim() || existing?.judgeLabel || defaultLabel;
    const data = {
      judgeLabel,
      firstValues: JSON.stringify(outcome.firstValues), firstEntryById: outcome.firstEntryById,
      secondValues: outcome.secondValues ? JSON.stringify(outcome.secondValues) : null, secondEntryById: outcome.secondEntryById,
      status: outcome.status, differences: JSON.stringify(outcome.differences),
    };
    const sheet = existing
      ? await tx.paperSheet.update({ where: { id: existing.id }, data })
      : await tx.paperSheet.create({ data: { eventId: event.id, blindCodeId: code.id, judgeId: input.judgeId, ...data } });
    let applied = 0;
    if (outcome.status === "applied") {
      const current = await tx.scoreSheet.findUnique({ where: { eventId_judgeId_blindCodeId: { eventId: event.id, judgeId: input.judgeId, blindCodeId: code.id } }, select: { id: true, status: true } });
      if (current?.status === "locked") throw lockedOut();
      const now = new Date();
      const scoreSheet = current
        ? await tx.scoreSheet.update({ where: { id: current.id }, data: { status: "submitted", submittedAt: now } })
        : await tx.scoreSheet.create({ data: { eventId: event.id, judgeId: input.judgeId, blindCodeId: code.id, status: "submitted", submittedAt: now, signatureName: judgeLabel } });
      for (const [aspectId, value] of Object.entries(outcome.firstValues)) {
        const before = await tx.mark.findUnique({ where: { sheetId_aspectId: { sheetId: scoreSheet.id, aspectId } }, select: { id: true, value: true, version: true } });
        if (before && before.value === value) continue;
        // the version read under the sheet's lock, plus one: exact, as a tablet's change is
        const mark = before
          ? await tx.mark.update({ where: { id: before.id }, data: { value, version: before.version + 1 }, select: { id: true, version: true } })
          : await tx.mark.create({ data: { sheetId: scoreSheet.id, eventId: event.id, blindCodeId: code.id, judgeId: input.judgeId, aspectId, value, enteredAt: now }, select: { id: true, version: true } });
        await tx.markChange.create({ data: { markId: mark.id, before: before?.value ?? null, after: value, kind: "paper", reason: `纸质评分表双人录入 / paper sheet ${sheet.id}`, byId: user.id } });
        // in the marks' own history beside mark.entered / mark.changed, one version each
        await recordEvent(tx, actor, {
          action: "mark.paper-applied", entityType: "Mark", entityId: mark.id, orgId: event.contest.orgId,
          before: before ? { value: before.value, version: before.version } : undefined,
          after: { eventId: event.id, stationCode: code.stationCode, aspectId, judgeId: input.judgeId, value, version: mark.version, paperSheetId: sheet.id },
        });
        applied += 1;
      }
    }
    await recordEvent(tx, actor, {
      action: outcome.status === "applied" ? "paper-sheet.applied" : outcome.status === "mismatch" ? "paper-sheet.mismatch" : "paper-sheet.first-entry",
      entityType: "PaperSheet", entityId: sheet.id, orgId: event.contest.orgId,
      after: { eventId: event.id, stationCode: code.stationCode, judgeId: input.judgeId, status: outcome.status, differences: outcome.differences, appliedMarks: applied },
    });
    return { id: sheet.id, stationCode: code.stationCode, judgeId: input.judgeId, judgeLabel, status: outcome.status, differences: outcome.differences, appliedMarks: applied };
  }, { maxWait: 10_000, timeout: 30_000 });
  await publishChange(event.id, "mark");
  return result;
}

/** Paper sheets of the event, by station code; the two keyings are shown side by side when they differ. */
export async function listPaperSheets(user: SessionUser, eventId: string) {
  const event = await loadReviewEvent(eventId);
  assertAnyEventPermission(user, event, [...PAPER_PERMISSIONS]);
  const { judgedAspects } = schemeOf(event);
  const [sheets, codes, assignments] = await Promise.all([
    db.paperSheet.findMany({ where: { eventId: event.id }, orderBy: { updatedAt: "desc" } }),
    db.blindCode.findMany({ where: { eventId: event.id }, select: { id: true, stationCode: true }, orderBy: { stationCode: "asc" } }),
    db.judgeAssignment.findMany({ where: { eventId: event.id, role: "judge" }, select: { userId: true } }),
  ]);
  const names = await userNames([...sheets.flatMap((s) => [s.judgeId, s.firstEntryById, s.secondEntryById]), ...assignments.map((a) => a.userId)]);
  const station = new Map(codes.map((c) => [c.id, c.stationCode]));
  const show = (aspectId: string, v: number | undefined) => {
    const aspect = judgedAspects.find((a) => a.id === aspectId);
    return v === undefined ? "" : aspect ? displayValue(aspect, v) : String(v);
  };
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name },
    aspects: judgedAspects.map((a) => ({ id: a.id, name: a.name, scale: a.scale })),
    judges: [...new Set(assignments.map((a) => a.userId))].map((id) => ({ id, displayName: names.get(id) ?? id })),
    stationCodes: codes.map((c) => c.stationCode),
    sheets: sheets.map((s) => {
      const first = parseValues(s.firstValues);
      const second = parseValues(s.secondValues);
      const differences = JSON.parse(s.differences) as string[];
      return {
        id: s.id, stationCode: station.get(s.blindCodeId) ?? "", judgeLabel: s.judgeLabel, judgeName: names.get(s.judgeId) ?? s.judgeId, status: s.status,
        firstBy: names.get(s.firstEntryById) ?? s.firstEntryById, secondBy: s.secondEntryById ? names.get(s.secondEntryById) ?? s.secondEntryById : null,
        differences,
        rows: judgedAspects.filter((a) => a.id in first || a.id in second).map((a) => ({ aspectId: a.id, first: show(a.id, first[a.id]), second: show(a.id, second[a.id]), differs: differences.includes(a.id) })),
      };
    }),
  };
}
