import crypto from "node:crypto";
import type { z } from "zod";
import { db, type Tx } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { attachmentListItem } from "~/modules/files/api-upload";
import { saveUpload } from "~/modules/files/files.server";
import { loadCalendar } from "~/modules/calendar/calendar.server";
import { beijingDate, isIsoDate, windowEndDate } from "~/modules/calendar/working-days";
import { parseLevels, review } from "./chain";
import {
  checkNoticeWindow, NOTICE_MESSAGES, noticeHold, objectionProblems, objectionWindowProblem, type ObjectionKind,
} from "./notice-rules";
import { loadReviewSettings } from "./settings.server";
import { noticeEntries, noticeFragments, noticeHead, stampOf } from "./notice-cache.server";
import type { Locale } from "~/i18n/resources";
import { subjectTypeOf } from "./subject-types";
import { AssignSchema, FindingSchema, type ObjectionInput, type OpenNoticeInput } from "./notice-schemas";

// 公示 (public notices) and 异议 (objections), rules N-31 and N-33. A notice belongs to one
// level of a round's chain; it lists candidates waiting at that level with only their public
// fields (name, sex, unit, post, short deeds: never an ID number). Anyone may file an
// objection on the public page during the window; reviewers of the level assign it for 核查,
// record the finding, and keep or withdraw the candidate. Every step is an event.

const MESSAGES = {
  noticeNotFound: "找不到该公示 / notice not found",
  objectionNotFound: "找不到该异议 / objection not found",
  entryNotOnNotice: "该公示中没有这名公示对象 / the candidate is not on this notice",
  entryWithdrawn: "该公示对象已被撤下 / the candidate has been withdrawn",
  notAtLevel: (title: string) => `「${title}」当前不在本级审核，不能列入本级公示 / "${title}" is not waiting at this level`,
  alreadyOnNotice: (title: string) => `「${title}」已列入本级公示 / "${title}" is already on a notice of this level`,
  assigneeCannot: "所选核查人无权审核本级推荐 / the chosen person may not review at this level",
} as const;

// ------------------------------------------------------------------ public fields of a subject

export type PublicFields = { name: string; sex: string; unit: string; post: string; deeds: string };
type Resolver = (tx: Tx, subjectId: string) => Promise<PublicFields | null>;
const resolvers = new Map<string, Resolver>();

/** A domain tells the notice what it may show of its subjects (never an ID number). */
export function registerPublicFields(subjectType: string, resolver: Resolver) {
  resolvers.set(subjectType, resolver);
}

async function publicFieldsOf(tx: Tx, s: { subjectType: string; subjectId: string; title: string; submitterOrgId: string }): Promise<PublicFields> {
  const found = await resolvers.get(s.subjectType)?.(tx, s.subjectId);
  if (found) return found;
  const unit = await tx.organisation.findUnique({ where: { id: s.submitterOrgId }, select: { name: true } });
  return { name: s.title, sex: "", unit: unit?.name ?? "", post: "", deeds: "" };
}

// ------------------------------------------------------------------ holds on the chain

/** Why this level may not send the submission up yet (null = nothing holds it). Called by the chain. */
export async function approvalHold(tx: Tx, submissionId: string, orgId: string, now: Date): Promise<string | null> {
  const entries = await tx.noticeEntry.findMany({
    where: { submissionId, notice: { orgId } },
    select: { status: true, notice: { select: { endsOn: true } }, objections: { select: { status: true, toExamine: true } } },
  });
  return noticeHold(entries, beijingDate(now));
}

// ------------------------------------------------------------------ opening a notice

async function levelOrg(client: Tx | typeof db, orgId: string) {
  const org = await client.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, path: true, type: true } });
  if (!org) throw notFound("找不到该组织 / organisation not found");
  return org;
}

const mayRunNotice = (user: SessionUser, subjectType: string, path: string) => {
  const type = subjectTypeOf(subjectType);
  return hasPermission(user, type.review, path) || hasPermission(user, type.manage, path);
};

