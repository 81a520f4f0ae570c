import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasPermission, requirePermission } from "~/utils/auth.server";
import { listContests } from "~/modules/contests/contests.server";
import { CONTEST_STATUSES } from "~/modules/contests/event-rules";
import { formatChinaDay } from "~/modules/contests/dates";
import { lifecycleOf } from "~/modules/contests/lifecycle.server";
import { titled } from "~/utils/meta";

export const meta = titled("contests");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() || undefined;
  const status = CONTEST_STATUSES.find((s) => s === url.searchParams.get("status"));
  const contests = await listContests(user, { q, status });
  const stages = await lifecycleOf(contests.map((c) => c.id));
  return { contests: contests.map((c) => ({ ...c, stage: stages.get(c.id)?.stage ?? null })), q, status, canCreate: hasPermission(user, "contest:manage") };
}

export default function ContestsPage() {
  const { t } = useTranslation("contests");
  const { contests, q, status, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("title")}</h1>
      <div className="toolbar">
        <Form method="get" className="toolbar" role="search">
          <div className="field">
            <label htmlFor="q">{t("columns.name")}</label>
            <input id="q" name="q" defaultValue={q ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="status">{t("columns.status")}</label>
            <select id="status" name="status" defaultValue={status ?? ""}>
              <option value="">{t("common:actions.filter")}</option>
              {CONTEST_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </select>
          </div>
          <button className="button button-secondary" type="submit">{t("common:actions.search")}</button>
        </Form>
        {canCreate ? <Link className="button" to="/contests/new">{t("newContest")}</Link> : null}
      </div>
      <p className="muted">{t("count", { count: contests.length })}</p>
      {contests.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.org")}</th>
                <th scope="col">{t("columns.level")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("lifecycle.stage")}</th>
                <th scope="col">{t("columns.events")}</th>
                <th scope="col">{t("columns.registration")}</th>
              </tr>
            </thead>
            <tbody>
              {contests.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/contests/${c.id}`}>{c.name}</Link></td>
                  <td>{c.orgName}</td>
                  <td>{t(`levels.${c.level}`, { defaultValue: c.level })} · {c.contestClass ? t(`classes.${c.contestClass}`, { defaultValue: c.contestClass }) : ""}</td>
                  <td><span className={c.status === "open" ? "badge" : "badge badge-grey"}>{t(`status.${c.status}`)}</span></td>
                  <td>{c.stage ? t(`lifecycle.stages.${c.stage}`) : ""}</td>
                  <td>{c.eventCount}</td>
                  <td>{c.registrationOpensAt ? `${formatChinaDay(c.registrationOpensAt)} — ${formatChinaDay(c.registrationClosesAt)}` : t("none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("noContests")}</p>
      )}
    </>
  );
}
