import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requirePermission } from "~/utils/auth.server";
import { getUserDetail, grantRole, listGrantOptions, revokeGrant } from "~/modules/users/users.server";
import { GrantInputSchema } from "~/modules/users/schemas";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { Field, FormMessage } from "~/components/field";
import type { FieldIssue } from "~/utils/errors";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("user", (d) => d.account.displayName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "user:read");
  const account = await getUserDetail(viewer, params.userId!).catch((error: unknown) => asResponse(error, request));
  const canManage = hasPermission(viewer, "user:manage");
  return { account, options: canManage ? await listGrantOptions(viewer) : null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "user:manage");
  const form = Object.fromEntries(await request.formData());
  const actor = actorOf(viewer, context);
  try {
    if (form.intent === "grant") {
      await grantRole(viewer, params.userId!, parseInput(GrantInputSchema, form), actor);
      return { ok: true as const, intent: "grant" };
    }
    if (form.intent === "revoke" && typeof form.grantId === "string") {
      await revokeGrant(viewer, params.userId!, form.grantId, actor);
      // Revoking the last grant inside the viewer's scope takes the account out of it.
      const stillVisible = await getUserDetail(viewer, params.userId!).then(() => true, () => false);
      return stillVisible ? { ok: true as const, intent: "revoke" } : redirect("/users");
    }
    throw badRequest("未知的操作 / unknown action");
  } catch (error) {
    return actionError(error, request);
  }
}

const formatDate = (d: Date | string) => new Date(d).toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" });

/** A select inside Field: marked invalid and pointing at Field's error text. */
const selectErrorProps = (issues: FieldIssue[] | undefined, name: string) =>
  issues?.some((i) => i.path === name) ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};

export default function UserPage() {
  const { t, i18n } = useTranslation("users");
  const en = i18n.language === "en";
  const { account, options } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; intent: string } | ActionFailure>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <p><Link to="/users">← {t("title")}</Link></p>
      <h1>{account.displayName} <span className="muted small">({account.username})</span></h1>
      <FormMessage result={result} okText={result?.ok ? (result.intent === "grant" ? t("granted") : t("revoked")) : undefined} />
      <section className="card">
        <dl className="grid">
          <div><dt className="label">{t("username")}</dt><dd>{account.username}{account.disabled ? <> <span className="badge badge-grey">{t("disabled")}</span></> : null}</dd></div>
          <div><dt className="label">{t("displayName")}</dt><dd>{account.displayName}</dd></div>
          <div>
            <dt className="label">{t("member")}</dt>
            <dd>{account.member ? `${account.member.name}${t("common:inParens", { text: account.member.orgName })}` : account.memberLinked ? t("memberHidden") : t("noMember")}</dd>
          </div>
        </dl>
      </section>
      <h2 id="grants-title">{t("grants")}</h2>
      <div className="table-wrap">
        <table aria-labelledby="grants-title">
          <thead>
            <tr><th scope="col">{t("role")}</th><th scope="col">{t("org")}</th><th scope="col">{t("grantedAt")}</th>{options ? <th scope="col">{t("actions")}</th> : null}</tr>
          </thead>
          <tbody>
            {account.grants.length === 0 ? <tr><td colSpan={options ? 4 : 3}>{t("noGrants")}</td></tr> : account.grants.map((g) => (
              <tr key={g.id} data-testid="grant-row">
                <td>{en ? g.roleNameEn : g.roleName}</td>
                <td>{g.orgName}</td>
                <td>{formatDate(g.createdAt)}</td>
                {options ? (
                  <td>
                    {g.canRevoke ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="grantId" value={g.id} />
                        <button type="submit" className="button button-quiet" disabled={busy}
                          aria-label={`${t("revokeGrant")}: ${en ? g.roleNameEn : g.roleName} · ${g.orgName}`}>
                          {t("revokeGrant")}
                        </button>
                      </Form>
                    ) : <span className="muted small">{t("cannotRevoke")}</span>}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {account.hiddenGrantCount ? <p className="muted small">{t("hiddenGrants", { count: account.hiddenGrantCount })}</p> : null}
      {options ? (
        <>
          <h2 id="grant-title">{t("grantRole")}</h2>
          <section className="card" aria-labelledby="grant-title">
            <p className="muted small">{t("grantHelp")}</p>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="grant" />
              <Field name="roleKey" label={t("role")} issues={issues} required>
                <select id="roleKey" name="roleKey" required {...selectErrorProps(issues, "roleKey")}>
                  {options.roles.map((r) => <option key={r.key} value={r.key}>{en ? r.nameEn : r.name}</option>)}
                </select>
              </Field>
              <Field name="orgId" label={t("org")} issues={issues} required>
                <select id="orgId" name="orgId" required defaultValue="" {...selectErrorProps(issues, "orgId")}>
                  <option value="" disabled>{t("chooseOrg")}</option>
                  {options.orgs.map((o) => <option key={o.id} value={o.id}>{"\u3000".repeat(o.level)}{o.name}</option>)}
                </select>
              </Field>
              {options.truncated ? <p className="muted small">{t("orgsTruncated", { count: options.orgs.length })}</p> : null}
              <button className="button" type="submit" disabled={busy}>{t("grantRole")}</button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
