import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * Follows a project's live feed (/labour/:projectId/live, decision 005) and reads the page's data
 * again on every change, and after a reconnect (a change may have been missed meanwhile).
 * Returns whether the stream is open, for the page's "live" mark.
 */
export function useLabourLive(projectId: string): boolean {
  const { revalidate, state: revalidation } = useRevalidator();
  const navigation = useNavigation().state;
  const fetching = useFetchers().some((f) => f.state !== "idle");
  const [connected, setConnected] = useState(false);
  const busy = useRef(false);
  const again = useRef(false);
  // A revalidation started while a form is submitting, a page is loading or a fetcher runs would
  // interrupt (abort) that load: the browser logs the AbortError. Such a change waits for idle.
  busy.current = revalidation !== "idle" || navigation !== "idle" || fetching;
  const state = `${revalidation}/${navigation}/${fetching}`;
  const revalidateRef = useRef(revalidate);
  revalidateRef.current = revalidate;
  useEffect(() => {
    if (!busy.current && again.current) {
      again.current = false;
      revalidateRef.current();
    }
  }, [state]);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/labour/${projectId}/live`);
    let seenHello = false;
    const refresh = () => {
      if (busy.current) again.current = true;
      else revalidateRef.current();
    };
    source.addEventListener("hello", () => {
      setConnected(true);
      if (seenHello) refresh();
      seenHello = true;
    });
    source.addEventListener("change", refresh);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [projectId]);
  return connected;
}

/**
 * The page's last action answer, kept while live changes read the page again: Remix drops the
 * action data on any later revalidation, so "saved" (or a refusal) vanished a moment after it
 * appeared whenever the save itself announced a change to the live feed. Cleared when the next
 * form is submitted.
 */
export function useKeptActionData<T>(data: T | undefined): T | undefined {
  const submitting = useNavigation().state === "submitting";
  const [kept, setKept] = useState<T | undefined>(data);
  useEffect(() => {
    if (data !== undefined) setKept(data);
  }, [data]);
  useEffect(() => {
    if (submitting) setKept(undefined);
  }, [submitting]);
  return data ?? kept;
}
