import { db, type Tx } from "~/utils/db.server";
import { verifyPassword, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, forbidden, type FieldIssue } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { resolveRemarkRequests } from "./review/console.server";
import { checkMarkInput, displayValue, type SheetAspect } from "./sheet";
import { enqueueMark, lockSheetsForWriting, replayOutcome, type PendingMark } from "./mark-writer.server";
import { asStorageError, StorageUnavailableError } from "~/utils/db-faults.server";
import { staleOver, typedByOtherJudge, type CurrentMark } from "./device-checks";
import {
  aspectsFor, assignmentFor, loadEventMarking, loadJudgeOnEvent, recusedFrom, refreshEventMarking,
  type EventCode, type EventMarking, type JudgeOnEvent,
} from "./judge-context.server";

// Marks as judges enter them (tablet page and API). Every mark carries an idempotency
// key made on the device when the judge typed it: the first request with a key writes
// the mark, its MarkSubmission(key) and the event in ONE transaction; any replay of the
// key answers the stored response and writes nothing. So a tablet that lost its network
// mid-request can resend until it hears back, and no mark is lost or doubled.
//
// A judge sees only their own marks, never another judge's (rule S-21 blind scoring;
// the chief judge's console is the only place marks of several judges meet).

export type MarkInput = {
  blindCodeId: string;
  aspectId: string;
  value: string | number;
  idempotencyKey: string;
  /** the judge who typed it on the device (issue 11): refused when not the session's judge */
  typedBy?: string;
  /** the mark's version it was typed over, 0 for none (issue 11): refused when the mark has moved on */
  baseVersion?: number;
};

export type SavedMark = {
  key: string;
  status: "saved";
  markId: string;
  sheetId: string;
  blindCodeId: string;
  stationCode: string;
  aspectId: string;
  /** hundredths */
  value: number;
  valueText: string;
  version: number;
  savedAt: string;
  /** true when this request was a replay of an earlier one with the same key */
  replayed: boolean;
};

export type MarkOutcome =
  | SavedMark
  | { key: string; status: "rejected"; error: { status: number; code: string; message: string; issues: FieldIssue[]; stored?: SavedMark; current?: { value: number; valueText: string; version: number } } };

export const LOCKED_MESSAGE = "本表已被裁判长锁定，未发送的分数已保留，请联系裁判长 / this sheet was locked by the chief judge: unsent marks are kept, contact the chief judge";

export const sheetLocked = () => new AppError(409, "sheet_locked", LOCKED_MESSAGE);
const sheetSubmitted = () =>
  new AppError(409, "sheet_submitted", "本表已提交签字，不能再改分；如需更改请联系裁判长 / this sheet was submitted and signed: ask the chief judge to change a mark");

/** Is marking of this entrant stopped by a sign-off of the event or of the entrant's session? */
async function isSignedOff(tx: Tx | typeof db, eventId: string, sessionId: string | null) {
  const row = await tx.signOff.findFirst({
    where: { eventId, OR: [{ sessionId: null }, ...(sessionId ? [{ sessionId }] : [])] },
    select: { id: true },
  });
  return row !== null;
}

function codeOf(event: EventMarking, blindCodeId: string, path = "blindCodeId"): EventCode {
  const code = event.codes.get(blindCodeId);
  if (!code) throw new AppError(404, "not_found", "本赛项没有该工位号 / no such entrant code in this event", [{ path, message: "本赛项没有该工位号 / no such entrant code" }]);
  return code;
}

/** 403 unless the judge is assigned to this entrant (session) and aspect, and not recused (S-30, S-31). */
function assertMayMark(event: EventMarking, judge: JudgeOnEvent, code: EventCode, aspectId: string | null) {
  if (judge.assignments.length === 0) throw forbidden("您未被分配到本赛项执裁 / you are not assigned to judge this event");
  if (!assignmentFor(judge, code, aspectId)) {
    throw new AppError(403, "not_assigned", "您未被分配评判该场次或该评分点 / you are not assigned to this session or aspect");
  }
  if (recusedFrom(judge, code)) {
    throw new AppError(403, "recused", "按回避规定，您不能评判该选手（S-30、S-31）/ recusal rules forbid you to mark this entrant (S-30, S-31)");
  }
}

