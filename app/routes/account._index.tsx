import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, changePassword, requireUser, safeRedirect } from "~/utils/auth.server";
import { ChangePasswordSchema } from "~/modules/users/schemas";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { issueFor } from "~/utils/errors";
import { describeGrants } from "~/modules/users/users.server";
import { titled } from "~/utils/meta";

export const meta = titled("account");


export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return {
    username: user.username, displayName: user.displayName, grants: await describeGrants(user),
    mustChangePassword: user.mustChangePassword, redirectTo: redirectTo ? safeRedirect(redirectTo) : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const form = Object.fromEntries(await request.formData());
    const input = parseInput(ChangePasswordSchema, form);
    await changePassword(user, input.currentPassword, input.newPassword, actorOf(user, context));
    // The first password change of a new account goes on to the page that was asked for.
    if (user.mustChangePassword) return redirect(safeRedirect(typeof form.redirectTo === "string" ? form.redirectTo : "/"));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Account() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <h1>{t("account.title")}</h1>
      <section className="card">
        <p><strong>{data.displayName}</strong> <span className="muted">({data.username})</span></p>
        <p>{data.grants.map((g) => <span key={g.roleKey + g.orgId} className="badge">{t(`roles.${g.roleKey}`)} · {g.orgName}</span>)}</p>
        <p><Link to="/account/member">{t("account.linkMember")}</Link> · <Link to="/account/tokens">{t("nav.tokens")}</Link></p>
      </section>
      <section className="card" aria-labelledby="pw-title">
        <h2 id="pw-title">{t("account.changePassword")}</h2>
        {data.mustChangePassword ? <div className="alert alert-warn" role="alert" data-testid="must-change-password">{t("account.mustChange")}</div> : null}
        {result?.ok ? <div className="alert alert-ok" role="status">{t("account.passwordChanged")}</div> : null}
        {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
        <Form method="post" className="stack">
          {data.redirectTo ? <input type="hidden" name="redirectTo" value={data.redirectTo} /> : null}
          {(["currentPassword", "newPassword", "confirmPassword"] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={name}>{data.mustChangePassword && name === "currentPassword" ? t("account.oneTimePassword") : t(`account.${name}`)}</label>
              <input id={name} name={name} type="password" required autoComplete={name === "currentPassword" ? "current-password" : "new-password"}
                aria-invalid={issueFor(issues, name) ? true : undefined} aria-describedby={`${name}-error`} />
              <span id={`${name}-error`} className="field-error">{issueFor(issues, name)}</span>
            </div>
          ))}
          <button className="button" type="submit">{t("actions.save")}</button>
        </Form>
      </section>
    </>
  );
}
