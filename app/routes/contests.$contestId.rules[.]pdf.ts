import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { readContestRules } from "~/modules/contests/contests.server";
import { storedFileResponse } from "~/modules/files/files.server";

/** The contest's rules PDF, for everyone who can see the contest; the headers of every stored file (storedFileResponse). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const { file, bytes } = await readContestRules(user, params.contestId!).catch((error: unknown) => asResponse(error, request));
  return storedFileResponse(request, file, bytes);
}
