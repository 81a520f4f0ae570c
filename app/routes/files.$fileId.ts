import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { storedFileResponse } from "~/modules/files/files.server";
import { readFileWithHonoursAccess } from "~/modules/honours/attachments.server";

// Downloads a stored file: signed-in users only, the uploader or an administrator
// (app/modules/files/files.server.ts), and for the honours records' attachments the
// people their own rules name (app/modules/honours/attachments.server.ts). Images open in the browser; everything else
// downloads. The sandbox CSP keeps an opened file from running script as this site.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { file, bytes } = await readFileWithHonoursAccess(user, params.fileId!).catch((error: unknown) => asResponse(error, request));
  return storedFileResponse(request, file, bytes);
}
