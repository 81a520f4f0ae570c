// The tablet's outbox: every mark the judge confirms is written to the device first
// (localStorage, keyed by the user and the event) with an idempotency key made at that
// moment, then sent. It stays on the device until the server answers for that key, and a
// resend after a lost answer is harmless (the server answers a replay with what it stored
// and writes nothing). Saved marks stay on the device as a mirror, so a page reloaded
// offline from the service worker's copy still shows everything the judge entered.
//
// Issue 11: each entry carries the judge who typed it (`typedBy`: a shared tablet never
// sends one judge's marks under another's session) and the version of the mark it was
// typed over (`baseVersion`: an older offline entry never silently overwrites a newer
// one; the server answers a conflict, which the judge resolves here).
//
// Pure functions over plain objects; the React hook lives in use-outbox.ts, the sender
// that works from any page in queued-marks-sender.tsx.

export type EntryState = "pending" | "saved" | "locked" | "rejected" | "conflict";

export type CurrentValue = { value: number; valueText: string; version: number };

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
  /** the judge (user id) who typed it */
  typedBy?: string;
  /** the mark's version this entry was typed over (0: none); absent in entries made before issue 11 */
  baseVersion?: number;
  /** the server's version once saved */
  version?: number;
  /** keys of this device's earlier, unconfirmed entries for the slot that this one replaced */
  priorKeys?: string[];
  /** conflict: the newer mark the server holds, which this entry did not overwrite */
  current?: CurrentValue;
};

export type Entries = Record<string, OutboxEntry>;

export const slotOf = (blindCodeId: string, aspectId: string) => `${blindCodeId}|${aspectId}`;
const STORE_PREFIX = "gongsai:judging:";
export const storeKeyOf = (userId: string, eventId: string) => `${STORE_PREFIX}${userId}:${eventId}`;

/** The events with an outbox of this user on the device (storage keys are per user). */
export function outboxEventsOf(storage: Pick<Storage, "length" | "key"> | undefined, userId: string): string[] {
  const prefix = `${STORE_PREFIX}${userId}:`;
  const events: string[] = [];
  for (let i = 0; i < (storage?.length ?? 0); i++) {
    const k = storage!.key(i);
    if (k?.startsWith(prefix)) events.push(k.slice(prefix.length));
  }
  return events;
}

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

/**
 * The version of the mark the judge sees and types over: a waiting entry's own base (the
 * judge has not seen anything newer), a conflict's current value (shown to the judge),
 * otherwise the newest the device knows of, or 0 when there is no mark.
 */
export function knownVersion(server: { version: number } | undefined, entry: OutboxEntry | undefined): number {
  if (entry?.state === "pending" && entry.baseVersion !== undefined) return entry.baseVersion;
  if (entry?.state === "conflict" && entry.current) return entry.current.version;
  return Math.max(server?.version ?? 0, entry?.version ?? 0);
}

type Typed = { blindCodeId: string; aspectId: string; value: number; text: string; typedBy?: string; baseVersion?: number };

/** The judge confirmed a value: it replaces whatever the slot held, with a new key, waiting to be sent. */
export function enterMark(entries: Entries, mark: Typed, now = new Date(), key = newKey()): Entries {
  const slot = slotOf(mark.blindCodeId, mark.aspectId);
  const previous = entries[slot];
  // An earlier entry still on its way may yet be stored: remember its key, so that its
  // answer moves this entry's base on instead of making a conflict with the judge's own value.
  const priorKeys = previous?.state === "pending" ? [...(previous.priorKeys ?? []), previous.key].slice(-10) : undefined;
  return { ...entries, [slot]: { ...mark, key, state: "pending", enteredAt: now.toISOString(), ...(priorKeys ? { priorKeys } : {}) } };
}

/**
 * The judge resolves a conflict: keep the newer value the server holds ("current"), or
 * their own entry ("mine"); either is sent typed over the current version, so the server
 * records the choice and the chief judge's console sees the conflict settled.
 */
export function resolveConflict(entries: Entries, slot: string, choice: "current" | "mine", now = new Date(), key = newKey()): Entries {
  const entry = entries[slot];
  if (!entry || entry.state !== "conflict" || !entry.current) return entries;
  const { current } = entry;
  const chosen = choice === "mine" ? { value: entry.value, text: entry.text } : { value: current.value, text: String(current.value / 100) };
  const next = { ...entries, [slot]: { ...entry, state: "saved" as const, version: current.version } };
  return enterMark(next, { blindCodeId: entry.blindCodeId, aspectId: entry.aspectId, ...chosen, typedBy: entry.typedBy, baseVersion: current.version }, now, key);
}

