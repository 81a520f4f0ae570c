import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { periodNoticePdf } from "~/modules/labour/notice.server";

// 月度考评通报 as PDF (issue 14 item 5).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { buffer, filename } = await periodNoticePdf(user, params.projectId!, params.periodId!).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(buffer), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": contentDisposition(filename, true), "Cache-Control": "private, no-store" },
  });
}
