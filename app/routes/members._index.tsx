import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalise } from "~/utils/use-localise";
import { hasPermission, requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { listMembers, unitOptions } from "~/modules/members/members.server";
import { MemberListQuerySchema } from "~/modules/members/schemas";
import { EMPLOYMENT_STATUSES, MEMBER_FLAGS, SKILL_LEVELS } from "~/modules/members/member-fields";
import { titled } from "~/utils/meta";

export const meta = titled("members");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "member:read");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v.trim() !== ""));
  try {
    const query = parseInput(MemberListQuerySchema, params);
    const [page, units] = await Promise.all([listMembers(user, query), unitOptions(user, "member:read")]);
    return { ...page, query, units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })), canWrite: hasPermission(user, "member:write") };
  } catch (error) {
    return asResponse(error, request);
  }
}

export default function MembersPage() {
  const { t } = useTranslation("members");
  const { value } = useLocalise();
  const { items, total, page, pageSize, query, units, canWrite } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next.toString()}`;
  };
  const exportParams = new URLSearchParams(params);
  exportParams.delete("page");
  const minDepth = Math.min(...units.map((u) => u.depth));
  return (
    <>
      <h1>{t("title")}</h1>
      <div className="toolbar">
        {canWrite ? <Link className="button" to="/members/new">{t("newMember")}</Link> : null}
        {canWrite ? <Link className="button button-secondary" to="/members/import">{t("import")}</Link> : null}
        {canWrite ? <Link className="button button-secondary" to="/members/duplicates">{t("duplicatesLink")}</Link> : null}
        <a className="button button-secondary" href={`/members/export.xlsx?${exportParams.toString()}`} download>{t("export")}</a>
      </div>
      <Form method="get" className="toolbar" role="search" aria-label={t("search")}>
        <div className="field">
          <label htmlFor="q">{t("search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("searchPlaceholder")} />
        </div>
        <div className="field">
          <label htmlFor="orgId">{t("orgFilter")}</label>
          <select id="orgId" name="orgId" defaultValue={query.orgId ?? ""}>
            <option value="">{t("all")}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{"\u3000".repeat(Math.max(0, u.depth - minDepth))}{u.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="skillLevel">{t("skillLevel")}</label>
          <select id="skillLevel" name="skillLevel" defaultValue={query.skillLevel ?? ""}>
            <option value="">{t("all")}</option>
            {SKILL_LEVELS.map((s) => <option key={s} value={s}>{value(s)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="employmentStatus">{t("employmentStatus")}</label>
          <select id="employmentStatus" name="employmentStatus" defaultValue={query.employmentStatus ?? ""}>
            <option value="">{t("all")}</option>
            {EMPLOYMENT_STATUSES.map((s) => <option key={s} value={s}>{value(s)}</option>)}
          </select>
        </div>
        <button className="button" type="submit">{t("common:actions.search")}</button>
      </Form>
      <p className="muted" role="status">{t("count", { count: total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("sex")}</th>
              <th scope="col">{t("birthDate")}</th>
              <th scope="col">{t("idNumber")}</th>
              <th scope="col">{t("phone")}</th>
              <th scope="col">{t("unit")}</th>
              <th scope="col">{t("post")}</th>
              <th scope="col">{t("skillLevel")}</th>
              <th scope="col">{t("employmentStatus")}</th>
              <th scope="col">{t("flags")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? <tr><td colSpan={10}>{t("common:status.none")}</td></tr> : items.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <td><Link to={`/members/${m.id}`}>{m.name}</Link></td>
                <td>{value(m.sex)}</td>
                <td>{m.birthDate}</td>
                <td><code>{m.idNumber}</code></td>
                <td>{m.phone ?? ""}</td>
                <td>{m.orgName}</td>
                <td>{m.post ?? ""}</td>
                <td>{value(m.skillLevel)}</td>
                <td>{value(m.employmentStatus)}</td>
                <td>{MEMBER_FLAGS.filter((f) => m[f]).map((f) => <span key={f} className="badge">{t(f)}</span>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pagination" aria-label={t("pageOf", { page, pages })}>
          {page > 1 ? <Link to={pageLink(page - 1)} rel="prev">← {t("common:actions.previous")}</Link> : null}
          <span>{t("pageOf", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)} rel="next">{t("common:actions.next")} →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
