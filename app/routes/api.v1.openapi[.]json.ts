import { buildOpenApiDocument } from "~/modules/api/openapi";
import { ALL_OPERATIONS } from "~/modules/api/operations";

// Public: the API description itself holds no data.
let cached: string | undefined;

export function loader() {
  cached ??= JSON.stringify(buildOpenApiDocument(ALL_OPERATIONS, { version: "1.0.0" }));
  return new Response(cached, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
