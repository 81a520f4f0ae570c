import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { readAttachment } from "~/modules/proposals/proposals.server";

// A proposal's attachment, for whoever may see the proposal (its authors, the office, the committee).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { file, bytes } = await readAttachment(user, params.attachmentId!).catch((error: unknown) => asResponse(error, request));
  const inline = file.mimeType.startsWith("image/");
  return new Response(bytes, {
    headers: {
      "Content-Type": file.mimeType, "Content-Length": String(bytes.byteLength), "Content-Disposition": contentDisposition(file.filename, inline),
      "Cache-Control": "private, no-store", "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox", "X-Content-Type-Options": "nosniff",
    },
  });
}