function aspectOf(event: EventMarking, aspectId: string): SheetAspect {
  const aspect = event.aspectById.get(aspectId);
  if (!aspect) throw badRequest("评分标准中没有该评分点 / no such aspect", [{ path: "aspectId", message: "评分标准中没有该评分点 / no such aspect in the marking scheme" }], "unknown_aspect");
  return aspect;
}

/** Issue 11: a queued mark typed by another judge than the session's (a shared tablet). Kept on the device. */
const judgeMismatch = () =>
  new AppError(409, "judge_mismatch", "该分数由另一位裁判录入，不能以您的身份发送；它保留在本设备上，待该裁判登录后发送 / this mark was typed by another judge: it is not sent as yours and stays on this device until that judge signs in");

/** Issue 11: the entry was typed over an older version of the mark; the newer value stays until the judge chooses. */
export const markConflict = (aspect: SheetAspect, current: CurrentMark) => {
  const valueText = displayValue(aspect, current.value);
  return new AppError(409, "mark_conflict", `该分数已在别处改为 ${valueText}（较新），您的录入未覆盖它；请选择保留哪一个 / this mark was changed elsewhere to ${valueText} (newer): your entry did not overwrite it, choose which to keep`, [], {
    current: { value: current.value, valueText, version: current.version },
  });
};

/**
 * Refuses (409 judge_mismatch, logged for the chief judge's console) a mark the device
 * says another judge typed. Before anything else: the session's judge must not even
 * learn whether that key was stored.
 */
async function assertTypedBySessionJudge(event: EventMarking, code: EventCode, aspect: SheetAspect, input: MarkInput, sessionJudgeId: string, actor: Actor) {
  const typedBy = typedByOtherJudge(input.typedBy, sessionJudgeId);
  if (!typedBy) return;
  const checked = checkMarkInput(aspect, input.value, "value");
  await recordEvent(db, actor, {
    action: "mark.rejected-judge", entityType: "ScoreSheet", entityId: null, orgId: event.orgId,
    after: { eventId: event.id, blindCodeId: code.id, stationCode: code.stationCode, aspectId: aspect.id, value: checked.ok ? checked.value : null, key: input.idempotencyKey, typedBy, judgeId: sessionJudgeId },
  });
  throw judgeMismatch();
}

/** Logs a stale entry for the chief judge's console (issue 11); nothing else changes. */
async function recordMarkConflict(event: EventMarking, code: EventCode, aspect: SheetAspect, judgeId: string, value: number, key: string, current: CurrentMark, actor: Actor) {
  await recordEvent(db, actor, {
    action: "mark.conflict", entityType: "ScoreSheet", entityId: null, orgId: event.orgId,
    after: { eventId: event.id, blindCodeId: code.id, stationCode: code.stationCode, aspectId: aspect.id, judgeId, value, key, current },
  });
}

const keyReused = () =>
  new AppError(409, "idempotency_key_reused", "该幂等键已被使用 / this idempotency key was already used", [{ path: "idempotencyKey", message: "该幂等键已被使用 / key already used" }]);

/** The judge's own key, used before for another entrant, aspect or value: 409 with the stored mark (issue 11, item 6). */
const keyConflict = (stored: SavedMark) =>
  Object.assign(
    new AppError(409, "idempotency_key_conflict", `该幂等键已用于另一次录入（${stored.stationCode} 的 ${stored.valueText} 分），本次未保存 / this idempotency key was already used for another mark (${stored.stationCode}: ${stored.valueText}): nothing was saved`, [
      { path: "idempotencyKey", message: "该幂等键已用于另一次录入 / key already used for another mark" },
    ]),
    { details: { stored } },
  );

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

function answerReplay(previous: { judgeId: string; response: string }, mark: PendingMark): SavedMark {
  const outcome = replayOutcome(previous, mark, writerHooks);
  if ("error" in outcome) throw outcome.error;
  return outcome.replay;
}

