import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { readFile } from "~/modules/files/files.server";
import { identityVisibleTo, isBlinded, loadBlindEvent } from "~/modules/draws/blind.server";
import { DEFAULT_NOTES, renderAdmissionTicket, type TicketData } from "./admission-ticket.server";

// Who may download an admission ticket: the entrant (their own linked member record),
// a unit contact over the entrant's unit, an organiser (contest:manage) or the
// encryption officer over the contest's organisation. The ticket names the entrant, so
// judges never get it.
//
// The QR code encodes the check-in URL with the registration's checkInToken (random,
// not guessable); the check-in page accepts the URL or the bare token.
// After the draw, the 参赛号 is printed only for the entrant, their unit and the
// encryption officer (rule S-33: only they know the mapping).

export const checkInUrl = (origin: string, token: string) => `${origin}/check-in?token=${encodeURIComponent(token)}`;

export async function admissionTicketData(user: SessionUser, registrationId: string, origin: string): Promise<TicketData> {
  const registration = await db.registration.findUnique({
    where: { id: registrationId },
    include: {
      member: { select: { name: true, sex: true } },
      unit: { select: { name: true, path: true } },
      event: { select: { name: true, trade: true, groupName: true, contest: { select: { name: true, startsAt: true, noticeText: true } } } },
      code: { include: { session: true } },
    },
  });
  if (!registration) throw notFound("找不到该报名 / registration not found");
  const event = await loadBlindEvent(registration.eventId);
  const contestPath = event.contest.org.path;
  const isEntrant = user.memberId !== null && user.memberId === registration.memberId;
  const isUnit = hasPermission(user, "registration:unit", registration.unit.path);
  const isOfficer = hasPermission(user, "judging:encrypt", contestPath);
  const isOrganiser = hasPermission(user, "contest:manage", contestPath);
  if (!isEntrant && !isUnit && !isOfficer && !isOrganiser) throw forbidden("您无权下载此准考证 / you may not download this ticket");
  if (registration.status !== "approved" || registration.withdrawnAt || !registration.admissionNo || !registration.checkInToken) {
    throw new AppError(409, "not_approved", "报名尚未通过审核，暂无准考证 / the registration is not approved: no ticket yet");
  }

  const showEntryNo = Boolean(registration.code) && (isEntrant || isUnit || identityVisibleTo(user, event) || !isBlinded(event));
  let photo: TicketData["photo"] = null;
  if (registration.photoFileId) {
    const { file, bytes } = await readFile(registration.photoFileId);
    photo = { bytes, mimeType: file.mimeType };
  }
  const session = registration.code?.session ?? null;
  const notice = registration.event.contest.noticeText.trim();
  return {
    contestName: registration.event.contest.name,
    eventName: registration.event.name,
    trade: registration.event.trade,
    groupName: registration.event.groupName,
    name: registration.member.name,
    sex: registration.member.sex,
    unitName: registration.unit.name,
    admissionNo: registration.admissionNo,
    entryNo: showEntryNo ? registration.code!.entryNo : null,
    session: session ? { name: session.name, place: session.place, startsAt: session.startsAt } : null,
    contestStartsAt: registration.event.contest.startsAt,
    photo,
    qrPayload: checkInUrl(origin, registration.checkInToken),
    notes: notice ? [...DEFAULT_NOTES, ...notice.split(/\r?\n/).filter(Boolean).slice(0, 5)] : DEFAULT_NOTES,
  };
}

export async function admissionTicketPdf(user: SessionUser, registrationId: string, origin: string) {
  const data = await admissionTicketData(user, registrationId, origin);
  return { pdf: await renderAdmissionTicket(data), filename: `准考证-${data.admissionNo}.pdf`, admissionNo: data.admissionNo };
}
