import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError } from "~/utils/api.server";

// Unknown API paths answer JSON, not the HTML 404 page.
function notFound({ context }: LoaderFunctionArgs) {
  return apiError(404, "not_found", "没有这个 API 路径，参见 /api/v1/openapi.json / no such endpoint", [], (context as { requestId?: string })?.requestId ?? null);
}
export const loader = notFound;
export const action = notFound;
