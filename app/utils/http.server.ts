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
 * A JSON response that keeps its text as bytes: the API's answers (app/utils/api.server.ts).
 * Response.json builds a web stream for the body, and server.mjs read it back out of that
 * stream: with the Response itself, about a tenth of a quiz hand-in's CPU (bench:ankang, issue
 * 15). This is a real Response (status, headers, `instanceof Response`) built without a body
 * stream; server.mjs writes its bytes straight to the socket (PREBUILT_BODY), and anyone else
 * (tests, Remix's own handler) reads json(), text(), arrayBuffer(), blob(), clone() or the body
 * stream as from any other response, each from the same bytes.
 */
export class JsonResponse extends Response {
  #bytes: Uint8Array;
  #stream: ReadableStream<Uint8Array> | null = null;

  /** Content-Type application/json, as Response.json gives; `headers` are added to it. */
  constructor(data: unknown, { status = 200, headers }: { status?: number; headers?: Record<string, string> } = {}) {
    super(null, { status, headers: { "Content-Type": "application/json", ...headers } });
    this.#bytes = Buffer.from(JSON.stringify(data));
  }

  get [PREBUILT_BODY](): Uint8Array {
    return this.#bytes;
  }

  /** The body as a stream (made on first read: server.mjs never asks for it). */
  bodyStream(): ReadableStream<Uint8Array> {
    const bytes = this.#bytes;
    this.#stream ??= new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes.slice());
        controller.close();
      },
    }, { highWaterMark: 0 });
    return this.#stream;
  }

  override text(): Promise<string> {
    const bytes = this.#bytes;
    return Promise.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  }

  override json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(new Uint8Array(this.#bytes).buffer);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([new Uint8Array(this.#bytes)], { type: this.headers.get("Content-Type") ?? "" }));
  }

  override clone(): JsonResponse {
    const headers: Record<string, string> = {};
    for (const [name, value] of this.headers) headers[name] = value;
    const copy = new JsonResponse(null, { status: this.status, headers });
    copy.#bytes = this.#bytes;
    return copy;
  }
}
// `body` is an accessor of Response.prototype: the subclass answers it from its bytes.
Object.defineProperty(JsonResponse.prototype, "body", {
  get(this: JsonResponse) {
    return this.bodyStream();
  },
});

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
