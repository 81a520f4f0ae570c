import { db } from "~/utils/db.server";
import { theoryJoinsCodes } from "~/modules/draws/blind-rules";
import { publishChange } from "~/modules/results/live.server";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { AppError, badRequest, conflict } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { verifySigner, type SigningCredential } from "../signing.server";
import {
  calibrateJudges, canSignOff, formatHundredths, parseEntrantSheets, scoreEvent, ScoringInputError,
  type EntrantSheetInput, type EventScores, type FlagResolution, type ScoringFlag,
} from "~/modules/scoring";
import { displayValue } from "../sheet";
import {
  assertEventPermission, findBlindCode, isLocked, loadReviewEvent, orgPathOf, schemeOf, signOffsOf, userNames,
  type EventScheme, type ReviewEvent,
} from "./review-event.server";

// 裁判长控制台 (chief judge console), rules S-21 … S-24: the live matrix of entrants
// (station codes only, rule S-34) × judges × aspects, progress, the scoring engine's
// discrepancy flags and judge calibration; re-mark requests; sign-off per session or
// for the whole event, refused while a flag is open; the chief judge's rulings that flagged
// marks stand (S-24), which settle a flag for exactly those marks.

type MarkRow = { id: string; blindCodeId: string; judgeId: string; aspectId: string; value: number; version: number; updatedAt: Date; _count: { changes: number } };

/** Everything the engine needs, read once: entrants, marks, theory scores, assignments. */
export async function loadEventMarks(event: ReviewEvent) {
  const [codes, marks, theory, assignments, sessions] = await Promise.all([
    db.blindCode.findMany({
      where: { eventId: event.id },
      select: { id: true, stationCode: true, sessionId: true, registrationId: true, stationNo: true, orderNo: true },
      orderBy: { stationCode: "asc" },
    }),
    db.mark.findMany({
      where: { eventId: event.id },
      select: { id: true, blindCodeId: true, judgeId: true, aspectId: true, value: true, version: true, updatedAt: true, _count: { select: { changes: true } } },
    }),
    // theory joins the coded scores only at decryption (issue 10 item 1, rule S-34)
    theoryJoinsCodes(event) ? db.theoryScore.findMany({ where: { eventId: event.id }, select: { registrationId: true, value: true, voided: true, voidReason: true } }) : Promise.resolve([]),
    db.judgeAssignment.findMany({ where: { eventId: event.id }, select: { userId: true, role: true, sessionId: true, aspectIds: true } }),
    Promise.resolve(event.sessions),
  ]);
  return { codes, marks: marks as MarkRow[], theory, assignments, sessions };
}

export type EventMarks = Awaited<ReturnType<typeof loadEventMarks>>;

/**
 * The engine's view of the event: one sheet per entrant (the entrant id is the blind
 * code id), judges' marks as stored, and the theory score on a single-aspect theory
 * component (rule S-35: a voided paper voids the component).
 */
export function computeScores(schemeInfo: EventScheme, data: EventMarks): EventScores {
  const { scheme, settings, aspects, theoryAspectIds } = schemeInfo;
  const aspectById = new Map(aspects.map((a) => [a.id, a]));
  const theoryByRegistration = new Map(data.theory.map((t) => [t.registrationId, t]));
  const theoryComponents = scheme.components
    .map((c, index) => ({ c, aspects: scheme.aspects.filter((a) => a.componentIndex === index) }))
    .filter(({ c }) => c.kind === "theory");
  const inputs: EntrantSheetInput[] = data.codes.map((code) => {
    const marks = data.marks
      .filter((m) => m.blindCodeId === code.id && aspectById.has(m.aspectId) && !theoryAspectIds.has(m.aspectId))
      .map((m) => ({ aspectId: m.aspectId, judgeId: m.judgeId, value: aspectById.get(m.aspectId)!.scale === "0-3" ? String(m.value / 100) : formatHundredths(m.value) }));
    const voidedComponents: { component: string; reason: string }[] = [];
    const theory = theoryByRegistration.get(code.registrationId);
    for (const { c, aspects: theoryAspects } of theoryComponents) {
      if (!theory || theoryAspects.length !== 1) continue;
      const aspect = theoryAspects[0];
      // a theory score is out of 100; the aspect's maximum may differ: scale exactly or not at all
      const scaled = (theory.value * aspect.max) / 10_000;
      if (Number.isInteger(scaled)) marks.push({ aspectId: aspect.id, judgeId: "theory", value: formatHundredths(scaled) });
      if (theory.voided) voidedComponents.push({ component: c.id, reason: theory.voidReason ?? "S-35" });
    }
    return { entrantId: code.id, marks, voidedComponents };
  });
  try {
    return scoreEvent(scheme, settings, parseEntrantSheets(scheme, settings, inputs));
  } catch (error) {
    if (error instanceof ScoringInputError) throw new AppError(422, "invalid_marks", `存储的分数无法计算：${error.message} / stored marks cannot be scored`);
    throw error;
  }
}

