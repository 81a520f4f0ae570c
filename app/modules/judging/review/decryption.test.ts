import { describe, expect, it } from "vitest";
import { assertLayerOrder, nextDecryptionStep } from "./decryption";

const ready = { drawn: true, signedOff: true, recheckStatus: "passed", openedLayers: [] as number[] };

describe("decryption (rule S-34)", () => {
  it("rule S-34: refused before the chief judge's sign-off and the re-check", () => {
    const check = nextDecryptionStep({ ...ready, signedOff: false, recheckStatus: null });
    expect(check.allowed).toBe(false);
    if (!check.allowed) {
      expect(check.reasons.join()).toMatch(/签字锁定/);
      expect(check.reasons.join()).toMatch(/复核尚未完成/);
    }
  });

  it("rule S-40: a required full re-check blocks decryption until completed", () => {
    const check = nextDecryptionStep({ ...ready, recheckStatus: "full_required" });
    expect(check.allowed).toBe(false);
    expect(nextDecryptionStep({ ...ready, recheckStatus: "completed" }).allowed).toBe(true);
  });

  it("rule S-34: layers open in reverse order — layer 2 (station code → entry number) first, then layer 1 (→ person)", () => {
    const first = nextDecryptionStep(ready);
    expect(first).toEqual({ allowed: true, layer: 2, last: false });
    expect(assertLayerOrder(1, first)).toMatch(/须先解开第 2 层/);
    expect(assertLayerOrder(2, first)).toBeNull();
    const second = nextDecryptionStep({ ...ready, openedLayers: [2] });
    expect(second).toEqual({ allowed: true, layer: 1, last: true });
    const done = nextDecryptionStep({ ...ready, openedLayers: [2, 1] });
    expect(done.allowed).toBe(false);
  });
});
