import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { beijingDate } from "~/modules/calendar/working-days";
import { proposalFigures } from "~/modules/proposals/proposals.server";
import { buildFiguresWorkbook } from "~/modules/proposals/figures-excel.server";
import { FiguresQuerySchema } from "~/modules/proposals/schemas";

// The figures page as an Excel workbook (issue 16 item 5).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "proposal:manage");
  try {
    const query = parseInput(FiguresQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const year = query.year ?? Number(beijingDate(new Date()).slice(0, 4));
    const figures = await proposalFigures(user, year);
    const body = await buildFiguresWorkbook(year, figures.units, figures.teams);
    return new Response(body, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="proposal-figures-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`合理化建议统计-${year}.xlsx`)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return asResponse(error, request);
  }
}
