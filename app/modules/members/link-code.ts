// One-time codes that link a worker's account to their member record (issue 10 item 5,
// decision 009). The unit contact, who knows the person, generates a code on the member's
// page and hands it over; the worker types it on /account/member. Typing a name and a
// 身份证号 no longer links anything: that was an oracle for anyone who knew a mask and a
// birth date. Pure rules only; the random bytes and the clock come from the caller.

/** Crockford-like alphabet: no 0/O, 1/I/L, U, so a code read aloud or copied by hand survives. */
export const LINK_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 12 symbols of a 30-letter alphabet: about 59 bits, far beyond what throttled guessing reaches. */
export const LINK_CODE_LENGTH = 12;
export const LINK_CODE_TTL_MS = 7 * 24 * 60 * 60_000;
/** Failed redemptions allowed per account in one window before it must wait. */
export const LINK_CODE_MAX_FAILURES = 5;
export const LINK_CODE_WINDOW_MS = 60 * 60_000;

/** A code from random bytes (one byte per symbol; values above the last multiple of 30 are skipped). */
export function linkCodeFromBytes(bytes: Uint8Array): string {
  const limit = 256 - (256 % LINK_CODE_ALPHABET.length);
  let code = "";
  for (const b of bytes) {
    if (b >= limit) continue;
    code += LINK_CODE_ALPHABET[b % LINK_CODE_ALPHABET.length];
    if (code.length === LINK_CODE_LENGTH) return code;
  }
  throw new Error(`not enough random bytes for a ${LINK_CODE_LENGTH}-symbol code`);
}

/** How a code is shown: groups of four, e.g. 7KQM-2W9D-XH4T. */
export const formatLinkCode = (code: string) => code.match(/.{1,4}/g)?.join("-") ?? code;

/**
 * What a worker typed, as the code it means: case, spaces and dashes do not matter.
 * Null when it cannot be a code (so it is refused without a look-up).
 */
export function normaliseLinkCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s\-_.·—－]/g, "");
  if (code.length !== LINK_CODE_LENGTH) return null;
  for (const ch of code) if (!LINK_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

export type LinkCodeState = "usable" | "used" | "expired";

/** Single use, and only until it expires. */
export function linkCodeState(code: { usedAt: Date | null; expiresAt: Date }, now: Date): LinkCodeState {
  if (code.usedAt) return "used";
  if (now.getTime() >= code.expiresAt.getTime()) return "expired";
  return "usable";
}

export type LinkThrottle = { failures: number; windowStart: Date } | null;

/** Whether this account must wait before trying another code (failures counted per window). */
export function isLinkThrottled(throttle: LinkThrottle, now: Date): boolean {
  return !!throttle && isWindowOpen(throttle, now) && throttle.failures >= LINK_CODE_MAX_FAILURES;
}

export function isWindowOpen(throttle: NonNullable<LinkThrottle>, now: Date) {
  return now.getTime() - throttle.windowStart.getTime() < LINK_CODE_WINDOW_MS;
}

/** The throttle after one more failure: counted in the open window, or a new window. */
export function afterFailure(throttle: LinkThrottle, now: Date): { failures: number; windowStart: Date } {
  if (throttle && isWindowOpen(throttle, now)) return { failures: throttle.failures + 1, windowStart: throttle.windowStart };
  return { failures: 1, windowStart: now };
}
