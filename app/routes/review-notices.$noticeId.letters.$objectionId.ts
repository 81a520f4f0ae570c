import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition, readFile } from "~/modules/files/files.server";
import { objectionLetterFor } from "~/modules/review-chain/notices.server";

// The sealed letter of a unit's objection, for the level's reviewers only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { file, bytes } = await readFile(await objectionLetterFor(user, params.objectionId!));
    return new Response(bytes, { headers: { "Content-Type": file.mimeType, "Content-Disposition": contentDisposition(file.filename, true), "Cache-Control": "private, no-store" } });
  } catch (error) {
    return asResponse(error);
  }
}
