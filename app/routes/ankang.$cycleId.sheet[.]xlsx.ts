import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { contentDisposition } from "~/modules/files/files.server";
import { getCycle } from "~/modules/ankang/ankang.server";
import { buildSheetWorkbook } from "~/modules/ankang/sheet-excel.server";
import { notFound } from "~/utils/errors";

// The cycle's current score sheet as .xlsx (the same layout the import reads).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cycle = await getCycle(user, params.cycleId!).catch((e) => asResponse(e, request));
  if (!cycle.sheet) throw asResponse(notFound(), request);
  const bytes = await buildSheetWorkbook(cycle.sheet.definition, `${cycle.name} ${cycle.sheet.title}（第 ${cycle.sheet.version} 版）`);
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": contentDisposition(`${cycle.name}考核评分表.xlsx`, false), "Cache-Control": "private, no-store" },
  });
}
