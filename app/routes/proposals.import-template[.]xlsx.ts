import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { proposalImportTemplate } from "~/modules/proposals/import.server";

// The Excel template of the proposal import (issue 16): Chinese headers, English hints in row 2.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "proposal:manage");
  const { buffer, filename } = await proposalImportTemplate(user).catch((error: unknown) => asResponse(error, request));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(filename, false),
      "Cache-Control": "private, no-store",
    },
  });
}