/** Flags that concern judges' marking (theory comes from the exam system and is not signed off here). */
export function markingFlags(scores: EventScores, schemeInfo: EventScheme): ScoringFlag[] {
  return scores.flags.filter((f) => !schemeInfo.theoryAspectIds.has(f.aspectId));
}

/** A remark request is settled when resolved, or once the judge changed that mark after it was made. */
function remarkSettled(request: { createdAt: Date; resolvedAt: Date | null; blindCodeId: string; aspectId: string; judgeId: string }, marks: readonly MarkRow[]) {
  if (request.resolvedAt) return true;
  const mark = marks.find((m) => m.blindCodeId === request.blindCodeId && m.aspectId === request.aspectId && m.judgeId === request.judgeId);
  return !!mark && mark.updatedAt.getTime() > request.createdAt.getTime() && mark.version > 1;
}

function expectedJudges(assignments: EventMarks["assignments"], sessionId: string | null, aspectId: string): Set<string> {
  const judges = new Set<string>();
  for (const a of assignments) {
    if (a.role !== "judge") continue;
    if (a.sessionId && a.sessionId !== sessionId) continue;
    let ids: unknown = [];
    try { ids = JSON.parse(a.aspectIds); } catch { ids = []; }
    if (Array.isArray(ids) && ids.length > 0 && !ids.includes(aspectId)) continue;
    judges.add(a.userId);
  }
  return judges;
}

/** Why a scope (one session or the whole event) cannot be signed off yet: open flags and open re-mark requests. */
type RemarkRow = { createdAt: Date; resolvedAt: Date | null; blindCodeId: string; aspectId: string; judgeId: string; reason: string };

export function signOffBlockers<R extends RemarkRow>(scope: string | null, data: EventMarks, flags: readonly ScoringFlag[], remarks: R[], resolutions: readonly FlagResolution[] = []) {
  const inScope = new Set(data.codes.filter((c) => scope === null || c.sessionId === scope).map((c) => c.id));
  const blocking = canSignOff(flags.filter((f) => inScope.has(f.entrantId)), resolutions).blocking;
  const openRemarks = remarks.filter((r) => inScope.has(r.blindCodeId) && !remarkSettled(r, data.marks));
  return { blocking, openRemarks, entrants: inScope.size };
}

type ResolutionRow = { id: string; flagKey: string; signature: string; reason: string; byId: string; at: Date };

/** The chief judge's rulings (rule S-24) as the engine reads them: each covers the exact marks it was made for. */
const asResolutions = (rows: readonly ResolutionRow[]): FlagResolution[] => rows.map((r) => ({ key: r.flagKey, signature: r.signature, resolvedBy: r.byId, note: r.reason }));

const resolutionsOf = (eventId: string) => db.flagResolution.findMany({ where: { eventId }, orderBy: { at: "desc" } });

/** The ruling that currently covers a flag (same key, same marks), if any. */
const rulingFor = (flag: ScoringFlag, rows: readonly ResolutionRow[]) =>
  flag.kind === "missing-marks" ? undefined : rows.find((r) => r.flagKey === flag.key && r.signature === flag.signature);

type RefusalAfter = { blindCodeId: string; stationCode: string; aspectId: string; judgeId: string; value: number | null; key: string; typedBy?: string; current?: { value: number; version: number } };