/**
 * Enters (or, on an open sheet, changes) one mark. Checks, in order: the key (a replay
 * answers the stored response), the entrant and aspect, the judge's assignment and
 * recusal, the value (scoring engine), the sign-off lock and the sheet's status; then
 * writes the mark, the key and the event together.
 */
export async function submitMark(user: Pick<SessionUser, "id">, eventId: string, input: MarkInput, actor: Actor): Promise<SavedMark> {
  const [event, judge] = await Promise.all([loadEventMarking(eventId), loadJudgeOnEvent(user.id, eventId)]);
  const code = codeOf(event, input.blindCodeId);
  const aspect = aspectOf(event, input.aspectId);
  await assertTypedBySessionJudge(event, code, aspect, input, user.id, actor);
  assertMayMark(event, judge, code, aspect.id);
  const checked = checkMarkInput(aspect, input.value, "value");
  if (!checked.ok) throw badRequest(checked.message, [{ path: "value", message: checked.message }], "invalid_mark");
  return enqueueMark({ event, code, aspect, judgeId: user.id, value: checked.value, key: input.idempotencyKey, baseVersion: input.baseVersion, actor }, writerHooks);
}

const writerHooks = { writeAlone: writeMarkAlone, locked: sheetLocked, keyReused: () => keyReused(), keyConflict, conflict: markConflict };

/** One mark in its own transaction: what the group writer does for each mark, plus the re-mark path. */
async function writeMarkAlone(pending: PendingMark): Promise<SavedMark> {
  const { event, code, aspect, judgeId, value, key, baseVersion, actor } = pending;
  const user = { id: judgeId };
  try {
    const outcome = await db.$transaction(async (tx) => {
      // One writer per sheet at a time, across processes: sheet creation and version numbers stay exact (issue 11, item 5).
      await lockSheetsForWriting(tx, [[event.id, judgeId, code.id]]);
      const replay = await tx.markSubmission.findUnique({ where: { key }, select: { judgeId: true, response: true } });
      if (replay) return { replay };
      if (await isSignedOff(tx, event.id, code.sessionId)) return { locked: true as const };
      let sheet = await tx.scoreSheet.findUnique({
        where: { eventId_judgeId_blindCodeId: { eventId: event.id, judgeId: user.id, blindCodeId: code.id } },
        select: { id: true, status: true },
      });
      if (sheet?.status === "locked") return { locked: true as const };
      sheet ??= await tx.scoreSheet.create({ data: { eventId: event.id, judgeId: user.id, blindCodeId: code.id }, select: { id: true, status: true } });
      const existing = await tx.mark.findUnique({ where: { sheetId_aspectId: { sheetId: sheet.id, aspectId: aspect.id } }, select: { id: true, value: true, version: true } });
      // After submission only a re-mark the chief judge asked for may change a mark (rule S-24).
      let remark = false;
      if (sheet.status === "submitted") {
        const open = existing
          ? await tx.remarkRequest.findFirst({ where: { eventId: event.id, blindCodeId: code.id, aspectId: aspect.id, judgeId: user.id, resolvedAt: null }, select: { id: true } })
          : null;
        if (!open) throw sheetSubmitted();
        remark = true;
      }
      // Issue 11: an entry typed over an older version never overwrites the newer mark.
      const stale = staleOver(existing, baseVersion, value);
      if (stale) return { stale };
      const now = new Date();
      let mark: { id: string; value: number; version: number; updatedAt: Date };
      let action: "mark.entered" | "mark.changed" | "mark.confirmed";
      if (!existing) {
        mark = await tx.mark.create({
          data: { sheetId: sheet.id, eventId: event.id, blindCodeId: code.id, judgeId: user.id, aspectId: aspect.id, value, enteredAt: now },
          select: { id: true, value: true, version: true, updatedAt: true },
        });
        action = "mark.entered";
      } else if (existing.value !== value) {
        mark = await tx.mark.update({ where: { id: existing.id }, data: { value, version: existing.version + 1 }, select: { id: true, value: true, version: true, updatedAt: true } });
        action = "mark.changed";
        if (remark) {
          await tx.markChange.create({ data: { markId: existing.id, before: existing.value, after: value, kind: "remark", byId: user.id } });
        }
      } else {
        mark = { ...existing, updatedAt: now };
        action = "mark.confirmed";
      }
      if (remark) await resolveRemarkRequests(tx, { eventId: event.id, blindCodeId: code.id, aspectId: aspect.id, judgeId: user.id });
      const response: SavedMark = {
        key, status: "saved", markId: mark.id, sheetId: sheet.id, blindCodeId: code.id, stationCode: code.stationCode,
        aspectId: aspect.id, value: mark.value, valueText: displayValue(aspect, mark.value), version: mark.version,
        savedAt: now.toISOString(), replayed: false,
      };
      await tx.markSubmission.create({ data: { key, judgeId: user.id, markId: mark.id, response: JSON.stringify(response), receivedAt: now } });
      if (action !== "mark.confirmed") {
        await recordEvent(tx, actor, {
          action, entityType: "Mark", entityId: mark.id, orgId: event.orgId,
          before: existing && action === "mark.changed" ? { value: existing.value, version: existing.version } : undefined,
          after: { eventId: event.id, stationCode: code.stationCode, aspectId: aspect.id, value: mark.value, version: mark.version, key, ...(remark ? { kind: "remark" } : {}) },
        });
      }
      return { response };
    });
    if ("replay" in outcome && outcome.replay) return answerReplay(outcome.replay, pending);
    if ("locked" in outcome) {
      await recordRejectedLocked(event, code, aspect, value, key, actor);
      throw sheetLocked();
    }
    if ("stale" in outcome && outcome.stale) {
      await recordMarkConflict(event, code, aspect, user.id, value, key, outcome.stale, actor);
      throw markConflict(aspect, outcome.stale);
    }
    return outcome.response!;
  } catch (error) {
    // Two deliveries of the same key at once: the second transaction hit the key's
    // unique index. Answer what the first one stored.
    if (isUniqueViolation(error)) {
      const stored = await db.markSubmission.findUnique({ where: { key }, select: { judgeId: true, response: true } });
      if (stored) return answerReplay(stored, pending);
    }
    throw asStorageError(error);
  }
}

