import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { badRequest, conflict, notFound } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { displayValue } from "../sheet";
import { drawRecheckSample, MINIMUM_SAMPLE_BP, RecheckRuleError, recheckStatus, RECHECK_ALGORITHM } from "./recheck-sample";
import { computeScores, loadEventMarks } from "./console.server";
import { assertEventPermission, fullySignedOff, loadReviewEvent, schemeOf, signOffsOf, userNames } from "./review-event.server";

// 复核 (rule S-40) by the supervision group after the chief judge's sign-off: every
// top-N entrant and a random ≥15 % of the others, drawn by the system with a recorded
// seed; each item is checked and its wrong marks counted (the chief judge corrects
// them, kind "recheck"); above 5 % wrong, every other entrant is added ("full") and
// must be checked before decryption (rule S-34) and publication.

export type RecheckDrawInput = { topN: number; samplePercent?: number };

export async function drawRecheck(user: SessionUser, eventId: string, input: RecheckDrawInput, actor: Actor) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:supervise");
  const signOffs = await signOffsOf(event.id);
  if (!fullySignedOff(signOffs, event.sessions.map((s) => s.id))) {
    throw conflict("裁判长签字锁定全部场次后才能复核 / re-check starts after the chief judge has signed off every session (rule S-40)", "not_signed_off");
  }
  if (await db.recheck.count({ where: { eventId: event.id } })) {
    throw conflict("本赛项已抽取复核名单，不能重抽 / the re-check list has been drawn and cannot be redrawn", "already_drawn");
  }
  const schemeInfo = schemeOf(event);
  const data = await loadEventMarks(event);
  const scores = computeScores(schemeInfo, data);
  const rank = new Map(scores.ranking.entries.map((e) => [e.entrantId, e.rank]));
  const sampleBp = Math.round((input.samplePercent ?? MINIMUM_SAMPLE_BP / 100) * 100);
  const seed = crypto.randomBytes(16).toString("hex");
  let draw;
  try {
    draw = drawRecheckSample(data.codes.map((c) => ({ blindCodeId: c.id, rank: rank.get(c.id) ?? null })), { topN: input.topN, sampleBp, seed });
  } catch (error) {
    if (error instanceof RecheckRuleError) throw badRequest(error.message, [{ path: "samplePercent", message: error.message }]);
    throw error;
  }
  return db.$transaction(async (tx) => {
    const recheck = await tx.recheck.create({
      data: { eventId: event.id, seed, topN: input.topN, sampleBp, drawnById: user.id, items: { create: draw.items.map((i) => ({ blindCodeId: i.blindCodeId, reason: i.reason })) } },
    });
    await recordEvent(tx, actor, {
      action: "recheck.drawn", entityType: "Recheck", entityId: recheck.id, orgId: event.contest.orgId,
      after: { eventId: event.id, seed, algorithm: RECHECK_ALGORITHM, topN: input.topN, sampleBp, top: draw.topCount, sample: draw.sampleCount, others: draw.othersCount },
    });
    return { id: recheck.id, seed, algorithm: RECHECK_ALGORITHM, topN: input.topN, sampleBp, topCount: draw.topCount, sampleCount: draw.sampleCount, othersCount: draw.othersCount, status: recheck.status };
  });
}

async function loadRecheck(recheckId: string) {
  const recheck = await db.recheck.findUnique({ where: { id: recheckId }, include: { items: true } });
  if (!recheck) throw notFound("找不到该复核 / re-check not found");
  return recheck;
}

export type RecheckItemInput = { wrongMarks: number; note?: string };

