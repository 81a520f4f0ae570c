import type { ServerResponse } from "node:http";
import { PATCH_ROW_LIMIT, sseMessage, type BoardView } from "./board";
import { watchBoard, type RenderedBoard } from "./leaderboard.server";
import { onShutdown } from "./shutdown.server";

// The live feed: server-sent events (text/event-stream), one board subscription per
// connection. Events:
//   hello   on connect: {"version", "board"} — the whole board when it is small, else null
//           (then GET the board JSON, which is served prebuilt)
//   patch   {"base", "version", "at", "rows": [changed rows], "removed": [ids]}: apply when you
//           hold `base`, otherwise GET the board again
//   board   the whole board (a small board whose shape changed, e.g. frozen or names shown)
//   reload  {"version", "at", "frozen"}: GET the board again (a big change on a big board)
// A comment line (": ping") every 15 s keeps proxies from closing an idle stream. Streams end
// when the client goes away and when the server shuts down (the browser's EventSource then
// reconnects, to this or another process).
//
// Two ways to open one, the same events on both:
//   serveFeed(res, …)            the production path. server.mjs hands the Node response of
//                                 GET /events/:id/live and /api/v1/events/:id/feed to the route's
//                                 `eventStream` export once the route's permission check passed;
//                                 the board's ONE fan-out writes its prebuilt message straight to
//                                 each socket (no Remix request, web stream or pipe per subscriber:
//                                 those cost ~150 KB and a reader loop per open page).
//   liveFeedResponse(request, …) a Web Response (the Remix loaders: tests, other servers).

const HEARTBEAT_MS = 15_000;
/** A page that stops reading is dropped after this many unread messages (it reconnects and reloads). */
const MAX_QUEUED = 256;
/** … or, on a socket, after this many unread bytes. */
const MAX_BUFFERED_BYTES = 1 << 20;
const encoder = new TextEncoder();
const PING = Buffer.from(": ping\n\n");

export const FEED_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

/**
 * What server.mjs passes to a route's `eventStream` export: a Web Request (URL and headers, for the
 * route's permission checks) and the Node response to stream to. The export answers true when it
 * took the response, false to leave the request to the route's loader (refusals, HEAD).
 */
export type EventStreamArgs = {
  request: Request;
  params: Record<string, string | undefined>;
  res: ServerResponse;
  context: { requestId?: string };
};

/** One open feed, whatever carries it. `send` drops the feed when the reader fell too far behind. */
type OpenFeed = { send: (bytes: Uint8Array) => void; close: () => void };

const globalForFeeds = globalThis as unknown as { __resultFeeds?: { streams: Set<OpenFeed>; timer: NodeJS.Timeout | null } };
const feeds = (globalForFeeds.__resultFeeds ??= { streams: new Set(), timer: null });

function closeAll() {
  for (const stream of [...feeds.streams]) stream.close();
  if (feeds.timer) clearInterval(feeds.timer);
  feeds.timer = null;
}

function ensureHeartbeat() {
  if (feeds.timer) return;
  feeds.timer = setInterval(() => {
    for (const stream of [...feeds.streams]) stream.send(PING);
  }, HEARTBEAT_MS);
  feeds.timer.unref();
  onShutdown("live result streams", closeAll);
  // server.mjs waits for open connections before calling build.shutdown(); close the streams
  // as soon as the signal arrives so a graceful stop does not wait for them.
  process.once("SIGTERM", closeAll);
  process.once("SIGINT", closeAll);
}

export const openFeedCount = () => feeds.streams.size;

const helloOf = (board: RenderedBoard) =>
  encoder.encode(`retry: 3000\n\n${sseMessage("hello", `{"version":"${board.version}","board":${board.rowJson.size <= PATCH_ROW_LIMIT ? board.json : "null"}}`, board.version)}`);

/**
 * Streams a board view to a Node response (the caller has checked access). The response is
 * ended on shutdown; the subscription ends when the connection closes.
 */
export async function serveFeed(res: ServerResponse, eventId: string, view: BoardView): Promise<void> {
  ensureHeartbeat();
  let closed = false;
  let unwatch = () => {};
  const feed: OpenFeed = {
    send(bytes) {
      if (closed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) return void res.destroy();
      try {
        if (!res.headersSent) res.writeHead(200, FEED_HEADERS);
        res.write(bytes);
      } catch {
        res.destroy();
      }
    },
    close() {
      if (!closed) res.end();
    },
  };
  const gone = () => {
    if (closed) return;
    closed = true;
    unwatch();
    feeds.streams.delete(feed);
  };
  res.once("close", gone);
  const watched = await watchBoard(eventId, view, feed);
  if (closed) return watched.unwatch(); // the client left while the board was loading
  unwatch = watched.unwatch;
  feeds.streams.add(feed);
  res.socket?.setNoDelay(true);
  feed.send(helloOf(watched.board));
}

/** A text/event-stream response following one board view; the caller has checked access. */
export async function liveFeedResponse(request: Request, eventId: string, view: BoardView): Promise<Response> {
  ensureHeartbeat();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let unwatch = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });
  const open: OpenFeed = {
    send(bytes) {
      if (closed) return;
      if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return close();
      try {
        controller.enqueue(bytes);
      } catch {
        close();
      }
    },
    close: () => close(),
  };
  function close() {
    if (closed) return;
    closed = true;
    unwatch();
    feeds.streams.delete(open);
    request.signal.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  }
  const watched = await watchBoard(eventId, view, open);
  unwatch = watched.unwatch;
  feeds.streams.add(open);
  request.signal.addEventListener("abort", close);
  if (request.signal.aborted) close();
  open.send(helloOf(watched.board));
  return new Response(stream, { headers: FEED_HEADERS });
}
