import { useCallback, useEffect, useRef, useState } from "react";
import { applyResults, backoffMs, enterMark, loadEntries, pendingEntries, saveEntries, type Entries, type SendResult } from "./outbox";

// Sends the outbox to the page's JSON endpoint (session cookie, same origin), one batch
// at a time: at once after each entry, again when the browser says it is back online,
// and on a timer with back-off while sends fail.

export type Banner = null | "locked" | "signedOut";

export function useOutbox(storeKey: string, endpoint: string) {
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
      setEntries(next);
    },
    [storeKey],
  );

  const flush = useCallback(async (): Promise<void> => {
    if (sending.current) return;
    const pending = pendingEntries(current.current);
    if (pending.length === 0) return;
    sending.current = true;
    clearTimeout(timer.current);
    let again = false;
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ marks: pending.slice(0, 200).map((e) => ({ blindCodeId: e.blindCodeId, aspectId: e.aspectId, value: e.text, idempotencyKey: e.key })) }),
      });
      if (response.status === 401) {
        setBanner("signedOut");
        throw new Error("signed out");
      }
      const body = (await response.json().catch(() => ({}))) as { results?: SendResult[] };
      if (!body.results) throw new Error(`send failed: ${response.status}`);
      const { entries: next, locked } = applyResults(current.current, body.results);
      commit(next);
      if (locked) setBanner("locked");
      else setBanner((b) => (b === "signedOut" ? null : b));
      setOnline(true);
      failures.current = 0;
      again = pendingEntries(next).length > 0;
    } catch {
      failures.current += 1;
      if (typeof navigator !== "undefined" && !navigator.onLine) setOnline(false);
      timer.current = setTimeout(() => void flush(), backoffMs(failures.current));
    } finally {
      sending.current = false;
    }
    if (again) void flush();
  }, [endpoint, commit]);

  useEffect(() => {
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
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      clearTimeout(timer.current);
    };
  }, [storeKey, flush]);

  const enter = useCallback(
    (mark: { blindCodeId: string; aspectId: string; value: number; text: string }) => {
      commit(enterMark(current.current, mark));
      void flush();
    },
    [commit, flush],
  );

  return { entries, online, banner, ready, enter, flush };
}
