import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { contentDisposition } from "~/modules/files/files.server";
import { buildQuestionTemplate } from "~/modules/ankang/question-excel.server";

// The quiz question template (题库模板) with one example of each kind.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "ankang:manage");
  const bytes = await buildQuestionTemplate();
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": contentDisposition("安康杯题库模板.xlsx", false), "Cache-Control": "private, no-store" },
  });
}
