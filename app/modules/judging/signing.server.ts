import { db } from "~/utils/db.server";
import { verifyPassword } from "~/utils/auth.server";
import { AppError, badRequest } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { pinLocked, pinLockedUntil, wrongPin } from "./marks.server";

// 签字 (rules S-23, S-24, S-34): the chief judge's sign-off and the supervising witness of a
// decryption are signed like a judge's score sheet — with the signer's own signing PIN, or, for
// someone who has none, their own account password — never a typed name. A wrong one counts
// towards the same pause as a judge's wrong PINs (PIN_ATTEMPTS in PIN_WINDOW_MS, from the event
// log, "sheet.pin-failed"), so a chief judge's PIN cannot be guessed on another form either.

export type SigningCredential = { pin?: string | null; password?: string | null };

export type Signer = { id: string; displayName: string };

const wrongPassword = () =>
  new AppError(400, "wrong_password", "密码不正确 / the password is wrong", [{ path: "password", message: "密码不正确 / wrong password" }]);

/**
 * Checks the signer's own PIN (or password) and returns the name the signature carries: the
 * signer's display name from their account. Wrong credentials are recorded against the signer.
 */
export async function verifySigner(signerId: string, credential: SigningCredential, actor: Actor, context: { orgId: string | null; what: string; eventId: string }): Promise<Signer> {
  const user = await db.user.findUnique({
    where: { id: signerId },
    select: { id: true, displayName: true, passwordHash: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw badRequest("找不到签字人账号 / the signer's account was not found", [{ path: "signer", message: "找不到该账号 / no such account" }], "no_signer");
  const pin = credential.pin?.trim() || null;
  const password = credential.password || null;
  if (!pin && !password) {
    throw badRequest("请输入签字 PIN 或登录密码 / enter the signing PIN or the account password", [{ path: "pin", message: "请输入签字 PIN 或登录密码 / PIN or password required" }], "no_credential");
  }
  const lockedUntil = await pinLockedUntil(user.id);
  if (lockedUntil) throw pinLocked(lockedUntil);
  const pinHash = (await db.judgeProfile.findUnique({ where: { userId: user.id }, select: { pinHash: true } }))?.pinHash ?? null;
  if (pin && !pinHash) {
    throw badRequest("该账号尚未设置签字 PIN，请输入登录密码 / no signing PIN set for this account: use the password", [{ path: "pin", message: "尚未设置签字 PIN / no PIN set" }], "no_pin");
  }
  const ok = pin ? await verifyPassword(pinHash!, pin) : await verifyPassword(user.passwordHash, password!);
  if (!ok) {
    await recordEvent(db, { userId: user.id, requestId: actor.requestId }, {
      action: "sheet.pin-failed", entityType: context.what, orgId: context.orgId, after: { eventId: context.eventId, by: actor.userId, kind: pin ? "pin" : "password" },
    });
    const nowLocked = await pinLockedUntil(user.id);
    if (nowLocked) throw pinLocked(nowLocked);
    throw pin ? wrongPin() : wrongPassword();
  }
  return { id: user.id, displayName: user.displayName };
}

/** Whether the user signs with a PIN (else with their password): the forms ask for the one that applies. */
export async function hasSigningPin(userId: string) {
  return !!(await db.judgeProfile.findUnique({ where: { userId }, select: { pinHash: true } }))?.pinHash;
}
