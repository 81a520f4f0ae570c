// A server-sent events reader on a fetch body, for tests with real server processes: collects
// the events and waits for one that matches (the match gets the event's index in `events`).

export type SseEvent = { event: string; data: string; receivedAt: number };

export function openFeed(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const events: SseEvent[] = [];
  type Match = (e: SseEvent, index: number) => boolean;
  const waiters: { match: Match; resolve: (e: SseEvent) => void }[] = [];
  const done = fetch(url, { headers: { Accept: "text/event-stream", ...headers }, signal: abort.signal }).then(async (res) => {
    if (!res.ok || !res.body) throw new Error(`feed answered ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const e = { event, data, receivedAt: performance.now() };
        events.push(e);
        const index = events.length - 1;
        for (const w of [...waiters]) if (w.match(e, index)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
      }
    }
  }).catch(() => {});
  const next = (match: Match, timeoutMs: number) =>
    new Promise<SseEvent>((resolve, reject) => {
      const found = events.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(", ")}`)), timeoutMs);
      waiters.push({ match, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  /** resolves when the stream ended (the server closed it) */
  return { events, next, ended: done, close: () => { abort.abort(); return done; } };
}
