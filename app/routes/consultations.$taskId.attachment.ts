import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { readFile, storedFileResponse } from "~/modules/files/files.server";
import { consultationAttachmentFor } from "~/modules/consultations/consultations.server";

// A department's attachment to its answer, for the asking level's reviewers and the department.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { file, bytes } = await readFile(await consultationAttachmentFor(user, params.taskId!));
    return storedFileResponse(request, file, bytes);
  } catch (error) {
    return asResponse(error, request);
  }
}
