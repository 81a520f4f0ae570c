import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { cycleDashboard, dashboardWorkbook } from "~/modules/ankang/dashboard.server";

// Every table of the 安康杯 dashboard as one workbook, a sheet per table.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await cycleDashboard(user, params.cycleId!).catch((e) => asResponse(e, request));
  return new Response(await dashboardWorkbook(d.tables), {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": contentDisposition(`${d.cycle.name}安康杯统计.xlsx`, false), "Cache-Control": "private, no-store" },
  });
}
