import { describe, expect, it } from "vitest";
import {
  afterFailure, formatLinkCode, isLinkThrottled, LINK_CODE_ALPHABET, LINK_CODE_LENGTH, LINK_CODE_MAX_FAILURES, LINK_CODE_WINDOW_MS,
  linkCodeFromBytes, linkCodeState, normaliseLinkCode,
} from "./link-code";

// Issue 10 item 5, decision 009: the one-time code that links an account to a member record.

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("linkCodeFromBytes", () => {
  it("maps one byte to one symbol of the alphabet, 12 symbols long", () => {
    const code = linkCodeFromBytes(bytes(...Array.from({ length: 12 }, (_, i) => i)));
    expect(code).toBe(LINK_CODE_ALPHABET.slice(0, 12));
    expect(code).toHaveLength(LINK_CODE_LENGTH);
  });

  it("skips bytes past the last multiple of the alphabet size, so every symbol is equally likely", () => {
    // 256 - 256 % 30 = 240: 240..255 would favour the first 16 symbols
    const code = linkCodeFromBytes(bytes(240, 255, ...Array(12).fill(29)));
    expect(code).toBe("Z".repeat(12));
  });

  it("refuses to make a short code when the bytes run out", () => {
    expect(() => linkCodeFromBytes(bytes(...Array(11).fill(0), 250, 251))).toThrow(/not enough random bytes/);
  });

  it("never contains the look-alike characters 0 O 1 I L U", () => {
    expect(LINK_CODE_ALPHABET).not.toMatch(/[0O1ILU]/);
  });
});

describe("normaliseLinkCode", () => {
  it("accepts the shown form, lower case, spaces and dashes", () => {
    const code = "7KQM2W9DXH4T";
    expect(formatLinkCode(code)).toBe("7KQM-2W9D-XH4T");
    expect(normaliseLinkCode("7kqm-2w9d-xh4t")).toBe(code);
    expect(normaliseLinkCode(" 7KQM 2W9D XH4T ")).toBe(code);
  });

  it("refuses what cannot be a code (wrong length, a character outside the alphabet, an ID number)", () => {
    expect(normaliseLinkCode("7KQM-2W9D-XH4")).toBeNull();
    expect(normaliseLinkCode("7KQM-2W9D-XH40")).toBeNull();
    expect(normaliseLinkCode("330106199001011234")).toBeNull();
    expect(normaliseLinkCode("")).toBeNull();
  });
});

describe("linkCodeState", () => {
  const now = new Date("2026-05-01T08:00:00Z");
  it("is usable until it expires, then expired; once used it stays used", () => {
    expect(linkCodeState({ usedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe("usable");
    expect(linkCodeState({ usedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(linkCodeState({ usedAt: new Date(now.getTime() - 1000), expiresAt: new Date(now.getTime() + 1000) }, now)).toBe("used");
  });
});

describe("throttling failed redemptions per account", () => {
  const t0 = new Date("2026-05-01T08:00:00Z");
  it("lets five failures through in an hour, then blocks until the window has passed", () => {
    let throttle = null as ReturnType<typeof afterFailure> | null;
    for (let i = 0; i < LINK_CODE_MAX_FAILURES; i++) {
      expect(isLinkThrottled(throttle, t0)).toBe(false);
      throttle = afterFailure(throttle, t0);
    }
    expect(throttle).toEqual({ failures: LINK_CODE_MAX_FAILURES, windowStart: t0 });
    expect(isLinkThrottled(throttle, new Date(t0.getTime() + LINK_CODE_WINDOW_MS - 1))).toBe(true);
    const later = new Date(t0.getTime() + LINK_CODE_WINDOW_MS);
    expect(isLinkThrottled(throttle, later)).toBe(false);
    expect(afterFailure(throttle, later)).toEqual({ failures: 1, windowStart: later });
  });
});
