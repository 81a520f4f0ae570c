import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { cycleDashboard } from "~/modules/ankang/dashboard.server";
import BarChart from "~/components/charts/bar-chart.client";
import { useHydrated } from "~/components/charts/use-hydrated";
import { titled } from "~/utils/meta";
import { dashboardText } from "~/modules/ankang/dashboard";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled<typeof loader>("ankangDashboard", (d) => d.cycle.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return cycleDashboard(user, params.cycleId!).catch((e) => asResponse(e, request));
}

export default function Dashboard() {
  const { t } = useTranslation("ankang");
  const { cycle, tables } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const L = useLocalise();
  const words = dashboardText(L.locale);
  return (
    <>
      <p><Link to={`/ankang/${cycle.id}`}>← {cycle.name}</Link></p>
      <h1>{cycle.name} · {t("dashboard")}</h1>
      <p><a className="button button-secondary" href={`/ankang/${cycle.id}/dashboard.xlsx`}>{t("export")}</a></p>
      {tables.map((table) => (
        <section key={table.key} aria-labelledby={`t-${table.key}`} className="card">
          <h2 id={`t-${table.key}`}>{words.title(table.key)}</h2>
          {table.rows.length ? (
            <div style={{ height: 220 }}>
              {hydrated && BarChart ? <BarChart labels={table.rows.map((r) => String(words.cell(table, r[0], 0)))} values={table.rows.map((r) => Number(r[1]))} label={`${words.title(table.key)}${L.locale === "en" ? ": " : "："}${words.column(table.columns[1])}`} /> : null}
            </div>
          ) : null}
          <div className="table-wrap"><table>
            <thead><tr>{table.columns.map((c) => <th key={c}>{words.column(c)}</th>)}</tr></thead>
            <tbody>{table.rows.length ? table.rows.map((r, i) => <tr key={i}>{r.map((c, k) => <td key={k}>{words.cell(table, c, k)}</td>)}</tr>) : <tr><td colSpan={table.columns.length}>{t("none")}</td></tr>}</tbody>
          </table></div>
        </section>
      ))}
    </>
  );
}
