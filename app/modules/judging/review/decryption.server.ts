import { db } from "~/utils/db.server";
import { publishChange } from "~/modules/results/live.server";
import { loadUserForToken, type SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { badRequest, conflict } from "~/utils/errors";
import { verifySigner } from "../signing.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { assertLayerOrder, nextDecryptionStep } from "./decryption";
import { assertEventPermission, canOnEvent, fullySignedOff, loadReviewEvent, signOffsOf, userNames } from "./review-event.server";

// 解密 (rule S-34): the encryption officer opens the layers in reverse order, each step
// recorded with who, when and the supervising witness; when the last layer (entry
// number → person) opens, ContestEvent.decryptedAt is set and names appear to the other
// roles (app/modules/draws/blind.server.ts).

async function decryptionState(eventId: string, sessionIds: string[], drawn: boolean) {
  const [signOffs, recheck, steps] = await Promise.all([
    signOffsOf(eventId),
    db.recheck.findFirst({ where: { eventId }, orderBy: { drawnAt: "desc" }, select: { status: true } }),
    db.decryptionStep.findMany({ where: { eventId }, orderBy: { at: "asc" } }),
  ]);
  const check = nextDecryptionStep({ drawn, signedOff: fullySignedOff(signOffs, sessionIds), recheckStatus: recheck?.status ?? null, openedLayers: steps.map((s) => s.layer) });
  return { check, steps, recheckStatus: recheck?.status ?? null, signedOff: fullySignedOff(signOffs, sessionIds) };
}

export type DecryptionInput = { layer: number; witnessUsername?: string | null; witnessPin?: string | null; witnessPassword?: string | null };

const witnessRefused = (message: string) => badRequest(message, [{ path: "witnessUsername", message }], "bad_witness");

/**
 * rule S-34: each layer is opened by the encryption officer, watched by a supervisor
 * (judging:supervise over the contest) who signs with their own PIN or password.
 */
export async function openDecryptionLayer(user: SessionUser, eventId: string, input: DecryptionInput, actor: Actor) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:encrypt");
  const { check } = await decryptionState(event.id, event.sessions.map((s) => s.id), event.drawnAt !== null);
  const refusal = assertLayerOrder(input.layer, check);
  if (refusal || !check.allowed) throw conflict(refusal ?? "不能解密 / cannot decrypt", "decryption_refused");
  if (!input.witnessUsername?.trim()) throw witnessRefused("请填写监督见证人的账号，由见证人本人输入签字 PIN 或密码 / give the witness's username; the witness enters their own PIN or password");
  const account = await db.user.findUnique({ where: { username: input.witnessUsername.trim() }, select: { id: true } });
  const witness = account ? await loadUserForToken(account.id, "witness") : null;
  if (!witness || !canOnEvent(witness, event, "judging:supervise")) {
    throw witnessRefused("见证人须为本竞赛的监督仲裁人员 / the witness must be a supervisor of this contest");
  }
  if (witness.id === user.id) throw witnessRefused("见证人不能是加密裁判本人 / the witness cannot be the encryption officer");
  const signed = await verifySigner(witness.id, { pin: input.witnessPin, password: input.witnessPassword }, actor, { orgId: event.contest.orgId, what: "DecryptionStep", eventId: event.id });
  const result = await db.$transaction(async (tx) => {
    const step = await tx.decryptionStep.create({ data: { eventId: event.id, layer: check.layer, byId: user.id, witnessName: signed.displayName } });
    let decryptedAt: Date | null = null;
    if (check.last) {
      decryptedAt = step.at;
      await tx.contestEvent.update({ where: { id: event.id }, data: { decryptedAt } });
    }
    await recordEvent(tx, actor, {
      action: check.last ? "event.decrypted" : "decryption.layer-opened", entityType: "ContestEvent", entityId: event.id, orgId: event.contest.orgId,
      after: { layer: check.layer, witnessName: step.witnessName, witnessId: signed.id, decryptedAt },
    });
    return { eventId: event.id, layer: step.layer, witnessName: step.witnessName, at: step.at.toISOString(), decrypted: check.last, decryptedAt: decryptedAt?.toISOString() ?? null };
  });
  await publishChange(event.id, "codes");
  return result;
}

/** The officer's page: preconditions, steps taken, and the mapping as far as it is open (the officer sees it all anyway). */
export async function loadDecryptionPage(user: SessionUser, eventId: string) {
  const event = await loadReviewEvent(eventId);
  assertEventPermission(user, event, "judging:encrypt");
  const state = await decryptionState(event.id, event.sessions.map((s) => s.id), event.drawnAt !== null);
  const names = await userNames(state.steps.map((s) => s.byId));
  const opened = new Set(state.steps.map((s) => s.layer));
  const codes = await db.blindCode.findMany({
    where: { eventId: event.id },
    select: { stationCode: true, entryNo: true, registration: { select: { admissionNo: true, member: { select: { name: true } }, unit: { select: { name: true } } } } },
    orderBy: { stationCode: "asc" },
  });
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name, drawn: event.drawnAt !== null, decryptedAt: event.decryptedAt?.toISOString() ?? null },
    signedOff: state.signedOff,
    recheckStatus: state.recheckStatus,
    next: state.check.allowed ? { layer: state.check.layer, last: state.check.last } : null,
    refusals: state.check.allowed ? [] : state.check.reasons,
    steps: state.steps.map((s) => ({ layer: s.layer, by: names.get(s.byId) ?? s.byId, witnessName: s.witnessName, at: s.at.toISOString() })),
    mapping: codes.map((c) => ({
      stationCode: c.stationCode,
      entryNo: c.entryNo,
      layer2Open: opened.has(2),
      name: c.registration.member.name,
      unitName: c.registration.unit.name,
      admissionNo: c.registration.admissionNo,
    })),
  };
}
