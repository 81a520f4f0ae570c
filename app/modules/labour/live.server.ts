import type { ServerResponse } from "node:http";
import { publishChange, subscribe, onReset, type Change } from "~/modules/results/live.server";
import { onShutdown } from "~/modules/results/shutdown.server";
import { logger } from "~/utils/logger.server";

// Live 劳动竞赛 boards on the live results stack (decision 005): a service announces a committed
// change of a project with publishLabourChange (in-process on SQLite, NOTIFY gongsai_results on
// PostgreSQL, so every process hears it), and each open period board, big screen and 百日
// safe-day board holds one server-sent-event stream per project that says "changed"; the page
// then reads its board again (the boards are computed from the stored facts on read, decision 012).
// A stream sends `hello` on connect (and after a reconnect, so a missed change is caught), then
// `change` {"kind","at"} per change, coalesced to one per 100 ms, and a comment every 15 s.

const FEED_HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" } as const;
const HEARTBEAT_MS = 15_000;
const COALESCE_MS = 100;
const encoder = new TextEncoder();

/** The bus key of a project (the bus payload is `<key>:<kind>:<origin>`, so no colon). */
export const labourChannel = (projectId: string) => `labour-${projectId}`;

/** Tells every open board of the project, in every process, to read again. Call after the commit. */
export function publishLabourChange(projectId: string, kind: "mark" | "signoff" | "board" = "board"): void {
  void publishChange(labourChannel(projectId), kind).catch((error: unknown) => logger.warn("labour live publish failed", { projectId, error: String(error) }));
}

const message = (event: string, data: object) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

type Sink = { write: (bytes: Uint8Array) => void; end: () => void };

const globalForFeeds = globalThis as unknown as { __labourFeeds?: Set<Sink> };
const open = (globalForFeeds.__labourFeeds ??= new Set());
let shutdownHooked = false;

/** Follows one project for one sink; returns the function that stops following. */
function follow(projectId: string, sink: Sink): () => void {
  if (!shutdownHooked) {
    shutdownHooked = true;
    const closeAll = () => { for (const s of [...open]) s.end(); };
    onShutdown("labour live streams", closeAll);
    // server.mjs waits for open connections before build.shutdown(): end the streams at the signal
    process.once("SIGTERM", closeAll);
    process.once("SIGINT", closeAll);
  }
  let pending: NodeJS.Timeout | null = null;
  const changed = (change: Change) => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      sink.write(message("change", { kind: change.kind, at: new Date().toISOString() }));
    }, COALESCE_MS);
  };
  const unsubscribe = subscribe(labourChannel(projectId), changed);
  const unreset = onReset(changed);
  const ping = setInterval(() => sink.write(encoder.encode(": ping\n\n")), HEARTBEAT_MS);
  ping.unref();
  open.add(sink);
  sink.write(encoder.encode(`retry: 3000\n\n`));
  sink.write(message("hello", { projectId, at: new Date().toISOString() }));
  return () => {
    if (pending) clearTimeout(pending);
    clearInterval(ping);
    unsubscribe();
    unreset();
    open.delete(sink);
  };
}

/** The production path: server.mjs hands the Node response to the route's eventStream export. */
export function serveLabourFeed(res: ServerResponse, projectId: string): void {
  let stop = () => {};
  const sink: Sink = {
    write(bytes) {
      try {
        if (!res.headersSent) res.writeHead(200, FEED_HEADERS);
        res.write(bytes);
      } catch {
        res.destroy();
      }
    },
    end: () => res.end(),
  };
  res.once("close", () => stop());
  stop = follow(projectId, sink);
  res.socket?.setNoDelay(true);
}

/** The same feed as a Web Response (the route's loader: tests and other servers). */
export function labourFeedResponse(request: Request, projectId: string): Response {
  let stop = () => {};
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      stop = follow(projectId, {
        write(bytes) {
          if (closed) return;
          try {
            controller.enqueue(bytes);
          } catch {
            close();
          }
        },
        end: close,
      });
      request.signal.addEventListener("abort", close);
      if (request.signal.aborted) close();
    },
    cancel() {
      closed = true;
      stop();
    },
  });
  return new Response(stream, { headers: FEED_HEADERS });
}
