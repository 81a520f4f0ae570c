import type { LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { getUser, loadUserForToken, type SessionUser } from "~/utils/auth.server";
import { apiError, toApiError } from "~/utils/api.server";
import { bilingual, joinIssueMessages, zodIssueMessage } from "~/utils/messages";
import { badRequest, unauthorized } from "~/utils/errors";
import { findTokenOwner } from "~/modules/users/api-tokens.server";
import type { Operation } from "~/modules/api/operation";

// Leaderboards of public contests are readable without a token (big screens, news sites), so
// their GET operations cannot use apiLoader, which always authenticates. This runs the same
// steps with authentication optional: a Bearer token if given (a bad one is still 401), else
// the session cookie, else anonymous; the board's own access rule decides (access.server.ts).

export async function optionalApiUser(request: Request): Promise<SessionUser | null> {
  const header = request.headers.get("Authorization");
  if (!header) return getUser(request);
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized("Authorization 头格式应为 Bearer <令牌> / expected: Bearer <token>");
  const token = await findTokenOwner(match[1]);
  const user = token ? await loadUserForToken(token.userId, token.id) : null;
  if (!user) throw unauthorized(bilingual("token_invalid"));
  return user;
}

function parsePart<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value, { error: zodIssueMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: [where, ...i.path].join("."), message: i.message }));
  throw badRequest(joinIssueMessages(issues.map((i) => i.message)), issues);
}

type PublicContext<O extends Operation> = {
  user: SessionUser | null;
  request: Request;
  params: z.infer<NonNullable<O["params"]>>;
  query: z.infer<NonNullable<O["query"]>>;
};

/** A GET operation whose handler answers a Response (a prebuilt JSON string, or a stream). */
export const publicApiLoader =
  <O extends Operation>(op: O, handler: (ctx: PublicContext<O>) => Promise<Response>) =>
  async (args: LoaderFunctionArgs): Promise<Response> => {
    const requestId = (args.context as { requestId?: string } | undefined)?.requestId ?? null;
    try {
      if (args.request.method !== "GET" && args.request.method !== "HEAD") {
        return apiError(405, "method_not_allowed", bilingual("method_not_allowed"), [], requestId, { Allow: "GET" }, args.request);
      }
      const user = await optionalApiUser(args.request);
      const params = parsePart(op.params!, args.params, "params");
      const query = parsePart(op.query!, Object.fromEntries(new URL(args.request.url).searchParams), "query");
      return await handler({ user, request: args.request, params, query } as PublicContext<O>);
    } catch (error) {
      return toApiError(error, requestId, args.request);
    }
  };

/** A prebuilt JSON string as a response (never serialised again). */
export const jsonText = (json: string, extra: Record<string, string> = {}) =>
  new Response(json, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...extra } });