/**
 * The chief judge's console lists these (issue 5): a judge's device sent a mark after the
 * sheet was locked. The mark stays queued on the device; nothing changes on the server.
 */
async function recordRejectedLocked(event: EventMarking, code: EventCode, aspect: SheetAspect, value: number, key: string, actor: Actor) {
  await recordEvent(db, actor, {
    action: "mark.rejected-locked", entityType: "ScoreSheet", entityId: null, orgId: event.orgId,
    after: { eventId: event.id, blindCodeId: code.id, stationCode: code.stationCode, sessionId: code.sessionId, aspectId: aspect.id, value, key },
  });
}

/** Several marks, each on its own (one failing does not stop the others); answers one outcome per mark, in order. */
export async function submitMarks(user: Pick<SessionUser, "id">, eventId: string, inputs: MarkInput[], actor: Actor): Promise<MarkOutcome[]> {
  const outcomes: MarkOutcome[] = [];
  for (const input of inputs) {
    try {
      outcomes.push(await submitMark(user, eventId, input, actor));
    } catch (error) {
      // A full disk refuses the whole batch (503 with Retry-After): the device keeps every mark of it.
      if (!(error instanceof AppError) || error instanceof StorageUnavailableError) throw error;
      outcomes.push({ key: input.idempotencyKey, status: "rejected", error: { status: error.status, code: error.code, message: error.message, issues: error.issues, ...error.details } });
    }
  }
  return outcomes;
}

// ------------------------------------------------------------------ reading a sheet

export type JudgeSheet = {
  eventId: string;
  blindCodeId: string;
  stationCode: string;
  sessionId: string | null;
  sheetId: string | null;
  status: "open" | "submitted" | "locked";
  submittedAt: string | null;
  signatureName: string | null;
  aspects: SheetAspect[];
  /** this judge's own marks only */
  marks: { aspectId: string; markId: string; value: number; valueText: string; version: number; savedAt: string }[];
  openRemarks: { aspectId: string; reason: string }[];
};