export const pendingEntries = (entries: Entries) => Object.values(entries).filter((e) => e.state === "pending");

/** Marks not on the server yet: waiting to be sent, or waiting for the judge to resolve a conflict. */
export const unsentEntries = (entries: Entries) => Object.values(entries).filter((e) => e.state === "pending" || e.state === "conflict");

/** What a batch sends for the entries (the page's endpoint takes up to 200). */
export const sendBodyOf = (pending: readonly OutboxEntry[]) => ({
  marks: pending.slice(0, 200).map((e) => ({
    blindCodeId: e.blindCodeId, aspectId: e.aspectId, value: e.text, idempotencyKey: e.key,
    ...(e.typedBy ? { typedBy: e.typedBy } : {}),
    ...(e.baseVersion !== undefined ? { baseVersion: e.baseVersion } : {}),
  })),
});

export type SendResult =
  | { key: string; status: "saved"; value: number; savedAt: string; version?: number }
  | { key: string; status: "rejected"; error: { code: string; message: string; current?: CurrentValue } };

/**
 * Applies the server's answers. An answer for a key the slot no longer holds (the judge
 * changed the value while it was on its way) changes nothing but the newer entry's base:
 * the newer entry is sent next. A mark refused because another judge is signed in stays
 * waiting (it is that judge's, sent when they sign in); a stale one becomes a conflict.
 */
export function applyResults(entries: Entries, results: readonly SendResult[]): { entries: Entries; locked: boolean; otherJudge: boolean } {
  const next = { ...entries };
  const slotByKey = new Map(Object.entries(next).map(([slot, e]) => [e.key, slot]));
  let locked = false;
  let otherJudge = false;
  for (const result of results) {
    const slot = slotByKey.get(result.key);
    if (!slot) {
      if (result.status === "saved" && result.version !== undefined) {
        for (const [s, e] of Object.entries(next)) {
          if (e.state === "pending" && e.priorKeys?.includes(result.key)) next[s] = { ...e, baseVersion: result.version };
        }
      }
      continue;
    }
    const entry = next[slot];
    if (result.status === "saved") {
      next[slot] = { ...entry, state: "saved", value: result.value, savedAt: result.savedAt, version: result.version, message: undefined, current: undefined, priorKeys: undefined };
    } else if (result.error.code === "sheet_locked") {
      locked = true;
      next[slot] = { ...entry, state: "locked", message: result.error.message };
    } else if (result.error.code === "judge_mismatch") {
      otherJudge = true;
    } else if (result.error.code === "mark_conflict" && result.error.current) {
      next[slot] = { ...entry, state: "conflict", message: result.error.message, current: result.error.current };
    } else next[slot] = { ...entry, state: "rejected", message: result.error.message };
  }
  return { entries: next, locked, otherJudge };
}

export type ShownMark = { value: number; state: EntryState; message?: string; mine?: { value: number } };

/**
 * What the sheet shows for one aspect: an unsent (or refused) entry on the device wins;
 * a conflict shows the newer value the server holds (it stays until the judge chooses),
 * with the judge's own entry beside it; otherwise the newer of the server's mark and the
 * device's saved copy (the page may be the service worker's older copy, opened offline).
 */
export function shownMark(server: { value: number; savedAt: string } | undefined, entry: OutboxEntry | undefined): ShownMark | undefined {
  if (entry?.state === "conflict" && entry.current) return { value: entry.current.value, state: "conflict", message: entry.message, mine: { value: entry.value } };
  if (entry && entry.state !== "saved") return { value: entry.value, state: entry.state, message: entry.message };
  if (entry && (!server || (entry.savedAt ?? "") > server.savedAt)) return { value: entry.value, state: "saved" };
  if (server) return { value: server.value, state: "saved" };
  return undefined;
}

/** Retry delay after a failed send: 1 s, 2 s, 4 s … at most 30 s. */
export const backoffMs = (failures: number) => Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));

/**
 * Background sync (issue 11): the service worker may have sent some of the queue while no
 * page was open; it records each saved answer by key. A page opening applies those answers
 * to the device's queue, so the entries are no longer waiting (they stay as saved copies,
 * like any mark the page sent). Refusals are not recorded by the worker: those entries stay
 * waiting and the page sends them itself and shows the answer.
 */
export function reconcileSent(entries: Entries, sent: readonly SendResult[]): Entries {
  return applyResults(entries, sent.filter((r) => r.status === "saved")).entries;
}
