import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, readPublicJsonBody, toApiError } from "~/utils/api.server";
import { ObjectionSchema } from "~/modules/review-chain/notice-schemas";
import { fileObjection } from "~/modules/review-chain/notices.server";

// An objection to a 公示, public like the notice itself (rule N-33). JSON only: a unit's
// sealed letter is attached on the web page.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "不支持的方法 / method not allowed", [], requestId, { Allow: "POST" }, request);
  try {
    const input = await readPublicJsonBody(request, context, ObjectionSchema);
    const result = await fileObjection(params.code ?? "", input, null, { userId: null, requestId });
    return Response.json(result, { status: 201 });
  } catch (error) {
    return toApiError(error, requestId, request);
  }
}