/** The end date a window would have (for the form's live preview and the API). */
export async function previewWindow(startsOn: string, windowDays: number, windowKind: "calendar" | "working") {
  if (!isIsoDate(startsOn) || !Number.isInteger(windowDays) || windowDays < 1 || windowDays > 60) return null;
  return windowEndDate(startsOn, windowDays, windowKind, await loadCalendar(db, Number(startsOn.slice(0, 4)) - 1));
}

export async function openNotice(user: SessionUser, roundId: string, input: OpenNoticeInput, actor: Actor) {
  const round = await db.reviewRound.findUnique({ where: { id: roundId } });
  if (!round) throw notFound("找不到该评审轮次 / round not found");
  const org = await levelOrg(db, input.orgId);
  if (!mayRunNotice(user, round.subjectType, org.path)) throw forbidden();
  const settings = await loadReviewSettings();
  const minimum = org.type === "grassroots" ? settings.noticeMinimumGrassroots : settings.noticeMinimumHigher;
  const windowProblem = checkNoticeWindow(input.windowKind, input.windowDays, minimum);
  if (windowProblem) throw badRequest(windowProblem, [{ path: "windowDays", message: windowProblem }], "window_too_short");
  const calendar = await loadCalendar(db, Number(input.startsOn.slice(0, 4)) - 1);
  const endsOn = windowEndDate(input.startsOn, input.windowDays, input.windowKind, calendar);

  return db.$transaction(async (tx) => {
    const submissions = await tx.reviewSubmission.findMany({ where: { id: { in: input.submissionIds }, roundId } });
    if (submissions.length !== new Set(input.submissionIds).size) throw badRequest("所选申报不属于本轮 / a chosen submission is not in this round");
    for (const s of submissions) {
      if (s.status !== "pending" || parseLevels(s.levels)[s.currentLevel] !== org.id) throw badRequest(MESSAGES.notAtLevel(s.title));
      const listed = await tx.noticeEntry.findFirst({ where: { submissionId: s.id, notice: { orgId: org.id } } });
      if (listed) throw conflict(MESSAGES.alreadyOnNotice(s.title), "already_on_notice");
    }
    const notice = await tx.publicNotice.create({
      data: {
        roundId, orgId: org.id, title: input.title, windowKind: input.windowKind, windowDays: input.windowDays, startsOn: input.startsOn, endsOn,
        contact: input.contact, publicCode: crypto.randomBytes(9).toString("base64url"), createdById: user.id,
      },
    });
    for (const [i, s] of submissions.entries()) {
      await tx.noticeEntry.create({ data: { noticeId: notice.id, submissionId: s.id, sortOrder: i, ...(await publicFieldsOf(tx, s)) } });
    }
    await recordEvent(tx, actor, {
      action: "notice.opened", entityType: "PublicNotice", entityId: notice.id, orgId: org.id,
      after: { title: input.title, windowKind: input.windowKind, windowDays: input.windowDays, startsOn: input.startsOn, endsOn, submissions: submissions.map((s) => s.id) },
    });
    return notice;
  });
}

// ------------------------------------------------------------------ the public page

/**
 * What anyone may see of a notice: public fields only (no ID number, no objections). The
 * entries are kept per notice and stamp (notice-cache.server.ts): a withdrawal moves the stamp.
 */
export async function getPublicNotice(code: string, now = new Date()) {
  const head = await noticeHead(code);
  if (!head) throw notFound(MESSAGES.noticeNotFound);
  const entries = await noticeEntries(head);
  const today = beijingDate(now);
  return {
    code: head.code, title: head.title, orgName: head.orgName, contact: head.contact,
    windowKind: head.windowKind, windowDays: head.windowDays, startsOn: head.startsOn, endsOn: head.endsOn,
    acceptingObjections: objectionWindowProblem(head, today) === null,
    entries,
  };
}

/**
 * The interactive public page (/notices/:code): the notice's head and its rows and the objection
 * form's choices as HTML fragments kept per stamp and language (noticeFragments), instead of the
 * entries one by one.
 */
