import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { readContestRules } from "~/modules/contests/contests.server";
import { contentDisposition } from "~/modules/files/files.server";

/** The contest's rules PDF, for everyone who can see the contest. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const { file, bytes } = await readContestRules(user, params.contestId!).catch((error: unknown) => asResponse(error, request));
  return new Response(bytes, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(file.filename, false),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
