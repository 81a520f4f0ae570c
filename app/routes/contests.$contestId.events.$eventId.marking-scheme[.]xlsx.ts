import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { exportEventScheme } from "~/modules/contests/scheme-excel.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const { bytes, filename } = await exportEventScheme(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="marking-scheme.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
