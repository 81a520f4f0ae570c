import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { importTemplate } from "~/modules/labour/import.server";

// The Excel import template of one period (issue 14 item 9): the roster × indicators, the events sheet and the event table.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { buffer, filename } = await importTemplate(user, params.projectId!, params.periodId!).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(filename, false),
      "Cache-Control": "private, no-store",
    },
  });
}
