import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getUser, hasPermission } from "~/utils/auth.server";
import { apiError, toApiError } from "~/utils/api.server";
import { MarkInputSchema } from "~/modules/judging/api";
import { LOCKED_MESSAGE, submitMarks } from "~/modules/judging/marks.server";
import { isSameOriginRequest } from "~/modules/judging/same-origin.server";
import { badRequest } from "~/utils/errors";
import { bilingual, localiseMessage, zodIssueMessage } from "~/utils/messages";
import { pageLocale } from "~/i18n/locale.server";

// POST /judging/:eventId/marks — the tablet page's outbox: a batch of queued marks with
// their idempotency keys, sent with the session cookie. CSRF-safe by the same-origin
// checks in same-origin.server.ts. Answers one result per mark; 409 (code sheet_locked)
// when any mark hit a locked sheet, so the page can say so and keep those marks queued;
// 409 too when a mark was typed by another judge or over an older version (issue 11).
const BodySchema = z.object({ marks: z.array(MarkInputSchema).min(1).max(200) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
  // The tablet page's own requests: answered in the page's language (the language cookie).
  const locale = pageLocale(request);
  try {
    if (request.method !== "POST") return apiError(405, "method_not_allowed", "只接受 POST / POST only", [], requestId, { Allow: "POST" }, locale);
    if (!isSameOriginRequest(request)) return apiError(403, "cross_origin", "只接受本站页面的请求 / same-origin requests only", [], requestId, undefined, locale);
    const user = await getUser(request);
    if (!user) return apiError(401, "unauthorized", "登录已失效，请重新登录；未发送的分数已保留 / signed out: sign in again, unsent marks are kept", [], requestId, undefined, locale);
    if (!hasPermission(user, "judging:score")) return apiError(403, "forbidden", "没有评分权限 / you may not mark", [], requestId, undefined, locale);
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw badRequest("请求体不是有效的 JSON / the body is not valid JSON", [], "invalid_json");
    }
    const parsed = BodySchema.safeParse(json, { error: zodIssueMessage });
    if (!parsed.success) throw badRequest(bilingual("invalid_input"), parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    const results = (await submitMarks(user, params.eventId!, parsed.data.marks, { userId: user.id, requestId }))
      .map((r) => (r.status === "rejected" ? { ...r, error: { ...r.error, message: localiseMessage(r.error.message, locale) } } : r));
    const locked = results.some((r) => r.status === "rejected" && r.error.code === "sheet_locked");
    // Issue 11: a mark typed by another judge, or over an older version, is refused too (kept on the tablet).
    const refused = results.find((r) => r.status === "rejected" && (r.error.code === "judge_mismatch" || r.error.code === "mark_conflict"));
    const error = locked
      ? { code: "sheet_locked", message: localiseMessage(LOCKED_MESSAGE, locale), issues: [], requestId }
      : refused?.status === "rejected" ? { code: refused.error.code, message: refused.error.message, issues: [], requestId } : null;
    return Response.json(error ? { error, results } : { results }, { status: error ? 409 : 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toApiError(error, requestId, locale);
  }
}
