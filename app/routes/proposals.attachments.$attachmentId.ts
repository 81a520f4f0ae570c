import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { storedFileResponse } from "~/modules/files/files.server";
import { readAttachment } from "~/modules/proposals/proposals.server";

// A proposal's attachment, for whoever may see the proposal (its authors, the office, the committee).
// The headers of every stored file (storedFileResponse: sandbox CSP, nosniff, Content-Disposition).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { file, bytes } = await readAttachment(user, params.attachmentId!).catch((error: unknown) => asResponse(error, request));
  return storedFileResponse(request, file, bytes);
}
