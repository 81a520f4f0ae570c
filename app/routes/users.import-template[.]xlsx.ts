import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";
import { buildAccountsTemplate } from "~/modules/users/account-import.server";

// The empty account import template (用户名, 姓名, 手机, 单位, 角色), with its instructions sheet.
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  return new Response(await buildAccountsTemplate(), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="accounts-template.xlsx"; filename*=UTF-8''${encodeURIComponent("账号导入模板.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