/**
 * Marks the judges' tablets sent and the server refused without writing (issue 11): a
 * mark typed by another judge than the one signed in (a shared tablet), and an entry typed
 * over an older version of the mark (two tablets, or a correction in between). A refusal
 * is settled once the mark was sent again and taken: by its own judge, or with the judge's
 * choice between the two values.
 */
async function loadDeviceRefusals(eventId: string, data: EventMarks) {
  const rows = await db.event.findMany({
    where: { action: { in: ["mark.conflict", "mark.rejected-judge"] }, after: { contains: `"eventId":${JSON.stringify(eventId)}` } },
    orderBy: { at: "desc" },
    take: 200,
    select: { id: true, at: true, action: true, after: true },
  });
  const refusals = rows.map((r) => ({ id: r.id, at: r.at, kind: r.action === "mark.conflict" ? ("mark_conflict" as const) : ("judge_mismatch" as const), after: JSON.parse(r.after ?? "{}") as RefusalAfter }));
  const markOf = (blindCodeId: string, aspectId: string, judgeId: string) => data.marks.find((m) => m.blindCodeId === blindCodeId && m.aspectId === aspectId && m.judgeId === judgeId);
  const markIds = [...new Set(refusals.flatMap((r) => markOf(r.after.blindCodeId, r.after.aspectId, r.after.typedBy ?? r.after.judgeId)?.id ?? []))];
  const oldest = refusals.reduce((min, r) => (r.at < min ? r.at : min), new Date());
  const [later, sentByOwner] = await Promise.all([
    markIds.length ? db.markSubmission.findMany({ where: { markId: { in: markIds }, receivedAt: { gt: oldest } }, select: { markId: true, receivedAt: true } }) : [],
    db.markSubmission.findMany({ where: { key: { in: refusals.filter((r) => r.kind === "judge_mismatch").map((r) => r.after.key) } }, select: { key: true } }),
  ]);
  const ownerKeys = new Set(sentByOwner.map((s) => s.key));
  return refusals.map((r) => {
    if (r.kind === "judge_mismatch") return { ...r, settled: ownerKeys.has(r.after.key) };
    const markId = markOf(r.after.blindCodeId, r.after.aspectId, r.after.judgeId)?.id;
    return { ...r, settled: later.some((s) => s.markId === markId && s.receivedAt > r.at) };
  });
}

