import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, changePassword, requireUser } from "~/utils/auth.server";
import { ChangePasswordSchema } from "~/modules/users/schemas";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { issueFor } from "~/utils/errors";
import { describeGrants } from "~/modules/users/users.server";
import { titled } from "~/utils/meta";

export const meta = titled("account");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { username: user.username, displayName: user.displayName, grants: await describeGrants(user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const input = parseInput(ChangePasswordSchema, Object.fromEntries(await request.formData()));
    await changePassword(user, input.currentPassword, input.newPassword, actorOf(user, context));
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
        {result?.ok ? <div className="alert alert-ok" role="status">{t("account.passwordChanged")}</div> : null}
        {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
        <Form method="post" className="stack">
          {(["currentPassword", "newPassword", "confirmPassword"] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={name}>{t(`account.${name}`)}</label>
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
