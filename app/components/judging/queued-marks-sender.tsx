import { useEffect } from "react";
import { applyResults, backoffMs, loadEntries, outboxEventsOf, pendingEntries, saveEntries, storeKeyOf, unsentEntries } from "./outbox";
import { mirrorQueue, reconcileWithWorker } from "./mark-sync";
import { sendQueuedMarks, shownOutboxes } from "./outbox-send";
import { announceUserToServiceWorker } from "./service-worker";

// Issue 11: marks queued on the tablet are sent from whatever page of the app is open,
// not only when the judge opens that event's page again: at once, when the browser comes
// back online, and on a timer with back-off while sends fail. Only the signed-in user's
// outboxes are read (they are stored per user), and each mark still says who typed it,
// so a shared tablet never sends one judge's marks as another's. The event page being
// shown sends its own outbox (use-outbox.ts). Also tells the service worker who is
// signed in, so it opens only that user's copies of pages offline.

async function sendAllQueued(userId: string): Promise<boolean> {
  let failed = false;
  for (const eventId of outboxEventsOf(window.localStorage, userId)) {
    const storeKey = storeKeyOf(userId, eventId);
    if (shownOutboxes.has(storeKey)) continue;
    for (let round = 0; round < 50; round++) {
      const pending = pendingEntries(loadEntries(window.localStorage, storeKey)).filter((e) => !e.typedBy || e.typedBy === userId);
      if (pending.length === 0) break;
      const outcome = await sendQueuedMarks(eventId, pending);
      if (outcome.kind !== "answered") {
        failed = true;
        break;
      }
      // Read again just before writing: the answers apply to what the device holds now.
      const { entries, otherJudge } = applyResults(loadEntries(window.localStorage, storeKey), outcome.results);
      saveEntries(window.localStorage, storeKey, entries);
      void mirrorQueue(userId, eventId, entries);
      if (otherJudge) break;
    }
  }
  return !failed;
}

export function QueuedMarksSender({ userId }: { userId: string | null }) {
  useEffect(() => {
    announceUserToServiceWorker(userId);
    if (!userId) return;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let stopped = false;
    const run = async () => {
      if (running || stopped) return;
      running = true;
      clearTimeout(timer);
      try {
        // What the service worker sent while no page was open is no longer waiting.
        if (failures === 0) await reconcileWithWorker(userId);
        const ok = await sendAllQueued(userId).catch(() => false);
        failures = ok ? 0 : failures + 1;
        if (!ok && !stopped) timer = setTimeout(() => void run(), backoffMs(failures));
      } finally {
        running = false;
      }
    };
    const goOnline = () => {
      failures = 0;
      void run();
    };
    window.addEventListener("online", goOnline);
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener("online", goOnline);
    };
  }, [userId]);
  return null;
}

/** How many of this user's marks are on the device only (waiting, or in conflict), over all events. */
export function unsentMarkCount(userId: string): number {
  try {
    return outboxEventsOf(window.localStorage, userId).reduce((n, eventId) => n + unsentEntries(loadEntries(window.localStorage, storeKeyOf(userId, eventId))).length, 0);
  } catch {
    return 0;
  }
}