export async function loadConsole(user: SessionUser, eventId: string) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:chief");
  const schemeInfo = schemeOf(event);
  const data = await loadEventMarks(event);
  const scores = computeScores(schemeInfo, data);
  const flags = markingFlags(scores, schemeInfo);
  const [signOffs, remarks, rulings, refusals] = await Promise.all([
    signOffsOf(event.id),
    db.remarkRequest.findMany({ where: { eventId: event.id }, orderBy: { createdAt: "desc" } }),
    resolutionsOf(event.id),
    loadDeviceRefusals(event.id, data),
  ]);
  const resolutions = asResolutions(rulings);
  const openFlags = flags.filter((f) => !rulingFor(f, rulings));
  const calibration = calibrateJudges(schemeInfo.scheme, schemeInfo.settings, parseEntrantSheets(schemeInfo.scheme, schemeInfo.settings, data.codes.map((code) => ({
    entrantId: code.id,
    marks: data.marks.filter((m) => m.blindCodeId === code.id && !schemeInfo.theoryAspectIds.has(m.aspectId) && schemeInfo.aspects.some((a) => a.id === m.aspectId))
      .map((m) => ({ aspectId: m.aspectId, judgeId: m.judgeId, value: schemeInfo.aspects.find((a) => a.id === m.aspectId)!.scale === "0-3" ? String(m.value / 100) : formatHundredths(m.value) })),
  }))));
  const judgeIds = new Set<string>([...data.assignments.filter((a) => a.role === "judge").map((a) => a.userId), ...data.marks.map((m) => m.judgeId)]);
  const names = await userNames([
    ...judgeIds, ...signOffs.map((s) => s.byId), ...remarks.map((r) => r.requestedById), ...rulings.map((r) => r.byId),
    ...refusals.flatMap((r) => [r.after.judgeId, r.after.typedBy ?? r.after.judgeId]),
  ]);
  const judges = [...judgeIds].map((id) => ({ id, displayName: names.get(id) ?? id })).sort((a, b) => a.displayName.localeCompare(b.displayName, "zh"));
  const resultById = new Map(scores.results.map((r) => [r.entrantId, r]));
  const rankById = new Map(scores.ranking.entries.map((e) => [e.entrantId, e.rank]));
  const sessionName = new Map(event.sessions.map((s) => [s.id, s.name]));
  const codeById = new Map(data.codes.map((c) => [c.id, c]));
  let entered = 0;
  let expected = 0;
  const entrants = data.codes.map((code) => {
    const locked = isLocked(signOffs, code.sessionId);
    const cells = schemeInfo.judgedAspects.flatMap((aspect) => judges.map((judge) => {
      const mark = data.marks.find((m) => m.blindCodeId === code.id && m.aspectId === aspect.id && m.judgeId === judge.id);
      return {
        aspectId: aspect.id,
        judgeId: judge.id,
        markId: mark?.id ?? null,
        value: mark?.value ?? null,
        valueText: mark ? displayValue(aspect, mark.value) : null,
        changed: (mark?._count.changes ?? 0) > 0,
      };
    }));
    let entrantEntered = 0;
    let entrantExpected = 0;
    for (const aspect of schemeInfo.judgedAspects) {
      const wanted = expectedJudges(data.assignments, code.sessionId, aspect.id);
      entrantExpected += wanted.size;
      entrantEntered += data.marks.filter((m) => m.blindCodeId === code.id && m.aspectId === aspect.id && wanted.has(m.judgeId)).length;
    }
    entered += entrantEntered;
    expected += entrantExpected;
    const result = resultById.get(code.id);
    return {
      blindCodeId: code.id,
      stationCode: code.stationCode,
      sessionId: code.sessionId,
      sessionName: code.sessionId ? sessionName.get(code.sessionId) ?? null : null,
      locked,
      totalText: result?.totalText ?? null,
      rank: rankById.get(code.id) ?? null,
      complete: result?.complete ?? false,
      progress: { entered: entrantEntered, expected: entrantExpected },
      flagged: openFlags.some((f) => f.entrantId === code.id),
      cells,
    };
  });
  const scopes = [null, ...event.sessions.map((s) => s.id)];
  const signOff = scopes.map((scope) => {
    const done = signOffs.find((s) => s.sessionId === scope) ?? null;
    const blockers = signOffBlockers(scope, data, flags, remarks, resolutions);
    return {
      sessionId: scope,
      sessionName: scope ? sessionName.get(scope) ?? scope : null,
      signedOff: done ? { by: names.get(done.byId) ?? done.byId, signatureName: done.signatureName, at: done.at.toISOString() } : null,
      lockedByEvent: scope !== null && signOffs.some((s) => s.sessionId === null),
      allowed: !done && blockers.blocking.length === 0 && blockers.openRemarks.length === 0 && blockers.entrants > 0,
      blockingFlags: blockers.blocking.length,
      openRemarks: blockers.openRemarks.length,
    };
  });
  return {
    event: {
      id: event.id, name: event.name, contestId: event.contestId, contestName: event.contest.name,
      drawn: event.drawnAt !== null, decrypted: event.decryptedAt !== null,
    },
    aspects: schemeInfo.judgedAspects.map((a) => ({ id: a.id, name: a.name, group: a.group, scale: a.scale, maxText: a.scale === "0-3" ? "3" : formatHundredths(a.markMax) })),
    judges,
    entrants,
    progress: { entered, expected },
    flags: flags.map((f) => {
      const ruling = rulingFor(f, rulings);
      return {
        key: f.key, kind: f.kind, blindCodeId: f.entrantId, stationCode: codeById.get(f.entrantId)?.stationCode ?? f.entrantId,
        aspectId: f.aspectId, judgeIds: f.judgeIds, judgeNames: f.judgeIds.map((id) => names.get(id) ?? id), spread: f.spread, message: f.message,
        resolution: ruling ? { by: names.get(ruling.byId) ?? ruling.byId, reason: ruling.reason, at: ruling.at.toISOString() } : null,
      };
    }),
    calibration: calibration.map((c) => ({ ...c, displayName: names.get(c.judgeId) ?? c.judgeId })),
    remarkRequests: remarks.map((r) => ({
      id: r.id, blindCodeId: r.blindCodeId, stationCode: codeById.get(r.blindCodeId)?.stationCode ?? "", aspectId: r.aspectId,
      judgeId: r.judgeId, judgeName: names.get(r.judgeId) ?? r.judgeId, reason: r.reason, requestedBy: r.requestedById ? names.get(r.requestedById) ?? null : null,
      createdAt: r.createdAt.toISOString(), settled: remarkSettled(r, data.marks),
    })),
    signOff,
    deviceRefusals: refusals.map((r) => {
      const aspect = schemeInfo.aspects.find((a) => a.id === r.after.aspectId);
      const show = (v: number | null | undefined) => (v === null || v === undefined ? null : aspect ? displayValue(aspect, v) : formatHundredths(v));
      return {
        id: String(r.id), kind: r.kind, at: r.at.toISOString(), key: r.after.key,
        blindCodeId: r.after.blindCodeId, stationCode: r.after.stationCode, aspectId: r.after.aspectId,
        judgeId: r.after.judgeId, judgeName: names.get(r.after.judgeId) ?? r.after.judgeId,
        typedById: r.after.typedBy ?? null, typedByName: r.after.typedBy ? names.get(r.after.typedBy) ?? r.after.typedBy : null,
        valueText: show(r.after.value), currentText: show(r.after.current?.value), settled: r.settled,
      };
    }),
  };
}

