import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/resources";
import { localeCookie } from "~/i18n/locale.server";
import { actorOf, getUser, safeRedirect, secureCookiesFor } from "~/utils/auth.server";
import { setAccountLocale } from "~/modules/users/users.server";
import { readForm } from "~/utils/http.server";

export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form?.get("locale");
  if (!form || !isLocale(locale)) return Response.json({ message: "不支持的语言 / unsupported language" }, { status: 400 });
  const user = await getUser(request);
  if (user) await setAccountLocale(user, locale, actorOf(user, context));
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await localeCookie.serialize(locale, { secure: secureCookiesFor(request) }) } });
}
