import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { buildRegistrationTemplate } from "~/modules/registration/registration-excel.server";

// The unit contact's Excel template (a download: reads nothing, changes nothing).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "registration:unit");
  const bytes = await buildRegistrationTemplate();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="registration-template.xlsx"; filename*=UTF-8''${encodeURIComponent("报名模板.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