export type ConsoleData = Awaited<ReturnType<typeof loadConsole>>;

/**
 * Discrepancy flags (rule S-24) the chief judge has not ruled on, on entrants not yet signed off:
 * the number on the chief judge's home (issue 12 item 3). Missing marks are the judges' to-do, not a flag.
 */
export async function countOpenFlags(eventId: string): Promise<number> {
  const event = await loadReviewEvent(eventId);
  const schemeInfo = schemeOf(event);
  const data = await loadEventMarks(event);
  const [rulings, signOffs] = await Promise.all([resolutionsOf(event.id), signOffsOf(event.id)]);
  const sessionOf = new Map(data.codes.map((c) => [c.id, c.sessionId]));
  return markingFlags(computeScores(schemeInfo, data), schemeInfo)
    .filter((f) => f.kind !== "missing-marks" && !rulingFor(f, rulings) && !isLocked(signOffs, sessionOf.get(f.entrantId) ?? null)).length;
}


export type RemarkInput = { blindCodeId?: string; stationCode?: string; aspectId: string; judgeId: string; reason: string };

/** rule S-24: the chief judge asks one judge to mark one aspect again, with a reason. */
/**
 * What the chief judge's actions on one entrant's aspect share: the permission, the entrant (by
 * code or station code), an aspect judges mark, and no sign-off yet over that entrant.
 */
async function chiefJudgeTarget(user: SessionUser, eventId: string, input: { blindCodeId?: string; stationCode?: string; aspectId: string }, lockedMessage: string) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:chief");
  const schemeInfo = schemeOf(event);
  const code = await findBlindCode(event.id, input);
  if (!schemeInfo.judgedAspects.some((a) => a.id === input.aspectId)) {
    throw badRequest("评分标准中没有该评分点 / no such aspect", [{ path: "aspectId", message: "评分标准中没有该评分点 / no such aspect" }]);
  }
  if (isLocked(await signOffsOf(event.id), code.sessionId)) throw conflict(lockedMessage, "locked");
  return { event, schemeInfo, code };
}

export async function requestRemark(user: SessionUser, eventId: string, input: RemarkInput, actor: Actor) {
  const { event, code } = await chiefJudgeTarget(user, eventId, input, "已签字锁定，不能再要求重评；请改用更正 / signed off: use a correction instead of a re-mark");
  const judged = await db.judgeAssignment.count({ where: { eventId: event.id, userId: input.judgeId } })
    + await db.mark.count({ where: { eventId: event.id, judgeId: input.judgeId } });
  if (!judged) throw badRequest("该裁判未在本赛项执裁 / that judge does not judge this event", [{ path: "judgeId", message: "该裁判未在本赛项执裁 / not a judge of this event" }]);
  return db.$transaction(async (tx) => {
    const request = await tx.remarkRequest.create({
      data: { eventId: event.id, blindCodeId: code.id, aspectId: input.aspectId, judgeId: input.judgeId, reason: input.reason, requestedById: user.id },
    });
    await recordEvent(tx, actor, {
      action: "remark.requested", entityType: "RemarkRequest", entityId: request.id, orgId: event.contest.orgId,
      after: { eventId: event.id, stationCode: code.stationCode, aspectId: input.aspectId, judgeId: input.judgeId, reason: input.reason },
    });
    return { id: request.id, stationCode: code.stationCode, aspectId: request.aspectId, judgeId: request.judgeId, reason: request.reason, createdAt: request.createdAt.toISOString() };
  });
}

