import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { resultsNoticePdf } from "~/modules/results/exports.server";

// 成绩公示 as PDF: the same access as the notice page (/results/$eventId), only after publication.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { pdf, filename } = await resultsNoticePdf(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(filename, true),
      "Cache-Control": "no-store",
    },
  });
}
