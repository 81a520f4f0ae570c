import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { readFile } from "~/modules/files/files.server";
import { identityVisibleTo, loadBlindEvent } from "~/modules/draws/blind.server";
import { DEFAULT_NOTES, renderAdmissionTicket, type TicketData } from "./admission-ticket.server";

// Who may download an admission ticket: the entrant (their own linked member record),
// a unit contact over the entrant's unit, an organiser (contest:manage) or the
// encryption officer over the contest's organisation. The ticket names the entrant, so
// judges never get it.
//
// After the draw and until decryption (blind.server.ts) only the entrant and the
// encryption officer may download it; tickets are normally printed before the draw.
// The 参赛号 is printed once drawn, for those two only (rule S-33).
//
// The QR code encodes the check-in URL with the registration's checkInToken (random,
// not guessable); the check-in page accepts the URL or the bare token.

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
  // While the event is blind the ticket's name and unit are identity like any other
  // (blind.server.ts): only the entrant themselves and the encryption officer get it.
  if (!isEntrant && !identityVisibleTo(user, event)) {
    throw forbidden("抽签后至解密前，准考证只能由选手本人或加密裁判下载 / after the draw and until decryption only the entrant or the encryption officer may download the ticket");
  }
  if (registration.status !== "approved" || registration.withdrawnAt || !registration.admissionNo || !registration.checkInToken) {
    throw new AppError(409, "not_approved", "报名尚未通过审核，暂无准考证 / the registration is not approved: no ticket yet");
  }

  const showEntryNo = Boolean(registration.code) && (isEntrant || identityVisibleTo(user, event));
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
