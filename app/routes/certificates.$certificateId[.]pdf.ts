import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { pageLocale } from "~/i18n/locale.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { certificatePdf } from "~/modules/results/certificates.server";

// 荣誉证书 PDF for its holder, their unit contact and the contest's organisers; the QR code
// links to /verify/<code> on this origin. The file is named in the reader's language (the page's,
// from the language cookie); Content-Disposition carries the name as UTF-8 (filename*) and an
// ASCII fallback.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const origin = new URL(request.url).origin;
  const { pdf, filename } = await certificatePdf(user, params.certificateId!, origin, pageLocale(request)).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(filename, true),
      "Cache-Control": "private, no-store",
    },
  });
}
