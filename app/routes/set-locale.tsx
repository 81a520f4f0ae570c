import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/resources";
import { localeCookie } from "~/i18n/locale.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) return Response.json({ message: "不支持的语言 / unsupported language" }, { status: 400 });
  const user = await getUser(request);
  if (user) await db.user.update({ where: { id: user.id }, data: { locale } });
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
