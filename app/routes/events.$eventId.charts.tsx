import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { loadCharts } from "~/modules/results/charts.server";
import BarChart from "~/components/charts/bar-chart.client";
import RankMovementChart from "~/components/charts/rank-movement-chart.client";
import { useHydrated } from "~/components/charts/use-hydrated";
import { titled } from "~/utils/meta";

// 统计图表 for organisers and the chief judge: score distribution, judge calibration,
// participation by unit and region, rank movement from heats to final. Chart.js draws after
// hydration; every chart also has its numbers in a table, for screen readers and print.

export const meta = titled<typeof loader>("charts", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadCharts(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

type Bars = { label: string; value: number }[];

function ChartSection({ id, title, bars, horizontal, valueLabel }: { id: string; title: string; bars: Bars; horizontal?: boolean; valueLabel: string }) {
  const { t } = useTranslation("publication");
  const hydrated = useHydrated();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {bars.length === 0 || bars.every((b) => b.value === 0) ? (
        <p className="muted">{t("charts.noData")}</p>
      ) : (
        <>
          <div style={{ position: "relative", height: horizontal ? Math.max(160, bars.length * 28) : 260 }}>
            {hydrated && BarChart ? <BarChart labels={bars.map((b) => b.label)} values={bars.map((b) => b.value)} label={title} horizontal={horizontal} /> : <p className="muted">{t("charts.loading")}</p>}
          </div>
          <details>
            <summary>{valueLabel}</summary>
            <table className="small">
              <tbody>{bars.map((b) => <tr key={b.label}><th scope="row">{b.label}</th><td>{b.value}</td></tr>)}</tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

export default function ChartsPage() {
  const { t } = useTranslation("publication");
  const data = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  return (
    <>
      <p className="muted">{data.event.contestName}</p>
      <h1>{t("charts.title")}{t("common:colon")}{data.event.name}</h1>
      <ChartSection id="distribution" title={t("charts.distribution")} bars={data.distribution} valueLabel={t("charts.entrants")} />
      <ChartSection id="calibration" title={t("charts.calibration")} bars={data.calibration} horizontal valueLabel={t("charts.calibration")} />
      <ChartSection id="by-unit" title={t("charts.byUnit")} bars={data.byUnit} horizontal valueLabel={t("charts.entrants")} />
      <ChartSection id="by-region" title={t("charts.byRegion")} bars={data.byRegion} horizontal valueLabel={t("charts.entrants")} />
      <section className="card" aria-labelledby="movement">
        <h2 id="movement">{t("charts.movement")}</h2>
        {data.movement === null ? (
          <p className="muted">{t("charts.noHeats")}</p>
        ) : data.movement.length === 0 ? (
          <p className="muted">{t("charts.noData")}</p>
        ) : (
          <>
            <div style={{ position: "relative", height: 320 }}>
              {hydrated && RankMovementChart ? (
                <RankMovementChart rows={data.movement} stageLabels={[t("charts.heatsRank"), t("charts.finalRank")]} label={t("charts.movement")} />
              ) : <p className="muted">{t("charts.loading")}</p>}
            </div>
            <details>
              <summary>{t("charts.movement")}</summary>
              <table className="small">
                <thead><tr><th>{t("name")}</th><th>{t("charts.heatsRank")}</th><th>{t("charts.finalRank")}</th></tr></thead>
                <tbody>{data.movement.map((m) => <tr key={m.label}><td>{m.label}</td><td>{m.heatsRank}</td><td>{m.finalRank}</td></tr>)}</tbody>
              </table>
            </details>
          </>
        )}
      </section>
    </>
  );
}
