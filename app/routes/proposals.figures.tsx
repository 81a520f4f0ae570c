import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { beijingDate } from "~/modules/calendar/working-days";
import { proposalFigures, type FigureRow } from "~/modules/proposals/proposals.server";
import { FiguresQuerySchema } from "~/modules/proposals/schemas";
import BarChart from "~/components/charts/bar-chart.client";
import { useHydrated } from "~/components/charts/use-hydrated";

// 合理化建议统计 (issue 16 item 5): per unit and team, proposals per 100 workers, adoption
// rate, benefit confirmed by finance, the front-line share of authors; charts and an Excel export.

export const meta = titled("proposalFigures");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "proposal:manage");
  try {
    const query = parseInput(FiguresQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const thisYear = Number(beijingDate(new Date()).slice(0, 4));
    const figures = await proposalFigures(user, query.year ?? thisYear);
    return { ...figures, years: Array.from({ length: 6 }, (_, i) => thisYear - i) };
  } catch (error) {
    return asResponse(error, request);
  }
}

function FiguresTable({ rows, caption }: { rows: FigureRow[]; caption: string }) {
  const { t } = useTranslation("proposals");
  const { paren } = useLocalise();
  const n = (v: number | null) => (v === null ? "—" : String(v));
  return (
    <div className="table-wrap"><table>
      <caption>{caption}</caption>
      <thead><tr>
        <th scope="col">{t("unit")}</th><th scope="col">{t("workers")}</th><th scope="col">{t("proposalsCount")}</th><th scope="col">{t("per100")}</th>
        <th scope="col">{t("adoptionRate")}</th><th scope="col">{t("confirmedBenefit")}</th><th scope="col">{t("frontlineShare")}</th>
      </tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.id}>
          <th scope="row">{r.name}{r.parentName ? <span className="muted small">{paren(r.parentName)}</span> : null}</th>
          <td>{r.workers}</td><td>{r.proposals}</td><td>{n(r.per100)}</td><td>{n(r.adoptionRate)}</td>
          <td>{r.confirmedBenefitYuan.toLocaleString("zh-CN")}</td><td>{n(r.frontlineShare)}</td>
        </tr>
      ))}</tbody>
    </table></div>
  );
}

export default function Figures() {
  const { t } = useTranslation("proposals");
  const hydrated = useHydrated();
  const { year, units, teams, years } = useLoaderData<typeof loader>();
  const charted = units.filter((u) => u.proposals > 0).slice(0, 30);
  return (
    <>
      <h1>{t("figuresTitle")}</h1>
      <p className="muted">{t("figuresHelp")}</p>
      <Form method="get" className="toolbar">
        <label className="inline">{t("year")}{" "}
          <select name="year" defaultValue={year}>{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
        </label>
        <button className="button button-secondary" type="submit">{t("show")}</button>
        <a className="button button-secondary" href={`/proposals/figures.xlsx?year=${year}`} download>{t("exportXlsx")}</a>
      </Form>
      {charted.length > 0 ? (
        <div className="card">
          <h2>{t("chartPer100")}</h2>
          <div style={{ height: `${Math.max(200, charted.length * 28)}px` }}>
            {hydrated && BarChart ? <BarChart labels={charted.map((u) => u.name)} values={charted.map((u) => u.per100 ?? 0)} label={t("chartPer100")} horizontal /> : <p className="muted">{t("chartLoading")}</p>}
          </div>
          <h2>{t("chartBenefit")}</h2>
          <div style={{ height: `${Math.max(200, charted.length * 28)}px` }}>
            {hydrated && BarChart ? <BarChart labels={charted.map((u) => u.name)} values={charted.map((u) => u.confirmedBenefitYuan)} label={t("chartBenefit")} horizontal color="#2f6fb0" /> : <p className="muted">{t("chartLoading")}</p>}
          </div>
        </div>
      ) : null}
      <h2>{t("units")}</h2>
      {units.length === 0 ? <p className="muted">{t("none")}</p> : <FiguresTable rows={units} caption={`${year} · ${t("units")}`} />}
      <h2>{t("teams")}</h2>
      {teams.length === 0 ? <p className="muted">{t("none")}</p> : <FiguresTable rows={teams} caption={`${year} · ${t("teams")}`} />}
    </>
  );
}
