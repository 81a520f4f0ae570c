import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { resultsWorkbook } from "~/modules/results/exports.server";

// 成绩汇总表 (.xlsx) for organisers, the chief judge and supervisors; the judges' marks sheet
// only for the chief judge and organisers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { buffer, filename } = await resultsWorkbook(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(filename, true),
      "Cache-Control": "private, no-store",
    },
  });
}
