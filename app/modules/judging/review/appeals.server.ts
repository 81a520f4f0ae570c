import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { displayValue } from "../sheet";
import { checkAppealWindow, appealDeadline } from "./appeal-window";
import { readReopened } from "./corrections.server";
import { assertEventPermission, identityVisibleTo, loadReviewEvent, schemeOf, userNames } from "./review-event.server";

// 申诉 (rule S-42): a written appeal by the entrant (the account linked to the
// registration's member) or the team leader (the unit's contact, who names the
// entrant by admission number), within the window after the event ends (server
// time). The 监督仲裁组 (judging:supervise) rules once — upheld or rejected, with a
// reason — and the ruling is final. An upheld appeal reopens the named marks; the chief
// judge then corrects exactly those (MarkChange kind "appeal").

export type FileAppealInput = { text: string; admissionNo?: string };

export async function fileAppeal(user: SessionUser, eventId: string, input: FileAppealInput, actor: Actor, now = new Date()) {
  const event = await loadReviewEvent(eventId);
  let registration: { id: string; unit: { path: string } } | null;
  let filedAs: "entrant" | "leader";
  if (input.admissionNo?.trim()) {
    registration = await db.registration.findFirst({ where: { eventId: event.id, admissionNo: input.admissionNo.trim() }, select: { id: true, unit: { select: { path: true } } } });
    // 领队: the entrant's unit contact (registration:unit over the entrant's unit)
    if (!registration || !hasPermission(user, "registration:unit", registration.unit.path)) {
      throw forbidden("只有选手本人或其单位领队可以提出申诉 / only the entrant or their team leader may appeal (rule S-42)");
    }
    filedAs = "leader";
  } else {
    registration = user.memberId
      ? await db.registration.findFirst({ where: { eventId: event.id, memberId: user.memberId, status: { not: "withdrawn" } }, select: { id: true, unit: { select: { path: true } } } })
      : null;
    if (!registration) throw forbidden("您不是本赛项的选手；领队请填写选手的准考证号 / you are not an entrant of this event; a team leader gives the admission number");
    filedAs = "entrant";
  }
  const window = checkAppealWindow(now, event.contestEndsAt, event.appealWindowMinutes);
  if (!window.open) throw conflict(window.message, "appeal_window_closed");
  const text = input.text.trim();
  if (text.length < 5) throw badRequest("请写明申诉事由 / write the grounds of the appeal", [{ path: "text", message: "请写明申诉事由 / write the grounds" }]);
  return db.$transaction(async (tx) => {
    const appeal = await tx.appeal.create({ data: { eventId: event.id, registrationId: registration.id, filedById: user.id, filedAs, text, filedAt: now } });
    await recordEvent(tx, actor, {
      action: "appeal.filed", entityType: "Appeal", entityId: appeal.id, orgId: event.contest.orgId,
      after: { eventId: event.id, filedAs, text },
    });
    return { id: appeal.id, eventId: event.id, filedAs, status: appeal.status, filedAt: appeal.filedAt.toISOString(), deadline: window.deadline?.toISOString() ?? null };
  });
}

export type RulingInput = { decision: "upheld" | "rejected"; ruling: string; reopen?: { aspectId: string; judgeId: string }[] };

export async function ruleAppeal(user: SessionUser, appealId: string, input: RulingInput, actor: Actor) {
  const appeal = await db.appeal.findUnique({ where: { id: appealId } });
  if (!appeal) throw notFound("找不到该申诉 / appeal not found");
  const event = await loadReviewEvent(appeal.eventId);
  assertEventPermission(user, event, "judging:supervise");
  if (appeal.status !== "pending") throw conflict("该申诉已裁决，裁决为最终决定 / this appeal has been ruled; the ruling is final (rule S-42)", "ruling_final");
  const ruling = input.ruling.trim();
  if (ruling.length < 2) throw badRequest("裁决须写明理由 / a ruling needs its reason", [{ path: "ruling", message: "裁决须写明理由 / a ruling needs its reason" }]);
  const code = await db.blindCode.findUnique({ where: { registrationId: appeal.registrationId }, select: { id: true } });
  let reopened: { blindCodeId: string; aspectId: string; judgeId: string }[] = [];
  if (input.decision === "upheld") {
    const wanted = input.reopen ?? [];
    if (!code || wanted.length === 0) {
      throw badRequest("维持申诉须指明重开的分数 / an upheld appeal names the marks it reopens", [{ path: "reopen", message: "请选择要重开的分数 / choose the marks to reopen" }]);
    }
    const marks = await db.mark.findMany({ where: { eventId: event.id, blindCodeId: code.id }, select: { aspectId: true, judgeId: true } });
    for (const r of wanted) {
      if (!marks.some((m) => m.aspectId === r.aspectId && m.judgeId === r.judgeId)) {
        throw badRequest(`该选手没有此分数：${r.aspectId} / no such mark of this entrant`, [{ path: "reopen", message: `没有此分数 ${r.aspectId} / no such mark` }]);
      }
    }
    reopened = wanted.map((r) => ({ blindCodeId: code.id, aspectId: r.aspectId, judgeId: r.judgeId }));
  }
  return db.$transaction(async (tx) => {
    // the status condition makes a concurrent second ruling fail instead of overwriting the first
    const updated = await tx.appeal.updateMany({
      where: { id: appeal.id, status: "pending" },
      data: { status: input.decision, ruling, ruledById: user.id, ruledAt: new Date(), reopened: JSON.stringify(reopened) },
    });
    if (updated.count !== 1) throw conflict("该申诉已裁决，裁决为最终决定 / this appeal has been ruled; the ruling is final (rule S-42)", "ruling_final");
    await recordEvent(tx, actor, {
      action: `appeal.${input.decision}`, entityType: "Appeal", entityId: appeal.id, orgId: event.contest.orgId,
      before: { status: "pending" }, after: { status: input.decision, ruling, reopened },
    });
    return { id: appeal.id, status: input.decision, ruling, reopened };
  });
}

