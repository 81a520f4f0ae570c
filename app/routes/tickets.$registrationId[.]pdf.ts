import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { admissionTicketPdf } from "~/modules/tickets/tickets.server";

// 准考证 PDF for the entrant, their unit contact, organisers and the encryption officer.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const origin = new URL(request.url).origin;
  const { pdf, filename } = await admissionTicketPdf(user, params.registrationId!, origin).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(filename, true),
      "Cache-Control": "private, no-store",
    },
  });
}