export async function getPublicNoticePage(code: string, lang: Locale, now = new Date()) {
  const head = await noticeHead(code);
  if (!head) throw notFound(MESSAGES.noticeNotFound);
  const fragments = await noticeFragments(head, lang);
  return {
    notice: {
      code: head.code, title: head.title, orgName: head.orgName, contact: head.contact,
      windowKind: head.windowKind, windowDays: head.windowDays, startsOn: head.startsOn, endsOn: head.endsOn,
      acceptingObjections: objectionWindowProblem(head, beijingDate(now)) === null,
      count: fragments.count,
    },
    fragments,
  };
}

/**
 * Everything the public page shows but the reader's language and the site's address: the notice's
 * stamp and whether objections are taken today. server.mjs keeps the page's anonymous document per
 * key and serves it from its bytes while the key holds (issue 13's notice target). null: no notice.
 */
export async function publicNoticeDocumentKey(code: string, now = new Date()): Promise<string | null> {
  const head = await noticeHead(code);
  if (!head) return null;
  return `${stampOf(head)}|${objectionWindowProblem(head, beijingDate(now)) === null ? "open" : "closed"}`;
}

/** An objection filed on the public page (no sign-in). The letter of a unit is an upload. */
export async function fileObjection(code: string, input: ObjectionInput, letter: File | null, actor: Actor, now = new Date()) {
  const notice = await db.publicNotice.findUnique({ where: { publicCode: code } });
  if (!notice) throw notFound(MESSAGES.noticeNotFound);
  const windowProblem = objectionWindowProblem(notice, beijingDate(now));
  if (windowProblem) throw conflict(windowProblem, "notice_closed");
  const entry = await db.noticeEntry.findFirst({ where: { id: input.entryId, noticeId: notice.id } });
  if (!entry) throw badRequest(MESSAGES.entryNotOnNotice, [{ path: "entryId", message: MESSAGES.entryNotOnNotice }]);
  if (entry.status !== "listed") throw conflict(MESSAGES.entryWithdrawn, "entry_withdrawn");
  const hasLetter = letter instanceof File && letter.size > 0;
  const problems = objectionProblems({ ...input, hasLetter });
  if (problems.length) throw badRequest(problems.map((p) => p.message).join("；"), problems.map((p) => ({ path: p.field, message: p.message })));
  const settings = await loadReviewSettings();
  const stored = input.kind === "unit" && hasLetter
    ? await saveUpload(letter, { purpose: "objection-letter", allowedTypes: ["pdf", "jpeg", "png"], field: "letter", orgId: notice.orgId }, actor)
    : null;
  const toExamine = input.kind !== "anonymous" || settings.examineAnonymousObjections;
  return db.$transaction(async (tx) => {
    const objection = await tx.noticeObjection.create({
      data: {
        noticeId: notice.id, entryId: entry.id, kind: input.kind as ObjectionKind,
        realName: input.kind === "individual" ? input.realName ?? null : input.realName || null,
        phone: input.kind === "anonymous" ? null : input.phone || null,
        unitName: input.kind === "unit" ? input.unitName ?? null : null,
        letterFileId: stored?.id ?? null, content: input.content, toExamine, status: toExamine ? "received" : "recorded",
      },
    });
    // The event keeps who filed and against whom, not the objector's phone.
    await recordEvent(tx, actor, {
      action: "objection.filed", entityType: "NoticeObjection", entityId: objection.id, orgId: notice.orgId,
      after: { noticeId: notice.id, entryId: entry.id, candidate: entry.name, kind: input.kind, anonymous: input.kind === "anonymous", toExamine },
    });
    return { id: objection.id, kind: objection.kind, toExamine, status: objection.status };
  });
}

// ------------------------------------------------------------------ 核查

async function loadObjection(tx: Tx, user: SessionUser, objectionId: string) {
  const objection = await tx.noticeObjection.findUnique({ where: { id: objectionId }, include: { notice: { include: { round: true } }, entry: true } });
  if (!objection) throw notFound(MESSAGES.objectionNotFound);
  const org = await levelOrg(tx, objection.notice.orgId);
  if (!mayRunNotice(user, objection.notice.round.subjectType, org.path)) throw forbidden();
  return { objection, org };
}

