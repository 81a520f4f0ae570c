import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { nominationFormPdf } from "~/modules/nominations/exports.server";

// 推荐审批表 of one candidate, for its unit and the reviewing levels (the ID number masked).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { pdf, filename } = await nominationFormPdf(user, params.nominationId!).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": contentDisposition(filename, true), "Cache-Control": "private, no-store" },
  });
}
