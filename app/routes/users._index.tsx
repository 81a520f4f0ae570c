import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasPermission, requirePermission } from "~/utils/auth.server";
import { listUsers } from "~/modules/users/users.server";
import { UserListQuerySchema } from "~/modules/users/schemas";
import { asResponse } from "~/utils/http.server";
import { titled } from "~/utils/meta";

export const meta = titled("users");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "user:read");
  // A malformed page number in the address falls back to the first page.
  const parsed = UserListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const query = parsed.success ? parsed.data : { page: 1, pageSize: 50 };
  const page = await listUsers(user, { ...query, pageSize: 50 }).catch((error: unknown) => asResponse(error, request));
  return { ...page, q: query.q ?? "", canManage: hasPermission(user, "user:manage") };
}

export default function UsersPage() {
  const { t, i18n } = useTranslation("users");
  const en = i18n.language === "en";
  const { items, total, page, pageSize, q, canManage } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <>
      <h1>{t("title")}</h1>
      <div className="toolbar">
        <Form method="get" className="toolbar" role="search">
          <div className="field">
            <label htmlFor="q">{t("search")}</label>
            <input id="q" name="q" type="search" defaultValue={q} />
          </div>
          <button className="button" type="submit">{t("common:actions.search")}</button>
        </Form>
        {canManage ? <Link className="button button-secondary" to="/users/new">{t("newUser")}</Link> : null}
        {canManage ? <Link className="button button-secondary" to="/users/import">{t("import.title")}</Link> : null}
      </div>
      <p className="muted" aria-live="polite">{t("total", { count: total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("username")}</th>
              <th scope="col">{t("displayName")}</th>
              <th scope="col">{t("grants")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? <tr><td colSpan={3}>{t("common:status.none")}</td></tr> : items.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <td><Link to={`/users/${u.id}`}>{u.username}</Link>{u.disabled ? <> <span className="badge badge-grey">{t("disabled")}</span></> : null}</td>
                <td>{u.displayName}</td>
                <td>
                  {u.grants.length === 0 && u.hiddenGrantCount === 0 ? <span className="muted">{t("noGrants")}</span> : null}
                  {u.grants.map((g) => <span key={g.id} className="badge">{en ? g.roleNameEn : g.roleName} · {g.orgName}</span>)}
                  {u.hiddenGrantCount ? <span className="muted small">{t("hiddenGrants", { count: u.hiddenGrantCount })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("page", { page, pages })}>
          {page > 1 ? <Link to={pageLink(page - 1)} rel="prev">← {t("common:actions.previous")}</Link> : null}
          <span>{t("page", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)} rel="next">{t("common:actions.next")} →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
