// Pure parts of the blind-marking rule (rules S-33, S-34), shared by the server modules and
// their tests; THE decision about who sees what stays in blind.server.ts.

type Drawn = { drawnAt: Date | null; decryptedAt: Date | null };

/** Blinding is in force: codes drawn and not yet decrypted. */
export const blindedNow = (event: Drawn) => event.drawnAt !== null && event.decryptedAt === null;

/**
 * May theory scores (keyed by admission number, rule S-35) be combined with the scores keyed by
 * station code? Not while the event is blinded: everyone who imported or saw the exam results
 * could find each entrant's theory score beside a station code and so their code (issue 10
 * item 1). They join at decryption, as the paper process merges the two score sheets then.
 */
export const theoryJoinsCodes = (event: Drawn) => !blindedNow(event);
