import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { findTokenOwners } from "~/modules/users/api-tokens.server";
import { readTokenUsers } from "~/modules/users/token-reader.server";
import type { Operation } from "~/modules/api/operation";
import { assertPermission, getUser, loadUsersForTokens, type SessionUser } from "./auth.server";
import { apiLocale } from "~/i18n/locale.server";
import { AppError, badRequest, isAppError, unauthorized, type FieldIssue } from "./errors";
import { asStorageError, StorageUnavailableError } from "./db-faults.server";
import { bilingual, joinIssueMessages, localiseMessage, zodIssueMessage, type MessageLocale } from "./messages";
import type { Actor } from "./actor";
import { logError } from "./logger.server";
import { cachedTokenUser } from "./token-cache.server";
import { batchLoader } from "./batch-loader";
import { JsonResponse } from "./http.server";

// Runs an API operation: authenticate (Bearer token; a session cookie for safe
// methods), check the operation's permission, validate params/query/body with its zod
// schemas, call the handler, and answer JSON. Errors always have the shape
// {"error": {"code", "message", "issues", "requestId"}}, the messages in the request's
// language (Accept-Language, else the language cookie, else Chinese) and without field paths
// or rule codes: the issues carry the paths.

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/**
 * What an operation reads of its request before the handler runs: the method, the URL and a few
 * headers. server.mjs hands them over straight from Node's request (`context.head`), and builds
 * the web Request (a URL parse, a copy of the headers, an abort signal) only if a handler reads
 * `request` (issue 15, bench:ankang); elsewhere (Remix, the tests) the Request is the head.
 */
export type RequestHead = Pick<Request, "method" | "url"> & { headers: Pick<Headers, "get"> };
const headOf = (args: Args): RequestHead => (args.context as { head?: RequestHead } | undefined)?.head ?? args.request;

export type ApiContext<O extends Operation> = {
  user: SessionUser;
  actor: Actor;
  request: Request;
  params: NonNullable<O["params"]> extends z.ZodType ? z.infer<NonNullable<O["params"]>> : Record<string, never>;
  query: NonNullable<O["query"]> extends z.ZodType ? z.infer<NonNullable<O["query"]>> : Record<string, never>;
  body: NonNullable<O["body"]> extends z.ZodType ? z.infer<NonNullable<O["body"]>> : undefined;
};

type Handler<O extends Operation> = (ctx: ApiContext<O>) => Promise<z.input<O["response"]> | Response>;

const requestIdOf = (args: Args) => (args.context as { requestId?: string } | undefined)?.requestId ?? null;

export function apiError(status: number, code: string, message: string, issues: FieldIssue[], requestId: string | null, headers?: Record<string, string>, locale: MessageLocale | RequestHead = "zh", details?: Record<string, unknown>) {
  const lng = typeof locale === "string" ? locale : apiLocale(locale);
  const localised = issues.map((i) => ({ path: i.path, message: localiseMessage(i.message, lng) }));
  return new JsonResponse({ error: { code, message: localiseMessage(message, lng), issues: localised, requestId, ...details } }, { status, headers });
}

/** The language an API answer is in (Accept-Language, else the language cookie, else Chinese). */
export const requestLocale = (request: Request): MessageLocale => apiLocale(request);

/**
 * Tokens read by the hundred (batch-loader.ts): the tokens of one round of requests, first
 * sign-ins and re-reads alike, cost two reads together (the token rows, then their accounts with
 * grants) instead of several queries each (issue 15: 20,000 members signing in for a quiz).
 */
async function loadTokenUsers(tokens: string[]) {
  // SQLite: two statements prepared once (token-reader.server.ts); PostgreSQL: Prisma, below
  const direct = await readTokenUsers(tokens);
  if (direct) return direct;
  const owners = await findTokenOwners(tokens);
  const users = await loadUsersForTokens([...owners.values()].map((o) => ({ tokenId: o.id, userId: o.userId })));
  const out = new Map<string, { tokenId: string; user: SessionUser }>();
  for (const [token, owner] of owners) {
    const user = users.get(owner.id);
    if (user) out.set(token, { tokenId: owner.id, user });
  }
  return out;
}
/** a first sign-in: its request waits, so the round's tokens are read at the next setImmediate */
const loadTokenUser = batchLoader(loadTokenUsers);
/** a stale entry's re-read (nobody waits): the tokens of 250 ms are read together (bench:ankang: at 20 a batch, the re-reads were a quarter of a hand-in's CPU) */
const reloadTokenUser = batchLoader(loadTokenUsers, { waitMs: 250 });

/** The token's user; kept a few seconds (token-cache.server.ts), revocation in this process drops it at once. */
function userForToken(token: string): Promise<SessionUser | null> {
  return cachedTokenUser(token, async () => (await loadTokenUser(token)) ?? null, async () => (await reloadTokenUser(token)) ?? null);
}

async function authenticate(args: Args): Promise<SessionUser> {
  const head = headOf(args);
  const header = head.headers.get("Authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized(bilingual("token_malformed"));
    const user = await userForToken(match[1]);
    if (!user) throw unauthorized(bilingual("token_invalid"));
    return user;
  }
  // Cookies are accepted for reading only: a state change through the API needs a
  // token, so no cross-site form can trigger one with a browser's session.
  if (head.method === "GET" || head.method === "HEAD") {
    const user = await getUser(args.request);
    if (user) return user;
  }
  throw unauthorized(bilingual("token_required"));
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value, { error: zodIssueMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: [where, ...i.path].join("."), message: i.message }));
  throw badRequest(joinIssueMessages(issues.map((i) => i.message)), issues);
}

