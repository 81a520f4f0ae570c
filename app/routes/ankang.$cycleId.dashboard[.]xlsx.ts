import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { cycleDashboard, dashboardWorkbook } from "~/modules/ankang/dashboard.server";
import { pageLocale } from "~/i18n/locale.server";
import { ankangText } from "~/modules/ankang/i18n";

// Every table of the 安康杯 dashboard as one workbook, a sheet per table, in the reader's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await cycleDashboard(user, params.cycleId!).catch((e) => asResponse(e, request));
  const locale = pageLocale(request);
  return new Response(await dashboardWorkbook(d.tables, locale), {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": contentDisposition(`${ankangText[locale].dashWorkbook.replace("{{cycle}}", d.cycle.name)}.xlsx`, false), "Cache-Control": "private, no-store" },
  });
}
