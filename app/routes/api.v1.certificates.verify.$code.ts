import type { LoaderFunctionArgs } from "@remix-run/node";
import { toApiError } from "~/utils/api.server";
import { verifyCertificate } from "~/modules/results/certificates.server";

// Certificate verification is public (anyone holding the certificate's QR code may check
// it), so this one endpoint answers without a token; errors keep the API's shape.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
  try {
    return Response.json(await verifyCertificate(params.code ?? ""), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toApiError(error, requestId, request);
  }
}