/**
 * The JSON body, read only now: after authentication and the permission check, so an
 * anonymous or unauthorised request's body is never read. server.mjs hands over a reader
 * (`context.readJsonBody`, bytes with a size limit) instead of a stream on the Request;
 * Remix (and the tests) leave the body on the Request.
 */
async function readBody(head: RequestHead, request: () => Request, context: unknown): Promise<unknown> {
  const type = head.headers.get("Content-Type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError(415, "unsupported_media_type", bilingual("unsupported_media_type"));
  }
  let text: string;
  try {
    const reader = (context as { readJsonBody?: () => Promise<Uint8Array> } | undefined)?.readJsonBody;
    if (reader) {
      const bytes = await reader();
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    } else {
      text = await request().text();
    }
  } catch (error) {
    if ((error as Error)?.name === "BodyTooLargeError") throw new AppError(413, "payload_too_large", "请求体过大 / the request body is too large");
    throw badRequest("无法读取请求体 / the body could not be read", [], "invalid_json");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(bilingual("invalid_json"), [], "invalid_json");
  }
}

export async function runOperation<O extends Operation>(op: O, args: Args, handler: Handler<O>): Promise<Response> {
  const requestId = requestIdOf(args);
  const head = headOf(args);
  try {
    if (head.method.toLowerCase() !== op.method) {
      return apiError(405, "method_not_allowed", bilingual("method_not_allowed"), [], requestId, { Allow: op.method.toUpperCase() }, head);
    }
    const user = await authenticate(args);
    if (op.permission) assertPermission(user, op.permission);
    const params = parsePart(op.params, args.params, "params");
    const query = op.query ? parsePart(op.query, Object.fromEntries(new URL(head.url).searchParams), "query") : {};
    const body = op.body ? parsePart(op.body, await readBody(head, () => args.request, args.context), "body") : undefined;
    const context = { user, actor: { userId: user.id, requestId }, params, query, body } as Omit<ApiContext<O>, "request">;
    // the Request only for a handler that reads it (server.mjs builds it then)
    Object.defineProperty(context, "request", { get: () => args.request, enumerable: true });
    const result = await handler(context as ApiContext<O>);
    if (result instanceof Response) return result;
    return new JsonResponse(result, { status: op.successStatus ?? 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toApiError(error, requestId, head);
  }
}

/**
 * A public route's JSON body (no sign-in, e.g. an objection to a 公示): read the same way as an
 * operation's (server.mjs's size-limited reader, or the Request), checked against its schema
 * with issues named from "body", as every operation names them.
 */
export async function readPublicJsonBody<S extends z.ZodType>(request: Request, context: unknown, schema: S): Promise<z.infer<S>> {
  return parsePart(schema, await readBody(request, () => request, context), "body") as z.infer<S>;
}

/** Any error as the API's error answer, in the request's language. */
export function toApiError(error: unknown, requestId: string | null, localeOrRequest?: MessageLocale | RequestHead): Response {
  const locale: MessageLocale | RequestHead = localeOrRequest ?? "zh";
  // A full disk answers 503 with Retry-After, whatever layer noticed it (db-faults.server.ts).
  error = asStorageError(error);
  if (error instanceof StorageUnavailableError) {
    return apiError(error.status, error.code, error.message, error.issues, requestId, { "Retry-After": String(error.retryAfterSeconds) }, locale);
  }
  if (isAppError(error)) return apiError(error.status, error.code, error.message, error.issues, requestId, undefined, locale, error.details);
  if (error instanceof Response) {
    // Responses thrown by shared helpers (403 from assertPermission, redirects to login).
    if (error.status === 403) return apiError(403, "forbidden", bilingual("forbidden"), [], requestId, undefined, locale);
    if (error.status === 404) return apiError(404, "not_found", bilingual("not_found"), [], requestId, undefined, locale);
    if (error.status >= 300 && error.status < 400) return apiError(401, "unauthorized", bilingual("unauthorized"), [], requestId, undefined, locale);
    return apiError(error.status, "error", error.statusText || "error", [], requestId, undefined, locale);
  }
  logError(error, { requestId, where: "api" });
  return apiError(500, "internal_error", bilingual("internal_error"), [], requestId, undefined, locale);
}

/** A route's loader for a GET operation. */
export const apiLoader = <O extends Operation>(op: O, handler: Handler<O>) => (args: LoaderFunctionArgs) => runOperation(op, args, handler);

/** A route's action serving one or more non-GET operations of the same path, by method. */
export function apiAction(ops: Partial<Record<string, [Operation, Handler<Operation>]>>) {
  return (args: ActionFunctionArgs) => {
    const head = headOf(args);
    const entry = ops[head.method.toLowerCase()];
    if (!entry) {
      return apiError(405, "method_not_allowed", bilingual("method_not_allowed"), [], requestIdOf(args), {
        Allow: ["GET", ...Object.keys(ops).map((m) => m.toUpperCase())].join(", "),
      }, head);
    }
    return runOperation(entry[0], args, entry[1]);
  };
}

/** Pairs an operation with its handler for apiAction, keeping the handler's types. */
export const handle = <O extends Operation>(op: O, handler: Handler<O>) => [op, handler] as unknown as [Operation, Handler<Operation>];
