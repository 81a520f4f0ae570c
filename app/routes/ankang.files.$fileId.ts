import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { storedFileResponse } from "~/modules/files/files.server";
import { ankangFileFor } from "~/modules/ankang/hazards.server";

// A photo or scan attached to a 安康杯 record, for whoever may see the record.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { file, bytes } = await ankangFileFor(user, params.fileId!).catch((error: unknown) => asResponse(error, request));
  return storedFileResponse(request, file, bytes);
}
