// 逐层解密 (layer-by-layer decryption), rule S-34: only after the chief judge has
// signed off and the scores were re-checked (rule S-40) does the encryption officer,
// watched by the supervisors, open the layers IN REVERSE order of encryption:
//
//   layer 2  工位号 station code → 参赛号 entry number   (the second encryption, opened first)
//   layer 1  参赛号 entry number → 选手 the person        (opened last: names appear)
//
// When layer 1 opens the event is decrypted (ContestEvent.decryptedAt) and identities
// follow the ordinary permissions again (app/modules/draws/blind.server.ts).

export const DECRYPTION_LAYERS = [2, 1] as const; // in the order they are opened
export type DecryptionLayer = (typeof DECRYPTION_LAYERS)[number];

export type DecryptionPreconditions = {
  drawn: boolean;
  /** every session is signed off, or the whole event is */
  signedOff: boolean;
  /** the latest re-check's status, or null when none was drawn */
  recheckStatus: string | null;
  /** layers already opened */
  openedLayers: number[];
};

export type DecryptionCheck = { allowed: true; layer: DecryptionLayer; last: boolean } | { allowed: false; reasons: string[] };

/** The next layer the officer may open, or why not. */
export function nextDecryptionStep(state: DecryptionPreconditions): DecryptionCheck {
  const reasons: string[] = [];
  if (!state.drawn) reasons.push("尚未抽签加密 / the event has not been drawn (encrypted) yet");
  if (!state.signedOff) reasons.push("裁判长尚未签字锁定全部场次 / the chief judge has not signed off every session (rule S-34)");
  if (state.recheckStatus !== "passed" && state.recheckStatus !== "completed") {
    reasons.push(
      state.recheckStatus === "full_required"
        ? "复核差错率超过 5%，须全部复核完毕 / more than 5 % wrong: the full re-check must be completed (rule S-40)"
        : "复核尚未完成 / the re-check is not finished (rules S-34, S-40)",
    );
  }
  const next = DECRYPTION_LAYERS.find((layer) => !state.openedLayers.includes(layer));
  if (next === undefined) reasons.push("已全部解密 / every layer is already open");
  if (reasons.length || next === undefined) return { allowed: false, reasons };
  return { allowed: true, layer: next, last: next === DECRYPTION_LAYERS[DECRYPTION_LAYERS.length - 1] };
}

/** Refuses opening a layer out of order (the caller names the layer it means to open). */
export function assertLayerOrder(requested: number, check: DecryptionCheck): string | null {
  if (!check.allowed) return check.reasons.join("；");
  if (requested !== check.layer) return `须先解开第 ${check.layer} 层（逆向逐层解密）/ open layer ${check.layer} first: layers open in reverse order (rule S-34)`;
  return null;
}
