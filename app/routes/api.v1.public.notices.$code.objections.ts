import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, readPublicJsonBody, toApiError } from "~/utils/api.server";
import { ObjectionApiSchema } from "~/modules/review-chain/notice-schemas";
import { fileObjection } from "~/modules/review-chain/notices.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// An objection to a 公示, public like the notice itself (rule N-33). A unit's sealed letter comes
// base64 in the JSON body (issue 13) and goes through the page's checks (fileObjection).
export async function action({ request, params, context }: ActionFunctionArgs) {
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "不支持的方法 / method not allowed", [], requestId, { Allow: "POST" }, request);
  try {
    const { letter, ...input } = await readPublicJsonBody(request, context, ObjectionApiSchema);
    const file = letter ? fileFromBase64(letter.filename, letter.contentBase64, "letter.contentBase64") : null;
    const result = await fileObjection(params.code ?? "", input, file, { userId: null, requestId });
    return Response.json(result, { status: 201 });
  } catch (error) {
    return toApiError(error, requestId, request);
  }
}
