import { PATCH_ROW_LIMIT, sseMessage, type BoardView } from "./board";
import { watchBoard } from "./leaderboard.server";
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

const HEARTBEAT_MS = 15_000;
/** A page that stops reading is dropped after this many unread messages (it reconnects and reloads). */
const MAX_QUEUED = 256;
const encoder = new TextEncoder();
const PING = encoder.encode(": ping\n\n");

type OpenStream = { controller: ReadableStreamDefaultController<Uint8Array>; close: () => void };

const globalForFeeds = globalThis as unknown as { __resultFeeds?: { streams: Set<OpenStream>; timer: NodeJS.Timeout | null } };
const feeds = (globalForFeeds.__resultFeeds ??= { streams: new Set(), timer: null });

function closeAll() {
  for (const stream of [...feeds.streams]) stream.close();
  if (feeds.timer) clearInterval(feeds.timer);
  feeds.timer = null;
}

function ensureHeartbeat() {
  if (feeds.timer) return;
  feeds.timer = setInterval(() => {
    for (const stream of [...feeds.streams]) {
      try {
        stream.controller.enqueue(PING);
      } catch {
        stream.close();
      }
    }
  }, HEARTBEAT_MS);
  feeds.timer.unref();
  onShutdown("live result streams", closeAll);
  // server.mjs waits for open connections before calling build.shutdown(); close the streams
  // as soon as the signal arrives so a graceful stop does not wait for them.
  process.once("SIGTERM", closeAll);
  process.once("SIGINT", closeAll);
}

export const openFeedCount = () => feeds.streams.size;

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
  const open: OpenStream = { controller: null as never, close: () => close() };
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
  open.controller = controller;
  const send = (bytes: Uint8Array) => {
    if (closed) return;
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED) return close();
    controller.enqueue(bytes);
  };
  const watched = await watchBoard(eventId, view, { send });
  unwatch = watched.unwatch;
  feeds.streams.add(open);
  request.signal.addEventListener("abort", close);
  if (request.signal.aborted) close();
  const board = watched.board;
  const small = board.rowJson.size <= PATCH_ROW_LIMIT;
  send(encoder.encode(`retry: 3000\n\n${sseMessage("hello", `{"version":"${board.version}","board":${small ? board.json : "null"}}`, board.version)}`));
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
