import { db } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { hazardTransition, HAZARD_STATUS_LABELS, isOverdue, teamHazardCounts, type HazardStatus } from "./hazards";
import type { HazardActionInput } from "./schemas";
import type { z } from "zod";
import type { HazardReportSchema } from "./schemas";
import { readFile, readFileFor } from "~/modules/files/files.server";
import { attachmentListItem } from "~/modules/files/api-upload";
import { extensionOf } from "~/modules/files/file-types";
import { checkUpload, storeUpload } from "./uploads.server";
import { canSeeEnrolment, loadEnrolment, settingsCovering } from "./ankang.server";

// Hazard reports (rules A-4 安全生产吹哨人, A-8 隐患排查治理). A worker reports from a phone; the
// unit (ankang:unit) assigns, fixes and closes; the union's safety staff (ankang:review) see
// every report with its reporter. The unit sees the reporter only when the report is not
// anonymous; the reporter sees their own reports.

export const HAZARD_MESSAGES = {
  notFound: "找不到该隐患报告 / hazard report not found",
  noMember: "当前账号未关联会员，无法以职工身份报告隐患 / this account is not linked to a member",
  unitOutside: "只能向本人所在单位报告隐患 / report to your own unit",
} as const;

async function memberUnit(user: SessionUser) {
  if (!user.memberId) return null;
  const member = await db.member.findUnique({ where: { id: user.memberId }, select: { org: { select: { id: true, path: true, type: true, parentId: true } } } });
  if (!member) return null;
  const org = member.org;
  if (org.type === "team" && org.parentId) {
    const parent = await db.organisation.findUniqueOrThrow({ where: { id: org.parentId }, select: { id: true, path: true } });
    return { unit: parent, teamId: org.id };
  }
  return { unit: { id: org.id, path: org.path }, teamId: null };
}

/** A worker (or a unit's safety contact) reports a hazard. */
export async function reportHazard(user: SessionUser, input: z.infer<typeof HazardReportSchema>, actor: Actor, now = new Date(), photo: File | null = null) {
  const own = await memberUnit(user);
  let unit: { id: string; path: string };
  let teamId: string | null = input.teamId ?? null;
  if (input.unitId && (!own || input.unitId !== own.unit.id)) {
    const target = await db.organisation.findUnique({ where: { id: input.unitId }, select: { id: true, path: true } });
    if (!target) throw notFound();
    if (!hasPermission(user, "ankang:unit", target.path) && !hasPermission(user, "ankang:review", target.path)) throw badRequest(HAZARD_MESSAGES.unitOutside, [{ path: "unitId", message: HAZARD_MESSAGES.unitOutside }]);
    unit = target;
  } else if (own) {
    unit = own.unit;
    teamId = teamId ?? own.teamId;
  } else {
    throw badRequest(HAZARD_MESSAGES.noMember, [], "no_member");
  }
  if (teamId) {
    const team = await db.organisation.findUnique({ where: { id: teamId }, select: { path: true } });
    if (!team || !team.path.startsWith(unit.path)) throw badRequest(HAZARD_MESSAGES.unitOutside, [{ path: "teamId", message: HAZARD_MESSAGES.unitOutside }]);
  }
  // rule A-8: the deadline of the cycle's settings (15 days by default)
  const settings = await settingsCovering(db, unit.path);
  const dueAt = new Date(now.getTime() + settings.hazardDueDays * 86_400_000);
  // rule A-4: the photo is stored without its uploader and under a neutral name (a phone's file
  // name may carry a person's name), so neither the file row, its event nor a download names the reporter
  await checkUpload(photo, "ankang-hazard", "photo");
  const photoFileId = await storeUpload(photo && neutralName(photo), "ankang-hazard", "photo", { userId: null, requestId: actor.requestId });
  return db.$transaction(async (tx) => {
    const h = await tx.ankangHazard.create({
      data: { unitId: unit.id, unitPath: unit.path, teamId, place: input.place, description: input.description, photoFileId, reporterUserId: user.id, anonymous: input.anonymous, dueAt, reportedAt: now },
    });
    // the event carries no reporter: the event log is read by organisers (rule A-4 吹哨人 protection)
    await recordEvent(tx, { userId: null, requestId: actor.requestId }, { action: "ankang.hazard-reported", entityType: "AnkangHazard", entityId: h.id, orgId: unit.id, after: { place: input.place, anonymous: input.anonymous } });
    return h;
  });
}

type HazardRow = Awaited<ReturnType<typeof db.ankangHazard.findMany>>[number];

