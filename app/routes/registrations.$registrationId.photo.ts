import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { readFile } from "~/modules/files/files.server";
import { photoOf } from "~/modules/registration/registration.server";

// The entrant's photo, for whoever may see the registration (the entrant, their unit
// contact and the approvers of rule S-7). Images only; nothing else is stored here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fileId = await photoOf(user, params.registrationId!).catch((error: unknown) => asResponse(error, request));
  const { file, bytes } = await readFile(fileId).catch((error: unknown) => asResponse(error, request));
  return new Response(bytes, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
