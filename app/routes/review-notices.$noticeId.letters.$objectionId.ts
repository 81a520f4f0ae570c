import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { readFile, storedFileResponse } from "~/modules/files/files.server";
import { objectionLetterFor } from "~/modules/review-chain/notices.server";

// The sealed letter of a unit's objection, for the level's reviewers only. It was uploaded by a
// member of the public: served like every stored file (storedFileResponse: sandbox CSP, nosniff).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { file, bytes } = await readFile(await objectionLetterFor(user, params.objectionId!));
    return storedFileResponse(request, file, bytes);
  } catch (error) {
    return asResponse(error);
  }
}
