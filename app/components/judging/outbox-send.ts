import { sendBodyOf, type OutboxEntry, type SendResult } from "./outbox";

// One batch of queued marks to the tablet page's JSON endpoint (session cookie, same
// origin). Shared by the event page's outbox and the sender that runs on every page.

export type SendOutcome = { kind: "answered"; results: SendResult[] } | { kind: "signedOut" } | { kind: "failed"; status?: number };

export async function sendQueuedMarks(eventId: string, pending: readonly OutboxEntry[]): Promise<SendOutcome> {
  try {
    const response = await fetch(`/judging/${encodeURIComponent(eventId)}/marks`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(sendBodyOf(pending)),
    });
    if (response.status === 401) return { kind: "signedOut" };
    const body = (await response.json().catch(() => ({}))) as { results?: SendResult[] };
    return body.results ? { kind: "answered", results: body.results } : { kind: "failed", status: response.status };
  } catch {
    return { kind: "failed" };
  }
}

/** Pages an event's own outbox hook is showing: the all-pages sender leaves those to it. */
export const shownOutboxes = new Set<string>();
