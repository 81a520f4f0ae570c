import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requirePermission } from "~/utils/auth.server";
import { createOrg, getOrg, listOrgs, updateOrg } from "~/modules/orgs/orgs.server";
import { OrgInputSchema, OrgUpdateSchema } from "~/modules/orgs/schemas";
import { ORG_TYPES, ORG_TYPE_KEYS, OWNERSHIPS, UNIT_CATEGORY_KEYS, canBeChildOf, unitCategoryLabel, type OrgType } from "~/modules/orgs/org-types";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("org", (d) => d.org.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "org:read");
  const org = await getOrg(user, params.orgId!).catch((error: unknown) => asResponse(error, request));
  const children = await listOrgs(user, { parentId: org.id });
  return { org, children, canWrite: hasPermission(user, "org:write", org.path) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "org:write");
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "create-child") {
      const org = await createOrg(user, parseInput(OrgInputSchema, { ...form, parentId: params.orgId }), actorOf(user, context));
      return { ok: true as const, intent: "create-child", id: org.id };
    }
    await updateOrg(user, params.orgId!, parseInput(OrgUpdateSchema, form), actorOf(user, context));
    return { ok: true as const, intent: "update" };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function OrgPage() {
  const { t, i18n } = useTranslation("orgs");
  const lang = i18n.language === "en" ? "en" : "zh";
  const { org, children, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; intent: string } | ActionFailure>();
  const issues = result && !result.ok ? result.issues : undefined;
  const childTypes = ORG_TYPE_KEYS.filter((k) => canBeChildOf(k, org.type as OrgType));
  return (
    <>
      <p><Link to="/orgs">← {t("title")}</Link></p>
      <h1>{org.name}</h1>
      <FormMessage result={result} okText={result?.ok ? (result.intent === "create-child" ? t("created") : t("updated")) : undefined} />
      <section className="card">
        <dl className="grid">
          <div><dt className="label">{t("type")}</dt><dd>{ORG_TYPES[org.type as OrgType]?.[lang] ?? org.type}</dd></div>
          <div><dt className="label">{t("ownership")}</dt><dd>{org.ownership ?? t("none")}</dd></div>
          <div><dt className="label">{t("industry")}</dt><dd>{org.industry ?? t("none")}</dd></div>
          <div><dt className="label">{t("region")}</dt><dd>{org.region ?? t("none")}</dd></div>
          <div><dt className="label">{t("unitCategory")}</dt><dd>{org.unitCategory ? unitCategoryLabel(org.unitCategory, lang) : t("none")}</dd></div>
          <div><dt className="label">{t("members")}</dt><dd><Link to={`/members?orgId=${org.id}`}>{org._count.members}</Link></dd></div>
        </dl>
      </section>
      <h2>{t("children")}</h2>
      {children.length ? (
        <ul>{children.map((c) => <li key={c.id}><Link to={`/orgs/${c.id}`}>{c.name}</Link></li>)}</ul>
      ) : <p className="muted">{t("none")}</p>}
      {canWrite ? (
        <div className="grid">
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">{t("editTitle")}</h2>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="update" />
              <Field name="name" label={t("name")} defaultValue={org.name} required issues={result?.ok === false && !("intent" in result) ? issues : undefined} />
              <Field name="shortName" label={t("shortName")} defaultValue={org.shortName} />
              <Field name="ownership" label={t("ownership")}>
                <select id="ownership" name="ownership" defaultValue={org.ownership ?? ""}>
                  <option value="">{t("none")}</option>
                  {OWNERSHIPS.map((o) => <option key={o}>{o}</option>)}
                </select>
              </Field>
              <Field name="industry" label={t("industry")} defaultValue={org.industry} />
              <Field name="region" label={t("region")} defaultValue={org.region} />
              <Field name="unitCategory" label={t("unitCategory")} issues={issues}>
                <select id="unitCategory" name="unitCategory" defaultValue={org.unitCategory ?? ""}>
                  <option value="">{t("none")}</option>
                  {UNIT_CATEGORY_KEYS.map((k) => <option key={k} value={k}>{unitCategoryLabel(k, lang)}</option>)}
                </select>
              </Field>
              <button className="button" type="submit">{t("common:actions.save")}</button>
            </Form>
          </section>
          {childTypes.length ? (
            <section className="card" aria-labelledby="child-title">
              <h2 id="child-title">{t("newChild")}</h2>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="create-child" />
                <Field name="name" label={t("name")} required issues={issues} id="child-name" />
                <Field name="type" label={t("type")} issues={issues}>
                  <select id="type" name="type" required>
                    {childTypes.map((k) => <option key={k} value={k}>{ORG_TYPES[k][lang]}</option>)}
                  </select>
                </Field>
                <Field name="ownership" label={t("ownership")}>
                  <select id="child-ownership" name="ownership" defaultValue="">
                    <option value="">{t("none")}</option>
                    {OWNERSHIPS.map((o) => <option key={o}>{o}</option>)}
                  </select>
                </Field>
                <Field name="industry" label={t("industry")} id="child-industry" />
                <Field name="region" label={t("region")} id="child-region" defaultValue={org.region} />
                <Field name="unitCategory" label={t("unitCategory")} id="child-unitCategory">
                  <select id="child-unitCategory" name="unitCategory" defaultValue="">
                    <option value="">{t("none")}</option>
                    {UNIT_CATEGORY_KEYS.map((k) => <option key={k} value={k}>{unitCategoryLabel(k, lang)}</option>)}
                  </select>
                </Field>
                <button className="button" type="submit">{t("common:actions.create")}</button>
              </Form>
            </section>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