function viewHazard(h: HazardRow, user: SessionUser, names: Map<string, string>, units: Map<string, string>, now: Date) {
  const staff = hasPermission(user, "ankang:review", h.unitPath);
  const mine = h.reporterUserId === user.id;
  const showReporter = staff || mine || (!h.anonymous && hasPermission(user, "ankang:unit", h.unitPath));
  return {
    id: h.id, unitId: h.unitId, unitName: units.get(h.unitId) ?? "", teamId: h.teamId, teamName: h.teamId ? units.get(h.teamId) ?? "" : null,
    place: h.place, description: h.description, photoFileId: h.photoFileId, anonymous: h.anonymous,
    reporter: showReporter && h.reporterUserId ? names.get(h.reporterUserId) ?? "" : null,
    status: h.status as HazardStatus, statusLabel: HAZARD_STATUS_LABELS[h.status as HazardStatus], assignee: h.assignee,
    dueAt: h.dueAt.toISOString(), overdue: isOverdue({ status: h.status as HazardStatus, dueAt: h.dueAt }, now),
    fixNote: h.fixNote, fixPhotoId: h.fixPhotoId, closePhotoId: h.closePhotoId,
    reportedAt: h.reportedAt.toISOString(), closedAt: h.closedAt?.toISOString() ?? null,
    mayHandle: hasPermission(user, "ankang:unit", h.unitPath), mine,
  };
}
export type HazardView = ReturnType<typeof viewHazard>;