export async function assignObjection(user: SessionUser, objectionId: string, input: z.infer<typeof AssignSchema>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const { objection, org } = await loadObjection(tx, user, objectionId);
    if (objection.status === "closed") throw conflict(NOTICE_MESSAGES.alreadyDecided, "objection_closed");
    const assignee = await tx.user.findUnique({ where: { id: input.assigneeId }, include: { grants: { include: { org: true, role: { include: { permissions: true } } } } } });
    const reviewKey = subjectTypeOf(objection.notice.round.subjectType).review;
    const assigneeMay = assignee?.grants.some((g) => org.path.startsWith(g.org.path) && g.role.permissions.some((p) => p.permissionKey === reviewKey));
    if (!assigneeMay) throw badRequest(MESSAGES.assigneeCannot, [{ path: "assigneeId", message: MESSAGES.assigneeCannot }]);
    // Assigning an unexamined anonymous report means the level decided to examine it.
    await tx.noticeObjection.update({ where: { id: objection.id }, data: { assigneeId: input.assigneeId, assignedAt: new Date(), status: "assigned", toExamine: true } });
    await recordEvent(tx, actor, {
      action: "objection.assigned", entityType: "NoticeObjection", entityId: objection.id, orgId: org.id,
      before: { status: objection.status, assigneeId: objection.assigneeId }, after: { status: "assigned", assigneeId: input.assigneeId },
    });
    return { id: objection.id, status: "assigned" };
  });
}

/** The finding of 核查: the candidate is kept, or withdrawn from the notice and refused at this level. */
export async function decideObjection(user: SessionUser, objectionId: string, input: z.infer<typeof FindingSchema>, actor: Actor) {
  return db.$transaction(async (tx) => {
    const { objection, org } = await loadObjection(tx, user, objectionId);
    if (objection.status === "closed") throw conflict(NOTICE_MESSAGES.alreadyDecided, "objection_closed");
    if (objection.status !== "assigned") throw conflict(NOTICE_MESSAGES.notAssigned, "not_assigned");
    const closed = await tx.noticeObjection.updateMany({
      where: { id: objection.id, status: "assigned" },
      data: { status: "closed", finding: input.finding, outcome: input.outcome, decidedById: user.id, decidedAt: new Date() },
    });
    if (closed.count !== 1) throw conflict("该异议刚被他人处理，请刷新 / someone acted on it meanwhile: reload", "changed_meanwhile");
    await recordEvent(tx, actor, {
      action: "objection.decided", entityType: "NoticeObjection", entityId: objection.id, orgId: org.id,
      before: { status: objection.status }, after: { status: "closed", outcome: input.outcome, finding: input.finding },
    });
    if (input.outcome === "withdraw" && objection.entry.status === "listed") {
      // moves the public page's stamp (one listed entry fewer): its cached entries and bytes are rebuilt
      await tx.noticeEntry.update({ where: { id: objection.entryId }, data: { status: "withdrawn" } });
      await recordEvent(tx, actor, { action: "notice.entry-withdrawn", entityType: "NoticeEntry", entityId: objection.entryId, orgId: org.id, before: { status: "listed" }, after: { status: "withdrawn", objectionId: objection.id } });
      const submission = await tx.reviewSubmission.findUnique({ where: { id: objection.entry.submissionId } });
      if (submission && submission.status === "pending" && parseLevels(submission.levels)[submission.currentLevel] === org.id) {
        const t = review({ status: "pending", currentLevel: submission.currentLevel, levelCount: parseLevels(submission.levels).length }, submission.currentLevel, "refuse", input.finding);
        if (t.ok) {
          await tx.reviewSubmission.update({ where: { id: submission.id }, data: { status: t.status, returnReason: `公示异议核查：${input.finding}` } });
          await tx.reviewDecision.create({ data: { submissionId: submission.id, level: submission.currentLevel, orgId: org.id, decision: "refused", reason: `公示异议核查：${input.finding}`, byId: user.id } });
          await recordEvent(tx, actor, { action: "review.refused", entityType: "ReviewSubmission", entityId: submission.id, orgId: org.id, before: { status: "pending" }, after: { status: "refused", objectionId: objection.id } });
        }
      }
    }
    return { id: objection.id, status: "closed", outcome: input.outcome };
  });
}

// ------------------------------------------------------------------ reading (reviewers)

