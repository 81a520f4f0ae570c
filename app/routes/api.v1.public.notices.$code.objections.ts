import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, toApiError } from "~/utils/api.server";
import { parseInput } from "~/utils/validation";
import { ObjectionSchema } from "~/modules/review-chain/notice-schemas";
import { fileObjection } from "~/modules/review-chain/notices.server";

// An objection to a 公示, public like the notice itself (rule N-33). JSON only: a unit's
// sealed letter is attached on the web page.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
  if (request.method !== "POST") return apiError(405, "method_not_allowed", "不支持的方法 / method not allowed", [], requestId, { Allow: "POST" });
  try {
    if (!(request.headers.get("Content-Type") ?? "").includes("application/json")) {
      return apiError(415, "unsupported_media_type", "请求体必须是 JSON（Content-Type: application/json）/ the body must be JSON", [], requestId);
    }
    const bytes = (context as { jsonBody?: Uint8Array } | undefined)?.jsonBody;
    let raw: unknown;
    try {
      raw = bytes ? JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")) : await request.json();
    } catch {
      return apiError(400, "invalid_json", "请求体不是有效的 JSON / the body is not valid JSON", [], requestId);
    }
    const input = parseInput(ObjectionSchema, raw);
    const result = await fileObjection(params.code ?? "", input, null, { userId: null, requestId });
    return Response.json(result, { status: 201 });
  } catch (error) {
    return toApiError(error, requestId);
  }
}
