import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { readFile, storedFileResponse } from "~/modules/files/files.server";
import { photoOf } from "~/modules/registration/registration.server";

// The entrant's photo, for whoever may see the registration (the entrant, their unit
// contact and the approvers of rule S-7). Images only; nothing else is stored here. The headers of
// every stored file (storedFileResponse: sandbox CSP, nosniff, an inline Content-Disposition).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const fileId = await photoOf(user, params.registrationId!).catch((error: unknown) => asResponse(error, request));
  const { file, bytes } = await readFile(fileId).catch((error: unknown) => asResponse(error, request));
  return storedFileResponse(request, file, bytes);
}