export type FlagResolutionInput = { blindCodeId?: string; stationCode?: string; aspectId: string; reason: string };

/**
 * rule S-24: the chief judge rules that the flagged marks of one aspect stand as entered, with a
 * reason (the other way to settle a flag is a re-mark). The ruling covers exactly the marks it was
 * made for: if one of them changes later, the flag is open again. An aspect nobody has marked
 * cannot be ruled on, and nothing can after sign-off (corrections take over then).
 */
export async function resolveFlag(user: SessionUser, eventId: string, input: FlagResolutionInput, actor: Actor) {
  const { event, schemeInfo, code } = await chiefJudgeTarget(user, eventId, input, "已签字锁定，不能再裁定；请改用更正 / signed off: use a correction instead");
  const data = await loadEventMarks(event);
  const flag = markingFlags(computeScores(schemeInfo, data), schemeInfo).find((f) => f.entrantId === code.id && f.aspectId === input.aspectId);
  if (!flag) throw conflict(`${code.stationCode} 的 ${input.aspectId} 没有差异标记，无需裁定 / there is no discrepancy flag on this aspect`, "no_flag");
  if (flag.kind === "missing-marks") {
    throw conflict("该评分点尚无裁判评分，不能裁定；请裁判先评分 / nobody has marked this aspect yet: it needs marks, not a ruling", "missing_marks");
  }
  const existing = await db.flagResolution.findFirst({ where: { eventId: event.id, flagKey: flag.key, signature: flag.signature } });
  if (existing) throw conflict("这些评分已裁定维持 / these marks have already been ruled on", "already_resolved");
  return db.$transaction(async (tx) => {
    const row = await tx.flagResolution.create({
      data: { eventId: event.id, blindCodeId: code.id, aspectId: flag.aspectId, flagKey: flag.key, signature: flag.signature, reason: input.reason, byId: user.id },
    });
    await recordEvent(tx, actor, {
      action: "flag.resolved", entityType: "FlagResolution", entityId: row.id, orgId: event.contest.orgId,
      after: { eventId: event.id, stationCode: code.stationCode, aspectId: flag.aspectId, kind: flag.kind, spread: flag.spread, judgeIds: flag.judgeIds, reason: input.reason },
    });
    return { id: row.id, stationCode: code.stationCode, aspectId: row.aspectId, kind: flag.kind, reason: row.reason, at: row.at.toISOString() };
  });
}

/**
 * Open re-mark requests for one judge (for the tablet page): the judge sees the station
 * code, the aspect and the chief judge's reason. A request is settled once the judge
 * changes that mark; `resolveRemarkRequests` records it in the same transaction.
 */
export async function openRemarkRequestsFor(judgeId: string, eventId?: string) {
  const requests = await db.remarkRequest.findMany({ where: { judgeId, resolvedAt: null, ...(eventId ? { eventId } : {}) }, orderBy: { createdAt: "asc" } });
  const codes = await db.blindCode.findMany({ where: { id: { in: requests.map((r) => r.blindCodeId) } }, select: { id: true, stationCode: true } });
  const station = new Map(codes.map((c) => [c.id, c.stationCode]));
  return requests.map((r) => ({ id: r.id, eventId: r.eventId, blindCodeId: r.blindCodeId, stationCode: station.get(r.blindCodeId) ?? "", aspectId: r.aspectId, reason: r.reason, createdAt: r.createdAt }));
}

