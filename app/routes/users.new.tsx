import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
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

export async function action({ request, context }: ActionFunctionArgs) {
  const manager = await requirePermission(request, "user:manage");
  try {
    const input = parseInput(CreateUserSchema, Object.fromEntries(await request.formData()));
    const created = await createUser(manager, input, actorOf(manager, context));
    return redirect(`/users/${created.id}`);
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
  const { roles, orgs, truncated } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const issues = result?.issues;
  return (
    <>
      <p><Link to="/users">← {t("title")}</Link></p>
      <h1>{t("newUser")}</h1>
      <FormMessage result={result} />
      <section className="card">
        <Form method="post" className="stack" noValidate>
          <Field name="username" label={t("username")} issues={issues} required autoComplete="off" hint={t("usernameHint")} />
          <Field name="displayName" label={t("displayName")} issues={issues} required />
          <Field name="password" label={t("password")} type="password" issues={issues} required autoComplete="new-password" hint={t("passwordHint")} />
          <fieldset>
            <legend>{t("firstGrant")}</legend>
            <p className="muted small">{t("firstGrantHint")}</p>
            <Field name="roleKey" label={t("role")} issues={issues}>
              <select id="roleKey" name="roleKey" defaultValue="" {...selectErrorProps(issues, "roleKey")}>
                <option value="">{t("noRole")}</option>
                {roles.map((r) => <option key={r.key} value={r.key}>{en ? r.nameEn : r.name}</option>)}
              </select>
            </Field>
            <Field name="orgId" label={t("org")} issues={issues}>
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