type SheetRow = { id: string; blindCodeId: string; status: string; submittedAt: Date | null; signatureName: string | null; marks: { id: string; aspectId: string; value: number; version: number; updatedAt: Date }[] };

function sheetView(event: EventMarking, code: EventCode, aspects: SheetAspect[], sheet: SheetRow | undefined, locked: boolean, remarks: { aspectId: string; reason: string }[]): JudgeSheet {
  const byId = new Map(aspects.map((a) => [a.id, a]));
  return {
    eventId: event.id,
    blindCodeId: code.id,
    stationCode: code.stationCode,
    sessionId: code.sessionId,
    sheetId: sheet?.id ?? null,
    status: locked || sheet?.status === "locked" ? "locked" : sheet?.status === "submitted" ? "submitted" : "open",
    submittedAt: sheet?.submittedAt?.toISOString() ?? null,
    signatureName: sheet?.signatureName ?? null,
    aspects,
    marks: (sheet?.marks ?? [])
      .filter((m) => byId.has(m.aspectId))
      .map((m) => ({ aspectId: m.aspectId, markId: m.id, value: m.value, valueText: displayValue(byId.get(m.aspectId)!, m.value), version: m.version, savedAt: m.updatedAt.toISOString() })),
    openRemarks: remarks,
  };
}

const sheetSelect = {
  id: true, blindCodeId: true, status: true, submittedAt: true, signatureName: true,
  marks: { select: { id: true, aspectId: true, value: true, version: true, updatedAt: true } },
} as const;

/** One entrant's sheet as this judge sees it: station code, aspects, and only their own marks. */
export async function getSheetForJudge(user: Pick<SessionUser, "id">, eventId: string, blindCodeId: string): Promise<JudgeSheet> {
  const [event, judge] = await Promise.all([loadEventMarking(eventId), loadJudgeOnEvent(user.id, eventId)]);
  const code = codeOf(event, blindCodeId);
  assertMayMark(event, judge, code, null);
  const [sheet, locked, remarks] = await Promise.all([
    db.scoreSheet.findUnique({ where: { eventId_judgeId_blindCodeId: { eventId: event.id, judgeId: user.id, blindCodeId: code.id } }, select: sheetSelect }),
    isSignedOff(db, event.id, code.sessionId),
    db.remarkRequest.findMany({ where: { eventId: event.id, blindCodeId: code.id, judgeId: user.id, resolvedAt: null }, select: { aspectId: true, reason: true } }),
  ]);
  return sheetView(event, code, aspectsFor(event, judge, code), sheet ?? undefined, locked, remarks);
}

export type JudgingBoard = {
  event: { id: string; name: string; contestName: string; drawnAt: string | null };
  sessions: { id: string; name: string }[];
  sheets: JudgeSheet[];
  loadedAt: string;
};

/**
 * Everything the tablet page needs for one event in one read: every entrant this judge
 * may mark (by station code only, never by name: rule S-33), each with the aspects and
 * the judge's own marks. The page then works offline from it.
 */
