import { loadEntries, outboxEventsOf, pendingEntries, reconcileSent, saveEntries, storeKeyOf, type Entries, type SendResult } from "./outbox";

// Background sync (issue 11, decision 007): in a browser with the Background Sync API
// (registration.sync: Chromium), the queue of each user and event is also kept in
// IndexedDB, which the service worker can read, and a sync is registered whenever a mark
// waits. The worker (public/sw.js, same database and tag) sends the signed-in user's queue
// when connectivity returns, even with no page of the app open, and records each saved key
// in "sent". A page opening applies those records to localStorage (reconcileSent).
// Without registration.sync nothing here runs: the page senders work as before.
// The names below are repeated in public/sw.js.

export const MARKS_DB = "gongsai-marks";
export const SYNC_TAG = "gongsai-marks";
const QUEUES = "queues"; // { id: "<userId>:<eventId>", userId, eventId, entries: OutboxEntry[] (waiting only) }
const SENT = "sent"; // { key, userId, eventId, result: SendResult }

type SyncRegistration = ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };

async function syncRegistration(): Promise<SyncRegistration | null> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || typeof indexedDB === "undefined") return null;
  const registration = (await navigator.serviceWorker.getRegistration("/judging/").catch(() => undefined)) as SyncRegistration | undefined;
  return registration?.sync ? registration : null;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(MARKS_DB, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(QUEUES)) db.createObjectStore(QUEUES, { keyPath: "id" });
      if (!db.objectStoreNames.contains(SENT)) db.createObjectStore(SENT, { keyPath: "key" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function putQueue(tx: IDBTransaction, userId: string, eventId: string, entries: Entries) {
  const id = `${userId}:${eventId}`;
  const waiting = pendingEntries(entries);
  if (waiting.length) tx.objectStore(QUEUES).put({ id, userId, eventId, entries: waiting });
  else tx.objectStore(QUEUES).delete(id);
}

/** Copies one outbox's waiting entries where the worker reads them and asks for a sync. */
export async function mirrorQueue(userId: string, eventId: string, entries: Entries): Promise<void> {
  try {
    const registration = await syncRegistration();
    if (!registration) return;
    const db = await openDb();
    const tx = db.transaction(QUEUES, "readwrite");
    putQueue(tx, userId, eventId, entries);
    await done(tx);
    db.close();
    if (pendingEntries(entries).length) await registration.sync!.register(SYNC_TAG);
  } catch {
    // No IndexedDB or no sync here: the page senders still send the queue.
  }
}

/**
 * A page opened: the answers the worker got while no page was open are applied to the
 * user's queues in localStorage, then every queue of the user is copied again (a queue
 * made before this existed reaches the worker too).
 */
export async function reconcileWithWorker(userId: string): Promise<void> {
  try {
    const registration = await syncRegistration();
    if (!registration) return;
    const db = await openDb();
    const read = db.transaction(SENT, "readonly");
    const all = await new Promise<{ key: string; userId: string; eventId: string; result: SendResult }[]>((resolve, reject) => {
      const request = read.objectStore(SENT).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const mine = all.filter((r) => r.userId === userId);
    const events = new Set([...outboxEventsOf(window.localStorage, userId), ...mine.map((r) => r.eventId)]);
    const tx = db.transaction([QUEUES, SENT], "readwrite");
    let waiting = false;
    for (const eventId of events) {
      const storeKey = storeKeyOf(userId, eventId);
      const entries = reconcileSent(loadEntries(window.localStorage, storeKey), mine.filter((r) => r.eventId === eventId).map((r) => r.result));
      if (Object.keys(entries).length) saveEntries(window.localStorage, storeKey, entries);
      putQueue(tx, userId, eventId, entries);
      waiting ||= pendingEntries(entries).length > 0;
    }
    for (const r of mine) tx.objectStore(SENT).delete(r.key);
    await done(tx);
    db.close();
    if (waiting) await registration.sync!.register(SYNC_TAG);
  } catch {
    // as above
  }
}
