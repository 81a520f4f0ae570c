import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";

// 加密 (blind marking), rules S-33 and S-34: THE one place that decides whether a
// reader may see who an entrant is in an event.
//
//   before the draw (event.drawnAt is null)  identities follow the ordinary permissions
//   after the draw, before decryption        only judging:encrypt over the contest's
//                                            organisation sees names, units, ID numbers,
//                                            phones, photos, admission numbers and the
//                                            person ↔ entry number ↔ station code mapping;
//                                            everyone else (judges, chief judge,
//                                            supervisors, organisers, admins without
//                                            judging:encrypt) sees codes only
//   after decryption (event.decryptedAt)     identities follow the ordinary permissions again
//
// Every loader, action, export and API handler that returns entrant data of an event
// (registration lists, start lists, score sheets, rankings, appeals, exports) must
// load the event with `loadBlindEvent` and pass rows through `redactEntrant`, or
// branch on `identityVisibleTo`. Only the encryption officer ever sees the mapping
// (`canSeeMapping`). Admission numbers count as identity after the draw: organisers
// issued them and know whose they are.
//
// The draw's seeds are identity too: with a seed and the (known) list of admission
// numbers anyone could recompute the mapping, so seeds are shown under the same rule.

export type BlindEvent = {
  id: string;
  name: string;
  contestId: string;
  drawnAt: Date | null;
  decryptedAt: Date | null;
  contest: { id: string; name: string; orgId: string; status: string; startsAt: Date | null; org: { path: string } };
};

export async function loadBlindEvent(eventId: string): Promise<BlindEvent> {
  const event = await db.contestEvent.findUnique({
    where: { id: eventId },
    select: {
      id: true, name: true, contestId: true, drawnAt: true, decryptedAt: true,
      contest: { select: { id: true, name: true, orgId: true, status: true, startsAt: true, org: { select: { path: true } } } },
    },
  });
  if (!event) throw notFound("找不到该赛项 / event not found");
  return event;
}

/** Blinding is in force: codes drawn and not yet decrypted. */
export const isBlinded = (event: Pick<BlindEvent, "drawnAt" | "decryptedAt">) => event.drawnAt !== null && event.decryptedAt === null;

/** May this user see the person ↔ code mapping of the event? Only the encryption officer over the contest's organisation. */
export const canSeeMapping = (user: SessionUser, event: BlindEvent) => hasPermission(user, "judging:encrypt", event.contest.org.path);

/**
 * May this user see who the entrants of the event are (names, units, ID numbers,
 * phones, photos, admission numbers)? The caller still checks its own permission to
 * read the data at all; this only adds the blind-marking rule on top.
 */
export function identityVisibleTo(user: SessionUser, event: BlindEvent): boolean {
  if (!isBlinded(event)) return true;
  return canSeeMapping(user, event);
}

/** The codes an entrant may be shown by. */
export type EntrantCodes = { stationCode: string | null; sessionId: string | null; sessionName?: string | null; stationNo: number | null; orderNo: number | null };

/** The identifying fields of an entrant row. */
export type EntrantIdentity = {
  registrationId?: string;
  memberId?: string;
  name?: string;
  sex?: string;
  unitName?: string;
  unitId?: string;
  idNumberMasked?: string;
  phone?: string | null;
  photoFileId?: string | null;
  admissionNo?: string | null;
  entryNo?: string | null;
};

/**
 * A row for a list: the full row when identity is visible; otherwise only its codes.
 * Built as an allow-list, so a field added to the row later stays hidden until someone
 * decides it is safe.
 */
export function redactEntrant<R extends EntrantCodes & EntrantIdentity>(row: R, visible: boolean): R | (EntrantCodes & { redacted: true }) {
  if (visible) return row;
  return {
    stationCode: row.stationCode ?? null,
    sessionId: row.sessionId ?? null,
    sessionName: row.sessionName ?? null,
    stationNo: row.stationNo ?? null,
    orderNo: row.orderNo ?? null,
    redacted: true as const,
  };
}
