import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { campaignSummaryXlsx } from "~/modules/nominations/exports.server";

// 推荐汇总表: the nominees the caller may see, in the column order offices use.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { bytes, filename } = await campaignSummaryXlsx(user, params.campaignId!).catch((error: unknown) => asResponse(error, request));
  return new Response(bytes, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(filename, false),
      "Cache-Control": "private, no-store",
    },
  });
}
