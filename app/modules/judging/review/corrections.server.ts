import { db } from "~/utils/db.server";
import { publishChange } from "~/modules/results/live.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { checkMarkInput, displayValue } from "../sheet";
import { assertAnyEventPermission, assertEventPermission, isLocked, loadReviewEvent, schemeOf, signOffsOf, userNames } from "./review-event.server";

// 更正 (corrections) after sign-off, rules S-24 and S-40–S-42: only the chief judge,
// always with a reason; the mark keeps its history (MarkChange: who, when, before →
// after, why; the first change's `before` is the original value) and an event is
// written in the same transaction.
//
//   kind correction  the chief judge's own correction after sign-off (S-24)
//   kind recheck     an error the supervision group found in the re-check (S-40)
//   kind appeal      a mark reopened by an upheld appeal (S-42), exactly those marks

export type CorrectionKind = "correction" | "recheck" | "appeal";
export type CorrectionInput = { value: string; reason: string; kind?: CorrectionKind; appealId?: string };

type Reopened = { blindCodeId: string; aspectId: string; judgeId: string };

export function readReopened(json: string): Reopened[] {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? (list as Reopened[]).filter((r) => r && typeof r.aspectId === "string") : [];
  } catch {
    return [];
  }
}

async function loadMark(markId: string) {
  const mark = await db.mark.findUnique({ where: { id: markId }, include: { sheet: { select: { status: true } } } });
  if (!mark) throw notFound("找不到该分数 / mark not found");
  return mark;
}

export async function correctMark(user: SessionUser, markId: string, input: CorrectionInput, actor: Actor) {
  const mark = await loadMark(markId);
  const event = await loadReviewEvent(mark.eventId);
  assertEventPermission(user, event, "judging:chief");
  const kind = input.kind ?? "correction";
  const reason = input.reason.trim();
  if (reason.length < 2) {
    throw badRequest("更正必须填写原因 / a correction needs a reason", [{ path: "reason", message: "更正必须填写原因 / a correction needs a reason" }]);
  }
  const code = await db.blindCode.findUniqueOrThrow({ where: { id: mark.blindCodeId }, select: { sessionId: true, stationCode: true } });
  const signOffs = await signOffsOf(event.id);
  if (!isLocked(signOffs, code.sessionId)) {
    throw conflict("尚未签字锁定：签字前请要求裁判重评 / not signed off yet: ask the judge to re-mark instead", "not_signed_off");
  }
  let appealId: string | null = null;
  if (kind === "appeal") {
    const appeals = await db.appeal.findMany({ where: { eventId: event.id, status: "upheld", ...(input.appealId ? { id: input.appealId } : {}) } });
    const appeal = appeals.find((a) => readReopened(a.reopened).some((r) => r.blindCodeId === mark.blindCodeId && r.aspectId === mark.aspectId && r.judgeId === mark.judgeId));
    if (!appeal) throw forbidden("该分数未因申诉而重开 / this mark was not reopened by an upheld appeal (rule S-42)");
    const already = await db.markChange.count({ where: { markId: mark.id, kind: "appeal", at: { gte: appeal.ruledAt ?? appeal.filedAt } } });
    if (already) throw conflict("该申诉重开的分数已更正 / this reopened mark has already been corrected", "already_corrected");
    appealId = appeal.id;
  }
  if (kind === "recheck") {
    const inRecheck = await db.recheckItem.count({ where: { blindCodeId: mark.blindCodeId, recheck: { eventId: event.id } } });
    if (!inRecheck) throw conflict("该选手不在复核名单中 / this entrant is not in the re-check (rule S-40)", "not_rechecked");
  }
  const aspect = schemeOf(event).aspects.find((a) => a.id === mark.aspectId);
  if (!aspect) throw conflict("评分标准已无该评分点 / the aspect is no longer in the scheme", "aspect_missing");
  const checked = checkMarkInput(aspect, input.value, "value");
  if (!checked.ok) throw badRequest(checked.message, [{ path: "value", message: checked.message }]);
  if (checked.value === mark.value) {
    throw badRequest("新分数与原分数相同 / the new value equals the current one", [{ path: "value", message: "新分数与原分数相同 / unchanged" }]);
  }
  const result = await db.$transaction(async (tx) => {
    const updated = await tx.mark.update({ where: { id: mark.id }, data: { value: checked.value, version: { increment: 1 } } });
    const change = await tx.markChange.create({ data: { markId: mark.id, before: mark.value, after: checked.value, kind, reason, byId: user.id } });
    await recordEvent(tx, actor, {
      action: `mark.${kind === "correction" ? "corrected" : kind === "recheck" ? "corrected-recheck" : "corrected-appeal"}`,
      entityType: "Mark", entityId: mark.id, orgId: event.contest.orgId,
      before: { value: mark.value, version: mark.version },
      after: { value: updated.value, version: updated.version, kind, reason, stationCode: code.stationCode, aspectId: mark.aspectId, judgeId: mark.judgeId, appealId },
    });
    return {
      markId: mark.id, kind, before: mark.value, after: updated.value,
      beforeText: displayValue(aspect, mark.value), afterText: displayValue(aspect, updated.value),
      version: updated.version, reason, changeId: change.id, at: change.at.toISOString(),
    };
  });
  // Live boards follow at once, in every process (app/modules/results/live.server.ts).
  await publishChange(event.id, "mark");
  return result;
}

/** A mark's history: the original value and every change (who, when, before → after, why). */
export async function markHistory(user: SessionUser, markId: string) {
  const mark = await loadMark(markId);
  const event = await loadReviewEvent(mark.eventId);
  // the chief judge and the supervision group review marks; a judge may read the history of their own
  if (!(mark.judgeId === user.id && hasPermission(user, "judging:score", event.contest.org.path))) {
    assertAnyEventPermission(user, event, ["judging:chief", "judging:supervise"]);
  }
  const aspect = schemeOf(event).aspects.find((a) => a.id === mark.aspectId);
  const show = (v: number | null) => (v === null ? null : aspect ? displayValue(aspect, v) : String(v));
  const [changes, code] = await Promise.all([
    db.markChange.findMany({ where: { markId }, orderBy: { at: "asc" } }),
    db.blindCode.findUniqueOrThrow({ where: { id: mark.blindCodeId }, select: { stationCode: true } }),
  ]);
  const names = await userNames([mark.judgeId, ...changes.map((c) => c.byId)]);
  const original = changes.length ? changes[0].before : mark.value;
  return {
    mark: {
      id: mark.id, eventId: mark.eventId, stationCode: code.stationCode, aspectId: mark.aspectId, aspectName: aspect?.name ?? mark.aspectId,
      judgeId: mark.judgeId, judgeName: names.get(mark.judgeId) ?? mark.judgeId,
      value: mark.value, valueText: show(mark.value), original, originalText: show(original), version: mark.version,
      enteredAt: mark.enteredAt.toISOString(), sheetStatus: mark.sheet.status,
    },
    changes: changes.map((c) => ({
      id: c.id, kind: c.kind, before: c.before, after: c.after, beforeText: show(c.before), afterText: show(c.after),
      reason: c.reason, byId: c.byId, byName: c.byId ? names.get(c.byId) ?? c.byId : null, at: c.at.toISOString(),
    })),
  };
}

export type MarkHistory = Awaited<ReturnType<typeof markHistory>>;
