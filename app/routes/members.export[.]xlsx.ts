import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { listMembersForExport } from "~/modules/members/members.server";
import { buildMembersWorkbook } from "~/modules/members/members-excel.server";
import { MemberListQuerySchema } from "~/modules/members/schemas";

// The member list as .xlsx, with the list page's filters; ?template=1 gives the empty
// import template. ID numbers appear as the caller may see them.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "member:read");
  const search = new URL(request.url).searchParams;
  const template = search.get("template") === "1";
  try {
    const query = parseInput(MemberListQuerySchema, Object.fromEntries([...search].filter(([k, v]) => k !== "template" && v.trim() !== "")));
    const members = template ? [] : await listMembersForExport(user, query);
    const body = await buildMembersWorkbook(members);
    const filename = template ? "会员导入模板.xlsx" : `会员-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return new Response(body, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="members.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return asResponse(error, request);
  }
}
