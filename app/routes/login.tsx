import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attemptLogin, createSession, getUser, passwordChangeUrl, safeRedirect, secureCookiesFor } from "~/utils/auth.server";
import { readForm } from "~/utils/http.server";
import { localeCookie } from "~/i18n/locale.server";
import { LoginSchema } from "~/modules/users/schemas";
import { db } from "~/utils/db.server";
import { titled } from "~/utils/meta";

export const meta = titled("login");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form) return Response.json({ message: "无法读取登录表单，请刷新页面后重试 / the sign-in form could not be read: reload and try again" }, { status: 400 });
  const parsed = LoginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0].message }, { status: 400 });
  const { username, password, redirectTo } = parsed.data;
  const { requestId, clientAddress } = (context ?? {}) as { requestId?: string; clientAddress?: string };
  const actor = { userId: null, requestId: requestId ?? null };
  const result = await attemptLogin(username, password, actor, new Date(), clientAddress);
  if (!result.ok) return Response.json({ message: result.message }, { status: result.status });
  const user = await db.user.findUniqueOrThrow({ where: { id: result.userId }, select: { locale: true, mustChangePassword: true } });
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId, request, actor, clientAddress));
  headers.append("Set-Cookie", await localeCookie.serialize(user.locale, { secure: secureCookiesFor(request) }));
  // A one-time password is changed first; the page asked for comes after (issue 12).
  return redirect(user.mustChangePassword ? passwordChangeUrl(safeRedirect(redirectTo)) : safeRedirect(redirectTo), { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const data = useActionData<{ message: string }>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="card login-card" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      {data?.message ? (
        <div className="alert alert-error" role="alert">{data.message}</div>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <div className="field">
          <label htmlFor="username">{t("login.username")}</label>
          <input id="username" name="username" autoComplete="username" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button" disabled={busy}>{t("login.submit")}</button>
      </Form>
      <p className="muted small">{t("login.demoHint")}</p>
    </section>
  );
}