/** The supervision group's list. Entrants by station code until decryption (rule S-34); who filed is never shown by name before it. */
export async function listAppeals(user: SessionUser, eventId: string) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:supervise");
  const visible = identityVisibleTo(user, event);
  const { aspects } = schemeOf(event);
  const appeals = await db.appeal.findMany({ where: { eventId: event.id }, orderBy: { filedAt: "asc" } });
  const codes = await db.blindCode.findMany({ where: { registrationId: { in: appeals.map((a) => a.registrationId) } }, select: { id: true, registrationId: true, stationCode: true } });
  const codeOf = new Map(codes.map((c) => [c.registrationId, c]));
  const marks = await db.mark.findMany({ where: { eventId: event.id, blindCodeId: { in: codes.map((c) => c.id) } }, select: { id: true, blindCodeId: true, aspectId: true, judgeId: true, value: true } });
  const names = await userNames([...marks.map((m) => m.judgeId), ...appeals.map((a) => a.ruledById), ...(visible ? appeals.map((a) => a.filedById) : [])]);
  const regs = visible
    ? await db.registration.findMany({ where: { id: { in: appeals.map((a) => a.registrationId) } }, select: { id: true, member: { select: { name: true } }, unit: { select: { name: true } } } })
    : [];
  const regOf = new Map(regs.map((r) => [r.id, r]));
  const deadline = appealDeadline(event.contestEndsAt, event.appealWindowMinutes);
  const changes = await db.markChange.findMany({ where: { kind: "appeal", markId: { in: marks.map((m) => m.id) } }, select: { markId: true } });
  const corrected = new Set(changes.map((c) => c.markId));
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name, deadline: deadline?.toISOString() ?? null, identityVisible: visible },
    appeals: appeals.map((a) => {
      const code = codeOf.get(a.registrationId);
      const reopened = readReopened(a.reopened);
      return {
        id: a.id, stationCode: code?.stationCode ?? null, filedAs: a.filedAs, text: a.text, filedAt: a.filedAt.toISOString(), status: a.status,
        ruling: a.ruling, ruledBy: a.ruledById ? names.get(a.ruledById) ?? null : null, ruledAt: a.ruledAt?.toISOString() ?? null,
        entrantName: visible ? regOf.get(a.registrationId)?.member.name ?? null : null,
        unitName: visible ? regOf.get(a.registrationId)?.unit.name ?? null : null,
        filedBy: visible ? names.get(a.filedById) ?? null : null,
        marks: marks.filter((m) => m.blindCodeId === code?.id).map((m) => {
          const aspect = aspects.find((x) => x.id === m.aspectId);
          return {
            id: m.id, aspectId: m.aspectId, judgeId: m.judgeId, judgeName: names.get(m.judgeId) ?? m.judgeId, valueText: aspect ? displayValue(aspect, m.value) : String(m.value),
            reopened: reopened.some((r) => r.aspectId === m.aspectId && r.judgeId === m.judgeId), corrected: corrected.has(m.id),
          };
        }),
      };
    }),
  };
}

/** The filing page: the window, and whether the user is an entrant of the event or may act as a team leader. */
export async function loadAppealForm(user: SessionUser, eventId: string, now = new Date()) {
  const event = await loadReviewEvent(eventId);
  const ownRegistration = user.memberId
    ? await db.registration.count({ where: { eventId: event.id, memberId: user.memberId, status: { not: "withdrawn" } } })
    : 0;
  const canLead = hasPermission(user, "registration:unit");
  if (!ownRegistration && !canLead) throw forbidden("您不是本赛项的选手或领队 / you are not an entrant or team leader of this event");
  const window = checkAppealWindow(now, event.contestEndsAt, event.appealWindowMinutes);
  const mine = await db.appeal.findMany({ where: { eventId: event.id, filedById: user.id }, orderBy: { filedAt: "desc" }, select: { id: true, status: true, ruling: true, filedAt: true, text: true } });
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name },
    isEntrant: ownRegistration > 0,
    canLead,
    open: window.open,
    deadline: window.deadline?.toISOString() ?? null,
    closedMessage: window.open ? null : window.message,
    mine: mine.map((a) => ({ ...a, filedAt: a.filedAt.toISOString() })),
  };
}