/** Marks the matching open requests resolved; call inside the transaction that changes the mark. */
export async function resolveRemarkRequests(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], where: { eventId: string; blindCodeId: string; aspectId: string; judgeId: string }) {
  await tx.remarkRequest.updateMany({ where: { ...where, resolvedAt: null }, data: { resolvedAt: new Date() } });
}

export class SignOffBlocked extends AppError {
  constructor(message: string, public blocking: { stationCode: string; aspectId: string; message: string }[]) {
    super(409, "sign_off_blocked", message, blocking.map((b) => ({ path: `${b.stationCode}/${b.aspectId}`, message: b.message })));
  }
}

/**
 * 签字锁定 (rule S-23, S-24): the chief judge signs off one session or the whole event
 * with their own signing PIN (or account password). Refused while a discrepancy flag or a re-mark request is open
 * in that scope (the refusal lists them). Score sheets in scope become locked; from
 * then on marks change only by a correction with a reason.
 */
export async function signOff(user: SessionUser, eventId: string, input: { sessionId?: string | null } & SigningCredential, actor: Actor) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:chief");
  const scope = input.sessionId || null;
  if (scope && !event.sessions.some((s) => s.id === scope)) {
    throw badRequest("本赛项没有该场次 / no such session in this event", [{ path: "sessionId", message: "本赛项没有该场次 / no such session" }]);
  }
  const schemeInfo = schemeOf(event);
  const data = await loadEventMarks(event);
  const flags = markingFlags(computeScores(schemeInfo, data), schemeInfo);
  const remarks = await db.remarkRequest.findMany({ where: { eventId: event.id } });
  const resolutions = asResolutions(await resolutionsOf(event.id));
  const signOffs = await signOffsOf(event.id);
  if (signOffs.some((s) => s.sessionId === null || s.sessionId === scope)) {
    throw conflict(scope ? "该场次已签字锁定 / this session is already signed off" : "本赛项已签字锁定 / the event is already signed off", "already_signed_off");
  }
  const blockers = signOffBlockers(scope, data, flags, remarks, resolutions);
  if (blockers.entrants === 0) throw conflict("该范围内没有选手 / no entrants in this scope", "nothing_to_sign");
  const station = new Map(data.codes.map((c) => [c.id, c.stationCode]));
  const listed = [
    ...blockers.blocking.map((f) => ({ stationCode: station.get(f.entrantId) ?? f.entrantId, aspectId: f.aspectId, message: f.message })),
    ...blockers.openRemarks.map((r) => ({ stationCode: station.get(r.blindCodeId) ?? r.blindCodeId, aspectId: r.aspectId, message: `重评请求未完成 / re-mark requested: ${r.reason}` })),
  ];
  if (listed.length) {
    throw new SignOffBlocked(
      `尚有 ${listed.length} 项未解决，不能签字：${listed.map((b) => `${b.stationCode} ${b.aspectId}`).join("、")} / ${listed.length} open item(s) block the sign-off`,
      listed,
    );
  }
  // rules S-23, S-24: the chief judge signs with their own PIN or password; the signature carries their name
  const signer = await verifySigner(user.id, input, actor, { orgId: event.contest.orgId, what: "SignOff", eventId: event.id });
  const signatureName = signer.displayName;
  const codeIds = data.codes.filter((c) => scope === null || c.sessionId === scope).map((c) => c.id);
  const result = await db.$transaction(async (tx) => {
    const row = await tx.signOff.create({ data: { eventId: event.id, sessionId: scope, byId: user.id, signatureName } });
    const locked = await tx.scoreSheet.updateMany({ where: { eventId: event.id, blindCodeId: { in: codeIds } }, data: { status: "locked" } });
    await recordEvent(tx, actor, {
      action: "scores.signed-off", entityType: "SignOff", entityId: row.id, orgId: event.contest.orgId,
      after: { eventId: event.id, sessionId: scope, signatureName, signedWith: input.pin ? "pin" : "password", lockedSheets: locked.count },
    });
    return { id: row.id, eventId: event.id, sessionId: scope, signatureName: row.signatureName, at: row.at.toISOString(), lockedSheets: locked.count };
  });
  // Live boards follow at once, in every process (app/modules/results/live.server.ts).
  await publishChange(event.id, "signoff");
  return result;
}

export { orgPathOf };
