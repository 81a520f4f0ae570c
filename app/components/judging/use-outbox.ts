import { useCallback, useEffect, useRef, useState } from "react";
import { applyResults, backoffMs, enterMark, loadEntries, pendingEntries, resolveConflict, saveEntries, type Entries } from "./outbox";
import { mirrorQueue } from "./mark-sync";
import { sendQueuedMarks, shownOutboxes } from "./outbox-send";

// Sends the outbox of the event page being shown, one batch at a time: at once after each
// entry, again when the browser says it is back online, and on a timer with back-off
// while sends fail. (On every other page, queued-marks-sender.tsx sends it.)

export type Banner = null | "locked" | "signedOut" | "otherJudge";

export function useOutbox(storeKey: string, eventId: string, userId: string) {
  const [entries, setEntries] = useState<Entries>({});
  const [online, setOnline] = useState(true);
  const [banner, setBanner] = useState<Banner>(null);
  const [ready, setReady] = useState(false);
  const current = useRef<Entries>({});
  const sending = useRef(false);
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const commit = useCallback(
    (next: Entries) => {
      current.current = next;
      try {
        saveEntries(window.localStorage, storeKey, next);
      } catch {
        // storage full or blocked: the entries stay in memory for this page
      }
      // A copy where the service worker can send it with no page open (background sync).
      void mirrorQueue(userId, eventId, next);
      setEntries(next);
    },
    [storeKey, userId, eventId],
  );

  const flush = useCallback(async (): Promise<void> => {
    if (sending.current) return;
    const pending = pendingEntries(current.current);
    if (pending.length === 0) return;
    sending.current = true;
    clearTimeout(timer.current);
    let again = false;
    try {
      const outcome = await sendQueuedMarks(eventId, pending);
      if (outcome.kind === "signedOut") {
        setBanner("signedOut");
        throw new Error("signed out");
      }
      if (outcome.kind === "failed") throw new Error(`send failed: ${outcome.status ?? "network"}`);
      const { entries: next, locked, otherJudge } = applyResults(current.current, outcome.results);
      commit(next);
      setBanner(locked ? "locked" : otherJudge ? "otherJudge" : (b) => (b === "signedOut" || b === "otherJudge" ? null : b));
      setOnline(true);
      failures.current = 0;
      // Marks of another judge wait for that judge: no resending them in a loop.
      again = !otherJudge && pendingEntries(next).length > 0;
    } catch {
      failures.current += 1;
      if (typeof navigator !== "undefined" && !navigator.onLine) setOnline(false);
      timer.current = setTimeout(() => void flush(), backoffMs(failures.current));
    } finally {
      sending.current = false;
    }
    if (again) void flush();
  }, [eventId, commit]);

  useEffect(() => {
    shownOutboxes.add(storeKey);
    const loaded = loadEntries(window.localStorage, storeKey);
    current.current = loaded;
    setEntries(loaded);
    setOnline(navigator.onLine);
    setReady(true);
    const goOnline = () => {
      setOnline(true);
      failures.current = 0;
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    void flush();
    return () => {
      shownOutboxes.delete(storeKey);
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      clearTimeout(timer.current);
    };
  }, [storeKey, flush]);

  const enter = useCallback(
    (mark: { blindCodeId: string; aspectId: string; value: number; text: string; baseVersion: number }) => {
      commit(enterMark(current.current, { ...mark, typedBy: userId }));
      void flush();
    },
    [commit, flush, userId],
  );

  const resolve = useCallback(
    (slot: string, choice: "current" | "mine") => {
      commit(resolveConflict(current.current, slot, choice));
      void flush();
    },
    [commit, flush],
  );

  return { entries, online, banner, ready, enter, resolve, flush };
}
