import { pageLocale } from "~/i18n/locale.server";
import { isAppError, type FieldIssue } from "./errors";
import { localiseMessage } from "./messages";
import { StorageUnavailableError } from "./db-faults.server";

/**
 * Form actions: an AppError becomes `{ ok: false, message, issues }` with its status, in the
 * reader's language (the page's, from the request); anything else is rethrown.
 */
export function actionError(error: unknown, request?: Request) {
  // A full disk is answered for every page alike: 503 with Retry-After (app/utils/page-actions.server.ts).
  if (error instanceof StorageUnavailableError) throw error;
  if (isAppError(error)) {
    const locale = request ? pageLocale(request) : "zh";
    const message = localiseMessage(error.message, locale);
    if (error.status === 403 || error.status === 404) throw new Response(message, { status: error.status });
    const issues = error.issues.map((i) => ({ path: i.path, message: localiseMessage(i.message, locale) }));
    return Response.json({ ok: false as const, message, issues }, { status: error.status });
  }
  throw error;
}

export type ActionFailure = { ok: false; message: string; issues: FieldIssue[] };

/** Loaders: an AppError becomes a Response carrying its message (in the reader's language), for the error boundary. */
export function asResponse(error: unknown, request?: Request): never {
  if (error instanceof StorageUnavailableError) throw error;
  if (isAppError(error)) throw new Response(localiseMessage(error.message, request ? pageLocale(request) : "zh"), { status: error.status });
  throw error;
}



/** Where server.mjs finds the bytes of a `prebuiltResponse` (a global symbol: server.mjs is plain JS). */
export const PREBUILT_BODY = Symbol.for("gongsai.prebuiltBody");

/**
 * A response whose body is bytes kept elsewhere (e.g. a board encoded once per version). A
 * Response made from bytes copies them, and sending it reads them back out of a stream: 3 MB
 * of garbage per request for a 1.65 MB board. server.mjs writes these bytes straight to the
 * socket instead; anyone else (tests, Remix's own handler) reads the body as usual, from a
 * stream that hands out the same bytes.
 */
export function prebuiltResponse(bytes: Uint8Array, init: ResponseInit): Response {
  // highWaterMark 0: the copy is made only when someone reads the stream (a default stream
  // pulls its first chunk at once, which would copy the bytes on every request).
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        controller.enqueue(bytes.slice());
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const response = new Response(body, init);
  Object.defineProperty(response, PREBUILT_BODY, { value: bytes });
  return response;
}

/**
 * The request's form, or null when the body is not a readable form (a malformed
 * multipart body, a wrong content type): the action answers 400 instead of failing.
 */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
