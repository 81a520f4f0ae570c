import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition, readFile } from "~/modules/files/files.server";
import { consultationAttachmentFor } from "~/modules/consultations/consultations.server";

// A department's attachment to its answer, for the asking level's reviewers and the department.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { file, bytes } = await readFile(await consultationAttachmentFor(user, params.taskId!));
    return new Response(bytes, { headers: { "Content-Type": file.mimeType, "Content-Disposition": contentDisposition(file.filename, false), "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" } });
  } catch (error) {
    return asResponse(error, request);
  }
}