export async function listNotices(user: SessionUser, roundId?: string) {
  const notices = await db.publicNotice.findMany({
    where: roundId ? { roundId } : {}, orderBy: { createdAt: "desc" }, take: 200,
    include: { round: { select: { subjectType: true, title: true } }, _count: { select: { entries: true, objections: true } } },
  });
  const orgs = await db.organisation.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.orgId))] } }, select: { id: true, name: true, path: true } });
  return notices
    .map((n) => ({ n, org: orgs.find((o) => o.id === n.orgId) }))
    .filter(({ n, org }) => org && mayRunNotice(user, n.round.subjectType, org.path))
    .map(({ n, org }) => ({
      id: n.id, code: n.publicCode, title: n.title, roundTitle: n.round.title, orgName: org!.name, startsOn: n.startsOn, endsOn: n.endsOn, status: n.status,
      windowKind: n.windowKind, windowDays: n.windowDays, entries: n._count.entries, objections: n._count.objections,
    }));
}

/** A notice with its objections and who may check them (reviewers of the level only). */
export async function getNoticeForReview(user: SessionUser, noticeId: string) {
  const notice = await db.publicNotice.findUnique({
    where: { id: noticeId },
    include: {
      round: { select: { subjectType: true, title: true } },
      entries: { orderBy: { sortOrder: "asc" } },
      objections: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!notice) throw notFound(MESSAGES.noticeNotFound);
  const org = await levelOrg(db, notice.orgId);
  if (!mayRunNotice(user, notice.round.subjectType, org.path)) throw notFound(MESSAGES.noticeNotFound);
  const reviewKey = subjectTypeOf(notice.round.subjectType).review;
  const ancestorIds = org.path.split("/").filter(Boolean);
  const candidates = await db.user.findMany({
    where: { grants: { some: { orgId: { in: ancestorIds }, role: { permissions: { some: { permissionKey: reviewKey } } } } } },
    select: { id: true, displayName: true }, orderBy: { displayName: "asc" }, take: 100,
  });
  const names = new Map(candidates.map((c) => [c.id, c.displayName]));
  return {
    id: notice.id, code: notice.publicCode, title: notice.title, roundId: notice.roundId, roundTitle: notice.round.title, orgName: org.name,
    windowKind: notice.windowKind, windowDays: notice.windowDays, startsOn: notice.startsOn, endsOn: notice.endsOn, contact: notice.contact,
    entries: notice.entries.map((e) => ({ id: e.id, submissionId: e.submissionId, name: e.name, sex: e.sex, unit: e.unit, post: e.post, deeds: e.deeds, status: e.status })),
    objections: notice.objections.map((o) => ({
      id: o.id, entryId: o.entryId, candidate: notice.entries.find((e) => e.id === o.entryId)?.name ?? "", kind: o.kind, realName: o.realName, phone: o.phone,
      unitName: o.unitName, letterFileId: o.letterFileId, content: o.content, toExamine: o.toExamine, status: o.status,
      assignee: o.assigneeId ? names.get(o.assigneeId) ?? o.assigneeId : null, finding: o.finding, outcome: o.outcome,
      createdAt: o.createdAt.toISOString(), decidedAt: o.decidedAt?.toISOString() ?? null,
    })),
    assignees: candidates,
  };
}

/** An objection's sealed letter as the API lists it (none for an individual's or an anonymous report), for the level's reviewers. */
export async function listObjectionAttachments(user: SessionUser, objectionId: string) {
  const letterFileId = await db.$transaction(async (tx) => (await loadObjection(tx, user, objectionId)).objection.letterFileId);
  const file = letterFileId ? await db.storedFile.findUnique({ where: { id: letterFileId }, select: { id: true, filename: true, mimeType: true, size: true, createdAt: true } }) : null;
  return { attachments: file ? [attachmentListItem(file)] : [] };
}

/** The sealed letter of an objection, for the level's reviewers. */
export async function objectionLetterFor(user: SessionUser, objectionId: string) {
  return db.$transaction(async (tx) => {
    const { objection } = await loadObjection(tx, user, objectionId);
    if (!objection.letterFileId) throw notFound("该异议没有附件 / no attachment");
    return objection.letterFileId;
  });
}
