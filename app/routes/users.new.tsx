import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { createUser, listGrantOptions } from "~/modules/users/users.server";
import { CreateUserSchema } from "~/modules/users/schemas";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import type { FieldIssue } from "~/utils/errors";
import { titled } from "~/utils/meta";

export const meta = titled("userNew");


export async function loader({ request }: LoaderFunctionArgs) {
  const manager = await requirePermission(request, "user:manage");
  return listGrantOptions(manager);
}

type Created = { ok: true; created: { id: string; username: string; displayName: string; oneTimePassword: string | null } };

export async function action({ request, context }: ActionFunctionArgs) {
  const manager = await requirePermission(request, "user:manage");
  try {
    const input = parseInput(CreateUserSchema, Object.fromEntries(await request.formData()));
    const { id, username, displayName, oneTimePassword } = await createUser(manager, input, actorOf(manager, context));
    // The one-time password is in this answer only: it is not stored in clear anywhere (issue 12).
    return { ok: true as const, created: { id, username, displayName, oneTimePassword } } satisfies Created;
  } catch (error) {
    return actionError(error, request);
  }
}

/** A select inside Field: marked invalid and pointing at Field's error text. */
const selectErrorProps = (issues: FieldIssue[] | undefined, name: string) =>
  issues?.some((i) => i.path === name) ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};

export default function NewUserPage() {
  const { t, i18n } = useTranslation("users");
  const en = i18n.language === "en";
  const { roles, orgs, truncated, roleRequired } = useLoaderData<typeof loader>();
  const result = useActionData<Created | ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  if (result?.ok) {
    const { created } = result;
    return (
      <>
        <p><Link to="/users">← {t("title")}</Link></p>
        <h1>{t("created")}</h1>
        <section className="card stack" aria-labelledby="created-title" data-testid="account-created">
          <h2 id="created-title">{created.displayName} <span className="muted small">({created.username})</span></h2>
          {created.oneTimePassword ? (
            <>
              <p>{t("oneTimePasswordOnce")}</p>
              <p><code className="secret" data-testid="one-time-password">{created.oneTimePassword}</code></p>
              <p className="muted small">{t("oneTimePasswordHint")}</p>
            </>
          ) : <p className="muted small">{t("mustChangeHint")}</p>}
          <p>
            <Link className="button" to={`/users/${created.id}`}>{t("openAccount")}</Link>{" "}
            <Link className="button button-secondary" to="/users/new" reloadDocument>{t("createAnother")}</Link>
          </p>
        </section>
      </>
    );
  }
  return (
    <>
      <p><Link to="/users">← {t("title")}</Link> · <Link to="/users/import">{t("import.title")}</Link></p>
      <h1>{t("newUser")}</h1>
      <FormMessage result={result} />
      <section className="card">
        <Form method="post" className="stack" noValidate>
          <Field name="username" label={t("username")} issues={issues} required autoComplete="off" hint={t("usernameHint")} />
          <Field name="displayName" label={t("displayName")} issues={issues} required />
          <p className="muted small">{t("oneTimePasswordNote")}</p>
          <fieldset>
            <legend>{roleRequired ? t("firstGrantRequired") : t("firstGrant")}</legend>
            {roleRequired ? null : <p className="muted small">{t("firstGrantHint")}</p>}
            <Field name="roleKey" label={t("role")} issues={issues} required={roleRequired}>
              <select id="roleKey" name="roleKey" defaultValue="" {...selectErrorProps(issues, "roleKey")}>
                <option value="">{roleRequired ? t("chooseRole") : t("noRole")}</option>
                {roles.map((r) => <option key={r.key} value={r.key}>{en ? r.nameEn : r.name}</option>)}
              </select>
            </Field>
            <Field name="orgId" label={t("org")} issues={issues} required={roleRequired}>
              <select id="orgId" name="orgId" defaultValue="" {...selectErrorProps(issues, "orgId")}>
                <option value="">{t("chooseOrg")}</option>
                {orgs.map((o) => <option key={o.id} value={o.id}>{"\u3000".repeat(o.level)}{o.name}</option>)}
              </select>
            </Field>
            {truncated ? <p className="muted small">{t("orgsTruncated", { count: orgs.length })}</p> : null}
          </fieldset>
          <button className="button" type="submit" disabled={busy}>{t("common:actions.create")}</button>
        </Form>
      </section>
    </>
  );
}
