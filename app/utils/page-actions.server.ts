import { asStorageError, StorageUnavailableError } from "./db-faults.server";
import { localiseMessage } from "./messages";
import { pageLocale } from "~/i18n/locale.server";

// Issue 11 item 1, for pages: a full disk answers a form post (and any page request whose loader
// or action hit it) with 503 and Retry-After, and a Chinese-first page saying nothing was saved,
// as the JSON API already does (app/utils/api.server.ts). Without this a storage-full error left
// a page action as Remix's generic 500.
//
// server.mjs calls guardRouteModules(build) once at start (through app/entry.server.tsx): each
// page route's action and loader is wrapped, and a storage-full error becomes a thrown 503
// Response, which Remix renders with the root ErrorBoundary (document requests: the status and
// the Chinese-first text of app/root.tsx) or encodes for the client router (single-fetch .data
// requests). Remix does not copy a thrown Response's headers onto the page, so the load context's
// storageFault() (server.mjs) puts Retry-After on the response itself.

type Args = { request: Request; context?: unknown };
type Handler = (args: Args) => unknown;
type RouteModule = Record<string, unknown> & { action?: Handler; loader?: Handler };
type Build = { routes: Record<string, { id: string; module: RouteModule }> };

/** The thrown answer for a page request that met a full disk: its text in the reader's language (Chinese by default). */
export function storageFullResponse(request: Request, error: StorageUnavailableError) {
  return new Response(localiseMessage(error.message, pageLocale(request)), {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Retry-After": String(error.retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

function markStorageFault(context: unknown, error: StorageUnavailableError) {
  const hook = (context as { storageFault?: unknown } | null | undefined)?.storageFault;
  if (typeof hook === "function") hook(error.retryAfterSeconds);
}

/** Wraps one loader or action: a storage-full error, however wrapped, becomes the 503 answer. */
export function guardHandler<H extends Handler>(handler: H): H {
  return (async (args: Args) => {
    try {
      return await handler(args);
    } catch (thrown) {
      const error = asStorageError(thrown);
      if (!(error instanceof StorageUnavailableError)) throw thrown;
      markStorageFault(args.context, error);
      throw storageFullResponse(args.request, error);
    }
  }) as H;
}

/**
 * Wraps every page route's action and loader in the server build (API routes answer their own
 * 503 in api.server.ts). Route entries are plain objects, so each gets a copy of its module
 * with the guarded functions; everything else the module exports is kept.
 */
export function guardRouteModules(build: Build) {
  for (const route of Object.values(build.routes)) {
    if (route.id.startsWith("routes/api.v1.")) continue;
    const module = route.module;
    if (typeof module.action !== "function" && typeof module.loader !== "function") continue;
    const guarded: RouteModule = { ...module };
    if (typeof module.action === "function") guarded.action = guardHandler(module.action);
    if (typeof module.loader === "function") guarded.loader = guardHandler(module.loader);
    route.module = guarded;
  }
  return build;
}
