// The tablet's outbox: every mark the judge confirms is written to the device first
// (localStorage, keyed by the user and the event) with an idempotency key made at that
// moment, then sent. It stays on the device until the server answers for that key, and a
// resend after a lost answer is harmless (the server answers a replay with what it stored
// and writes nothing). Saved marks stay on the device as a mirror, so a page reloaded
// offline from the service worker's copy still shows everything the judge entered.
//
// Pure functions over plain objects; the React hook lives in use-outbox.ts.

export type EntryState = "pending" | "saved" | "locked" | "rejected";

export type OutboxEntry = {
  blindCodeId: string;
  aspectId: string;
  /** hundredths */
  value: number;
  /** what the judge typed, sent as is so the server validates the same text */
  text: string;
  key: string;
  state: EntryState;
  enteredAt: string;
  savedAt?: string;
  message?: string;
};

export type Entries = Record<string, OutboxEntry>;

export const slotOf = (blindCodeId: string, aspectId: string) => `${blindCodeId}|${aspectId}`;
export const storeKeyOf = (userId: string, eventId: string) => `gongsai:judging:${userId}:${eventId}`;

export function loadEntries(storage: Pick<Storage, "getItem"> | undefined, storeKey: string): Entries {
  try {
    const raw = storage?.getItem(storeKey);
    const parsed = raw ? (JSON.parse(raw) as Entries) : {};
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

export function saveEntries(storage: Pick<Storage, "setItem"> | undefined, storeKey: string, entries: Entries) {
  storage?.setItem(storeKey, JSON.stringify(entries));
}

/** A fresh idempotency key (crypto.randomUUID where available). */
export function newKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The judge confirmed a value: it replaces whatever the slot held, with a new key, waiting to be sent. */
export function enterMark(entries: Entries, mark: { blindCodeId: string; aspectId: string; value: number; text: string }, now = new Date(), key = newKey()): Entries {
  return { ...entries, [slotOf(mark.blindCodeId, mark.aspectId)]: { ...mark, key, state: "pending", enteredAt: now.toISOString() } };
}

export const pendingEntries = (entries: Entries) => Object.values(entries).filter((e) => e.state === "pending");

export type SendResult =
  | { key: string; status: "saved"; value: number; savedAt: string }
  | { key: string; status: "rejected"; error: { code: string; message: string } };

/**
 * Applies the server's answers. An answer for a key the slot no longer holds (the judge
 * changed the value while it was on its way) changes nothing: the newer entry is sent next.
 */
export function applyResults(entries: Entries, results: readonly SendResult[]): { entries: Entries; locked: boolean } {
  const next = { ...entries };
  const slotByKey = new Map(Object.entries(next).map(([slot, e]) => [e.key, slot]));
  let locked = false;
  for (const result of results) {
    const slot = slotByKey.get(result.key);
    if (!slot) continue;
    const entry = next[slot];
    if (result.status === "saved") next[slot] = { ...entry, state: "saved", value: result.value, savedAt: result.savedAt, message: undefined };
    else if (result.error.code === "sheet_locked") {
      locked = true;
      next[slot] = { ...entry, state: "locked", message: result.error.message };
    } else next[slot] = { ...entry, state: "rejected", message: result.error.message };
  }
  return { entries: next, locked };
}

export type ShownMark = { value: number; state: EntryState; message?: string };

/**
 * What the sheet shows for one aspect: an unsent (or refused) entry on the device wins;
 * otherwise the newer of the server's mark and the device's saved copy (the page may be the
 * service worker's older copy, opened offline).
 */
export function shownMark(server: { value: number; savedAt: string } | undefined, entry: OutboxEntry | undefined): ShownMark | undefined {
  if (entry && entry.state !== "saved") return { value: entry.value, state: entry.state, message: entry.message };
  if (entry && (!server || (entry.savedAt ?? "") > server.savedAt)) return { value: entry.value, state: "saved" };
  if (server) return { value: server.value, state: "saved" };
  return undefined;
}

/** Retry delay after a failed send: 1 s, 2 s, 4 s … at most 30 s. */
export const backoffMs = (failures: number) => Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