/** The hazards a user may see: their own reports, their units' (ankang:unit), the safety staff's subtree (ankang:review). */
export async function listHazards(user: SessionUser, filter: { status?: string; unitId?: string } = {}, now = new Date()) {
  const paths = [...userScope(user, "ankang:unit"), ...userScope(user, "ankang:review")];
  const rows = await db.ankangHazard.findMany({
    where: {
      AND: [
        { OR: [{ reporterUserId: user.id }, ...paths.map((p) => ({ unitPath: { startsWith: p } }))] },
        filter.status ? { status: filter.status } : {},
        filter.unitId ? { unitId: filter.unitId } : {},
      ],
    },
    orderBy: { reportedAt: "desc" },
    take: 1000,
  });
  const names = new Map((await db.user.findMany({ where: { id: { in: rows.map((r) => r.reporterUserId).filter((x): x is string => !!x) } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  const units = new Map((await db.organisation.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => [r.unitId, r.teamId].filter((x): x is string => !!x)))] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return rows.map((h) => viewHazard(h, user, names, units, now));
}

export async function getHazard(user: SessionUser, hazardId: string, now = new Date()) {
  const h = await db.ankangHazard.findUnique({ where: { id: hazardId } });
  if (!h) throw notFound(HAZARD_MESSAGES.notFound);
  if (h.reporterUserId !== user.id && !hasPermission(user, "ankang:unit", h.unitPath) && !hasPermission(user, "ankang:review", h.unitPath)) throw forbidden();
  const names = new Map((await db.user.findMany({ where: { id: h.reporterUserId ?? "" }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  const units = new Map((await db.organisation.findMany({ where: { id: { in: [h.unitId, h.teamId ?? ""] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  return viewHazard(h, user, names, units, now);
}

/** The unit assigns, records the fix, and closes (销号); closing without a fix record is refused (rule A-8). */
export async function handleHazard(user: SessionUser, hazardId: string, input: HazardActionInput, actor: Actor, now = new Date(), photo: File | null = null) {
  const h = await db.ankangHazard.findUnique({ where: { id: hazardId } });
  if (!h) throw notFound(HAZARD_MESSAGES.notFound);
  if (!hasPermission(user, "ankang:unit", h.unitPath)) throw forbidden();
  // the photo of the fix (fix) or after the fix (close); assign takes none
  const file = input.action === "assign" ? null : photo;
  const t = hazardTransition({ status: h.status as HazardStatus, fixNote: h.fixNote, fixPhotoId: h.fixPhotoId }, input.action, { closePhotoId: input.action === "close" && file ? "given" : null });
  if (!t.ok) conflictOrBad(t.reason, input.action === "close" && h.status !== "closed");
  const field = input.action === "fix" ? "fixPhoto" : "closePhoto";
  await checkUpload(file, "ankang-hazard", field);
  const fileId = await storeUpload(file, "ankang-hazard", field, actor, h.unitId);
  const data =
    input.action === "assign" ? { status: t.status, assignee: input.assignee, ...(input.dueOn ? { dueAt: new Date(`${input.dueOn}T23:59:59+08:00`) } : {}) }
    : input.action === "fix" ? { status: t.status, fixNote: input.fixNote, fixPhotoId: fileId }
    : { status: t.status, closePhotoId: fileId, closedAt: now };
  return db.$transaction(async (tx) => {
    const updated = await tx.ankangHazard.updateMany({ where: { id: h.id, status: h.status }, data });
    if (updated.count !== 1) throw conflict("该隐患刚被他人处理，请刷新 / someone acted on it meanwhile: reload", "changed_meanwhile");
    await recordEvent(tx, actor, { action: `ankang.hazard-${input.action}`, entityType: "AnkangHazard", entityId: h.id, orgId: h.unitId, before: { status: h.status }, after: { ...input, ...(fileId ? { [`${field}Id`]: fileId } : {}), status: t.status } });
    return { id: h.id, status: t.status };
  });
}

function conflictOrBad(reason: string, missingFix: boolean): never {
  // a close without a fix record (or its photo) is bad input; other refusals are state conflicts (409)
  if (missingFix) throw badRequest(reason, [{ path: "action", message: reason }], "no_fix_record");
  throw conflict(reason, "hazard_state");
}

/** A report photo's stored name: 隐患照片 with the extension it came with (rule A-4). */
function neutralName(photo: File): File {
  const ext = extensionOf(photo.name);
  return new File([photo], `隐患照片${ext ? `.${ext}` : ""}`, { type: photo.type });
}

const HAZARD_PHOTO_LABELS = { report: "隐患照片 / hazard photo", fix: "整改照片 / photo of the fix", close: "销号照片 / photo after the fix" } as const;
const PHOTO_NOT_FOUND = "该隐患报告没有这张照片 / this hazard report has no such photo";

/** A hazard's photos (report, fix, close) for whoever may see the report; a 403 for anyone else, as getHazard. */
export async function listHazardPhotos(user: SessionUser, hazardId: string) {
  const h = await getHazard(user, hazardId);
  const slots = ([["report", h.photoFileId], ["fix", h.fixPhotoId], ["close", h.closePhotoId]] as const).filter((s): s is readonly [keyof typeof HAZARD_PHOTO_LABELS, string] => !!s[1]);
  const files = await db.storedFile.findMany({ where: { id: { in: slots.map((s) => s[1]) } }, select: { id: true, filename: true, mimeType: true, size: true, createdAt: true } });
  return {
    attachments: slots.flatMap(([kind, id]) => {
      const f = files.find((x) => x.id === id);
      return f ? [{ ...attachmentListItem(f, HAZARD_PHOTO_LABELS[kind]), kind }] : [];
    }),
  };
}

/** One of a hazard's photos: it must be this hazard's (404), and the reader may see the report (403). */
export async function readHazardPhoto(user: SessionUser, hazardId: string, fileId: string) {
  const h = await getHazard(user, hazardId);
  if (![h.photoFileId, h.fixPhotoId, h.closePhotoId].includes(fileId)) throw notFound(PHOTO_NOT_FOUND);
  return readFile(fileId);
}

/** rule A-8: open and overdue hazards of one team (for 优胜班组). */
export async function teamHazards(teamId: string, now = new Date()) {
  const rows = await db.ankangHazard.findMany({ where: { teamId }, select: { status: true, dueAt: true } });
  return teamHazardCounts(rows.map((r) => ({ status: r.status as HazardStatus, dueAt: r.dueAt })), now);
}

/**
 * A file attached to a 安康杯 record (a hazard's photos, an agreement scan, an activity photo):
 * readable by whoever may see that record; otherwise the generic rule (uploader or administrator).
 */
export async function ankangFileFor(user: SessionUser, fileId: string) {
  const hazard = await db.ankangHazard.findFirst({ where: { OR: [{ photoFileId: fileId }, { fixPhotoId: fileId }, { closePhotoId: fileId }] }, select: { id: true } });
  if (hazard) { await getHazard(user, hazard.id); return readFile(fileId); }
  const enrolment = await db.ankangEnrolment.findFirst({ where: { agreementFileId: fileId }, select: { id: true } });
  const activity = await db.ankangActivity.findFirst({ where: { photoFileId: fileId }, select: { enrolmentId: true } });
  // evidence of a self-assessment or review item (kept in the assessment's entries): whoever may see the enrolment
  const assessment = enrolment || activity ? null : await db.ankangAssessment.findFirst({ where: { entries: { contains: `"${fileId}"` } }, select: { enrolmentId: true } });
  const enrolmentId = enrolment?.id ?? activity?.enrolmentId ?? assessment?.enrolmentId;
  if (enrolmentId) {
    const { enrolment: e, cycle } = await loadEnrolment(db, enrolmentId);
    if (!canSeeEnrolment(user, cycle, e)) throw forbidden();
    return readFile(fileId);
  }
  return readFileFor(user, fileId);
}
