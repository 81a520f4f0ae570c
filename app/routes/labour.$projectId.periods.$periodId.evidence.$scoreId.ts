import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { storedFileResponse } from "~/modules/files/files.server";
import { readEvidence } from "~/modules/labour/evidence.server";

// An evidence photo or file of an assessed item (issue 14 item 3), for whoever may read the
// project or is the unit's own people (evidence.server.ts); 403 for anyone else.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { file, bytes } = await readEvidence(user, params.projectId!, params.periodId!, params.scoreId!).catch((error: unknown) => asResponse(error, request));
  return storedFileResponse(request, file, bytes);
}