/** The supervisor records one entrant as checked, with the number of wrong marks found. */
export async function checkRecheckItem(user: SessionUser, recheckId: string, itemId: string, input: RecheckItemInput, actor: Actor) {
  const recheck = await loadRecheck(recheckId);
  const event = await loadReviewEvent(recheck.eventId);
  assertEventPermission(user, event, "judging:supervise");
  const item = recheck.items.find((i) => i.id === itemId);
  if (!item) throw notFound("复核名单中没有该项 / no such item in the re-check");
  if (item.checkedAt) throw conflict("该项已复核 / this item has already been checked", "already_checked");
  const markCounts = new Map(
    (await db.mark.groupBy({ by: ["blindCodeId"], where: { eventId: event.id }, _count: { _all: true } })).map((g) => [g.blindCodeId, g._count._all]),
  );
  const marksOfItem = markCounts.get(item.blindCodeId) ?? 0;
  if (input.wrongMarks > marksOfItem) {
    throw badRequest(`错误分数不能多于该选手的分数条数（${marksOfItem}）/ more wrong marks than marks`, [{ path: "wrongMarks", message: `最多 ${marksOfItem} / at most ${marksOfItem}` }]);
  }
  return db.$transaction(async (tx) => {
    await tx.recheckItem.update({ where: { id: item.id }, data: { checkedById: user.id, checkedAt: new Date(), wrongMarks: input.wrongMarks } });
    let items = await tx.recheckItem.findMany({ where: { recheckId: recheck.id } });
    let outcome = recheckStatus(items.map((i) => ({ reason: i.reason, checked: !!i.checkedAt, marks: markCounts.get(i.blindCodeId) ?? 0, wrongMarks: i.wrongMarks })));
    if (outcome.status === "full_required" && !items.some((i) => i.reason === "full")) {
      // rule S-40: above 5 % wrong, every other entrant is re-checked too
      const listed = new Set(items.map((i) => i.blindCodeId));
      const others = (await tx.blindCode.findMany({ where: { eventId: event.id }, select: { id: true } })).filter((c) => !listed.has(c.id));
      for (const c of others) await tx.recheckItem.create({ data: { recheckId: recheck.id, blindCodeId: c.id, reason: "full" } });
      items = await tx.recheckItem.findMany({ where: { recheckId: recheck.id } });
      outcome = recheckStatus(items.map((i) => ({ reason: i.reason, checked: !!i.checkedAt, marks: markCounts.get(i.blindCodeId) ?? 0, wrongMarks: i.wrongMarks })));
      if (others.length === 0) outcome = { ...outcome, status: "completed" };
    }
    const updated = await tx.recheck.update({ where: { id: recheck.id }, data: { status: outcome.status, checkedMarks: outcome.checkedMarks, wrongMarks: outcome.wrongMarks } });
    await recordEvent(tx, actor, {
      action: "recheck.item-checked", entityType: "RecheckItem", entityId: item.id, orgId: event.contest.orgId,
      after: { recheckId: recheck.id, wrongMarks: input.wrongMarks, note: input.note ?? null, status: updated.status, checkedMarks: updated.checkedMarks, totalWrong: updated.wrongMarks },
    });
    return { id: recheck.id, itemId: item.id, status: updated.status, checkedMarks: updated.checkedMarks, wrongMarks: updated.wrongMarks };
  });
}

/** The supervisor's page: the event's re-check (if drawn), its items by station code with their marks. */
export async function loadRecheckPage(user: SessionUser, eventId: string) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:supervise");
  const signOffs = await signOffsOf(event.id);
  const recheck = await db.recheck.findFirst({ where: { eventId: event.id }, include: { items: true }, orderBy: { drawnAt: "desc" } });
  const { aspects } = schemeOf(event);
  const codes = await db.blindCode.findMany({ where: { eventId: event.id }, select: { id: true, stationCode: true } });
  const station = new Map(codes.map((c) => [c.id, c.stationCode]));
  const marks = recheck
    ? await db.mark.findMany({ where: { eventId: event.id, blindCodeId: { in: recheck.items.map((i) => i.blindCodeId) } }, select: { id: true, blindCodeId: true, aspectId: true, judgeId: true, value: true } })
    : [];
  const names = await userNames([...marks.map((m) => m.judgeId), ...(recheck?.items.map((i) => i.checkedById) ?? []), recheck?.drawnById]);
  const order = { top: 0, sample: 1, full: 2 } as Record<string, number>;
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name },
    signedOff: fullySignedOff(signOffs, event.sessions.map((s) => s.id)),
    entrants: codes.length,
    recheck: recheck && {
      id: recheck.id, seed: recheck.seed, algorithm: RECHECK_ALGORITHM, topN: recheck.topN, samplePercent: recheck.sampleBp / 100,
      drawnBy: recheck.drawnById ? names.get(recheck.drawnById) ?? null : null, drawnAt: recheck.drawnAt.toISOString(),
      status: recheck.status, checkedMarks: recheck.checkedMarks, wrongMarks: recheck.wrongMarks,
      items: recheck.items
        .map((i) => ({
          id: i.id, reason: i.reason, stationCode: station.get(i.blindCodeId) ?? "", checked: !!i.checkedAt, wrongMarks: i.wrongMarks,
          checkedBy: i.checkedById ? names.get(i.checkedById) ?? null : null,
          marks: marks.filter((m) => m.blindCodeId === i.blindCodeId).map((m) => {
            const aspect = aspects.find((a) => a.id === m.aspectId);
            return { id: m.id, aspectId: m.aspectId, judgeName: names.get(m.judgeId) ?? m.judgeId, valueText: aspect ? displayValue(aspect, m.value) : String(m.value) };
          }),
        }))
        .sort((a, b) => order[a.reason] - order[b.reason] || a.stationCode.localeCompare(b.stationCode)),
    },
  };
}
