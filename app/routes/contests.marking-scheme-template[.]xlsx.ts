import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { buildSchemeWorkbook, EXAMPLE_SCHEME } from "~/modules/contests/scheme-excel.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The import template: the layout with example rows (theory 30% + practical 70%, rule S-11). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "contest:read");
  const bytes = await buildSchemeWorkbook(EXAMPLE_SCHEME, "评分标准模板（示例：理论 30% + 实操 70%）");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="marking-scheme-template.xlsx"; filename*=UTF-8''${encodeURIComponent("评分标准模板.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
