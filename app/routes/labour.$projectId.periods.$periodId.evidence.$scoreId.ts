import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { readEvidence } from "~/modules/labour/evidence.server";

// An evidence photo or file of an assessed item (issue 14 item 3), for whoever may read the
// project or is the unit's own people (evidence.server.ts); 403 for anyone else.
const INLINE_TYPES = new Set(["image/jpeg", "image/png"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { file, bytes } = await readEvidence(user, params.projectId!, params.periodId!, params.scoreId!).catch((error: unknown) => asResponse(error, request));
  const inline = INLINE_TYPES.has(file.mimeType) && new URL(request.url).searchParams.get("download") !== "1";
  return new Response(bytes, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(file.filename, inline),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