export async function getJudgingBoard(user: Pick<SessionUser, "id">, eventId: string): Promise<JudgingBoard> {
  const [event, judge] = await Promise.all([refreshEventMarking(eventId), loadJudgeOnEvent(user.id, eventId)]);
  if (judge.assignments.length === 0) throw forbidden("您未被分配到本赛项执裁 / you are not assigned to judge this event");
  const codes = [...event.codes.values()]
    .filter((c) => assignmentFor(judge, c, null) && !recusedFrom(judge, c))
    .sort((a, b) => a.stationCode.localeCompare(b.stationCode, "zh") || a.stationNo - b.stationNo);
  const [sheets, signOffs, remarks] = await Promise.all([
    db.scoreSheet.findMany({ where: { eventId: event.id, judgeId: user.id }, select: sheetSelect }),
    db.signOff.findMany({ where: { eventId: event.id }, select: { sessionId: true } }),
    db.remarkRequest.findMany({ where: { eventId: event.id, judgeId: user.id, resolvedAt: null }, select: { blindCodeId: true, aspectId: true, reason: true } }),
  ]);
  const sheetByCode = new Map(sheets.map((s) => [s.blindCodeId, s]));
  const eventLocked = signOffs.some((s) => s.sessionId === null);
  const lockedSessions = new Set(signOffs.map((s) => s.sessionId));
  const sessionIds = new Set(codes.map((c) => c.sessionId));
  return {
    event: { id: event.id, name: event.name, contestName: event.contestName, drawnAt: event.drawnAt?.toISOString() ?? null },
    sessions: event.sessions.filter((s) => sessionIds.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    sheets: codes.map((code) =>
      sheetView(event, code, aspectsFor(event, judge, code), sheetByCode.get(code.id), eventLocked || (code.sessionId !== null && lockedSessions.has(code.sessionId)),
        remarks.filter((r) => r.blindCodeId === code.id).map((r) => ({ aspectId: r.aspectId, reason: r.reason }))),
    ),
    loadedAt: new Date().toISOString(),
  };
}

// ------------------------------------------------------------------ submitting a sheet

export const wrongPin = () => new AppError(400, "wrong_pin", "签字 PIN 不正确 / the signing PIN is wrong", [{ path: "pin", message: "签字 PIN 不正确 / wrong PIN" }]);

/** Wrong signing PINs allowed in PIN_WINDOW_MS (since the judge's last good signature) before signing pauses. */
export const PIN_ATTEMPTS = 5;
export const PIN_WINDOW_MS = 15 * 60_000;

/**
 * When a judge's signing is paused after PIN_ATTEMPTS wrong PINs (counted from the event log,
 * so every server process agrees): null when it is not. A correct PIN since then clears it.
 */
export async function pinLockedUntil(userId: string, now = new Date()): Promise<Date | null> {
  const since = new Date(now.getTime() - PIN_WINDOW_MS);
  // a good signature clears it: a judge's submitted sheet, a chief judge's sign-off (issue 12: one rule for every signer)
  const lastGood = await db.event.findFirst({ where: { actorId: userId, action: { in: ["sheet.submitted", "scores.signed-off"] }, at: { gte: since } }, orderBy: { at: "desc" }, select: { at: true } });
  const failures = await db.event.findMany({
    where: { actorId: userId, action: "sheet.pin-failed", at: { gt: lastGood?.at ?? since } },
    orderBy: { at: "desc" },
    take: PIN_ATTEMPTS,
    select: { at: true },
  });
  if (failures.length < PIN_ATTEMPTS) return null;
  return new Date(failures[PIN_ATTEMPTS - 1].at.getTime() + PIN_WINDOW_MS);
}

export const pinLocked = (until: Date) => {
  const time = until.toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });
  return new AppError(429, "pin_locked", `签字 PIN 已连续输错 ${PIN_ATTEMPTS} 次，请于 ${time} 后再试，或请裁判长协助 / ${PIN_ATTEMPTS} wrong PINs in a row: signing is paused until ${time}`, [
    { path: "pin", message: `已暂停签字至 ${time} / signing paused until ${time}` },
  ]);
};

/**
 * 提交签字 (rule S-23): the judge confirms the sheet with their typed name and signing
 * PIN. Every aspect they mark must have a mark. The sheet is then submitted: further
 * changes only through the chief judge (re-mark request or correction).
 */
