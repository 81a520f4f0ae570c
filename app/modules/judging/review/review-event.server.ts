import { db, type Tx } from "~/utils/db.server";
import { assertPermission, hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, notFound } from "~/utils/errors";
import { identityVisibleTo, loadBlindEvent, type BlindEvent } from "~/modules/draws/blind.server";
import type { PermissionKey } from "~/modules/users/roles";
import { parseMarkingScheme, parseScoringSettings, ScoringInputError, type MarkingScheme, type ScoringSettings } from "~/modules/scoring";
import { sheetAspects, type SheetAspect } from "../sheet";

// Shared by the review services: load an event with what the chief judge, the
// supervision group and the encryption officer need, and check their permission over
// the contest's organisation. Identity always goes through blind.server.ts (rule S-34).

export type ReviewEvent = BlindEvent & {
  markingSchemeJson: unknown;
  scoringSettingsJson: unknown;
  contestEndsAt: Date | null;
  appealWindowMinutes: number;
  sessions: { id: string; name: string; sortOrder: number }[];
};

const readJson = (text: string) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
};

export async function loadReviewEvent(eventId: string): Promise<ReviewEvent> {
  const blind = await loadBlindEvent(eventId);
  const row = await db.contestEvent.findUniqueOrThrow({
    where: { id: eventId },
    select: {
      markingScheme: true, scoringSettings: true,
      contest: { select: { endsAt: true, appealWindowMinutes: true } },
      sessions: { select: { id: true, name: true, sortOrder: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] },
    },
  });
  return {
    ...blind,
    markingSchemeJson: readJson(row.markingScheme),
    scoringSettingsJson: readJson(row.scoringSettings),
    contestEndsAt: row.contest.endsAt,
    appealWindowMinutes: row.contest.appealWindowMinutes,
    sessions: row.sessions,
  };
}

export const orgPathOf = (event: BlindEvent) => event.contest.org.path;

/** 403 unless the user holds `permission` over the contest's organisation. */
export function assertEventPermission(user: SessionUser, event: BlindEvent, permission: PermissionKey) {
  assertPermission(user, permission, orgPathOf(event));
}

/** 403 unless the user holds one of the permissions over the contest's organisation. */
export function assertAnyEventPermission(user: SessionUser, event: BlindEvent, permissions: PermissionKey[]) {
  if (!permissions.some((p) => hasPermission(user, p, orgPathOf(event)))) assertPermission(user, permissions[0], orgPathOf(event));
}

export const canOnEvent = (user: SessionUser, event: BlindEvent, permission: PermissionKey) => hasPermission(user, permission, orgPathOf(event));

export { identityVisibleTo };

export type EventScheme = { scheme: MarkingScheme; settings: ScoringSettings; aspects: SheetAspect[]; judgedAspects: SheetAspect[]; theoryAspectIds: Set<string> };

/** The event's scheme and settings; the aspects judges mark exclude theory (imported from the exam system). */
export function schemeOf(event: ReviewEvent): EventScheme {
  try {
    const settings = parseScoringSettings(event.scoringSettingsJson);
    const { scheme } = parseMarkingScheme(event.markingSchemeJson, settings);
    const aspects = sheetAspects(event.markingSchemeJson, event.scoringSettingsJson);
    const theoryAspectIds = new Set(scheme.aspects.filter((a) => scheme.components[a.componentIndex].kind === "theory").map((a) => a.id));
    return { scheme, settings, aspects, judgedAspects: aspects.filter((a) => !theoryAspectIds.has(a.id)), theoryAspectIds };
  } catch (error) {
    if (error instanceof ScoringInputError) {
      throw new AppError(422, "invalid_scheme", `赛项评分标准有误，无法审核：${error.message} / the event's marking scheme is invalid`);
    }
    throw error;
  }
}

export type SignOffRow = { id: string; sessionId: string | null; byId: string; signatureName: string; at: Date };

/** Sign-offs of the event: the whole event (sessionId null) or single sessions. */
export const signOffsOf = (eventId: string, tx: Tx | typeof db = db) =>
  tx.signOff.findMany({ where: { eventId }, orderBy: { at: "asc" } });

/** Is an entrant's marking locked: the whole event signed off, or the entrant's session? */
export function isLocked(signOffs: readonly Pick<SignOffRow, "sessionId">[], sessionId: string | null): boolean {
  return signOffs.some((s) => s.sessionId === null || (sessionId !== null && s.sessionId === sessionId));
}

/** Every session signed off, or the whole event (what decryption and the re-check need). */
export function fullySignedOff(signOffs: readonly Pick<SignOffRow, "sessionId">[], sessionIds: readonly string[]): boolean {
  if (signOffs.some((s) => s.sessionId === null)) return true;
  return sessionIds.length > 0 && sessionIds.every((id) => signOffs.some((s) => s.sessionId === id));
}

/** The entrant (blind code) of an event by id or station code. */
export async function findBlindCode(eventId: string, ref: { blindCodeId?: string; stationCode?: string }) {
  const code = ref.blindCodeId
    ? await db.blindCode.findFirst({ where: { id: ref.blindCodeId, eventId } })
    : ref.stationCode
      ? await db.blindCode.findFirst({ where: { eventId, stationCode: ref.stationCode.trim() } })
      : null;
  if (!code) {
    const message = "本赛项没有该工位号 / no entrant of this event has that station code";
    throw badRequest(message, [{ path: ref.blindCodeId ? "blindCodeId" : "stationCode", message }]);
  }
  return code;
}

export async function userNames(ids: Iterable<string | null | undefined>) {
  const list = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!list.length) return new Map<string, string>();
  const users = await db.user.findMany({ where: { id: { in: list } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export const notFoundEvent = () => notFound("找不到该赛项 / event not found");
