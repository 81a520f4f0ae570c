import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { findTokenOwner } from "~/modules/users/api-tokens.server";
import type { Operation } from "~/modules/api/operation";
import { assertPermission, getUser, loadUserForToken, type SessionUser } from "./auth.server";
import { AppError, badRequest, isAppError, unauthorized, type FieldIssue } from "./errors";
import { asStorageError, StorageUnavailableError } from "./db-faults.server";
import type { Actor } from "./actor";
import { logError } from "./logger.server";
import { cachedTokenUser } from "./token-cache.server";

// Runs an API operation: authenticate (Bearer token; a session cookie for safe
// methods), check the operation's permission, validate params/query/body with its zod
// schemas, call the handler, and answer JSON. Errors always have the shape
// {"error": {"code", "message", "issues", "requestId"}}.

type Args = LoaderFunctionArgs | ActionFunctionArgs;

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

export function apiError(status: number, code: string, message: string, issues: FieldIssue[], requestId: string | null, headers?: HeadersInit, details?: Record<string, unknown>) {
  return Response.json({ error: { code, message, issues, requestId, ...details } }, { status, headers });
}

/** The token's user; kept a few seconds (token-cache.server.ts), revocation in this process drops it at once. */
function userForToken(token: string): Promise<SessionUser | null> {
  return cachedTokenUser(token, async () => {
    const owner = await findTokenOwner(token);
    const user = owner ? await loadUserForToken(owner.userId, owner.id) : null;
    return owner && user ? { tokenId: owner.id, user } : null;
  });
}

async function authenticate(request: Request): Promise<SessionUser> {
  const header = request.headers.get("Authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized("Authorization 头格式应为 Bearer <令牌> / expected: Bearer <token>");
    const user = await userForToken(match[1]);
    if (!user) throw unauthorized("令牌无效、已过期或已吊销 / the token is invalid, expired or revoked");
    return user;
  }
  // Cookies are accepted for reading only: a state change through the API needs a
  // token, so no cross-site form can trigger one with a browser's session.
  if (request.method === "GET" || request.method === "HEAD") {
    const user = await getUser(request);
    if (user) return user;
  }
  throw unauthorized("需要 API 令牌：Authorization: Bearer <令牌> / an API token is required");
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: [where, ...i.path].join("."), message: i.message }));
  throw badRequest(`输入有误 / invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}

/**
 * The JSON body, read only now: after authentication and the permission check, so an
 * anonymous or unauthorised request's body is never read. server.mjs hands over a reader
 * (`context.readJsonBody`, bytes with a size limit) instead of a stream on the Request;
 * Remix (and the tests) leave the body on the Request.
 */
async function readBody(request: Request, context: unknown): Promise<unknown> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError(415, "unsupported_media_type", "请求体必须是 JSON（Content-Type: application/json）/ the body must be JSON");
  }
  let text: string;
  try {
    const reader = (context as { readJsonBody?: () => Promise<Uint8Array> } | undefined)?.readJsonBody;
    if (reader) {
      const bytes = await reader();
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    } else {
      text = await request.text();
    }
  } catch (error) {
    if ((error as Error)?.name === "BodyTooLargeError") throw new AppError(413, "payload_too_large", "请求体过大 / the request body is too large");
    throw badRequest("无法读取请求体 / the body could not be read", [], "invalid_json");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("请求体不是有效的 JSON / the body is not valid JSON", [], "invalid_json");
  }
}

export async function runOperation<O extends Operation>(op: O, args: Args, handler: Handler<O>): Promise<Response> {
  const requestId = requestIdOf(args);
  const { request } = args;
  try {
    if (request.method.toLowerCase() !== op.method) {
      return apiError(405, "method_not_allowed", `不支持的方法 ${request.method} / method not allowed`, [], requestId, { Allow: op.method.toUpperCase() });
    }
    const user = await authenticate(request);
    if (op.permission) assertPermission(user, op.permission);
    const url = new URL(request.url);
    const params = parsePart(op.params, args.params, "params");
    const query = parsePart(op.query, Object.fromEntries(url.searchParams), "query");
    const body = op.body ? parsePart(op.body, await readBody(request, args.context), "body") : undefined;
    const result = await handler({
      user, request, actor: { userId: user.id, requestId },
      params, query, body,
    } as ApiContext<O>);
    if (result instanceof Response) return result;
    return Response.json(result, { status: op.successStatus ?? 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toApiError(error, requestId);
  }
}

export function toApiError(error: unknown, requestId: string | null): Response {
  // A full disk answers 503 with Retry-After, whatever layer noticed it (db-faults.server.ts).
  error = asStorageError(error);
  if (error instanceof StorageUnavailableError) {
    return apiError(error.status, error.code, error.message, error.issues, requestId, { "Retry-After": String(error.retryAfterSeconds) });
  }
  if (isAppError(error)) return apiError(error.status, error.code, error.message, error.issues, requestId, undefined, error.details);
  if (error instanceof Response) {
    // Responses thrown by shared helpers (403 from assertPermission, redirects to login).
    if (error.status === 403) return apiError(403, "forbidden", "没有权限 / forbidden", [], requestId);
    if (error.status === 404) return apiError(404, "not_found", "找不到该资源 / not found", [], requestId);
    if (error.status >= 300 && error.status < 400) return apiError(401, "unauthorized", "请先登录 / sign in first", [], requestId);
    return apiError(error.status, "error", error.statusText || "error", [], requestId);
  }
  logError(error, { requestId, where: "api" });
  return apiError(500, "internal_error", "服务器内部错误，请稍后重试 / internal error", [], requestId);
}

/** A route's loader for a GET operation. */
export const apiLoader = <O extends Operation>(op: O, handler: Handler<O>) => (args: LoaderFunctionArgs) => runOperation(op, args, handler);

/** A route's action serving one or more non-GET operations of the same path, by method. */
export function apiAction(ops: Partial<Record<string, [Operation, Handler<Operation>]>>) {
  return (args: ActionFunctionArgs) => {
    const entry = ops[args.request.method.toLowerCase()];
    if (!entry) {
      return apiError(405, "method_not_allowed", `不支持的方法 ${args.request.method} / method not allowed`, [], requestIdOf(args), {
        Allow: ["GET", ...Object.keys(ops).map((m) => m.toUpperCase())].join(", "),
      });
    }
    return runOperation(entry[0], args, entry[1]);
  };
}

/** Pairs an operation with its handler for apiAction, keeping the handler's types. */
export const handle = <O extends Operation>(op: O, handler: Handler<O>) => [op, handler] as unknown as [Operation, Handler<Operation>];