export async function submitSheet(user: Pick<SessionUser, "id">, eventId: string, blindCodeId: string, input: { signatureName: string; pin: string }, actor: Actor) {
  const [event, judge] = await Promise.all([loadEventMarking(eventId), loadJudgeOnEvent(user.id, eventId)]);
  const code = codeOf(event, blindCodeId);
  assertMayMark(event, judge, code, null);
  const profile = await db.judgeProfile.findUnique({ where: { userId: user.id }, select: { pinHash: true } });
  if (!profile?.pinHash) {
    throw badRequest("您尚未设置签字 PIN，请先在裁判资料中设置 / set your signing PIN in your judge profile first", [{ path: "pin", message: "尚未设置签字 PIN / no signing PIN set" }], "no_pin");
  }
  // A six-digit PIN must not be guessable by trying: after PIN_ATTEMPTS wrong ones, signing pauses.
  const lockedUntil = await pinLockedUntil(user.id);
  if (lockedUntil) throw pinLocked(lockedUntil);
  if (!(await verifyPassword(profile.pinHash, input.pin))) {
    await recordEvent(db, actor, { action: "sheet.pin-failed", entityType: "ScoreSheet", orgId: event.orgId, after: { eventId: event.id, stationCode: code.stationCode } });
    const nowLocked = await pinLockedUntil(user.id);
    throw nowLocked ? pinLocked(nowLocked) : wrongPin();
  }
  const aspects = aspectsFor(event, judge, code);
  return db.$transaction(async (tx) => {
    if (await isSignedOff(tx, event.id, code.sessionId)) throw sheetLocked();
    const sheet = await tx.scoreSheet.findUnique({
      where: { eventId_judgeId_blindCodeId: { eventId: event.id, judgeId: user.id, blindCodeId: code.id } },
      select: { id: true, status: true, marks: { select: { aspectId: true } } },
    });
    if (sheet?.status === "locked") throw sheetLocked();
    if (sheet?.status === "submitted") throw sheetSubmitted();
    const marked = new Set(sheet?.marks.map((m) => m.aspectId));
    const missing = aspects.filter((a) => !marked.has(a.id));
    if (!sheet || missing.length > 0) {
      throw new AppError(400, "sheet_incomplete", `还有 ${missing.length} 个评分点未评分：${missing.map((a) => a.name).join("、")} / ${missing.length} aspect(s) not marked yet`,
        missing.map((a) => ({ path: `marks.${a.id}`, message: `${a.name}：未评分 / not marked` })));
    }
    const now = new Date();
    const updated = await tx.scoreSheet.update({ where: { id: sheet.id }, data: { status: "submitted", submittedAt: now, signatureName: input.signatureName }, select: { id: true, status: true, submittedAt: true, signatureName: true } });
    await recordEvent(tx, actor, {
      action: "sheet.submitted", entityType: "ScoreSheet", entityId: sheet.id, orgId: event.orgId,
      before: { status: sheet.status }, after: { eventId: event.id, stationCode: code.stationCode, status: "submitted", signatureName: input.signatureName, marks: aspects.length },
    });
    return { sheetId: updated.id, stationCode: code.stationCode, status: "submitted" as const, submittedAt: now.toISOString(), signatureName: updated.signatureName! };
  });
}

// ------------------------------------------------------------------ a judge's events

/** The events and sessions this judge is assigned to (the tablet's start page). */
export async function listMyAssignments(user: Pick<SessionUser, "id">) {
  const assignments = await db.judgeAssignment.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
  const eventIds = [...new Set(assignments.map((a) => a.eventId))];
  const events = await db.contestEvent.findMany({
    where: { id: { in: eventIds } },
    select: { id: true, name: true, trade: true, groupName: true, drawnAt: true, contest: { select: { id: true, name: true, startsAt: true } }, sessions: { select: { id: true, name: true } } },
  });
  const sheets = await db.scoreSheet.groupBy({ by: ["eventId", "status"], where: { judgeId: user.id, eventId: { in: eventIds } }, _count: { _all: true } });
  return events.map((e) => {
    const mine = assignments.filter((a) => a.eventId === e.id);
    const count = (status: string) => sheets.find((s) => s.eventId === e.id && s.status === status)?._count._all ?? 0;
    return {
      eventId: e.id,
      eventName: e.name,
      trade: e.trade,
      groupName: e.groupName,
      contestId: e.contest.id,
      contestName: e.contest.name,
      startsAt: e.contest.startsAt?.toISOString() ?? null,
      drawn: e.drawnAt !== null,
      roles: [...new Set(mine.map((a) => a.role))],
      sessions: mine.some((a) => a.sessionId === null) ? e.sessions.map((s) => ({ id: s.id, name: s.name })) : e.sessions.filter((s) => mine.some((a) => a.sessionId === s.id)).map((s) => ({ id: s.id, name: s.name })),
      sheets: { open: count("open"), submitted: count("submitted"), locked: count("locked") },
    };
  });
}
